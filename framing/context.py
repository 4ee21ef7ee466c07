"""Read each hit in context: whose voice, scare quotes, so-called, attribution verbs, negation, senses.

One pass per document (:func:`read_in_context` and :func:`extra_hits` share it), linear in the
length of the text: the quotation marks are found by one regular-expression scan
(:mod:`framing.quotes`), and every trigger word (speech verbs, negators, so-called markers) by one
Aho-Corasick scan of a lower-cased copy (Arabic letter forms folded); each hit and each trigger
then looks only at a few words around it (bounded windows, never the whole document).
The word lists are data: ``framing/data/context/*.tsv``.

**Voice.** A hit inside a quotation that is speech is ``quoted``; inside the reported clause of an
attribution verb it is ``attributed``; otherwise it is the outlet's ``own``. Reported clauses:

- ``X said (that) CLAUSE`` and ``X told reporters (that) CLAUSE``: from the verb (or from "that")
  to the end of the sentence; X, the speaker, stays in the outlet's voice;
- ``CLAUSE, X said.`` and ``CLAUSE, said X.``: from the start of the sentence to the comma, when
  little follows the verb; ``..., as X said, ...``: the whole sentence;
- ``According to X, CLAUSE`` and ``CLAUSE, according to X``; Arabic ``وقال X إن CLAUSE``,
  ``بحسب X، CLAUSE``;
- naming verbs: ``X described the attack as a massacre``, ``X called them "terrorists"``; verbs
  that name only with "as": ``advocates blasted the program as illegal``.

A quotation is speech when an attribution verb introduces it (before it, after it, or its reported
clause contains it), when a colon comes before it, when it is longer than four words, spans
sentences or ends in "!" or "?", when an English speech verb stands a few words before it ("called
for "meaningful action"") or a verb of speaking anywhere before it in its sentence ("blamed
"religious zeal""), when a word for an utterance follows it ("his 'due process' remark"), when it
continues the quotation of the sentence before, stands alone on its line (a quoted subheading) or
follows a headline's "Name:", or when a title word comes before it (the novel "Quiet Rivers", the
headline "..."). A short quotation that is a name or a mention (all capitals; a capitalised name
followed by what it names, the "Clean River" campaign) is neither. A short quotation (one to four
words) that is none of these is a **scare quote**: its words keep the outlet's voice and get
``scare_quote``; words not in a lexicon become an extra hit. One-word names that a text keeps in
quotes ("Israel" twice or more) are scare quotes even in reported speech. How often this reading is
right in real news is measured by scripts/evaluate_real_news.py: far more often in partisan outlets'
articles than in mainstream news, where short quotations mostly repeat someone's words.

Arabic diacritics (shadda, harakat, tatweel) are part of the word they stand in and are ignored
when words are compared, as in matching.

**Attribution verbs** (speech_verbs.tsv) have a class: neutral (said, told), distancing (claimed,
insisted), endorsing (revealed, admitted). Uses that are not reported speech are left out by the
sense rules: "claimed responsibility", "admitted to hospital", "exposed to", "called for".

**So-called** and kin (so_called.tsv): "so-called", "self-styled", "alleged"/"purported" as
modifiers, "what it calls", "calls itself", Arabic "ما يسمى" and the following "المزعوم". The
target is the noun phrase the marker modifies (up to five words, or the quotation that follows).
"What Israel calls X" and "the group calls itself X" also attribute X to its speaker.

**Negation** (negation.tsv): a negator ("not", "n't", "no", "never", "no longer", "neither",
"nor", "without", Arabic "ليس", "لم", "لا", "غير") negates a hit when only bridge words ("was not
considered a"), or a determiner and at most two other words ("not a brutal regime"), stand
between them; punctuation and conjunctions end the scope; "not only", "no doubt" do not negate.
Denials count as negation: in "denied that it was an occupation" the label is used to be
rejected, so the hit is ``negated`` (and, being in the reported clause, ``attributed``).
``negated`` means "under the scope of a negator", which covers a rejected label ("not
terrorists") and a denied existence ("there were no terrorists in the town") alike: both are
reported apart from plain uses.

**Senses.** For ambiguous entries, cue words decide (sense_cues.tsv, plus the entry's
``neutral_cues``): "sanctions regime", "antibiotic resistance", "her occupation". A neutral cue
that contains the term is matched as a phrase ("claimed responsibility"); other entry cues count
within three words before the term, or after it when joined by of/for/to/against/on ("regime of
sanctions"); for Arabic, within three words on either side. When both a neutral and a loaded cue
are found the nearer wins (loaded on a tie). When no rule decides, :data:`SENSE_MODEL` is asked if
it is set; otherwise the hit is read as loaded.
"""
from __future__ import annotations

import bisect
import functools
import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import ahocorasick

from .context_index import SMALL, CharIndex, SentenceIndex, blank_before, only_chars_after, pattern_in
from .lexicon import Entry
from .match import Span
from .normalize import fold
from .quotes import MARKS, Quote, find_quotes
from .sentences import SPECIAL_WORDS as _SPECIAL

# A classifier that helps with ambiguous senses when no rule decides (set by framing.model).
# Called as SENSE_MODEL(sentence, start, end, entry) with the hit's offsets inside the sentence;
# returns "loaded", "neutral", or None when it is not sure either.
def _sense_model(sentence, start, end, entry):
    """The sense helper (framing/sense.py), imported on first use to keep scikit-learn out of start-up."""
    from .sense import sense_hook

    return sense_hook(sentence, start, end, entry)


# Asked for an ambiguous term's sense only when no cue rule decides; None (the default) leaves such
# hits loaded. The sense helper is opt-in (`--sense-model`, see use_sense_model): on our probes it
# fixes some neutral uses but also drops clearly loaded ones ("a savage attack on the villagers"),
# so it does not decide by default.
SENSE_MODEL = None


def use_sense_model(enabled: bool) -> None:
    """Turn the sense helper on or off for this process (and the workers it forks)."""
    global SENSE_MODEL
    SENSE_MODEL = _sense_model if enabled else None

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


# ----------------------------------------------------------------------------- data

@dataclass(frozen=True)
class SpeechVerb:
    lang: str
    lemma: str
    cls: str
    frame: str  # clause | that | object | naming | source


@dataclass(frozen=True)
class CueRule:
    lang: str
    term: str          # folded, without the trailing *
    prefix: bool       # the term ended with *
    side: str          # before | after
    window: int
    sense: str         # neutral | loaded
    cues: tuple[tuple[str, ...], ...]  # each cue as a tuple of folded tokens


@dataclass
class ContextData:
    """The word lists of framing/data/context, folded, and the automaton of trigger words."""

    verbs: dict[str, SpeechVerb] = field(default_factory=dict)     # folded form -> verb
    negation: dict[str, set[str]] = field(default_factory=dict)    # role -> folded words
    markers: dict[str, str] = field(default_factory=dict)          # folded marker -> position
    cue_rules: list[CueRule] = field(default_factory=list)
    words: dict[str, set[str]] = field(default_factory=dict)       # set name -> folded words
    automaton: object = None

    def word_set(self, name: str) -> set[str]:
        found = self.words.get(name)
        if found is None:
            found = self.words[name] = set()
        return found


_ARABIC = re.compile("[\u0600-\u06ff]")
# Arabic diacritics and tatweel (removed in matching): inside a word they belong to it ("أكّدت").
_AR_MARK_CHARS = "\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640"
_AR_MARKS = frozenset(chr(c) for c in [*range(0x610, 0x61B), *range(0x64B, 0x660), 0x670, *range(0x6D6, 0x6EE), 0x640])
_TOKEN = re.compile(f"[\\w{_AR_MARK_CHARS}]+(?:['’][\\w{_AR_MARK_CHARS}]+)*|[^\\w\\s\\-\\u2010\\u2011{_AR_MARK_CHARS}]")
_ARABIC_PREFIXES = ("و", "ف")

def _fold_word(word: str) -> str:
    return fold(word.strip()).replace("-", " ")


def _read_tsv(name: str) -> list[dict[str, str]]:
    raw = (resources.files("framing.data") / "context" / name).read_text(encoding="utf-8")
    lines = [ln for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    return [dict(zip(header, (c.strip() for c in row))) for row in reader if row]


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


@lru_cache(maxsize=1)
def context_data() -> ContextData:
    """Load the context word lists once per process."""
    data = ContextData()
    keys: dict[str, list] = {}

    def key(form: str, lang: str, payload: tuple) -> None:
        forms = [form]
        if lang == "ar" and " " not in form:
            forms += [p + form for p in _ARABIC_PREFIXES]
        for f in forms:
            # Keys are matched in lower-cased text; a word boundary is checked on each side,
            # except after an Arabic "ل" that attaches to the next word ("وفقا للجيش").
            attached = lang == "ar" and f.endswith(" ل")
            variants = {f}
            if " " in f and lang == "en":  # "so-called", "so called", "so–called"
                variants |= {f.replace(" ", d) for d in "-\u2010\u2013"}
            if "'" in f:
                variants.add(f.replace("'", "\u2019"))
            for v in variants:
                keys.setdefault(v, []).append((len(f) - len(form), attached, payload))

    for row in _read_tsv("speech_verbs.tsv"):
        verb = SpeechVerb(row["lang"], row["verb"], row["class"], row["frame"])
        for form in _split(row["forms"]):
            f = _fold_word(form)
            data.verbs.setdefault(f, verb)
            key(f, verb.lang, ("verb", f))
    for row in _read_tsv("negation.tsv"):
        w = _fold_word(row["word"])
        data.negation.setdefault(row["role"], set()).add(w)
        if row["role"] in ("negator", "denial"):
            key(w, row["lang"], ("neg" if row["role"] == "negator" else "denial", w))
    for row in _read_tsv("so_called.tsv"):
        w = _fold_word(row["marker"])
        data.markers[w] = row["position"]
        key(w, row["lang"], ("marker", w))
    for row in _read_tsv("sense_cues.tsv"):
        term = row["term"].lower()
        rule = CueRule(row["lang"], _fold_word(term.rstrip("*")), term.endswith("*"), row["side"],
                       int(row["window"] or 0), row["sense"],
                       tuple(tuple(t for t, _, _ in _tokens(c, 0, len(c))) for c in _split(row["cues"])))
        data.cue_rules.append(rule)
    for row in _read_tsv("words.tsv"):
        data.words.setdefault(row["set"], set()).update(_fold_word(w) for w in _split(row["words"]))
        if row["set"] == "speech_act":
            for w in _split(row["words"]):
                key(_fold_word(w), row["lang"], ("act", _fold_word(w)))
    automaton = ahocorasick.Automaton()
    for k, payloads in keys.items():
        automaton.add_word(k, (len(k), tuple(payloads)))
    automaton.make_automaton()
    data.automaton = automaton
    return data


# ----------------------------------------------------------------------------- tokens

_AR_FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
_AR_FOLD_RE = re.compile("[" + "".join(_AR_FOLD) + "]")
_AR_REMOVABLE = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")


def _fold_arabic(text: str) -> str:
    """Arabic letter forms folded as in matching (أ إ آ to ا, ى to ي, ة to ه), keeping the length."""
    return _AR_FOLD_RE.sub(lambda m: _AR_FOLD[m.group()], text)


def _scan_text(text: str) -> tuple[str, list[int] | None]:
    """The text in which trigger words are looked up: lower case, Arabic letter forms folded and
    Arabic diacritics removed; with, when they were removed, the offset in ``text`` of each of its
    characters (otherwise it has the length of ``text``; str.translate is slow on non-ASCII text, so
    it is avoided here)."""
    low = text.lower()
    if len(low) != len(text):
        return fold(text), None  # a character grew when lower-cased ("İ"): the slow, exact path
    if not _ARABIC.search(low):
        return low, None
    low = _fold_arabic(low)
    if not _AR_REMOVABLE.search(low):
        return low, None
    kept = [i for i, c in enumerate(low) if c not in _AR_MARKS]  # vocalised Arabic: "أكّدت" is "اكدت"
    return "".join(low[i] for i in kept), kept


def _norm_token(tok: str) -> str:
    t = tok.lower()
    if "’" in t:
        t = t.replace("’", "'")
    if "\u0600" <= t[0] <= "\u06ff":
        t = _fold_arabic(_AR_REMOVABLE.sub("", t) or t)
    return t


def _tokens(text: str, lo: int, hi: int) -> list[tuple[str, int, int]]:
    """(folded token, start, end) for the words and punctuation marks of text[lo:hi]."""
    part = text[lo:hi]
    if not part.isascii():
        part = part.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
        if not part.isascii():
            return _tokens_slow(part, lo)
    # Fast path (most windows of English text): separate punctuation, split on white space
    # (str.replace is much faster than str.translate or a regular expression here).
    low = part.lower()
    padded = low
    for p in _PUNCT:
        if p in padded:
            padded = padded.replace(p, _PADDED[p])
    out = []
    pos = 0
    find = low.find
    for w in padded.split():
        if "'" in w and len(w) > 1 and (w[0] == "'" or w[-1] == "'"):
            for piece in _APOS.findall(w):
                i = find(piece, pos)
                out.append((piece, i + lo, i + lo + len(piece)))
                pos = i + len(piece)
            continue
        i = find(w, pos)
        pos = i + len(w)
        out.append((w, i + lo, pos + lo))
    return out


def _tokens_slow(part: str, lo: int) -> list[tuple[str, int, int]]:
    low = part.lower()
    if len(low) != len(part):
        return [(_norm_token(m.group()), m.start() + lo, m.end() + lo) for m in _TOKEN.finditer(part)]
    if _ARABIC.search(low):
        low = _fold_arabic(low)
        if _AR_REMOVABLE.search(low):  # tokens without their diacritics, offsets as written
            return [(_AR_REMOVABLE.sub("", m.group()) or m.group(), m.start() + lo, m.end() + lo)
                    for m in _TOKEN.finditer(low)]
    return [(m.group(), m.start() + lo, m.end() + lo) for m in _TOKEN.finditer(low)]


_PUNCT = '-,.:;"()?![]{}/!*&#$%+<=>@\\^`|~'
_PADDED = {c: f" {c} " for c in _PUNCT} | {"-": " "}
_APOS = re.compile(r"\w+(?:'\w+)*|'")


def _in_word(text: str, pos: int) -> bool:
    """Whether ``pos`` falls inside a word (between two of its characters, "don't" included)."""
    a, b = text[pos - 1], text[pos]
    if a.isalnum() or a == "_" or a in _AR_MARKS:
        return b.isalnum() or b == "_" or b in _AR_MARKS or (b in "'’" and pos + 1 < len(text) and text[pos + 1].isalnum())
    return a in "'’" and pos >= 2 and text[pos - 2].isalnum() and (b.isalnum() or b == "_")


def _is_word(tok: str) -> bool:
    return tok[0].isalnum() or tok[0] == "_"


def _strip_prefix(tok: str) -> str:
    """An Arabic token without its attached conjunction, preposition and article."""
    if not tok or not ("\u0600" <= tok[0] <= "\u06ff"):
        return tok
    for p in ("وبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل"):
        if tok.startswith(p) and len(tok) - len(p) >= 3:
            tok = tok[len(p):]
            break
    if tok.endswith("ا") and len(tok) >= 4:  # accusative ending: نظاما, احتلالا
        tok = tok[:-1]
    return tok


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
class _Document:
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
    verb_ends: list[int] = field(default_factory=list)  # every English speech-verb form, used or not
    speech_ends: list[int] = field(default_factory=list)  # English speech verbs (not noun-like forms) and speech acts
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
        return _tokens(text, lo, hi)

    def sentence_of(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i if i > 0 else 0

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        i = self.sentence_of(pos)
        s0, s1 = self.sentences[i]
        if pos >= s1:  # between sentences
            return s1, (self.sentences[i + 1][0] if i + 1 < len(self.sentences) else len(self.text))
        return s0, s1


_CACHE: dict[str, object] = {}


def _document(text: str, sentences: list[tuple[int, int]]) -> _Document:
    """The context of one document, computed once for both entry points."""
    doc = _CACHE.get("doc")
    if doc is not None and _CACHE.get("text") is text and _CACHE.get("sentences") == len(sentences):
        return doc  # type: ignore[return-value]
    doc = _analyse(text, sentences)
    _CACHE.update(text=text, sentences=len(sentences), doc=doc)
    return doc


def _analyse(text: str, sentences: list[tuple[int, int]]) -> _Document:
    data = context_data()
    sentences = list(sentences) or [(0, len(text))]
    starts = [s for s, _ in sentences]
    scan, kept = _scan_text(text)
    n = len(scan)
    verbs, negators, markers, acts = [], [], [], []
    for last, (klen, payloads) in data.automaton.iter(scan):
        ks, ke = last - klen + 1, last + 1
        if ke < n and (scan[ke].isalnum() or scan[ke] == "_") and not payloads[0][1]:
            continue
        for prefix, attached, (role, word) in payloads:
            if ks > 0 and (scan[ks - 1].isalnum() or scan[ks - 1] == "_") and word != "n't":
                continue
            start, end = ks + prefix, ke
            if kept is not None:  # back to offsets in the text as written, its diacritics included
                start, end = kept[start], (kept[end] if end < n else len(text))
            if role == "verb":
                verbs.append((start, end, word))
            elif role == "act":
                acts.append(end)
            elif role == "marker":
                markers.append((start, end, word))
            else:
                negators.append((end, start, role, word))
    verbs.sort()
    markers.sort()
    negators.sort()
    doc = _Document(text, sentences, starts, [], [], [], {}, negators, [n[0] for n in negators],
                    markers, [m[0] for m in markers], [m[1] for m in markers])
    # Attributions, in text order.
    quotes = find_quotes(text)
    covering = [(s, e) for s, e, w in markers if data.markers.get(w) == "before"]
    last_source_end = -10
    for start, end, form in verbs:
        if _inside_marker(covering, start, end):
            continue  # "called" in "so called", "described" in "self-described"
        if data.verbs[form].lang == "en":
            doc.verb_ends.append(end)
            if data.verbs[form].frame != "that":  # not the forms that are also nouns ("states", "claims")
                acts.append(end)
        if start - last_source_end <= 1 and not text[last_source_end:start].strip():
            continue  # "حسبما قال": the verb belongs to the source phrase before it
        att = _attribution(doc, data, start, end, form)
        if att is not None:
            doc.attributions.append(att)
            doc.by_sentence.setdefault(doc.sentence_of(start), []).append(att)
            if data.verbs[form].frame == "source":
                last_source_end = end
    # Quotations.
    doc.speech_ends = sorted(acts)
    doc.quote_names = _quoted_names(text, quotes)
    doc.quote_starts = [q.start for q in quotes]
    doc.quotes = [_QuoteInfo(q, False, False, q.inner, None) for q in quotes]
    for i, q in enumerate(quotes):
        doc.quotes[i] = _quote_info(doc, data, q)
    return doc


def _inside_marker(covering: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(covering, (start, 1 << 62))
    for s, e in covering[max(0, i - 2):i]:
        if s <= start and end <= e and (s, e) != (start, end):
            return True
    return False


# ----------------------------------------------------------------------------- attributions

def _attribution(doc: _Document, data: ContextData, start: int, end: int, form: str) -> _Attribution | None:
    text = doc.text
    verb = data.verbs[form]
    s0, s1 = doc.sentence_bounds(start)
    left = doc.window(max(s0, start - LEFT_WINDOW), start)
    right = _right_tokens(doc, end, s1, NEAR_WINDOW)
    cache: list = []

    def long_right():  # the longer window, read only to tell a trailing "..., X said on Tuesday."
        if not cache:
            cache.append(_right_tokens(doc, end, s1, RIGHT_WINDOW) if end + NEAR_WINDOW < s1 else right)
        return cache[0]

    surface = " ".join(text[start:end].lower().split())
    if _cue_sense(data, verb.lang, form, left, right, ()) == "neutral":
        return None  # claimed responsibility, admitted to hospital, called for, that said ...
    lw = [t for t, _, _ in left]
    rw = [t for t, _, _ in right]
    closers = data.words["closer"]
    if verb.frame == "source":
        return _source(doc, data, verb, surface, start, end, s0, s1, left, long_right())  # long names
    if form in ("alleged", "purported") and lw and (lw[-1] in data.words["determiner"] or lw[-1].endswith("'s")):
        return None  # "the alleged massacre": a so-called marker, not a verb
    if verb.frame in ("naming", "as"):
        if rw and rw[0] in ("itself", "themselves", "himself", "herself"):
            # "calls itself X", "described himself as X": the label is the subject's own
            return _reflexive(doc, data, verb, surface, start, end, s1, left, right)
        if "what" in lw[-4:]:  # "what Israel calls X": the name X is the speaker's
            w = len(lw) - 1 - lw[::-1].index("what")
            target = _target(doc, data, start, end, "calls", s1, what_checked=True)
            if target is None:
                return None
            speaker = text[left[w + 1][1]:left[-1][2]] if w + 1 < len(left) else ""
            sp_span = (left[w + 1][1], left[-1][2]) if w + 1 < len(left) else (0, 0)
            return _Attribution(start, end, surface, verb.cls, speaker, target, sp_span)
    # Inverted trailing: "..., said the governor." (not "The group, which ..., claimed the attack")
    if lw and lw[-1] in closers and any(_is_word(t) for t in lw[:-1]) and not _relative_clause(lw):
        sp = _speaker_after(data, text, long_right(), verb.lang)  # the near window may cut the name
        if sp and _short_tail(data, long_right(), sp[2]):
            return _Attribution(start, end, surface, verb.cls, sp[0], (s0, left[-1][1]), sp[1:])
    # The subject before the verb.
    k = len(left)
    while k > 0 and (left[k - 1][0] in data.words["skip"] or left[k - 1][0] in data.words["time"]
                     or (left[k - 1][0] in ("on", "in", "at", "last", "this", "late", "early")
                         and k < len(left) and left[k][0] in data.words["time"])):
        k -= 1
    stops = data.words["stop"]
    j = _phrase_start(left, k, stops, data.verbs)
    if j == k and k >= 2 and left[k - 1][0] == "," and not _relative_clause(lw[:k]):
        # "The spokesman for the ministry, Colonel X, said ...": the noun phrase before the appositive
        c = next((i for i in range(k - 2, -1, -1) if left[i][0] in (",", "،")), -1)
        if c >= 1:
            k2 = c
            j2 = _phrase_start(left, k2, stops)
            if j2 < k2 and (j2 == 0 or not _is_word(left[j2 - 1][0])):
                return _leading(doc, data, verb, form, surface, start, end, s1, right,
                                text[left[j2][1]:left[k2 - 1][2]], (left[j2][1], left[k2 - 1][2]), long_right)
    speaker = text[left[j][1]:left[k - 1][2]] if j < k else ""
    sp_span = (left[j][1], left[k - 1][2]) if j < k else (0, 0)
    before = lw[j - 1] if j > 0 else ""
    if verb.frame not in ("naming", "as") and speaker and before in closers and any(_is_word(t) for t in lw[:j - 1]):
        if rw and rw[0] in (",", "،"):
            if before in MARKS:  # '"...," the official said, confirming ...': what follows is the outlet's
                return _Attribution(start, end, surface, verb.cls, speaker, (s0, left[j - 1][1]), sp_span)
            return _Attribution(start, end, surface, verb.cls, speaker, (s0, s1), sp_span)  # "The occupation, the report said, ..."
        if _short_tail(data, long_right(), 0, 3 if verb.frame == "object" else 0):  # "CLAUSE, the army said."
            return _Attribution(start, end, surface, verb.cls, speaker, (s0, left[j - 1][1]), sp_span)
    if before == "as" and speaker:  # "..., as officials said, ..."
        return _Attribution(start, end, surface, verb.cls, speaker, (s0, s1), sp_span)
    return _leading(doc, data, verb, form, surface, start, end, s1, right, speaker, sp_span, long_right)


def _right_tokens(doc: _Document, end: int, s1: int, width: int) -> list[tuple[str, int, int]]:
    right = doc.window(end, min(s1, end + width))
    if end + width < s1:
        right.append((_MORE, end + width, end + width))  # the sentence goes on
    return right


def _leading(doc, data, verb, form, surface, start, end, s1, right, speaker, sp_span,
             long_right=None) -> _Attribution | None:
    """"X said (that) CLAUSE": the reported clause runs from the verb (or "that") to the sentence end."""
    text = doc.text
    rw = [t for t, _, _ in right]
    comp, stops = data.words["complementizer"], data.words["stop"]
    quote_follows = doc.quote_mark_between(end, s1)
    rstart = end
    if verb.lang == "ar":
        c = next((i for i, t in enumerate(rw[:10]) if t in comp or t == ":"), -1)
        if not speaker:
            stop_at = c if c >= 0 else min(len(right), 4)
            words = [r for r in right[:stop_at] if _is_word(r[0]) and r[0] not in stops][:5]
            if words and words[0][1] == right[0][1]:
                speaker = text[words[0][1]:words[-1][2]]
                sp_span = (words[0][1], words[-1][2])
                rstart = words[-1][2]
        if c < 0:
            return None  # "أعلنت الحكومة حظر التجول": announced a thing, not a statement
        rstart = right[c][2]
        return _Attribution(start, end, surface, verb.cls, speaker, (rstart, s1), sp_span)
    first = rw[0] if rw else ""
    if verb.frame == "that" and not (first in comp or first == ":" or first in MARKS
                                     or (first == "," and len(rw) > 1 and rw[1] in MARKS)):
        return None
    if verb.frame in ("naming", "as"):
        as_at = next((i for i, t in enumerate(rw[:8]) if t == "as"), -1)
        if as_at >= 0:
            rstart = right[as_at][2]
        elif verb.frame == "as" or (not quote_follows and form not in _CALL_VERBS):
            return None
    elif verb.frame == "object":
        that_at = next((i for i, t in enumerate(rw[:7]) if t in comp or t == ":"), -1)
        if that_at >= 0:
            rstart = right[that_at][2]
        elif not right:
            return None
    elif first in comp or first == ":":
        rstart = right[0][2]
    if not any(_is_word(t) for t in rw):
        return None  # "the ministry said." reports nothing here
    if not speaker:
        sp = _speaker_after(data, text, long_right() if long_right else right, "en") if not quote_follows else None
        if sp and verb.frame == "clause" and _short_tail(data, long_right() if long_right else right, sp[2]):
            return None
    return _Attribution(start, end, surface, verb.cls, speaker, (rstart, s1), sp_span)


def _reflexive(doc, data, verb, surface, start, end, s1, left, right) -> _Attribution | None:
    text = doc.text
    k = len(left)
    if k >= 2 and left[-1][0] in ("which", "who") and left[-2][0] in (",", "،"):
        k -= 2  # "The group, which calls itself ..."
    j = _phrase_start(left, k, data.words["stop"])
    speaker, sp_span = (text[left[j][1]:left[k - 1][2]], (left[j][1], left[k - 1][2])) if j < k else ("", (0, 0))
    rstart = right[0][2]
    if len(right) > 1 and right[1][0] == "as":
        rstart = right[1][2]
    return _Attribution(start, end, surface, verb.cls, speaker, (rstart, s1), sp_span)


def _relative_clause(lw: list[str]) -> bool:
    """The comma before the verb closes a relative clause or an appositive opened by a comma."""
    for i in range(len(lw) - 2, 0, -1):
        if lw[i] in (",", "،"):
            return lw[i + 1] in ("which", "who", "whose", "whom", "where", "الذي", "التي", "الذين")
    return False


_QUOTE_MARK = re.compile("[\"\u201c\u201d\u201e\u201f\uff02\u00ab\u00bb\u2039\u203a\u300c-\u300f]"
                         "|(?<!\\w)['\u2018\u2019]|['\u2018\u2019](?!\\w)")
_CALL_VERBS = frozenset({"called", "calls", "call", "calling", "dubbed", "dubs", "termed", "terms", "labelled",
                         "labeled", "labels", "branded", "brands"})


def _source(doc, data, verb, surface, start, end, s0, s1, left, right) -> _Attribution | None:
    text = doc.text
    if right and right[0][0] in data.verbs:  # "حسبما قال شهود": the source follows the verb
        right = right[1:]
    sp = _speaker_after(data, text, right, verb.lang)
    speaker, sp_span = (sp[0], sp[1:]) if sp else ("", (0, 0))
    lead = [t for t, _, _ in left if _is_word(t) and t not in data.words["lead_in"]]
    if not lead:  # "According to X, CLAUSE"
        rstart = sp[2] if sp else end
        for t, a, b in right:
            if t in (",", "،", ":"):
                rstart = b
                break
        return _Attribution(start, end, surface, verb.cls, speaker, (rstart, s1), sp_span)
    cut = left[-1][1] if left and left[-1][0] in (",", "،") else start
    return _Attribution(start, end, surface, verb.cls, speaker, (s0, cut), sp_span)


def _speaker_after(data, text, right, lang) -> tuple[str, int, int] | None:
    """The noun phrase right after a verb: "said the governor", "according to Reuters"."""
    stops = data.words["stop"]
    words = []
    n = 0
    for i, (t, a, b) in enumerate(right):
        if t == "." and words and _abbreviation_dot(right, i):
            n -= 1  # "said Mr. Kelsey", "said U.S. officials": a title or an initial is not a word of its own
            continue
        if not _is_word(t) or t in stops or t in data.verbs or n >= SPEAKER_WORDS:
            break
        words.append((a, b))
        n += 1
    if not words:
        return None
    return text[words[0][0]:words[-1][1]], words[0][0], words[-1][1]


def _phrase_start(left: list[tuple[str, int, int]], k: int, stops, verbs=()) -> int:
    """Where the noun phrase that ends before ``left[k]`` begins (a speaker): up to SPEAKER_WORDS
    words back, stopping at punctuation, a stop word or a speech verb. The full stops of titles,
    initials and abbreviations are part of it ("Mr. Kelsey", "U.S. officials", "John F. Kennedy")."""
    j, n = k, 0
    while j > 0 and n < SPEAKER_WORDS:
        t = left[j - 1][0]
        if t[0].isalnum() or t[0] == "_":  # _is_word, inlined: this runs for every speech verb
            if t in stops or t in verbs:
                break
            n += 1
        elif t == "." and n and _abbreviation_dot(left, j - 1):
            n -= 1  # the title or initial before it does not count as a word of its own
        else:
            break
        j -= 1
    if j < k and left[j][0] == ".":
        j += 1
    return j


def _abbreviation_dot(tokens: list[tuple[str, int, int]], i: int) -> bool:
    """Whether ``tokens[i]``, a full stop, closes a title, an initial or an abbreviation inside a
    name: attached to a word the sentence splitter knows as one ("Mr", "Gen", "U", "S", "F") and
    followed by a word."""
    if i < 1 or i + 1 >= len(tokens):
        return False
    word, _, end = tokens[i - 1]
    return end == tokens[i][1] and _is_word(tokens[i + 1][0]) and (len(word) == 1 or word in _SPECIAL)


def _sentence_stop(tokens: list[tuple[str, int, int]]) -> bool:
    """Whether an end of sentence mark stands among ``tokens`` (abbreviations' full stops do not count)."""
    return any(t in ".!?؟" and not (t == "." and _abbreviation_dot(tokens, i)) for i, (t, _, _) in enumerate(tokens))


def _short_tail(data, right, after: int, objects: int = 0) -> bool:
    """Little follows the verb (or its speaker, from ``after``): no reported clause, only an end,
    a comma, or adverbials ("..., the army said on Tuesday in a statement."). ``objects`` words
    may come first ("..., the officer told reporters.")."""
    comp, tail = data.words["complementizer"], data.words["tail"]
    rest = [t for t, a, _ in right if a >= after]
    if not rest:
        return True
    k = 0
    while k < objects and k < len(rest) and _is_word(rest[k]) and rest[k] not in tail and rest[k] not in comp:
        k += 1
    first = rest[k] if k < len(rest) else "."
    if not (first in tail or first in ".,;!?—–()؟،" or first in MARKS):  # "(" : "said Rep. X (D-Mo.)"
        return False
    n = 0
    for i, t in enumerate(rest):
        if t == _MORE or t in comp or t == ":" or (t in MARKS and i < len(rest) - 2):
            return False  # a reported clause, or a quotation that goes on after the verb
        if _is_word(t):
            n += 1
            if n > TRAILING_WORDS:
                return False
    return True


# ----------------------------------------------------------------------------- quotations

def _quote_info(doc: _Document, data: ContextData, q: Quote) -> _QuoteInfo:
    text = doc.text
    lo, hi = q.inner
    while lo < hi and (text[lo].isspace() or text[lo] in ".,;:!?…،؛؟"):
        lo += 1
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ".,;:!?…،؛؟"):
        hi -= 1
    n_words = len(_TOKEN.findall(text, lo, hi)) if hi - lo <= 80 else 99
    att = _quote_attribution(doc, data, q)
    colon = _prev_char(text, q.start) == ":"
    multi = doc.sentence_of(q.start) != doc.sentence_of(max(q.start, q.end - 1))
    exclaim = hi < q.inner[1] and text[hi] in "!?؟"
    speech = att is not None or colon or n_words > MAX_SCARE_WORDS or multi or exclaim
    scare = False
    if n_words <= MAX_SCARE_WORDS and not (colon or multi or exclaim) and any(ch.isalnum() for ch in text[lo:hi]):
        if _house_name(doc, data, q, lo, hi) and not _attached(doc, q, att):
            speech, scare = False, True  # a name an outlet keeps in quotes ("Israel"), even in reported speech
        elif not speech:
            speech = _speech_nearby(doc, data, q)
            scare = not speech and not _mention(doc, data, q, lo, hi)
    return _QuoteInfo(q, speech, scare, (lo, hi), att)


def _quoted_names(text: str, quotes: list[Quote]) -> dict[str, int]:
    """How often each name stands in quotation marks in the text (see :func:`_name_key`)."""
    counts: dict[str, int] = {}
    for q in quotes:
        lo, hi = q.inner
        if hi - lo <= 40:
            key = _name_key(text[lo:hi])
            if key:
                counts[key] = counts.get(key, 0) + 1
    return counts


def _name_key(quoted: str) -> str:
    """The first five letters, lower case, when the quoted words are one capitalised word, not all
    capitals: a name ("Israel", "Israeli", "Israel's" share a key). Names of several words ("Fox News
    Sunday", "Little Rocket Man") are mostly titles and nicknames, quoted as such: they have no key."""
    words = quoted.strip(" .,;:!?'’").split()
    if len(words) != 1 or not words[0][0].isupper() or words[0].isupper():
        return ""
    first = words[0]
    return first[:5].lower() if first[:5].isalpha() else ""


def _house_name(doc: _Document, data: ContextData, q: Quote, lo: int, hi: int) -> bool:
    """The quoted word is a name that the text puts in quotes at least twice, and no verb of saying
    stands right before it ("did not say "Obamacare""): an outlet's way of writing a name it does not
    accept ("Israel"), not a speaker's word, even in reported speech ("officials said "Israel" ...")."""
    key = _name_key(doc.text[lo:hi])
    if not key or doc.quote_names.get(key, 0) < 2:
        return False
    before = [t for t, _, _ in _tokens(doc.text, max(0, q.start - 20), q.start) if _is_word(t)][-1:]
    return not (before and before[0] in data.words["utter"])


def _attached(doc: _Document, q: Quote, att: _Attribution | None) -> bool:
    """The attribution verb follows the quotation ('"Israel," he said': a one-word answer), rather than
    introducing a clause that contains it."""
    return att is not None and q.end <= att.start <= q.end + 100


def _mention(doc: _Document, data: ContextData, q: Quote, lo: int, hi: int) -> bool:
    """A short quotation that names or mentions rather than judges: all capitals (an acronym, a quoted
    heading, a letter), or a capitalised name followed by what it names (the "Just Do It" campaign, the
    "Enterprising States" study)."""
    quoted = doc.text[lo:hi]
    letters = [c for c in quoted if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and all(c < "\u0250" for c in letters):  # Latin script
        return True
    words = quoted.split()
    if len(words) >= 2 and all(w[0].isupper() or (len(w) <= 3 and w.isalpha()) for w in words) and words[0][0].isupper():
        after = [t for t, _, _ in _tokens(doc.text, q.end, min(len(doc.text), q.end + 30)) if t not in MARKS][:1]
        return bool(after) and after[0] in data.words["kind_noun"]
    return False


def _speech_nearby(doc: _Document, data: ContextData, q: Quote) -> bool:
    """A short quotation is someone's words, not a scare quote, when an English speech verb stands a
    few words before it ("Obama called for "meaningful action""), or a speech verb that is not also a
    noun or a verb of speaking or thinking (speech_act: blamed, promised, urged, thinks) stands before it
    in the same sentence; when a word for an utterance follows it ("Trump's 'due process' remark"); when
    it opens a sentence right after a sentence with an attribution ('... Mr. Gentile said. "He's
    amazing."') or stands alone on its line (a quoted subheading); when the sentence begins "Name:" (a
    headline's speaker); or when a title word comes before it (the novel "Quiet Rivers")."""
    text = doc.text
    s0 = doc.sentence_bounds(q.start)[0]
    i = bisect.bisect_right(doc.verb_ends, q.start) - 1
    if i >= 0 and doc.verb_ends[i] >= max(s0, q.start - 60):
        return True
    i = bisect.bisect_right(doc.speech_ends, q.start) - 1
    if i >= 0 and doc.speech_ends[i] >= s0:
        return True
    si = doc.sentence_of(q.start)
    if blank_before(text, s0, q.start) and si > 0:
        p0, p1 = doc.sentences[si - 1]
        j = bisect.bisect_right(doc.speech_ends, p1) - 1
        if doc.by_sentence.get(si - 1) or (j >= 0 and doc.speech_ends[j] > p0 and doc.quote_mark_between(p0, p1)):
            return True  # continues the quotation of the sentence before ('..." Mr. Gentile, 28, said. "He's amazing."')
    line0 = doc.rfind_char("\n", 0, q.start) + 1
    if blank_before(text, line0, q.start):
        line1 = doc.find_char("\n", q.end)
        if only_chars_after(text, q.end, len(text) if line1 < 0 else line1, " .?!…"):
            return True  # a quoted line of its own: a subheading quoting someone
    colon = doc.rfind_char(":", s0, q.start)
    if colon > s0:
        head = text[max(s0, colon - 40):colon].split()[-2:]
        if head and all(w[0].isupper() for w in head) and text[colon + 1:colon + 2].isspace():
            return True  # a headline's speaker: "Joe Biden: Republicans will have 'an epiphany'"
    after = _tokens(doc.text, q.end, min(len(doc.text), q.end + 30))[:2]
    if any(t in data.words["utterance"] for t, _, _ in after):
        return True
    before = [t for t, _, _ in _tokens(doc.text, max(s0, q.start - 30), q.start) if t not in (",", ":")][-2:]
    return any(t in data.words["title_noun"] for t in before)  # the novel "Quiet Rivers"


def _prev_char(text: str, pos: int) -> str:
    k = pos - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return text[k] if k >= 0 else ""


def _quote_attribution(doc: _Document, data: ContextData, q: Quote) -> _Attribution | None:
    text = doc.text
    # After the closing mark: '"...," the governor said' / '"...," said the governor'.
    for si in {doc.sentence_of(max(q.start, q.end - 1)), doc.sentence_of(q.end)}:
        atts = doc.by_sentence.get(si, ())
        if len(atts) > SMALL:  # only those starting within 100 characters after the mark
            starts = doc.sentence_index().starts(si)
            atts = atts[bisect.bisect_left(starts, q.end):bisect.bisect_right(starts, q.end + 100)]
        for att in atts:
            if q.end <= att.start <= q.end + 100:
                between = _tokens(text, q.end, att.start)
                words = [t for t, _, _ in between if _is_word(t)]
                if len(words) <= SPEAKER_WORDS and not _sentence_stop(between):
                    return att
    # Before the opening mark, or a reported clause that contains the quotation: the last
    # attribution whose clause contains it, else the first close enough before it.
    si = doc.sentence_of(q.start)
    atts = doc.by_sentence.get(si, ())
    best = None
    if len(atts) > SMALL:
        index = doc.sentence_index()
        for i in index.in_order(si).containing(q.start):
            att = atts[i]
            if not (att.start <= q.start < att.end):
                best = att
                break
        if best is None:  # a verb further back has the verbs of those in between in its gap
            k = bisect.bisect_left(index.starts(si), q.start)
            atts = atts[max(0, k - 4 * (SPEAKER_WORDS + 1)):k]
    for att in atts if best is None else ():
        if att.region[0] <= q.start < att.region[1] and not (att.start <= q.start < att.end):
            best = att
        elif att.end <= q.start and best is None and q.start - att.end <= MAX_GAP_CHARS:
            gap = _tokens(text, att.end, q.start)
            if sum(1 for t, _, _ in gap if _is_word(t)) <= SPEAKER_WORDS and \
                    all(_is_word(t) or t in ",:،" for t, _, _ in gap):
                best = att
    if best is None and q.start > 0:
        # A quotation opening a paragraph right after "He said:" in the previous one.
        si = doc.sentence_of(q.start)
        if si > 0 and _prev_char(text, q.start) == ":":
            before = doc.by_sentence.get(si - 1, ())
            if before:
                best = before[-1]  # the last of them
    return best


# ----------------------------------------------------------------------------- per hit

def read_in_context(text: str, spans: list[Span], entries: tuple[Entry, ...],
                    sentences: list[tuple[int, int]]) -> list[Reading]:
    """One :class:`Reading` per span, in order."""
    if not spans:
        return []
    doc = _document(text, sentences)
    data = context_data()
    return [_read(doc, data, span.start, span.end, entries[span.entry]) for span in spans]


def quotations(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int, bool, bool]]:
    """``(start, end, speech, scare)`` for each quotation of ``text``, in order: the offsets of the quoted
    words (marks and edge punctuation excluded), whether it is someone's words, whether it is a scare quote."""
    return [(qi.words[0], qi.words[1], qi.speech, qi.scare) for qi in _document(text, sentences).quotes]


def extra_hits(text: str, spans: list[Span], sentences: list[tuple[int, int]]) -> list[tuple[int, int, str, Reading]]:
    """Hits the lexicon does not have: scare-quoted words and attribution verbs.

    ``(start, end, "scare_quote", reading)`` for the words of each scare quote that no span covers;
    ``(start, end, "attribution", reading)`` for each verb or phrase introducing reported speech
    or a quotation, with ``reading.attribution``, ``attribution_class`` and ``speaker`` filled.
    In text order.
    """
    doc = _document(text, sentences)
    data = context_data()
    out = []
    span_starts = [s.start for s in spans]
    for qi in doc.quotes:
        if not qi.scare:
            continue
        lo, hi = qi.words
        i = bisect.bisect_left(span_starts, qi.quote.start)
        if i < len(spans) and spans[i].start < qi.quote.end:
            continue
        if i > 0 and spans[i - 1].end > qi.quote.start:
            continue
        out.append((lo, hi, "scare_quote", _read(doc, data, lo, hi, None)))
    for att in doc.attributions:
        voice = "quoted" if _speech_quote(doc, att.start) is not None else "own"
        out.append((att.start, att.end, "attribution",
                    Reading(voice=voice, speaker=att.speaker, attribution=att.verb, attribution_class=att.cls)))
    out.sort(key=lambda h: (h[0], h[1]))
    return out


def _speech_quote(doc: _Document, pos: int) -> _QuoteInfo | None:
    i = bisect.bisect_right(doc.quote_starts, pos) - 1
    if i >= 0:
        qi = doc.quotes[i]
        if qi.quote.start < pos < qi.quote.end and qi.speech:
            return qi
    return None


def _read(doc: _Document, data: ContextData, start: int, end: int, entry: Entry | None) -> Reading:
    voice, speaker, attribution, cls = "own", "", "", ""
    scare = False
    si = doc.sentence_of(start)
    s0, s1 = doc.sentences[si]
    if start >= s1:  # between sentences
        s0, s1 = s1, (doc.sentences[si + 1][0] if si + 1 < len(doc.sentences) else len(doc.text))
    i = bisect.bisect_right(doc.quote_starts, start) - 1
    quote = doc.quotes[i] if i >= 0 and doc.quotes[i].quote.start < start < doc.quotes[i].quote.end else None
    if quote is not None and quote.speech:
        voice = "quoted"
        if quote.attribution is not None:
            a = quote.attribution
            speaker, attribution, cls = a.speaker, a.verb, a.cls
    else:
        if quote is not None and quote.scare:
            scare = True
        att = _region_of(doc, start, end, si)
        if att is not None:
            voice, speaker, attribution, cls = "attributed", att.speaker, att.verb, att.cls
    own_verb = _verb_at(doc, start, end, si)
    if own_verb is not None and not attribution:
        attribution, cls = own_verb.verb, own_verb.cls
    negated = _negated(doc, data, start, s0)
    so_called, target = _so_called(doc, data, start, end, s0, s1)
    sense = "loaded"
    if entry is not None and entry.ambiguous:
        sense = _sense(doc, data, start, end, entry, s0, s1)
    return Reading(voice, scare, so_called, negated, sense, speaker, target, attribution, cls)


def _region_of(doc: _Document, start: int, end: int, si: int) -> _Attribution | None:
    """The attribution whose reported clause holds ``start`` and starts last (the last of those that
    start together), the hit not being its speaker's or verb's words."""
    atts = doc.by_sentence.get(si, ())
    if len(atts) > SMALL:
        items, _, index = doc.sentence_index().by_r0(si)
        for i in index.containing(start):
            att = items[i]
            if not (att.speaker_span[0] <= start < att.speaker_span[1]) and not (att.start <= start < att.end):
                return att
        return None
    found = None
    for att in atts:
        r0, r1 = att.region
        if r0 <= start < r1 and not (att.speaker_span[0] <= start < att.speaker_span[1]) \
                and not (att.start <= start < att.end):
            if found is None or r0 >= found.region[0]:
                found = att
    return found


def _verb_at(doc: _Document, start: int, end: int, si: int) -> _Attribution | None:
    atts = doc.by_sentence.get(si, ())
    if len(atts) > SMALL:
        return doc.sentence_index().first_overlapping(si, start, end)
    for att in atts:
        if att.start <= start < att.end or start <= att.start < end:
            return att
    return None


# ----------------------------------------------------------------------------- negation

def _negated(doc: _Document, data: ContextData, start: int, s0: int) -> bool:
    i = bisect.bisect_right(doc.neg_ends, start) - 1
    best = None
    while i >= 0:
        end, nstart, role, word = doc.negators[i]
        if start - end > NEG_REACH or nstart < s0:
            break
        if nstart < start and (best is None or end > best[0] or (end == best[0] and nstart < best[1])):
            best = doc.negators[i]
        i -= 1
    if best is None:
        return False
    end, nstart, role, word = best
    between = [t for t in doc.window(end, start) if t[0] not in MARKS]
    neg = data.negation
    bridges, barriers = neg.get("bridge", set()), neg.get("barrier", set())
    if role == "denial":  # "denied that it was ...": the scope starts after "that"
        comp = data.words["complementizer"]
        k = next((i for i in range(len(between) - 1, -1, -1) if between[i][0] in comp), -1)
        if k < 0:  # "denied the country was a ...": skip the clause's subject up to its verb
            k = next((i for i, (t, _, _) in enumerate(between[:5]) if t in _COPULAS), -1) - 1
            if k < -1 or any(not _is_word(t) for t, _, _ in between[:k + 1]):
                return False
        between = between[k + 1:]
    cancel = neg.get("cancel", set())
    if any(t in cancel for t, _, _ in between):  # "not only", "not the only", "no doubt"
        return False
    det = word in _DETERMINER_NEGATORS
    stops = data.words["stop"]
    modifiers = capitals = 0
    for t, a, b in between:
        if not _is_word(t) or t in barriers:
            return False
        if t in bridges:
            det = det or t in _DETERMINERS
            continue
        if det and modifiers < 2 and t not in stops and t.isascii():
            modifiers += 1
        elif doc.text[a].isupper() and capitals < 2:
            capitals += 1
        else:
            return False
    return True


_COPULAS = frozenset({"is", "was", "are", "were", "be", "been", "being", "had", "has", "have"})
_DETERMINER_NEGATORS = frozenset({"no", "none of", "neither", "nor", "without", "rather than", "instead of",
                                  "لا", "غير", "ولا", "ليس", "ليست", "ليسوا", "لم يعد", "لا يعد"})
_DETERMINERS = frozenset({"a", "an", "the", "any", "one", "of", "أي"})


# ----------------------------------------------------------------------------- so-called

def _two_words_before(text: str, lo: int, hi: int, window: int = 200) -> bool:
    """Two tokens (not quotation marks) stand in text[lo:hi], judged from its first ``window``
    characters only (a marker far away in a long sentence is not tokenised up to for every hit)."""
    if hi - lo <= window:
        return False  # short: the caller tokenises it
    cut = max(text.rfind(c, lo, lo + window) for c in " \n\t")
    if cut <= lo:
        return False
    return sum(1 for g in _tokens(text, lo, cut) if g[0] not in MARKS) >= 2


def _so_called(doc: _Document, data: ContextData, start: int, end: int, s0: int, s1: int) -> tuple[bool, str]:
    text = doc.text
    # A marker after the term (Arabic "الدولة المزعومة").
    j = bisect.bisect_left(doc.marker_starts, end)
    if j < len(doc.markers):
        ms, me, mw = doc.markers[j]
        if data.markers.get(mw) == "after" and ms < s1 and not _two_words_before(text, end, ms):
            gap = [g for g in _tokens(text, end, ms) if g[0] not in MARKS]
            if len(gap) <= 1 and all(_is_word(t) for t, _, _ in gap):
                words = _TOKEN.findall(text, start, gap[-1][2] if gap else end)
                last = gap[-1][2] if gap else end
                return True, text[start:last] if words else text[start:end]
    i = bisect.bisect_right(doc.marker_ends, start) - 1
    while i >= 0:
        ms, me, mw = doc.markers[i]
        if start - me > MARKER_REACH or ms < s0:
            break
        if me <= start:
            target = _target(doc, data, ms, me, mw, s1)
            if target is not None and target[0] <= start < target[1]:
                return True, text[target[0]:target[1]]
        i -= 1
    return False, ""


def _target(doc: _Document, data: ContextData, ms: int, me: int, mw: str, s1: int,
            what_checked: bool = False) -> tuple[int, int] | None:
    """Offsets of the noun phrase a marker modifies, or None when the marker does not apply."""
    text = doc.text
    position = "calls" if what_checked else data.markers.get(mw, "")
    if position == "after":
        return None
    if position == "modifier":
        s0 = doc.sentence_bounds(ms)[0]
        prev = _tokens(text, max(s0, ms - 30), ms)
        if prev and not (prev[-1][0] in data.words["determiner"] or prev[-1][0].endswith("'s")
                         or prev[-1][0] in MARKS):
            return None
    right = _tokens(text, me, min(s1, me + 120))
    if position == "calls":
        left = [t for t, _, _ in _tokens(text, max(0, ms - 40), ms)]
        if right and right[0][0] in ("itself", "themselves", "himself", "herself"):
            right = right[1:]
        elif not what_checked and "what" not in left[-4:]:
            return None
        if right and right[0][0] == "as":
            right = right[1:]
    if not right:
        return None
    if right[0][0] in MARKS:  # so-called "buffer zone"
        i = bisect.bisect_left(doc.quote_starts, right[0][1])
        if i < len(doc.quotes) and doc.quotes[i].quote.start == right[0][1]:
            return doc.quotes[i].words
        right = right[1:]
    stops, verbs = data.words["stop"], data.words["verb"]
    target_stops = data.words["target_stop"]
    words = []
    for t, a, b in right:
        if t in MARKS:
            continue
        if not _is_word(t) or t in stops or len(words) >= TARGET_WORDS:
            break
        if words and (t in target_stops or t in verbs or t in data.verbs or (t.endswith("ed") and len(t) > 4)):
            break
        if words and "\u0600" <= t[0] <= "\u06ff" and not t.startswith(("ال", "لل")):
            break  # Arabic: a noun phrase goes on with definite words (جيش الدفاع), not a verb
        words.append((a, b))
    if not words:
        return None
    return words[0][0], words[-1][1]


# ----------------------------------------------------------------------------- senses

_LINKS = frozenset({"of", "for", "to", "against", "on"})


def _sense(doc: _Document, data: ContextData, start: int, end: int, entry: Entry, s0: int, s1: int) -> str:
    text = doc.text
    left = doc.window(max(s0, start - 80), start)
    right = doc.window(end, min(s1, end + 80))
    surface = " ".join(_norm_token(t) for t in _TOKEN.findall(text, start, end))
    forms = {surface, _strip_prefix(surface), _fold_word(entry.term)}
    sense = _cue_sense(data, entry.lang, forms, left, right, entry.neutral_cues)
    if sense is not None:
        return sense
    model = SENSE_MODEL
    if model is not None:
        try:
            guess = model(text[s0:s1], start - s0, end - s0, entry)
        except Exception:  # a helper must never break the analysis; rules stand
            guess = None
        if guess in ("loaded", "neutral"):
            return guess
    return "loaded"


@dataclass(frozen=True)
class _EntryCues:
    """An entry's neutral cues, tokenised once and indexed by the word nearest to the term."""

    overlapping: tuple[tuple[tuple[str, ...], frozenset], ...]  # cues that share a word with the term
    by_last: dict   # last word -> [(cue, window, "neutral")] (for cues before the term), as _scan_cues reads
    by_first: dict  # first word -> [(cue, window, "neutral")] (for cues after the term)


ENTRY_CUE_WINDOW = 2  # words between a lexicon entry's neutral cue and the term


@functools.lru_cache(maxsize=4096)
def _entry_cues(entry_cues: tuple[str, ...]) -> _EntryCues:
    overlapping, by_last, by_first = [], {}, {}
    for raw in entry_cues:
        cue = tuple(t for t, _, _ in _tokens(raw, 0, len(raw)))
        if not cue:
            continue
        overlapping.append((cue, frozenset(cue)))
        by_last.setdefault(cue[-1], []).append((cue, ENTRY_CUE_WINDOW, "neutral"))
        by_first.setdefault(cue[0], []).append((cue, ENTRY_CUE_WINDOW, "neutral"))
    return _EntryCues(tuple(overlapping), by_last, by_first)


def _cue_sense(data: ContextData, lang: str, forms, left, right, entry_cues) -> str | None:
    """"neutral" or "loaded" when a cue decides, else None."""
    index = _rules_for(data, lang, forms if isinstance(forms, str) else frozenset(forms))
    if not (index.before or index.after or entry_cues):
        return None
    if isinstance(forms, str):
        forms = {forms}
    lw = [t for t, _, _ in left]
    rw = [t for t, _, _ in right]
    best: tuple[int, int] | None = None  # (distance, 0 loaded / 1 neutral)

    def found(distance: int, sense: str) -> None:
        nonlocal best
        cand = (distance, 0 if sense == "loaded" else 1)
        if best is None or cand < best:
            best = cand

    if index.before:
        _scan_cues(index.before, index.before_reach, lw, True, found)
    if index.after:
        _scan_cues(index.after, index.after_reach, rw, False, found)
    if entry_cues:
        cues = _entry_cues(tuple(entry_cues))
        # Every form (as written, without an Arabic prefix, the entry's term) in a fixed order: a
        # set's order changes from one process to the next, and results must not.
        form_words = [(tuple(f.split()), set(f.split())) for f in sorted(forms) if f]
        overlapping = set()
        window_words = None
        for cue, cue_words in cues.overlapping:
            for term_tokens, fw in form_words:
                if not fw & cue_words:
                    continue
                # The cue shares words with the term ("claimed responsibility", "proxy server"): it
                # must occur as a phrase in the words around the hit, overlapping the hit itself,
                # with the term in any of its forms ("a concentration camp survivor" for the entry
                # "concentration camps").
                overlapping.add(cue)
                if window_words is None:
                    window_words = set(lw).union(rw)
                if not (cue_words - fw) <= window_words:
                    continue  # a word of the cue is nowhere near (the usual case): no phrase to find
                seq = lw + list(term_tokens) + rw
                ts, te, n = len(lw), len(lw) + len(term_tokens), len(cue)
                if any(tuple(seq[i:i + n]) == cue for i in range(max(0, ts - n + 1), te)):
                    found(0, "neutral")
                    break

        def without_overlapping(table):
            return table if not overlapping else {
                k: [c for c in v if c[0] not in overlapping] for k, v in table.items()}

        _scan_cues(without_overlapping(cues.by_last), ENTRY_CUE_WINDOW, lw, True, found)
        if lang == "ar" or (rw and rw[0] in _LINKS):
            _scan_cues(without_overlapping(cues.by_first), ENTRY_CUE_WINDOW, rw, False, found)
    if best is None:
        return None
    return "loaded" if best[1] == 0 else "neutral"


@dataclass
class _CueIndex:
    """The cue rules of one term, looked up by the cue's word nearest to the term."""

    before: dict[str, list[tuple[tuple[str, ...], int, str]]] = field(default_factory=dict)
    after: dict[str, list[tuple[tuple[str, ...], int, str]]] = field(default_factory=dict)
    before_reach: int = -1
    after_reach: int = -1


_RULE_MEMO: dict[tuple[str, frozenset | str], _CueIndex] = {}


def _rules_for(data: ContextData, lang: str, forms: frozenset | str) -> _CueIndex:
    key = (lang, forms)
    index = _RULE_MEMO.get(key)
    if index is None:
        index = _CueIndex()
        for r in data.cue_rules:
            if r.lang != lang or not any(f == r.term or (r.prefix and f.startswith(r.term))
                                         for f in ((forms,) if isinstance(forms, str) else forms)):
                continue
            for cue in r.cues:
                if not cue:
                    continue
                if r.side == "before":
                    index.before.setdefault(cue[-1], []).append((cue, r.window, r.sense))
                    index.before_reach = max(index.before_reach, r.window)
                else:
                    index.after.setdefault(cue[0], []).append((cue, r.window, r.sense))
                    index.after_reach = max(index.after_reach, r.window)
        if len(_RULE_MEMO) > 10000:
            _RULE_MEMO.clear()
        _RULE_MEMO[key] = index
    return index


def _scan_cues(table, reach: int, words: list[str], before: bool, found) -> None:
    """Report (distance, sense) of every cue in ``table`` found within ``reach`` words of the term."""
    n_words = len(words)
    for d in range(reach + 1):
        pos = n_words - 1 - d if before else d
        if pos < 0 or pos >= n_words:
            return
        tok = words[pos]
        cands = table.get(tok, ())
        alt = _strip_prefix(tok)
        if alt != tok:
            cands = [*cands, *((c, w, s) for c, w, s in table.get(alt, ()) if len(c) == 1)]
        for cue, window, sense in cands:
            if d > window:
                continue
            n = len(cue)
            if n == 1 or (before and pos - n + 1 >= 0 and tuple(words[pos - n + 1:pos + 1]) == cue) \
                    or (not before and tuple(words[pos:pos + n]) == cue):
                found(d, sense)
        if not _is_word(tok) and tok not in (",", "/", "'"):
            return
