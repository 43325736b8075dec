"""Sharing images: the PNGs that Open Graph and Twitter cards point at.

One per chart that is some term's first chart (rendered from its Vega-Lite spec) and a
site card; :mod:`glossary_site.emit.sharing` renders and caches them.
"""

from __future__ import annotations

from glossary_site.content.resolve import Glossary
from glossary_site.emit import EmitOptions, Files


def emit(glossary: Glossary, options: EmitOptions) -> Files:
    """Site path → PNG bytes; nothing when sharing images are off."""
    if options.share_images is None:
        return {}
    from glossary_site.emit.sharing import first_chart, share_images

    firsts = {first_chart(glossary, slug) for slug in glossary.terms}  # the charts pages use
    specs = {cid: a.spec_json for cid, a in options.chart_assets.items() if cid in firsts}
    return share_images(specs, options.site_name, options.site_description, options.share_images)
