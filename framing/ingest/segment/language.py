"""Which language a text is in, coarsely, from its script (and, for Latin script, stop words): enough
to tell Arabic from English in a mixed dump. The stop words are data (framing/languages/guesser.tsv);
the scripts' letter ranges follow the script, not a language, and stay here.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ...errors import LanguageError
from ...languages import SHIPPED, read_rows

_SCRIPTS = (
    ("ar", re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")),
    ("latin", re.compile("[A-Za-z\u00c0-\u024f]")),
    ("ru", re.compile("[\u0400-\u04ff]")),
    ("he", re.compile("[\u0590-\u05ff]")),
    ("el", re.compile("[\u0370-\u03ff]")),
    ("zh", re.compile("[\u4e00-\u9fff]")),
    ("ja", re.compile("[\u3040-\u30ff]")),
    ("ko", re.compile("[\uac00-\ud7af]")),
)
_PERSIAN = re.compile("[پچژگ]")


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, set[str]]:
    """lang -> stop words, from framing/languages/guesser.tsv (in its order: English first)."""
    path = SHIPPED / "guesser.tsv"
    out: dict[str, set[str]] = {}
    for n, row in read_rows(path, ("lang", "stopwords")):
        if not row["lang"] or row["lang"] in out:
            raise LanguageError(f"{path}:{n}: each row names one language not named above it: "
                                "write its code in the lang column")
        out[row["lang"]] = {w.strip() for w in row["stopwords"].split("|") if w.strip()}
    if "en" not in out:
        raise LanguageError(f"{path}: no row for en: the guesser needs English stop words")
    return out


_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_ASCII_LETTER_BYTES = bytes([*range(65, 91), *range(97, 123)])
_NON_LATIN = re.compile("[\u0370-\u05ff\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
                        "\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def detect_lang(text: str) -> str | None:
    """ISO 639-1 code of the text's language from its script (and, for Latin script, stop words).

    Coarse on purpose: enough to tell Arabic from English in a mixed dump. None when unsure.
    """
    sample = text[:800]
    ascii_part = sample.encode("ascii", "ignore")
    latin = len(ascii_part) - len(ascii_part.translate(None, _ASCII_LETTER_BYTES))
    non_ascii = len(sample) - len(ascii_part)
    best, best_n = "latin", latin
    if non_ascii * 4 > latin:
        others = "".join(_NON_LATIN.findall(sample))
        if len(others) > latin:
            best, best_n = None, 0
            for code, pattern in _SCRIPTS:
                n = len(pattern.findall(others))
                if n > best_n:
                    best, best_n = code, n
    if best is None or best_n < 2:
        return None
    if best == "ar":
        return "fa" if len(_PERSIAN.findall(sample)) > best_n * 0.02 else "ar"
    if best != "latin":
        return best
    tokens = sample.lower().split()
    if sum(map(_stopwords()["en"].__contains__, tokens)) * 8 >= len(tokens) > 0:
        return "en"  # the common case, decided without scoring every language
    counts = Counter(tokens)
    total = len(tokens)
    keys = counts.keys()
    scores = {code: sum(counts[w] for w in sw & keys) for code, sw in _stopwords().items()}
    code = max(scores, key=scores.get)
    return code if scores[code] >= max(2, total // 40) else None


def line_script(s: str) -> str | None:
    """The script of a line's opening (enough to notice a change of language)."""
    head = s[:80]
    if head.isascii():
        return "latin" if _ASCII_LETTERS.search(head) else None
    for code, pattern in _SCRIPTS[:5]:
        if pattern.search(head):
            return code
    return None
