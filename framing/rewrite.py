"""A neutral version of a passage: its loaded words replaced by the lexicon's neutral alternatives.

The rewrite is used as the answer of a 'rewrite it neutrally' worksheet, so it must be right or not
be given at all. Rules:

- only the passage's own words change: a hit inside a direct quotation is left as written (a quoted
  speaker's words are evidence, not the outlet's wording);
- a scare quote is removed by removing its quotation marks (the words stay);
- an alternative is used only when it has the same part of speech and inflection as the words it
  replaces (English: "-ed", "-ing", "-ly", plural "-s" or the base form, read from the word and from
  the word before it: "will say", "these claims"); a noun alternative is put in the plural for a plural
  term; "a"/"an" before it is corrected; the capital at the start of a sentence is kept;
- alternatives that are instructions for the reader ("(describe the act)", "which X says is
  illegal", "the same words without quotation marks", a phrase ending in "by") are never inserted;
  "(omit)" drops a modifier only where the sentence stays whole ("an egregious error" -> "an error");
- Arabic: the attached conjunction, preposition and article of the term (و ف ب ك ل ال) are kept
  on the alternative; the case ending of a sound plural (ون / ين) follows the term's;
- no doubled word is created ("four foreign foreign fighters").

When a hit has no safe alternative, :func:`neutral_rewrite` returns None and the worksheet does not
use the passage. The word lists are data: ``framing/data/worksheets/rewrite.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from .lexicon import SCARE_QUOTE_ENTRY
from .normalize import fold, has_arabic
from .quotes import find_quotes

OMIT = ("(omit)", "(حذفها)")
_AR_MARKS = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class Change:
    start: int          # offsets of the replaced words in the original passage
    end: int
    before: str         # as written
    after: str          # the neutral words ("" when omitted or when only marks were removed)
    how: str            # "replaced" | "omitted" | "scare quotes removed"


@dataclass(frozen=True)
class Rewrite:
    text: str
    changes: tuple[Change, ...]


@lru_cache(maxsize=1)
def rules() -> dict:
    path = resources.files("framing.data") / "worksheets" / "rewrite.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    en = data["en"]
    return {
        "base_after": frozenset(w.lower() for w in en["base_after"]),
        "noun_after": frozenset(w.lower() for w in en["noun_after"]),
        "irregular_past": frozenset(w.lower() for w in en["irregular_past"]),
        "dangling": frozenset(w.lower() for w in en["dangling"]),
        "placeholders": frozenset(en["placeholders"]),
        "instruction_starts": frozenset(en["instruction_starts"]) | frozenset(data["ar"]["instruction_starts"]),
        "no_omit": frozenset(w.lower() for w in en["no_omit_next_to"]),
        "no_plural": frozenset(w.lower() for w in en["no_plural"]),
        "copulas": frozenset(w.lower() for w in en["copulas"]),
        "no_omit_after": frozenset(w.lower() for w in en["no_omit_after"]),
        "omit_phrases": frozenset(w.lower() for w in en["omit_phrases"]),
        "adjectives": frozenset(w.lower() for w in en["adjectives"]),
        "participle_after": frozenset(w.lower() for w in en["participle_after"]),
        "past_only": frozenset(w.lower() for w in en["past_only"]),
        "quantifiers": frozenset(w.lower() for w in en["quantifiers"]),
        "ar_conj": tuple(data["ar"]["conjunctions"]),
        "ar_prep": tuple(data["ar"]["prepositions"]),
        "ar_article": data["ar"]["article"],
    }


def is_instruction(alternative: str) -> bool:
    """True for an alternative that tells the reader what to do instead of being words to insert."""
    r = rules()
    alt = alternative.strip()
    if not alt or alt.startswith("(") or alt.endswith(")") or alt == SCARE_QUOTE_ENTRY.neutral[0]:
        return True
    words = alt.split()
    if any(w.strip(",.") in r["placeholders"] for w in words) or words[0] in r["instruction_starts"]:
        return True  # "which X says", "named group" (= use the group's name), "اسم الجماعة"
    return not has_arabic(alt) and words[-1].lower() in r["dangling"]


def usable_alternatives(entry) -> list[str]:
    """The entry's alternatives that can be inserted as they are (no instructions, no placeholders)."""
    return [a for a in entry.neutral if not is_instruction(a)]


# ----------------------------------------------------------------------------- English forms

def _shape(word: str) -> str:
    w = word.lower().strip("'’")
    if w in rules()["irregular_past"]:
        return "ed"
    if len(w) > 4 and w.endswith("ing"):
        return "ing"
    if len(w) > 3 and w.endswith("ed"):
        return "ed"
    if len(w) > 4 and w.endswith("ly"):
        return "ly"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return "s"
    return "base"


def _speech_verb(word: str) -> bool:
    from .context import context_data

    return word.lower() in context_data().verbs


def pluralise(phrase: str) -> str:
    """English plural of a noun phrase's last word: militant -> militants, party -> parties."""
    head, _, last = phrase.rpartition(" ")
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def _word_before(text: str, start: int) -> str:
    words = _WORD.findall(text[max(0, start - 40):start])
    return words[-1].lower() if words else ""


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \"'“‘«(")
    return not before or before[-1] in ".!?\n:;"


def english_alternative(text: str, start: int, end: int, entry) -> str | None:
    """The neutral words for ``text[start:end]`` (a hit of ``entry``), fitted to its form; None when
    none fits. "" means the words are dropped ("(omit)" where that leaves the sentence whole)."""
    r = rules()
    surface = text[start:end]
    words = _head_phrase(surface.split())
    if not words:
        return None
    last, first = _shape(words[-1]), _shape(words[0])
    before = _word_before(text, start)
    if surface[:1].isupper() and entry.term[:1].islower() and not _sentence_start(text, start):
        return None  # a capital in mid-sentence: a name or a title ("worked on Scandal"), not the word
    noun_place = before in r["noun_after"] or text[max(0, start - 3):start].rstrip().endswith(("'s", "’s"))
    base_place = before in r["base_after"]
    forms = {f.lower().rstrip("*") for f in entry.forms}
    if last == "base" and words[-1].lower().endswith("is") and words[-1].lower()[:-1] in forms:
        last = "s"  # "jihadis", "Iraqis": plurals in -is
    verb_entry = any(_speech_verb(a.split()[0]) for a in entry.neutral if a.split())
    abstract = _abstract(words[-1])
    participle_place = before in r["participle_after"]
    nxt = re.match(r"[ \t]+([^\W\d_]+)", text[end:])
    following = nxt.group(1) if nxt else ""
    modifier = following.islower() and following not in (r["dangling"] | r["base_after"] | r["copulas"]
                                                          | r["participle_after"]) \
        and _shape(following) not in ("ed", "ing", "ly")  # "a steadfast ally": it modifies the next word
    article_before = before in ("a", "an", "the")
    possessive = re.search(r"['’]s\b", surface) is not None
    for alt in entry.neutral:
        if alt in OMIT:
            if _can_omit(text, start, end):
                return ""
            continue
        if is_instruction(alt):
            continue
        alt_words = _head_phrase(alt.split())
        if alt.split()[-1].lower() in _PREPOSITIONS:
            continue  # "US forces in" wants a place after it: a fragment, not a replacement
        if following and any(w.lower() == following.lower() for w in alt.split() if len(w) > 3):
            continue  # "US occupation military base" is never "US military presence military base"
        if verb_entry and not noun_place and not _speech_verb(alt_words[0]):
            continue  # "politicians claim there is": a verb; "statement" would be a noun
        if abstract and (_agent(alt_words[-1]) or _adjectival(alt_words[-1])):
            continue  # "its brazenness" is a quality: never "its open", "tyranny" never "ruler"
        if abstract and before not in _DETERMINERS and not _abstract(alt_words[-1]) and _shape(alt_words[-1]) == "base" \
                and not _mass(alt_words[-1]):
            continue  # "on terrorism and" is never "on jihadist group and" (a count noun needs an article)
        if len(words) == 1 and not abstract and _abstract(alt_words[-1]) and modifier:
            continue  # "a steadfast ally" is never "an endurance ally"
        if len(words) == 1 and any(w.lower() in _PREPOSITIONS for w in alt.split()):
            continue  # a paraphrase with a preposition does not fit where one word stood
        if participle_place and alt_words[0].lower() in r["past_only"]:
            continue  # "have skyrocketed" -> "have risen", never "have rose"
        if article_before and alt_words[0].lower() in r["quantifiers"]:
            continue
        if possessive and before not in _DETERMINERS and not re.search(r"['’]s\b", alt):
            alt = "the " + alt  # "with Putin's regime" -> "with the Russian government"
        a_last, a_first = _shape(alt_words[-1]), _shape(alt_words[0])
        if not base_place and _agent(words[-1]) and not _agent(alt_words[-1]):
            continue  # "propagandists" is people: never "statements"
        speech = _speech_verb(alt_words[0])
        if noun_place and speech:
            continue  # "these claims" -> never "these says"
        if base_place:
            if last == "base" and a_last == "base" and len(alt_words) == 1:
                return alt
            continue
        if len(words) > 1 and first in ("ing", "ed") and a_first != first:
            continue  # "setting the record straight" needs a phrase in "-ing" too
        if a_last == last:
            return alt
        if last == "s" and a_last == "base" and not speech and not noun_place_is_mass(alt):
            rest = alt.split()[len(alt_words):]
            return " ".join([pluralise(" ".join(alt_words)), *rest])
    return None


def _agent(word: str) -> bool:
    """A word for people by its ending ("propagandists", "fighters", "militants", "people")."""
    w = word.lower().rstrip("s")
    return w.endswith(("ist", "er", "or", "ant", "ent", "ian", "man", "men", "people", "person", "ee", "ier")) \
        and not w.endswith(("ment", "order", "power", "paper", "water", "number", "border", "matter", "letter",
                            "quarter", "center", "centre", "winter", "chapter", "computer", "sector", "factor"))


_DETERMINERS = frozenset("a an the this that these those his her their its our your my".split())
_PREPOSITIONS = frozenset("of in on for against to from with by at before after".split())


def _head_phrase(words: list[str]) -> list[str]:
    """The words up to the first preposition: its last word is the head ("wars" in "wars of aggression")."""
    for i, w in enumerate(words[1:], start=1):
        if w.lower() in _PREPOSITIONS:
            return words[:i]
    return words


def _abstract(word: str) -> bool:
    """A noun for a quality or state by its ending (brazenness, barbarism, tyranny, mockery)."""
    w = word.lower()
    if w.endswith("s") and not w.endswith("ness"):
        w = w[:-1]  # "barbarisms", "atrocities" (-> "atrocitie": no ending; the singular is what counts)
    return len(w) > 5 and w.endswith(("ness", "ism", "ity", "ment", "tion", "sion", "ance", "ence", "ery", "ship",
                                      "hood", "acy", "anny"))


def _mass(word: str) -> bool:
    """A noun that needs no article (a mass noun or a quality): violence, fighting, unrest."""
    w = word.lower()
    return _abstract(w) or w in rules()["no_plural"] or _shape(w) == "ing" or w.endswith("ce")


def _adjectival(word: str) -> bool:
    w = word.lower()
    return w in rules()["adjectives"] or (len(w) > 4 and w.endswith(
        ("ent", "ant", "ous", "ive", "al", "ful", "ic", "less", "able", "ible", "ed")))


def noun_place_is_mass(alt: str) -> bool:
    """Alternatives that cannot take a plural "-s" (an adjective or adverb left as the head)."""
    head = _head_phrase(alt.split())[-1].lower()
    return _shape(head) in ("ly", "ed", "ing") or head in rules()["no_plural"]


def _can_omit(text: str, start: int, end: int) -> bool:
    """A modifier can be dropped when a word follows it and no conjunction or degree word is beside it;
    after "is"/"was" only an adverb in -ly ("it is obvious that" must stay); of phrases, only the
    sentence adverbs of rewrite.yaml ("of course", "in fact")."""
    r = rules()
    surface = text[start:end]
    words = surface.lower().split()
    if len(words) > 1 and " ".join(words) not in r["omit_phrases"]:
        return False
    after = re.match(r",?[ \t]+([^\W\d_][\w'’-]*)", text[end:])
    if not after or after.group(1).lower() in r["no_omit"]:
        return False
    before = _word_before(text, start)
    raw_before = text[max(0, start - 6):start].rstrip().lower()
    copula = before in r["copulas"] or raw_before.endswith(("'s", "’s"))
    if copula and not (len(words) == 1 and words[0].endswith("ly")):
        return False
    if before in r["no_omit_after"] or text[:start].rstrip().endswith((",", "-")):
        return False
    return True


def _fix_article(out: str, at: int) -> str:
    """Make the "a"/"an" just before ``at`` agree with the word that now follows it."""
    m = re.search(r"\b([Aa]n?)(\s+)$", out[:at])
    nxt = re.match(r"\s*([^\W\d_]+)", out[at:])
    if not m or not nxt:
        return out
    word = nxt.group(1)
    if word.isupper() and len(word) > 1 and (len(word) <= 3 or not any(c in "AEIOU" for c in word[1:])):
        vowel = word[0] in "AEFHILMNORSX"  # read letter by letter: "an FBI agent", "a US base", "a UN envoy"
    else:
        vowel = word[0].lower() in "aeiou" and not word.lower().startswith(("uni", "use", "usu", "one", "eu", "u"
                                                                             if word.isupper() else "uni"))
        vowel = vowel or word.lower().startswith(("hour", "honest", "heir"))
    art = m.group(1)
    want = ("An" if art[0] == "A" else "an") if vowel else ("A" if art[0] == "A" else "a")
    return out[:m.start(1)] + want + out[m.end(1):] if want != art else out


# ----------------------------------------------------------------------------- Arabic forms

def _strip_marks(s: str) -> str:
    return _AR_MARKS.sub("", s)


def arabic_parts(surface: str, entry) -> tuple[str, bool, str, bool] | None:
    """(attached prefix as written, whether the term had the article, the term's own head word) for
    an Arabic surface, e.g. "والإرهابيين" -> ("و", True, "إرهابيين"). None when it cannot be read."""
    r = rules()
    s = _strip_marks(surface)
    fs = fold(s)
    art = r["ar_article"]
    best = None
    for k, form in enumerate(entry.forms):
        f = fold(_strip_marks(form.rstrip("*")))
        for core in {f, f[2:] if f.startswith(art) and len(f) > 4 else f}:
            if fs.endswith(core) and (best is None or len(core) > len(best[1])):
                best = (fs[:len(fs) - len(core)], core, k == 0)
    if best is None:
        return None
    prefix, core, headword = best
    rest = prefix
    conj = prep = ""
    if rest[:1] in r["ar_conj"] and len(rest) >= 1:
        conj, rest = rest[:1], rest[1:]
    if rest.startswith("لل"):
        prep, rest = "ل", art + rest[2:]
    elif rest[:1] in r["ar_prep"]:
        prep, rest = rest[:1], rest[1:]
    article = False
    if rest.startswith(art):
        article, rest = True, rest[2:]
    if rest:
        return None  # letters before the term that are no known prefix
    core_text = s[len(prefix):]
    if fold(core_text).startswith(art):
        article, core_text = True, core_text[2:]
    head = core_text.split()[0] if core_text.split() else ""
    return conj + prep, article, head, headword


def _ar_class(word: str) -> str:
    w = fold(_strip_marks(word))
    if w.endswith(("ون", "ين")):
        return "sound_plural"
    if w.endswith("ات"):
        return "at"
    if w.endswith("ه"):  # ة folded
        return "feminine"
    if w.endswith(("و", "ي")) and len(w) > 4:
        return "construct_or_nisba"
    return "other"


def arabic_alternative(surface: str, entry, following: str = "") -> str | None:
    """The alternative for an Arabic surface, with its attached prefix; None when none fits. A form
    other than the headword needs an ending that shows its number (ون ين ات ة): a broken plural
    ("الشهداء") is never given a singular alternative ("القتيل")."""
    parts = arabic_parts(surface, entry)
    if parts is None:
        return None
    prefix, article, head, headword = parts
    art = rules()["ar_article"]
    cls = _ar_class(head)
    oblique = fold(head).endswith("ين")
    if cls == "other" and not headword:
        return None
    for alt in entry.neutral:
        if alt in OMIT or is_instruction(alt):
            continue
        words = alt.split()
        if _ar_class(words[0]) != cls:
            continue
        if following[:1] == "ب" and words[-1].startswith("ب"):
            continue  # "المعروف باسم بالتحالف": two prepositions
        if cls == "construct_or_nisba" and fold(words[0])[-1:] != fold(head)[-1:]:
            continue
        if cls == "sound_plural":
            words = [w[:-2] + ("ين" if oblique else "ون") if fold(w).endswith(("ون", "ين")) else w for w in words]
        if article:
            if any(w.startswith(art) for w in words):
                continue  # a construct ("مقاتلو المعارضة") cannot take the article on its first word
            words = [art + w for w in words]
        first = words[0]
        if prefix.endswith("ل") and first.startswith(art):
            first = prefix[:-1] + "لل" + first[2:]
        else:
            first = prefix + first
        return " ".join([first, *words[1:]])
    return None


# ----------------------------------------------------------------------------- the rewrite

def neutral_rewrite(text: str, hits, lexicon) -> Rewrite | None:
    """The passage with each hit rewritten neutrally, or None when a hit has no safe rewrite.

    ``hits`` are ``(start, end, entry_id)`` or ``(start, end, entry_id, scare_quote)`` within
    ``text``; hits inside a direct quotation (not scare quotes) are left as written.
    """
    quotes = find_quotes(text)
    edits: list[tuple[int, int, str, str]] = []  # (start, end, replacement, how) over the original text
    for h in sorted(hits, key=lambda h: (h[0], h[1])):
        start, end, eid = h[0], h[1], h[2]
        scare = bool(h[3]) if len(h) > 3 else eid == SCARE_QUOTE_ENTRY.id
        quote = next((q for q in quotes if q.start <= start and end <= q.end), None)
        if quote is not None and not scare:
            continue  # someone's words: never rewritten
        if edits and start < edits[-1][1]:
            continue  # overlaps the hit before
        if scare:
            if quote is None or not quote.closed:
                return None
            edits.append((quote.start, quote.start + 1, "", "mark"))
        if eid != SCARE_QUOTE_ENTRY.id:
            entry = lexicon.by_id.get(eid)
            if entry is None:
                return None
            surface = text[start:end]
            if has_arabic(surface):
                nxt = text[end:].split()
                alt = arabic_alternative(surface, entry, nxt[0] if nxt else "")
            else:
                alt = english_alternative(text, start, end, entry)
            if alt is None:
                return None
            if alt and _sentence_start(text, start) and surface[:1].isupper():
                alt = alt[0].upper() + alt[1:]
            edits.append((start, end, alt, "omitted" if alt == "" else "replaced"))
        if scare:
            edits.append((quote.end - 1, quote.end, "", "mark"))
    if not edits:
        return None
    return _apply(text, edits)


def _apply(text: str, edits) -> Rewrite | None:
    out, pos, changes = "", 0, []
    fix_at: list[int] = []
    scare_open = None
    for start, end, repl, how in sorted(edits, key=lambda e: (e[0], e[1])):
        out += text[pos:start]
        at = len(out)
        if how == "omitted":
            out = out.rstrip(" ")
            at = len(out)
            if text[end:end + 1] == ",":
                end += 1
            if out and not out.endswith((" ", "\n")) and text[end:end + 1] == " ":
                end += 1
                out += " "
                at = len(out)
            elif text[end:end + 1] == " ":
                end += 1
            if _sentence_start(text, start) and text[end:end + 1].islower():
                out += text[end].upper()
                end += 1
        elif how == "replaced":
            prev = re.search(r"([^\W\d_]+)\s+$", out)
            rw = repl.split()
            if prev and len(rw) > 1 and rw[0].lower() == prev.group(1).lower():
                repl = " ".join(rw[1:])  # "four foreign mercenaries" -> "four foreign fighters"
            elif prev and prev.group(1) == "the" and len(rw) == 1 and rw[0][:1].isupper() and not has_arabic(repl):
                out = out[:prev.start()]  # "the Zionist regime" -> "Israel", not "the Israel"
                at = len(out)
        out += repl
        fix_at.append(at)
        if how == "mark":
            if scare_open is None:
                scare_open = start
            else:
                changes.append(Change(scare_open, end, text[scare_open:end], text[scare_open + 1:end - 1],
                                      "scare quotes removed"))
                scare_open = None
        else:
            changes.append(Change(start, end, text[start:end], repl, how))
        pos = end
    out += text[pos:]
    for at in reversed(fix_at):  # from the end, so that earlier positions stay right
        out = _fix_article(out, at)
    if _doubled(out) - _doubled(text):
        return None
    return Rewrite(out, tuple(changes))


def _doubled(text: str) -> set[str]:
    """Words said twice in a row, and two-word phrases repeated across a comma ("armed groups, armed groups")."""
    words = {m.group(1).lower() for m in re.finditer(r"\b([^\W\d_]+)\s+\1\b", text, flags=re.IGNORECASE)}
    pairs = {m.group(1).lower() for m in re.finditer(r"\b([^\W\d_]+ [^\W\d_]+)\W+\1\b", text, flags=re.IGNORECASE)}
    return words | pairs
