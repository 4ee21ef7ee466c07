"""Hits as phrases: the noun phrase a hit heads or modifies, and the patron label in it.

For highlighting, worksheets and comparison with span-annotated corpora, every hit carries the
span of its phrase (``phrase_start``, ``phrase_end``: character offsets into the text of its zone,
``phrase_start <= start < end <= phrase_end``) and ``patron``, the patron label the phrase holds
("US-sponsored", "backed by Washington", "المدعومين من واشنطن"), else "". Counts do not change:
a phrase is read around a hit, never makes one. So "U.S.-backed SDF" in wire copy, with no
loaded term, gives no hit and no phrase; "US-sponsored Kurdish SDF terrorists" gives the hit
"terrorists" whose phrase is the four words and whose patron is "US-sponsored", though a name
stands between the patron label and the label.

How the phrase is found (word lists: framing/languages/<code>/phrases.tsv, schema in its README):

- in a language whose modifiers stand before the head (English): a hit followed by a word that is
  no boundary (determiner, preposition, conjunction, auxiliary, verb) modifies it ("regime forces",
  "Western-backed rebels"): the phrase runs on over up to three such words. Otherwise the hit is
  the head: the phrase takes in up to five modifiers before it: names ("ISIS", "Kurdish SDF"),
  hyphenated words ("US-sponsored"), and other words that are no boundary, a bare word ending in
  ``verb_suffix`` ("blamed") only when it is a listed ``modifier`` ("armed"). After the head,
  "backed by X" (``patron_after``, ``patron_by``, up to three words of a name) joins the phrase.
  A capitalised word after a lower-case one ends the phrase; a hit right after a ``verb_before``
  word ("to steal", "they plunder") is a verb and its own phrase, and so is a hit ending in a
  ``self_suffix`` ("illegally");
- in a language whose modifiers follow the head (Arabic): definite words after the hit (up to
  three: "الإرهابيين الأجانب") and a patron word with its name ("المدعومين من واشنطن", "المدعومة
  أمريكيا").

Attribution verbs and scare quotes (:data:`SELF_CATEGORIES`) are their own phrase. Punctuation (but the hyphen and apostrophe inside a word), quotation marks and line breaks end a
phrase. A language without phrases.tsv gives the hit itself as its phrase.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .errors import LanguageError
from .languages import language_folders, read_rows
from .normalize import ARABIC_HARAKAT, ARABIC_MARKS, fold

SETS = ("modifier_side", "boundary", "modifier", "verb_suffix", "self_suffix", "verb_before", "patron_suffix", "patron_prefix",
        "patron_after", "patron_by")
# Hits that are verbs or quotations whatever their words: their phrase is the hit itself.
SELF_CATEGORIES = frozenset({"attribution_distancing", "attribution_endorsing", "scare_quote"})
MAX_BEFORE = 5   # modifiers before a head
MAX_AFTER = 3    # words after a modifier hit, or definite words after an Arabic head
MAX_NAME = 3     # words of a patron's name ("backed by the United States")
WINDOW = 100     # characters read on each side of a hit

_WORD = re.compile(rf"\w(?:[\w'’.\-{ARABIC_MARKS}]*[\w{ARABIC_MARKS}])?")  # Arabic marks are no \w
_HARAKAT = re.compile(f"[{ARABIC_HARAKAT}]")
_JOIN = re.compile(r"[ \t\u00a0]+")  # what may stand between two words of a phrase


@dataclass(frozen=True)
class PhraseRules:
    after: bool                      # modifiers follow the head (Arabic)
    boundary: frozenset[str]
    modifier: frozenset[str]
    verb_suffixes: tuple[str, ...]
    verb_before: frozenset[str]
    self_suffixes: tuple[str, ...]
    patron_suffix: frozenset[str]
    patron_prefix: frozenset[str]
    patron_after: frozenset[str]
    patron_by: frozenset[str]


def _key(word: str) -> str:
    """A word as the lists are compared: folded as in matching (lower case, Arabic letter forms, no
    diacritics), the hyphen of a compound kept (fold makes every dash a space; a word has none)."""
    return _HARAKAT.sub("", fold(word)).replace(" ", "-")


@lru_cache(maxsize=16)
def rules_for(lang: str) -> PhraseRules | None:
    """The phrase rules of a language (its folder's phrases.tsv), or None when it has none."""
    folder = language_folders().get(lang or "en")
    path = folder / "phrases.tsv" if folder else None
    if path is None or not path.is_file():
        return None
    sets: dict[str, set[str]] = {s: set() for s in SETS}
    for n, row in read_rows(path, ("set", "words")):
        if row["set"] not in sets:
            raise LanguageError(f"{path}:{n}: set '{row['set']}' is not known: write one of {', '.join(SETS)}")
        sets[row["set"]].update(_key(w.strip()) for w in row["words"].split("|") if w.strip())
    side = sets["modifier_side"] or {"before"}
    if len(side) != 1 or not side <= {"before", "after"}:
        raise LanguageError(f"{path}: modifier_side is '{'|'.join(sorted(side))}': write before or after")
    return PhraseRules(side == {"after"}, frozenset(sets["boundary"]), frozenset(sets["modifier"]),
                       tuple(sorted(sets["verb_suffix"])), frozenset(sets["verb_before"]),
                       tuple(sorted(sets["self_suffix"])),
                       frozenset(sets["patron_suffix"]),
                       frozenset(sets["patron_prefix"]), frozenset(sets["patron_after"]),
                       frozenset(sets["patron_by"]))


def _words(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    """(start, end, key) of the words of ``text[a:b]`` (keys as :func:`_key`: the window is folded
    once, fold keeping the length); a word's final dot is left out ("U.S." ends a sentence as often
    as not: the dot is then a boundary)."""
    folded = fold(text[a:b])
    out = []
    for m in _WORD.finditer(text, a, b):
        s, e = m.start(), m.end()
        key = folded[s - a:e - a].replace(" ", "-")
        if not key.isascii():
            key = _HARAKAT.sub("", key)
        out.append((s, e, key))
    return out


def _joined(text: str, e: int, s: int) -> bool:
    """Only spaces between two words (no punctuation, quotation mark or line break)."""
    return s > e and _JOIN.fullmatch(text, e, s) is not None


def is_patron(key: str, rules: PhraseRules) -> bool:
    """``US-backed``, ``Iran-sponsored``, ``pro-Iranian``: a hyphenated patron label."""
    if "-" not in key:
        return False
    head, _, tail = key.rpartition("-")
    first = key.split("-", 1)[0]
    return bool(head) and (tail in rules.patron_suffix or first in rules.patron_prefix)


def phrase_of(text: str, start: int, end: int, lang: str, category: str = "") -> tuple[int, int, str]:
    """``(phrase_start, phrase_end, patron)`` of the hit ``text[start:end]`` of ``category`` (see the
    module docstring)."""
    rules = rules_for(lang or "en")
    if rules is None or category in SELF_CATEGORIES:
        return start, end, ""
    lo, hi = max(0, start - WINDOW), min(len(text), end + WINDOW)
    words = _words(text, lo, hi)
    first = next((k for k, w in enumerate(words) if w[1] > start), None)
    last = next((k for k in range(len(words) - 1, -1, -1) if words[k][0] < end), None)
    if first is None or last is None or first > last:
        return start, end, ""
    inside = [w[2] for w in words[first:last + 1]]
    patron = next((text[w[0]:w[1]] for w in words[first:last + 1] if is_patron(w[2], rules)), "")
    if rules.after:
        p_end, patron = _after_head(text, words, last, rules, patron)
        return start, max(end, p_end), patron
    if any(inside[-1].endswith(x) for x in rules.self_suffixes):
        return start, end, patron  # "illegally": an adverb, no phrase
    if first > 0 and words[first - 1][2] in rules.verb_before and _joined(text, words[first - 1][1], words[first][0]):
        return start, end, patron  # "to steal", "they plunder": a verb, no phrase
    # a modifier: the hit is followed by a word of the phrase it modifies
    nxt = last + 1
    if nxt < len(words) and _joined(text, words[last][1], words[nxt][0]) and _content(words[nxt][2], rules) \
            and not is_patron(words[nxt][2], rules) and inside[-1] not in rules.patron_after \
            and not _new_name(text, words[last], words[nxt]):
        k = nxt
        while (k + 1 < len(words) and k + 1 - nxt < MAX_AFTER and _joined(text, words[k][1], words[k + 1][0])
               and _content(words[k + 1][2], rules) and not _new_name(text, words[k], words[k + 1])):
            k += 1
        p_start = _before_head(text, words, first, rules)
        patron = patron or _patron_before(text, words, p_start, first, rules)
        return min(start, words[p_start][0]), max(end, words[k][1]), patron
    # the head: modifiers before it, "backed by X" after it
    p_start = _before_head(text, words, first, rules)
    patron = patron or _patron_before(text, words, p_start, first, rules)
    p_end, by = _backed_by(text, words, last, rules)
    return min(start, words[p_start][0]), max(end, p_end), patron or by


def _new_name(text: str, before: tuple, word: tuple) -> bool:
    """A capitalised word after a lower-case one starts something else ("barbarism Replay")."""
    return text[word[0]:word[0] + 1].isupper() and text[before[0]:before[0] + 1].islower()


def _content(key: str, rules: PhraseRules) -> bool:
    """A word that may stand in a phrase: no boundary, and no bare verb form ("blamed")."""
    if key in rules.boundary:
        return False
    if "-" not in key and key not in rules.modifier and any(key.endswith(s) and len(key) > len(s) + 2
                                                             for s in rules.verb_suffixes):
        return False
    return True


def _before_head(text: str, words: list, first: int, rules: PhraseRules) -> int:
    """Index of the first word of the phrase: up to MAX_BEFORE modifiers before ``words[first]``."""
    k = first
    while (k > 0 and first - k < MAX_BEFORE and _joined(text, words[k - 1][1], words[k][0])
           and _content(words[k - 1][2], rules)):
        k -= 1
    return k


def _patron_before(text: str, words: list, a: int, b: int, rules: PhraseRules) -> str:
    for s, e, key in words[a:b]:
        if is_patron(key, rules):
            return text[s:e]
    return ""


def _backed_by(text: str, words: list, last: int, rules: PhraseRules) -> tuple[int, str]:
    """After a head: "backed by Washington" (up to MAX_NAME words of the name): (its end, the words)."""
    k = last + 1
    if not (k + 2 < len(words) and words[k][2] in rules.patron_after and words[k + 1][2] in rules.patron_by
            and _joined(text, words[last][1], words[k][0]) and _joined(text, words[k][1], words[k + 1][0])):
        return words[last][1], ""
    j, name = k + 2, 0
    while j < len(words) and name < MAX_NAME and _joined(text, words[j - 1][1], words[j][0]):
        word = text[words[j][0]:words[j][1]]
        if words[j][2] in ("the",) and name == 0:  # "backed by the US"
            j += 1
            continue
        if not word[:1].isupper():
            break
        name += 1
        j += 1
    if name == 0:
        return words[last][1], ""
    return words[j - 1][1], text[words[k][0]:words[j - 1][1]]


def _after_head(text: str, words: list, last: int, rules: PhraseRules, patron: str) -> tuple[int, str]:
    """Arabic: definite words after the head, and a patron word with its name or adverb."""
    k, end, taken = last, words[last][1], 0
    while k + 1 < len(words) and _joined(text, words[k][1], words[k + 1][0]):
        key = words[k + 1][2]
        if key in rules.boundary:
            break
        if key in rules.patron_after:
            p0 = words[k + 1][0]
            k += 1
            nxt = k + 1
            if (nxt + 1 < len(words) and words[nxt][2] in rules.patron_by and _joined(text, words[k][1], words[nxt][0])
                    and _joined(text, words[nxt][1], words[nxt + 1][0])):
                k = nxt + 1  # "المدعومين من واشنطن"
            elif nxt < len(words) and words[nxt][2].endswith("يا") and _joined(text, words[k][1], words[nxt][0]):
                k = nxt      # "المدعومة أمريكيا"
            end = words[k][1]
            patron = patron or text[p0:end]
            break
        if not key.startswith("ال") or taken >= MAX_AFTER:
            break
        k += 1
        taken += 1
        end = words[k][1]
    return end, patron
