"""The segmenter's vocabulary, read from the language folders: filler headers
(``framing/languages/<code>/filler_headers.tsv``) and line patterns (``segmenter.tsv``), every
language's rows together (a dump mixes languages; an article's language is decided after it is
split), English first. :func:`vocabulary` reads the shipped folders, and those of
``FRAMING_LANGUAGES`` when it names any, once per value of that variable.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from ...errors import LanguageError
from ...languages import ENV, language_folders, read_rows
from ...normalize import ARABIC_FOLD_NAMES, ARABIC_HARAKAT

FILLER_KINDS = ("video-caption", "related-links", "boilerplate")
SEGMENTER_RULES = ("inline_filler", "repost", "source", "byline", "credit", "first_word", "name_particle",
                   "title_word", "name_joiner", "name_end")

_ARABIC_FOLD = str.maketrans(ARABIC_FOLD_NAMES)
_HARAKAT = re.compile(f"[{ARABIC_HARAKAT}]")


def header_key(s: str) -> str:
    """A line as filler headers are compared: Arabic letter forms folded, no diacritics, no case,
    no final colon or dots."""
    s = _HARAKAT.sub("", s.translate(_ARABIC_FOLD)).casefold()
    return " ".join(s.strip().rstrip(":：.…-–— ").split())


def fold_word(word: str) -> str:
    """A line's first word as :func:`header_key` would have it (quick test before the full key)."""
    word = word.casefold().rstrip(":：.…-–—")
    if not word.isascii():
        word = _HARAKAT.sub("", word.translate(_ARABIC_FOLD))
    return word


@dataclass(frozen=True)
class Vocabulary:
    """The segmenter's tables, compiled."""

    filler_headers: dict[str, tuple[str, ...]]  # kind -> headers
    inline_filler: re.Pattern    # whole lines that are filler wherever they stand
    repost: re.Pattern           # "The original source of this article is X": group "name"
    source: re.Pattern           # "Source: X": group "name"
    byline: re.Pattern           # "By X": group "rest"
    credit: re.Pattern           # "Photo: X"
    maybe_special: re.Pattern    # the words the four patterns above can start with (a quick test)
    name_particles: frozenset[str]  # lower-case words inside a name ("bin", "van")
    title_words: frozenset[str]     # lower-case words inside a title-case name ("of", "the")
    name_joiners: frozenset[str]    # join names in a byline ("and")
    name_split: re.Pattern       # where a named source ends: a comma, "(", " - ", a URL, or a name_end word
    filler_kind: dict[str, str]  # header_key(header) -> kind
    filler_first: frozenset[str]  # first words of the filler headers
    max_header_chars: int


def _read(env: str) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Every language's filler headers (kind -> headers) and segmenter rules (rule -> rows), checked."""
    headers: dict[str, list[str]] = {k: [] for k in FILLER_KINDS}
    rules: dict[str, list[str]] = {r: [] for r in SEGMENTER_RULES}
    for folder in language_folders(env).values():
        path = folder / "filler_headers.tsv"
        for n, row in read_rows(path, ("kind", "header")) if path.is_file() else ():
            if row["kind"] not in headers:
                raise LanguageError(f"{path}:{n}: kind '{row['kind']}' is not known: write one of {', '.join(FILLER_KINDS)}")
            if row["header"]:
                headers[row["kind"]].append(row["header"])
        path = folder / "segmenter.tsv"
        for n, row in read_rows(path, ("rule", "pattern")) if path.is_file() else ():
            if row["rule"] not in rules:
                raise LanguageError(f"{path}:{n}: rule '{row['rule']}' is not known: write one of {', '.join(SEGMENTER_RULES)}")
            try:
                re.compile(row["pattern"])
            except re.error as e:
                raise LanguageError(f"{path}:{n}: the pattern is not a regular expression ({e}): fix or delete it") from None
            if row["pattern"]:
                rules[row["rule"]].append(row["pattern"])
    return headers, rules


@lru_cache(maxsize=8)
def _vocabulary(env: str) -> Vocabulary:
    headers, rules = _read(env)
    filler_kind = {header_key(h): kind for kind, heads in headers.items() for h in heads}
    return Vocabulary(
        filler_headers={k: tuple(v) for k, v in headers.items()},
        inline_filler=re.compile("|".join(rules["inline_filler"]), re.I),
        repost=re.compile("(?:" + "|".join(rules["repost"]) + r")\s*(?P<name>\S.*)", re.I),
        source=re.compile("(?:" + "|".join(rules["source"]) + r")\s*[:：]\s*(?P<name>.+)", re.I),
        byline=re.compile("(?:" + "|".join(rules["byline"]) + r")(?P<rest>\S.*)"),
        credit=re.compile("|".join(rules["credit"]), re.I),
        maybe_special=re.compile("(?:" + "|".join(rules["first_word"]) + ")", re.I),
        name_particles=frozenset(rules["name_particle"]),
        title_words=frozenset(rules["title_word"]),
        name_joiners=frozenset(rules["name_joiner"]),
        name_split=re.compile("|".join([",", r"\(", *(rf"\s+(?:{w})\s+" for w in rules["name_end"]),
                                        r"\s+-\s+", r"\s+–\s+", "https?:"])),
        filler_kind=filler_kind,
        filler_first=frozenset(k.split()[0] for k in filler_kind),
        max_header_chars=max(map(len, filler_kind), default=0) + 6,
    )


def vocabulary(env: str | None = None) -> Vocabulary:
    """The vocabulary of the shipped folders and those ``FRAMING_LANGUAGES`` names (``env=""``:
    the shipped folders only)."""
    return _vocabulary(os.environ.get(ENV, "") if env is None else env)
