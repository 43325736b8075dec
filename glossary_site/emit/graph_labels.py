"""Label geometry for the concept graph: how wide a name is, where its label's box lies,
which labels overlap, and a greedy pass that keeps only labels that collide with nothing.

The drawings are made at build time, without a browser, so text is measured from a table:
the advance widths of Helvetica / Arial (the metrics of Liberation Sans, which browsers use
for Material's system font stack ``-apple-system, …, Helvetica, Arial, sans-serif`` where
neither Apple's font nor Arial is installed), in thousandths of an em, times
:data:`SAFETY` for the wider system fonts (San Francisco, Roboto). A character outside the
table counts as :data:`WIDE` (an em for CJK and emoji, which would otherwise be
underestimated). The browser tests measure the drawn labels again with ``getBBox``.

Pure functions of their arguments: the same names give the same boxes on every build.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

_CHARS = (' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnop'
          "qrstuvwxyz{|}~–—‘’“”…éèáàöüäçñíóú·×")
_REGULAR = """
278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556
556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667
556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556
556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722
500 500 500 334 260 334 584 556 1000 222 222 333 333 1000 556 556 556 556 556 556 556 500
556 278 556 556 278 584"""
_BOLD = """
278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556
556 556 556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722
611 833 722 778 667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 556 333 556
611 556 611 556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 333 611 556 778
556 556 500 389 280 389 584 556 1000 278 278 500 500 1000 556 556 556 556 611 611 556 556
611 278 611 611 278 584"""
_WIDTHS: dict[bool, dict[str, int]] = {
    bold: dict(zip(_CHARS, map(int, table.split()), strict=True))
    for bold, table in ((False, _REGULAR), (True, _BOLD))}

SAFETY = 1.1
"""Measured widths are this much wider than Helvetica's (San Francisco is about 5% wider)."""
WIDE = 1000
"""Width of a character outside the table, in thousandths of an em."""
ASCENT = 0.92
"""Height of a label's box above its baseline, in ems (Helvetica's ascent is 0.905)."""
DESCENT = 0.23
"""Depth of a label's box below its baseline, in ems (Helvetica's descent is 0.212)."""
BREAKS = "-–—/"
"""A long name may also be broken after these."""

Box = tuple[float, float, float, float]
"""x0, y0, x1, y1: a rectangle, x0 ≤ x1 and y0 ≤ y1."""


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` at ``size`` (pixels or user units), a little generous."""
    widths = _WIDTHS[bold]
    return sum(widths.get(c, WIDE) for c in text) * size * SAFETY / 1000


def _pieces(name: str) -> list[str]:
    """``name`` cut after each space and each of :data:`BREAKS` (the cut characters kept)."""
    pieces, start = [], 0
    for i, c in enumerate(name):
        if c == " " or c in BREAKS:
            pieces.append(name[start:i + 1])
            start = i + 1
    pieces.append(name[start:])
    return [p for p in pieces if p]


def _fit(text: str, width: float, size: float, bold: bool) -> str:
    """``text`` (stripped), or as much of it as fits ``width`` followed by an ellipsis."""
    text = text.strip()
    if text_width(text, size, bold) <= width:
        return text
    while text and text_width(text.rstrip() + "…", size, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap(name: str, width: float, size: float, bold: bool = False,
         max_lines: int = 3, limit: float | None = None) -> list[str]:
    """``name`` in at most ``max_lines`` lines: cut at spaces (and after hyphens and
    dashes) into lines at most ``width`` wide, but a word longer than that may have a line
    up to ``limit`` wide (default: ``width``); a line still too wide, and the last when the
    name does not fit, is shortened with an ellipsis."""
    limit = max(width, limit or width)
    lines: list[str] = []
    line = ""
    pieces = _pieces(" ".join(name.split()))
    for i, piece in enumerate(pieces):
        joined = line + piece
        if not line or text_width(joined.rstrip(), size, bold) <= width:
            line = joined
            continue
        lines.append(line)
        if len(lines) == max_lines - 1:
            line = "".join(pieces[i:])
            break
        line = piece
    lines.append(line)
    return [_fit(text, limit, size, bold) for text in lines if text.strip()] or [""]


def label_box(x: float, y: float, anchor: str, lines: Sequence[str], size: float,
              line_height: float, bold: bool = False) -> Box:
    """The box of a label whose first baseline is at ``y``: one line under another,
    ``line_height`` apart, each anchored at ``x`` (``start``, ``middle`` or ``end``)."""
    width = max((text_width(line, size, bold) for line in lines), default=0.0)
    x0 = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    return (x0, y - ASCENT * size, x0 + width,
            y + (len(lines) - 1) * line_height + DESCENT * size)


def circle_box(x: float, y: float, r: float) -> Box:
    """The square around a circle."""
    return (x - r, y - r, x + r, y + r)


def intersect(a: Box, b: Box, pad: float = 0.0) -> bool:
    """Whether ``a`` and ``b`` overlap, or come closer than ``pad``."""
    return (a[0] < b[2] + pad and b[0] < a[2] + pad
            and a[1] < b[3] + pad and b[1] < a[3] + pad)


def inside(box: Box, bounds: Box) -> bool:
    """Whether ``box`` lies within ``bounds``."""
    return (box[0] >= bounds[0] and box[1] >= bounds[1]
            and box[2] <= bounds[2] and box[3] <= bounds[3])


def overlaps(boxes: Sequence[Box], pad: float = 0.0) -> list[tuple[int, int]]:
    """Every pair ``(i, j)``, ``i < j``, of ``boxes`` that overlap (a sweep along x)."""
    order = sorted(range(len(boxes)), key=lambda i: boxes[i][0])
    pairs = []
    open_: list[int] = []
    for i in order:
        box = boxes[i]
        open_ = [j for j in open_ if boxes[j][2] + pad > box[0]]
        pairs += [(min(i, j), max(i, j)) for j in open_ if intersect(box, boxes[j], pad)]
        open_.append(i)
    return sorted(pairs)


class Grid:
    """Boxes bucketed by cells ``cell`` wide: which placed box does a new one hit?"""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[Box]] = {}

    def _keys(self, box: Box) -> Iterable[tuple[int, int]]:
        c = self.cell
        for gx in range(int(box[0] // c), int(box[2] // c) + 1):
            for gy in range(int(box[1] // c), int(box[3] // c) + 1):
                yield gx, gy

    def hits(self, box: Box, pad: float = 0.0) -> bool:
        """Whether ``box`` overlaps a box already added (or comes closer than ``pad``)."""
        grown = (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)
        return any(intersect(box, other, pad) for key in self._keys(grown)
                   for other in self.cells.get(key, ()))

    def add(self, box: Box) -> None:
        """Keep ``box``."""
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)

