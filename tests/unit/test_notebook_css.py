"""The notebook-page hook (glossary_site.notebook_css): inlined Jupyter CSS becomes a link."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from glossary_site import notebook_css

PAGE = (
    "<html><head></head><body><article class='md-content__inner'><h1>NB</h1>"
    '<style type="text/css">.jupyter-wrapper{--a:1}</style>\n'
    '<style type="text/css">.jp-Cell{color:red}</style>\n'
    '<div class="jupyter-wrapper"><div class="jp-Cell">'
    '<style type="text/css">.dataframe td{x:y}</style></div></div></article></body></html>'
)


def test_leading_styles_move_to_one_shared_stylesheet(tmp_path: Path) -> None:
    notebook_css.on_pre_build(SimpleNamespace(plugins={}))  # no mkdocs-jupyter: no page cache
    page = SimpleNamespace(url="notebooks/flywheel/")
    out = notebook_css.on_post_page(PAGE, page, None)
    again = notebook_css.on_post_page(PAGE, SimpleNamespace(url="notebooks/other/"), None)
    assert ".jupyter-wrapper{--a:1}" not in out and ".jp-Cell{color:red}" not in out
    assert ".dataframe td{x:y}" in out  # a style inside an output stays
    href = out.split('<link rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert href.startswith("../../assets/stylesheets/jupyter-") and href.endswith(".css")
    assert href in again
    notebook_css.on_post_build({"site_dir": str(tmp_path)})
    assert [p.name for p in tmp_path.iterdir()] == ["assets"]
    written = list((tmp_path / "assets" / "stylesheets").glob("jupyter-*.css"))
    assert len(written) == 1 and written[0].name == href.rsplit("/", 1)[1]
    text = written[0].read_text()
    assert ".jupyter-wrapper{--a:1}" in text and ".jp-Cell{color:red}" in text


def test_a_page_without_a_notebook_is_unchanged() -> None:
    html = "<article><style type='text/css'>a{}</style><p>text</p></article>"
    assert notebook_css.on_post_page(html, SimpleNamespace(url="about/"), None) == html
