"""Rendering: term Markdown parsed once by markdown-it-py, checked, linked, turned into
cleaned HTML (:mod:`.parser`, :mod:`.rules`, :mod:`.html`, :mod:`.sanitise`); plain text
escaped for each context it reaches (:mod:`.escape`); maths as MathML (:mod:`.mathml`)."""
