"""The entry points: a document read once (:func:`read_document`), then each hit read in it."""
from __future__ import annotations

import bisect

from ..lexicon import Entry
from ..match import Span
from ..context_index import SMALL
from ..quotes import find_quotes
from .attribution import _attribution
from .document import Reading, _Attribution, Document, _QuoteInfo
from .language import language_for
from .negation import _negated
from .quoting import _quote_info, _quoted_names
from .tokens import _scan_text
from .senses import _sense
from .so_called import _so_called

def read_document(text: str, sentences: list[tuple[int, int]], lang: str = "") -> Document:
    """The context of one document, read once: then :func:`hit_readings` and :func:`document_extra_hits`
    read its hits in it (both entry points share it, so build it once per document)."""
    return _analyse(text, sentences, language_for(lang, text))


def _analyse(text: str, sentences: list[tuple[int, int]], data) -> Document:
    sentences = list(sentences) or [(0, len(text))]
    starts = [s for s, _ in sentences]
    scan, kept = _scan_text(text)
    n = len(scan)
    verbs, negators, markers, acts, idioms = [], [], [], [], []
    joins_left = data.hook.joins_left
    for last, (klen, payloads) in (data.automaton.iter(scan) if data.automaton is not None else ()):
        ks, ke = last - klen + 1, last + 1
        if ke < n and (scan[ke].isalnum() or scan[ke] == "_") and not payloads[0][1]:
            continue
        for prefix, attached, (role, word) in payloads:
            if ks > 0 and (scan[ks - 1].isalnum() or scan[ks - 1] == "_") and word not in joins_left:
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
            elif role == "idiom":
                idioms.append((start, end))
            else:
                negators.append((end, start, role, word))
    verbs.sort()
    markers.sort()
    negators.sort()
    doc = Document(text=text, sentences=sentences, starts=starts, quotes=[], quote_starts=[], attributions=[],
                   by_sentence={}, negators=negators, neg_ends=[n[0] for n in negators], markers=markers,
                   marker_starts=[m[0] for m in markers], marker_ends=[m[1] for m in markers], data=data)
    # Attributions, in text order.
    quotes = find_quotes(text)
    # verbs inside a marker ("called" in "so called") or an own-voice idiom ("saying" in "it goes
    # without saying") introduce nobody's words
    covering = sorted([(s, e) for s, e, w in markers if data.markers.get(w) == "before"] + idioms)
    last_source_end = -10
    marks_quotes = data.settings["verbs_mark_quotes"] == "yes"  # speech verbs near a quotation make it speech
    for start, end, form in verbs:
        if _inside_marker(covering, start, end):
            continue  # "called" in "so called", "described" in "self-described"
        if marks_quotes:
            doc.verb_ends.append(end)
            if data.verbs[form].frame != "that":  # not the forms that are also nouns ("states", "claims")
                acts.append(end)
        if start - last_source_end <= 1 and not text[last_source_end:start].strip():
            continue  # "حسبما قال": the verb belongs to the source phrase before it
        att = _attribution(doc, start, end, form)
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
        doc.quotes[i] = _quote_info(doc, q)
    return doc


def _inside_marker(covering: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(covering, (start, 1 << 62))
    for s, e in covering[max(0, i - 2):i]:
        if s <= start and end <= e and (s, e) != (start, end):
            return True
    return False



# ----------------------------------------------------------------------------- per hit

def hit_readings(doc: Document, spans: list[Span], entries: tuple[Entry, ...]) -> list[Reading]:
    """One :class:`Reading` per span of ``doc``, in order."""
    return [_read(doc, span.start, span.end, entries[span.entry]) for span in spans]


def read_in_context(text: str, spans: list[Span], entries: tuple[Entry, ...],
                    sentences: list[tuple[int, int]], lang: str = "") -> list[Reading]:
    """One :class:`Reading` per span, in order (the document read for this call only: to read its
    extra hits too, build it once with :func:`read_document`)."""
    if not spans:
        return []
    return hit_readings(read_document(text, sentences, lang), spans, entries)


def quotations(text: str, sentences: list[tuple[int, int]], lang: str = "") -> list[tuple[int, int, bool, bool]]:
    """``(start, end, speech, scare)`` for each quotation of ``text``, in order: the offsets of the quoted
    words (marks and edge punctuation excluded), whether it is someone's words, whether it is a scare quote."""
    return [(qi.words[0], qi.words[1], qi.speech, qi.scare) for qi in read_document(text, sentences, lang).quotes]


def extra_hits(text: str, spans: list[Span], sentences: list[tuple[int, int]],
               lang: str = "") -> list[tuple[int, int, str, Reading]]:
    """:func:`document_extra_hits` of ``text`` (the document read for this call only)."""
    return document_extra_hits(read_document(text, sentences, lang), spans)


def document_extra_hits(doc: Document, spans: list[Span]) -> list[tuple[int, int, str, Reading]]:
    """Hits the lexicon does not have: scare-quoted words and attribution verbs.

    ``(start, end, "scare_quote", reading)`` for the words of each scare quote that no span covers;
    ``(start, end, "attribution", reading)`` for each verb or phrase introducing reported speech
    or a quotation, with ``reading.attribution``, ``attribution_class`` and ``speaker`` filled.
    In text order.
    """
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
        out.append((lo, hi, "scare_quote", _read(doc, lo, hi, None)))
    for att in doc.attributions:
        voice = "quoted" if _speech_quote(doc, att.start) is not None else "own"
        out.append((att.start, att.end, "attribution",
                    Reading(voice=voice, speaker=att.speaker, attribution=att.verb, attribution_class=att.cls)))
    out.sort(key=lambda h: (h[0], h[1]))
    return out


def _speech_quote(doc: Document, pos: int) -> _QuoteInfo | None:
    i = bisect.bisect_right(doc.quote_starts, pos) - 1
    if i >= 0:
        qi = doc.quotes[i]
        if qi.quote.start < pos < qi.quote.end and qi.speech:
            return qi
    return None


def _read(doc: Document, start: int, end: int, entry: Entry | None) -> Reading:
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
    negated = _negated(doc, start, s0)
    so_called, target = _so_called(doc, start, end, s0, s1)
    sense = "loaded"
    if entry is not None and entry.ambiguous:
        sense = _sense(doc, start, end, entry, s0, s1)
    return Reading(voice, scare, so_called, negated, sense, speaker, target, attribution, cls)


def _region_of(doc: Document, start: int, end: int, si: int) -> _Attribution | None:
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


def _verb_at(doc: Document, start: int, end: int, si: int) -> _Attribution | None:
    atts = doc.by_sentence.get(si, ())
    if len(atts) > SMALL:
        return doc.sentence_index().first_overlapping(si, start, end)
    for att in atts:
        if att.start <= start < att.end or start <= att.start < end:
            return att
    return None
