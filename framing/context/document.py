"""The context of one document: its sentences, quotations, attributions, negators and markers,
with the bounded windows and indexes every rule reads from."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..context_index import CharIndex, SentenceIndex, pattern_in
from ..quotes import Quote
from .language import ContextData
from .tokens import _in_word, _tokens

MAX_SCARE_WORDS = 4        # a scare quote has one to four words
NEG_REACH = 60             # characters between a negator and the hit it can negate
MARKER_REACH = 80          # characters between a so-called marker and its target
SPEAKER_WORDS = 6          # words in a speaker's noun phrase
MAX_GAP_CHARS = 400        # a speaker's words between a verb and a quotation: never more characters than this
TARGET_WORDS = 5           # words in a so-called target
TRAILING_WORDS = 12        # words after the verb in "..., X said on Tuesday in a statement."
LEFT_WINDOW = 70           # characters read before an attribution verb (its speaker)
RIGHT_WINDOW = 90          # and after it (speaker, "that", the trailing words)
NEAR_WINDOW = 45           # what is read after it first (most decisions need a few words)
_MORE = "\x00"             # token standing for the rest of a sentence beyond the window

_QUOTE_MARK = re.compile("[\"\u201c\u201d\u201e\u201f\uff02\u00ab\u00bb\u2039\u203a\u300c-\u300f]"
                         "|(?<!\\w)['\u2018\u2019]|['\u2018\u2019](?!\\w)")


@dataclass(frozen=True)
class Reading:
    voice: str = "own"          # "own" | "quoted" | "attributed"
    scare_quote: bool = False
    so_called: bool = False
    negated: bool = False
    sense: str = "loaded"       # "loaded" | "neutral"
    speaker: str = ""           # who is quoted or reported, where found ("the governor", "Reuters")
    target: str = ""            # for so_called: the noun phrase the marker modifies
    attribution: str = ""       # the verb introducing the quotation or report, lower case
    attribution_class: str = "" # "neutral" | "distancing" | "endorsing" | ""


# ----------------------------------------------------------------------------- one document

@dataclass
class _Attribution:
    start: int            # the verb or phrase
    end: int
    verb: str             # lower case, as written (without an attached Arabic wa-/fa-)
    cls: str
    speaker: str
    region: tuple[int, int]  # the reported clause; (0, 0) when none
    speaker_span: tuple[int, int] = (0, 0)


@dataclass
class _QuoteInfo:
    quote: Quote
    speech: bool
    scare: bool
    words: tuple[int, int]        # the quoted words, marks and edge punctuation excluded
    attribution: _Attribution | None


@dataclass
class Document:
    """One document read for context: every rule takes it (and the hit or quotation it reads), not
    positional state. Built by :func:`framing.context.read_document`."""

    text: str
    sentences: list[tuple[int, int]]
    starts: list[int]
    quotes: list[_QuoteInfo]
    quote_starts: list[int]
    attributions: list[_Attribution]
    by_sentence: dict[int, list[_Attribution]]
    negators: list[tuple[int, int, str, str]]   # (end, start, role, word), sorted by end
    neg_ends: list[int]
    markers: list[tuple[int, int, str]]         # (start, end, marker), sorted by start
    marker_starts: list[int]
    marker_ends: list[int]
    data: ContextData                           # the word lists of the document's language
    verb_ends: list[int] = field(default_factory=list)  # every speech-verb form, used or not (languages whose verbs mark quotes)
    speech_ends: list[int] = field(default_factory=list)  # those speech verbs (not noun-like forms) and speech acts
    quote_names: dict[str, int] = field(default_factory=dict)  # how often each name stands in quotes
    # indexes for long sentences (framing.context_index), built on first use
    index: SentenceIndex | None = None
    quote_marks: CharIndex | None = None
    colons: CharIndex | None = None
    newlines: CharIndex | None = None

    def sentence_index(self) -> SentenceIndex:
        if self.index is None:
            self.index = SentenceIndex(self.by_sentence)
        return self.index

    def quote_mark_between(self, lo: int, hi: int) -> bool:
        """``_QUOTE_MARK.search(text, lo, hi) is not None``, in log time."""
        if hi - lo <= 200:
            return _QUOTE_MARK.search(self.text, lo, hi) is not None
        if self.quote_marks is None:
            self.quote_marks = CharIndex(self.text, _QUOTE_MARK)
        return pattern_in(self.quote_marks, lo, hi)

    def rfind_char(self, ch: str, lo: int, hi: int) -> int:
        """``text.rfind(ch, lo, hi)`` for ':' and '\\n', in log time."""
        if hi - lo <= 200:
            return self.text.rfind(ch, lo, hi)
        return self._chars(ch).last_before(lo, hi)

    def find_char(self, ch: str, lo: int) -> int:
        """``text.find(ch, lo)`` for ':' and '\\n', in log time."""
        return self._chars(ch).first_from(lo)

    def _chars(self, ch: str) -> CharIndex:
        if ch == ":":
            if self.colons is None:
                self.colons = CharIndex(self.text, ":")
            return self.colons
        if self.newlines is None:
            self.newlines = CharIndex(self.text, "\n")
        return self.newlines

    def window(self, lo: int, hi: int) -> list[tuple[str, int, int]]:
        """The tokens of text[lo:hi] in whole words: a word the window's start cuts is taken whole
        (a speaker's name), one its end cuts is left out (an Arabic verb after its attached و)."""
        if hi <= lo:
            return []
        s0, s1 = self.sentence_bounds(lo)
        text = self.text
        if s0 <= lo and hi <= s1:
            while lo > s0 and _in_word(text, lo):
                lo -= 1
            while hi > lo and hi < s1 and _in_word(text, hi):
                hi -= 1
        return self.tokens(lo, hi)

    def tokens(self, lo: int, hi: int) -> list[tuple[str, int, int]]:
        """(folded token, start, end) for text[lo:hi], cut by the language's tokenisation hook."""
        toks = _tokens(self.text, lo, hi)
        split = self.data.hook.split
        if split is None:
            return toks
        out = []
        for t, a, b in toks:
            pieces = split(t)
            for p in pieces:
                out.append((p, a, a + len(p)))
                a += len(p)
        return out

    def sentence_of(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i if i > 0 else 0

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        i = self.sentence_of(pos)
        s0, s1 = self.sentences[i]
        if pos >= s1:  # between sentences
            return s1, (self.sentences[i + 1][0] if i + 1 < len(self.sentences) else len(self.text))
        return s0, s1
