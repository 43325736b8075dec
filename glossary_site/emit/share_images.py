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
    from glossary_site.emit.sharing import share_images_for

    specs = {cid: assets.spec_json for cid, assets in options.chart_assets.items()}
    return dict(share_images_for(glossary, specs, options.site_name, options.site_description,
                                 options.share_images))
