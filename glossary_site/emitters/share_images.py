"""Sharing images: the PNGs that Open Graph and Twitter cards point at.

One per chart that is some term's first chart (rendered from its Vega-Lite spec) and a
site card; :mod:`glossary_site.sharing` renders and caches them.
"""

from __future__ import annotations

from ..resolve import Glossary
from . import EmitOptions, Files


def emit(glossary: Glossary, options: EmitOptions) -> Files:
    """Site path → PNG bytes; nothing when sharing images are off."""
    if options.share_images is None:
        return {}
    from ..sharing import share_images_for

    specs = {cid: assets.spec_json for cid, assets in options.chart_assets.items()}
    return dict(share_images_for(glossary, specs, options.site_name, options.site_description,
                                 options.share_images))
