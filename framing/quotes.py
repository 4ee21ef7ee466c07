"""Find the quotations of a text: one linear scan over its quotation marks and line breaks.

Marks understood, by family (a quotation closes with a mark of the family that opened it):

- double: straight ``"``, curly ``“ ”``, low ``„`` and reversed ``‟`` (``“…”``, ``„…“``, ``”…”``);
- single: straight ``'``, curly ``‘ ’``, low ``‚``: only where they cannot be apostrophes
  ("don't", "the group's", "'90s", "rock 'n' roll" are not quotations);
- guillemets ``« »`` (also ``»…«``) and ``‹ ›``, as in French and Arabic news; CJK corner brackets.

A straight ``"`` is read from its neighbours: after a space or an opening bracket and before a
letter it opens, after a letter and before a space or punctuation it closes. Quotations nest
(single inside double); only the outermost are returned.

News style continues a quotation over paragraphs: a paragraph that ends inside a quotation and a
next paragraph that opens with a quotation mark of the same family make one quotation. Without
that, an unclosed quotation stops at the end of its paragraph (``closed=False``), so that a stray
mark never swallows the rest of an article; an unclosed single quotation is dropped (it was most
likely an apostrophe). A paragraph ends at a blank line, or at a line break after end
punctuation or a closing mark, or before a line that opens with a quotation mark.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE, SINGLE, GUILLEMET, ANGLE, CORNER = "double", "single", "guillemet", "angle", "corner"
# mark -> (family, role); role: "open", "close" or "either"
MARKS: dict[str, tuple[str, str]] = {
    '"': (DOUBLE, "either"), "\u201c": (DOUBLE, "open"), "\u201d": (DOUBLE, "close"),
    "\u201e": (DOUBLE, "open"), "\u201f": (DOUBLE, "open"), "\uff02": (DOUBLE, "either"),
    "'": (SINGLE, "either"), "\u2018": (SINGLE, "open"), "\u2019": (SINGLE, "close"),
    "\u201a": (SINGLE, "open"), "\u201b": (SINGLE, "open"),
    "\u00ab": (GUILLEMET, "open"), "\u00bb": (GUILLEMET, "close"),
    "\u2039": (ANGLE, "open"), "\u203a": (ANGLE, "close"),
    "\u300c": (CORNER, "open"), "\u300d": (CORNER, "close"),
    "\u300e": (CORNER, "open"), "\u300f": (CORNER, "close"),
}
_SCAN = re.compile(
    "\n(?:[^\\S\n]*\n)*"                        # a line break, or a run of blank lines
    "|[" + "".join(MARKS) + "]"                   # a mark, but not an apostrophe between letters
    "(?<!\\w['\u2018\u2019\u201a\u201b](?=\\w))"
)
_SPACED = {GUILLEMET, ANGLE, CORNER}
_MARK = re.compile("[" + "".join(MARKS) + "]")
_OPEN_BEFORE = set("([{<\u2014\u2013-/:\u060c") | {k for k, (_, r) in MARKS.items() if r != "close"}
_CLOSE_AFTER = set(".,;:!?)]}>\u2014\u2013-/\u2026\u060c\u061b\u061f*") | set(MARKS)
_END_OF_PARAGRAPH = set(".!?:\u2026\u061f\u06d4") | set(MARKS)
# Words that start with an apostrophe: "'s", "'em", "'til", "'n'", "'90s".
_ELISION = re.compile(r"(?:s|em|til|tis|twas|n|cause|bout|round|nuff|ello|kay|d|ll|re|ve|m|t)\b|\d", re.I)


@dataclass(frozen=True)
class Quote:
    """A quotation: ``text[start]`` is its opening mark; ``end`` is after its closing mark, or the
    end of the paragraph where an unclosed quotation was stopped (``closed=False``)."""

    start: int
    end: int
    closed: bool
    family: str

    @property
    def inner(self) -> tuple[int, int]:
        """Offsets of the quoted words, marks excluded."""
        return self.start + 1, self.end - 1 if self.closed else self.end


def find_quotes(text: str) -> list[Quote]:
    """The outermost quotations of ``text``, in order, not overlapping."""
    quotes: list[Quote] = []
    stack: list[tuple[int, str, str]] = []  # (position, family, mark)
    skip = -1                                # a paragraph-opening mark that continues a quotation
    n = len(text)
    for m in _SCAN.finditer(text):
        i = m.start()
        ch = text[i]
        if ch == "\n":
            if stack and _paragraph_ends(text, i, m.end()):
                skip = _end_paragraph(text, i, m.end(), stack, quotes)
            continue
        if i == skip:
            continue
        family, role = MARKS[ch]
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < n else " "
        if family in _SPACED:  # French « non »: guillemets may have spaces inside
            opening = role == "open" or (role == "close" and (before.isspace() or before in _OPEN_BEFORE))
            closing = role == "close" or (role == "open" and not before.isspace())
        else:
            opening = (before.isspace() or before in _OPEN_BEFORE) and not after.isspace()
            closing = not before.isspace() and (after.isspace() or after in _CLOSE_AFTER)
        pending = _pending(stack, family)
        if pending >= 0 and (closing or (not opening and role != "open")):
            start = stack[pending][0]
            del stack[pending:]
            if pending == 0:
                quotes.append(Quote(start, i + 1, True, family))
            continue
        if not opening or (role == "close" and family == SINGLE):
            continue
        if family == SINGLE and ch in "'\u2019" and _ELISION.match(text, i + 1):
            continue
        if pending >= 0 and family == DOUBLE:
            # A new opening double mark while one is open: the open one was never closed.
            start = stack[pending][0]
            del stack[pending:]
            if pending == 0:
                quotes.append(Quote(start, _trim_end(text, start + 1, i), False, family))
        stack.append((i, family, ch))
    if stack:
        _close_unclosed(text, n, stack, quotes)
    return quotes


def _pending(stack: list[tuple[int, str, str]], family: str) -> int:
    for k in range(len(stack) - 1, -1, -1):
        if stack[k][1] == family:
            return k
    return -1


def _paragraph_ends(text: str, nl: int, nxt: int) -> bool:
    if text.count("\n", nl, nxt) > 1 or nxt >= len(text):
        return True
    if text[nxt] in MARKS:
        return True
    k = nl - 1
    while k >= 0 and text[k] in " \t\r":
        k -= 1
    return k < 0 or text[k] in _END_OF_PARAGRAPH


def _end_paragraph(text: str, nl: int, nxt: int, stack, quotes) -> int:
    """At a paragraph end inside a quotation: continue it (return the position of the next
    paragraph's opening mark) or stop it here (return -1)."""
    start, family, _ = stack[0]
    k = nxt
    while k < len(text) and text[k] in " \t\r":
        k += 1
    if k < len(text) and family != SINGLE and MARKS.get(text[k], ("", ""))[0] == family:
        del stack[1:]
        return k
    if family != SINGLE and _closes_next_paragraph(text, k, family):
        del stack[1:]
        return -1
    _close_unclosed(text, nl, stack, quotes)
    return -1


def _closes_next_paragraph(text: str, k: int, family: str) -> bool:
    """Whether the next paragraph's first mark of ``family`` is a closing one (a quotation whose
    continuation lacks its opening mark)."""
    stop = text.find("\n", k)
    stop = len(text) if stop < 0 else stop
    for m in _MARK.finditer(text, k, stop):
        if MARKS[m.group()][0] != family:
            continue
        i = m.start()
        before = text[i - 1]
        after = text[i + 1] if i + 1 < len(text) else " "
        return not before.isspace() and (after.isspace() or after in _CLOSE_AFTER)
    return False


def _close_unclosed(text: str, end: int, stack, quotes) -> None:
    start, family, _ = stack[0]
    stack.clear()
    if family == SINGLE:
        return
    end = _trim_end(text, start + 1, end)
    if end > start + 1:
        quotes.append(Quote(start, end, False, family))


def _trim_end(text: str, lo: int, end: int) -> int:
    while end > lo and text[end - 1].isspace():
        end -= 1
    return end
