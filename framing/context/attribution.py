"""Attribution verbs and their reported clauses: "X said (that) CLAUSE", "CLAUSE, X said.",
"according to X", naming verbs ("described it as"), Arabic "وقال X إن"."""
from __future__ import annotations

from dataclasses import dataclass

from ..quotes import MARKS
from ..sentences import SPECIAL_WORDS as _SPECIAL
from .document import (LEFT_WINDOW, NEAR_WINDOW, RIGHT_WINDOW, SPEAKER_WORDS, TRAILING_WORDS, _MORE,
                       _Attribution, Document)
from .language import SpeechVerb
from .senses import _cue_sense
from .so_called import _target
from .tokens import _is_word

# ----------------------------------------------------------------------------- attributions

@dataclass
class _Site:
    """One speech verb being read: the verb, where it stands, its sentence and the words around it."""

    doc: Document
    verb: SpeechVerb
    form: str                 # the folded form found
    surface: str              # lower case, as written
    start: int
    end: int
    s0: int                   # its sentence
    s1: int
    left: list                # tokens before it (its speaker)
    right: list               # the near window after it
    _long: list | None = None

    def long_right(self) -> list:
        """The longer window, read only to tell a trailing "..., X said on Tuesday."."""
        if self._long is None:
            self._long = (_right_tokens(self.doc, self.end, self.s1, RIGHT_WINDOW)
                          if self.end + NEAR_WINDOW < self.s1 else self.right)
        return self._long

    def found(self, speaker: str, region: tuple[int, int], speaker_span: tuple[int, int]) -> _Attribution:
        return _Attribution(self.start, self.end, self.surface, self.verb.cls, speaker, region, speaker_span)


def _attribution(doc: Document, start: int, end: int, form: str) -> _Attribution | None:
    data = doc.data
    text = doc.text
    verb = data.verbs[form]
    s0, s1 = doc.sentence_bounds(start)
    left = doc.window(max(s0, start - LEFT_WINDOW), start)
    right = _right_tokens(doc, end, s1, NEAR_WINDOW)
    surface = " ".join(text[start:end].lower().split())
    site = _Site(doc, verb, form, surface, start, end, s0, s1, left, right)
    long_right = site.long_right
    if _cue_sense(data, verb.lang, form, left, right, ()) == "neutral":
        return None  # claimed responsibility, admitted to hospital, called for, that said ...
    lw = [t for t, _, _ in left]
    rw = [t for t, _, _ in right]
    closers = data.words["closer"]
    if verb.frame == "source":
        return _source(site)  # long names
    if form in data.words["modifier_verb"] and lw and (lw[-1] in data.words["determiner"] or data.possessive(lw[-1])):
        return None  # "the alleged massacre": a so-called marker, not a verb
    if verb.frame in ("naming", "as"):
        if rw and rw[0] in data.words["reflexive"]:
            # "calls itself X", "described himself as X": the label is the subject's own
            return _reflexive(site)
        what = next((w for w in range(len(lw) - 1, max(-1, len(lw) - 5), -1) if lw[w] in data.words["free_relative"]), -1)
        if what >= 0:  # "what Israel calls X": the name X is the speaker's
            w = what
            target = _target(doc, start, end, "calls", s1, what_checked=True)
            if target is None:
                return None
            speaker = text[left[w + 1][1]:left[-1][2]] if w + 1 < len(left) else ""
            sp_span = (left[w + 1][1], left[-1][2]) if w + 1 < len(left) else (0, 0)
            return site.found(speaker, target, sp_span)
    # Inverted trailing: "..., said the governor." (not "The group, which ..., claimed the attack")
    if lw and lw[-1] in closers and any(_is_word(t) for t in lw[:-1]) and not _relative_clause(data, lw):
        sp = _speaker_after(data, text, long_right())  # the near window may cut the name
        if sp and _short_tail(data, long_right(), sp[2]):
            return site.found(sp[0], (s0, left[-1][1]), sp[1:])
    # The subject before the verb.
    k = len(left)
    while k > 0 and (left[k - 1][0] in data.words["skip"] or left[k - 1][0] in data.words["time"]
                     or (left[k - 1][0] in data.words["time_prep"]
                         and k < len(left) and left[k][0] in data.words["time"])):
        k -= 1
    stops = data.words["stop"]
    j = _phrase_start(left, k, stops, data.verbs)
    if j == k and k >= 2 and left[k - 1][0] == "," and not _relative_clause(data, lw[:k]):
        # "The spokesman for the ministry, Colonel X, said ...": the noun phrase before the appositive
        c = next((i for i in range(k - 2, -1, -1) if left[i][0] in (",", "،")), -1)
        if c >= 1:
            k2 = c
            j2 = _phrase_start(left, k2, stops)
            if j2 < k2 and (j2 == 0 or not _is_word(left[j2 - 1][0])):
                return _leading(site, text[left[j2][1]:left[k2 - 1][2]], (left[j2][1], left[k2 - 1][2]))
    speaker = text[left[j][1]:left[k - 1][2]] if j < k else ""
    sp_span = (left[j][1], left[k - 1][2]) if j < k else (0, 0)
    before = lw[j - 1] if j > 0 else ""
    if verb.frame not in ("naming", "as") and speaker and before in closers and any(_is_word(t) for t in lw[:j - 1]):
        if rw and rw[0] in (",", "،"):
            if before in MARKS:  # '"...," the official said, confirming ...': what follows is the outlet's
                return site.found(speaker, (s0, left[j - 1][1]), sp_span)
            return site.found(speaker, (s0, s1), sp_span)  # "The occupation, the report said, ..."
        if _short_tail(data, long_right(), 0, 3 if verb.frame == "object" else 0):  # "CLAUSE, the army said."
            return site.found(speaker, (s0, left[j - 1][1]), sp_span)
    if before == "as" and speaker:  # "..., as officials said, ..."
        return site.found(speaker, (s0, s1), sp_span)
    return _leading(site, speaker, sp_span)


def _right_tokens(doc: Document, end: int, s1: int, width: int) -> list[tuple[str, int, int]]:
    right = doc.window(end, min(s1, end + width))
    if end + width < s1:
        right.append((_MORE, end + width, end + width))  # the sentence goes on
    return right


def _leading(site: _Site, speaker: str, sp_span: tuple[int, int]) -> _Attribution | None:
    """"X said (that) CLAUSE": the reported clause runs from the verb (or "that") to the sentence end."""
    doc, verb, form, end, s1, right = site.doc, site.verb, site.form, site.end, site.s1, site.right
    data = doc.data
    text = doc.text
    rw = [t for t, _, _ in right]
    comp, stops = data.words["complementizer"], data.words["stop"]
    quote_follows = doc.quote_mark_between(end, s1)
    rstart = end
    if data.verb_first:
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
        return site.found(speaker, (rstart, s1), sp_span)
    first = rw[0] if rw else ""
    if verb.frame == "that" and not (first in comp or first == ":" or first in MARKS
                                     or (first == "," and len(rw) > 1 and rw[1] in MARKS)):
        return None
    if verb.frame in ("naming", "as"):
        as_at = next((i for i, t in enumerate(rw[:8]) if t == "as"), -1)
        if as_at >= 0:
            rstart = right[as_at][2]
        elif verb.frame == "as" or (not quote_follows and form not in data.words["call_verb"]):
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
        sp = _speaker_after(data, text, site.long_right()) if not quote_follows else None
        if sp and verb.frame == "clause" and _short_tail(data, site.long_right(), sp[2]):
            return None
    return site.found(speaker, (rstart, s1), sp_span)


def _reflexive(site: _Site) -> _Attribution | None:
    doc, s1, left, right = site.doc, site.s1, site.left, site.right
    data = doc.data
    text = doc.text
    k = len(left)
    if k >= 2 and left[-1][0] in data.words["subject_relative"] and left[-2][0] in (",", "،"):
        k -= 2  # "The group, which calls itself ..."
    j = _phrase_start(left, k, data.words["stop"])
    speaker, sp_span = (text[left[j][1]:left[k - 1][2]], (left[j][1], left[k - 1][2])) if j < k else ("", (0, 0))
    rstart = right[0][2]
    if len(right) > 1 and right[1][0] == "as":
        rstart = right[1][2]
    return site.found(speaker, (rstart, s1), sp_span)


def _relative_clause(data, lw: list[str]) -> bool:
    """The comma before the verb closes a relative clause or an appositive opened by a comma."""
    for i in range(len(lw) - 2, 0, -1):
        if lw[i] in (",", "،"):
            return lw[i + 1] in data.words["relative"]
    return False


def _source(site: _Site) -> _Attribution | None:
    doc, start, end, s0, s1, left = site.doc, site.start, site.end, site.s0, site.s1, site.left
    right = site.long_right()
    data = doc.data
    text = doc.text
    if right and right[0][0] in data.verbs:  # "حسبما قال شهود": the source follows the verb
        right = right[1:]
    sp = _speaker_after(data, text, right)
    speaker, sp_span = (sp[0], sp[1:]) if sp else ("", (0, 0))
    lead = [t for t, _, _ in left if _is_word(t) and t not in data.words["lead_in"]]
    if not lead:  # "According to X, CLAUSE"
        rstart = sp[2] if sp else end
        for t, a, b in right:
            if t in (",", "،", ":"):
                rstart = b
                break
        return site.found(speaker, (rstart, s1), sp_span)
    cut = left[-1][1] if left and left[-1][0] in (",", "،") else start
    return site.found(speaker, (s0, cut), sp_span)


def _speaker_after(data, text, right) -> tuple[str, int, int] | None:
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
