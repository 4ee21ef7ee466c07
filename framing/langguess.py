"""Which language a text is in: the one guesser (issue 16).

``detect_lang(text)`` gives the ISO 639-1 code of a text's language from its script (Arabic,
Cyrillic, Hebrew, Greek, Chinese, Japanese, Korean; Persian apart from Arabic by its own letters)
and, for Latin script, from stop words (en, fr, es, de, it, pt, tr, nl); None when unsure. It reads
the first 800 characters.

``guess_lang(text)`` is the language a record is given when its input names none: the detected
code, or ``DEFAULT_LANG`` ('en') when unsure. The readers (ingest/readers.py), the feed and HTML
readers, and the choice of word lists (context/language.py: a code without a language folder is
read with the English lists) all ask this module, so the same sentence gets the same answer
everywhere.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

DEFAULT_LANG = "en"
SAMPLE_CHARS = 800
# A language without a folder of its own is read with the lists of the language whose script it
# shares (Persian with the Arabic lists: Arabic-script folding and sentence marks), else English.
SAME_SCRIPT = {"fa": "ar", "ur": "ar"}

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
def _stopwords() -> dict[str, frozenset[str]]:
    """lang -> stop words, from framing/languages/guesser.tsv, in its order (English first: the
    winner of a tie)."""
    from .errors import LanguageError
    from .languages import SHIPPED, read_rows

    path = SHIPPED / "guesser.tsv"
    out: dict[str, frozenset[str]] = {}
    for n, row in read_rows(path, ("lang", "stopwords")):
        if not row["lang"] or row["lang"] in out:
            raise LanguageError(f"{path}:{n}: each row names one language not named above it: "
                                "write its code in the lang column")
        out[row["lang"]] = frozenset(w.strip() for w in row["stopwords"].split("|") if w.strip())
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
    sample = text[:SAMPLE_CHARS]
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


def reading_lang(code: str | None, available) -> str:
    """The language whose lists read a text in ``code``: itself when ``available`` has it, else
    the language sharing its script (SAME_SCRIPT), else DEFAULT_LANG."""
    if code in available:
        return code
    kin = SAME_SCRIPT.get(code or "")
    return kin if kin in available else DEFAULT_LANG


def guess_lang(text: str) -> str:
    """The language of a record whose input names none: ``detect_lang``, else DEFAULT_LANG."""
    return detect_lang(text) or DEFAULT_LANG


def line_script(s: str) -> str | None:
    """The script of a line's opening (enough for the segmenter to notice a change of language)."""
    head = s[:80]
    if head.isascii():
        return "latin" if _ASCII_LETTERS.search(head) else None
    for code, pattern in _SCRIPTS[:5]:
        if pattern.search(head):
            return code
    return None
