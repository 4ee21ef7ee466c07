"""Quotations: speech, scare quotes, names and mentions, and the attribution each belongs to."""
from __future__ import annotations

import bisect

from ..context_index import SMALL, blank_before, only_chars_after
from ..quotes import MARKS, Quote
from .attribution import _sentence_stop
from .document import MAX_GAP_CHARS, MAX_SCARE_WORDS, SPEAKER_WORDS, _Attribution, Document, _QuoteInfo
from .tokens import _TOKEN, _is_word

# ----------------------------------------------------------------------------- quotations

def _quote_info(doc: Document, q: Quote) -> _QuoteInfo:
    text = doc.text
    lo, hi = q.inner
    while lo < hi and (text[lo].isspace() or text[lo] in ".,;:!?…،؛؟"):
        lo += 1
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ".,;:!?…،؛؟"):
        hi -= 1
    n_words = len(_TOKEN.findall(text, lo, hi)) if hi - lo <= 80 else 99
    att = _quote_attribution(doc, q)
    colon = _prev_char(text, q.start) == ":"
    multi = doc.sentence_of(q.start) != doc.sentence_of(max(q.start, q.end - 1))
    exclaim = hi < q.inner[1] and text[hi] in "!?؟"
    speech = att is not None or colon or n_words > MAX_SCARE_WORDS or multi or exclaim
    scare = False
    if n_words <= MAX_SCARE_WORDS and not (colon or multi or exclaim) and any(ch.isalnum() for ch in text[lo:hi]):
        if _house_name(doc, q, lo, hi) and not _attached(doc, q, att):
            speech, scare = False, True  # a name an outlet keeps in quotes ("Israel"), even in reported speech
        elif not speech:
            speech = _speech_nearby(doc, q)
            scare = not speech and not _mention(doc, q, lo, hi)
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


def _house_name(doc: Document, q: Quote, lo: int, hi: int) -> bool:
    """The quoted word is a name that the text puts in quotes at least twice, and no verb of saying
    stands right before it ("did not say "Obamacare""): an outlet's way of writing a name it does not
    accept ("Israel"), not a speaker's word, even in reported speech ("officials said "Israel" ...")."""
    data = doc.data
    key = _name_key(doc.text[lo:hi])
    if not key or doc.quote_names.get(key, 0) < 2:
        return False
    before = [t for t, _, _ in doc.tokens(max(0, q.start - 20), q.start) if _is_word(t)][-1:]
    return not (before and before[0] in data.words["utter"])


def _attached(doc: Document, q: Quote, att: _Attribution | None) -> bool:
    """The attribution verb follows the quotation ('"Israel," he said': a one-word answer), rather than
    introducing a clause that contains it."""
    return att is not None and q.end <= att.start <= q.end + 100


def _mention(doc: Document, q: Quote, lo: int, hi: int) -> bool:
    """A short quotation that names or mentions rather than judges: all capitals (an acronym, a quoted
    heading, a letter), or a capitalised name followed by what it names (the "Just Do It" campaign, the
    "Enterprising States" study)."""
    data = doc.data
    quoted = doc.text[lo:hi]
    letters = [c for c in quoted if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and all(c < "\u0250" for c in letters):  # Latin script
        return True
    words = quoted.split()
    if len(words) >= 2 and all(w[0].isupper() or (len(w) <= 3 and w.isalpha()) for w in words) and words[0][0].isupper():
        after = [t for t, _, _ in doc.tokens(q.end, min(len(doc.text), q.end + 30)) if t not in MARKS][:1]
        return bool(after) and after[0] in data.words["kind_noun"]
    return False


def _speech_nearby(doc: Document, q: Quote) -> bool:
    """A short quotation is someone's words, not a scare quote, when an English speech verb stands a
    few words before it ("Obama called for "meaningful action""), or a speech verb that is not also a
    noun or a verb of speaking or thinking (speech_act: blamed, promised, urged, thinks) stands before it
    in the same sentence; when a word for an utterance follows it ("Trump's 'due process' remark"); when
    it opens a sentence right after a sentence with an attribution ('... Mr. Gentile said. "He's
    amazing."') or stands alone on its line (a quoted subheading); when the sentence begins "Name:" (a
    headline's speaker); or when a title word comes before it (the novel "Quiet Rivers")."""
    data = doc.data
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
    after = doc.tokens(q.end, min(len(doc.text), q.end + 30))[:2]
    if any(t in data.words["utterance"] for t, _, _ in after):
        return True
    before = [t for t, _, _ in doc.tokens(max(s0, q.start - 30), q.start) if t not in (",", ":")][-2:]
    return any(t in data.words["title_noun"] for t in before)  # the novel "Quiet Rivers"


def _prev_char(text: str, pos: int) -> str:
    k = pos - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return text[k] if k >= 0 else ""


def _quote_attribution(doc: Document, q: Quote) -> _Attribution | None:
    text = doc.text
    # After the closing mark: '"...," the governor said' / '"...," said the governor'.
    for si in {doc.sentence_of(max(q.start, q.end - 1)), doc.sentence_of(q.end)}:
        atts = doc.by_sentence.get(si, ())
        if len(atts) > SMALL:  # only those starting within 100 characters after the mark
            starts = doc.sentence_index().starts(si)
            atts = atts[bisect.bisect_left(starts, q.end):bisect.bisect_right(starts, q.end + 100)]
        for att in atts:
            if q.end <= att.start <= q.end + 100:
                between = doc.tokens(q.end, att.start)
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
            gap = doc.tokens(att.end, q.start)
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
