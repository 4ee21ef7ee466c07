"""Language-specific tokenisation, as small registered hooks (named by a language's
``language.tsv``: ``tokenizer  arabic``).

The context engine's tokens are the same for every language (words and punctuation marks, lower
case, Arabic letter forms folded: :mod:`framing.context.tokens`). What differs is written here:

- ``trigger_forms``: the forms a trigger word (a speech verb, a negator, a marker) takes in running
  text, as ``(form, length of an attached prefix, attached to the next word)``: Arabic verbs are
  also found after an attached wa-/fa- ("وقال"), an Arabic "ل" attaches to the next word ("وفقا
  للجيش"); English phrases are written with spaces or hyphens ("so called", "so-called");
- ``strip``: a token without its clitics, for cue lookups (Arabic "والاحتلال" -> "احتلال");
- ``split``: a token cut into words, for languages whose clitics are written with an apostrophe
  inside the token (French elision "qu'il" -> "qu'", "il"); ``None`` keeps tokens whole;
- ``joins_left``: trigger forms that may be glued to the word before them (English "n't").

A new language names one of these, or registers its own with :func:`register_tokenizer`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class TokenHook:
    name: str
    trigger_forms: Callable[[str], list[tuple[str, int, bool]]]
    strip: Callable[[str], str]
    split: Callable[[str], list[str]] | None = None
    joins_left: frozenset[str] = frozenset()


TOKENIZERS: dict[str, TokenHook] = {}


def register_tokenizer(hook: TokenHook) -> TokenHook:
    """Make ``hook`` available to language folders under its name."""
    TOKENIZERS[hook.name] = hook
    return hook


def _apostrophes(forms: list[tuple[str, int, bool]]) -> list[tuple[str, int, bool]]:
    out = []
    for f, prefix, attached in forms:
        out.append((f, prefix, attached))
        if "'" in f:
            out.append((f.replace("'", "\u2019"), prefix, attached))
    return out


def _unchanged(tok: str) -> str:
    return tok


def _plain_forms(form: str) -> list[tuple[str, int, bool]]:
    return _apostrophes([(form, 0, False)])


def _english_forms(form: str) -> list[tuple[str, int, bool]]:
    forms = [(form, 0, False)]
    if " " in form:  # "so-called", "so called", "so–called"
        forms += [(form.replace(" ", d), 0, False) for d in "-\u2010\u2013"]
    return _apostrophes(forms)


ARABIC_PREFIXES = ("و", "ف")  # attached conjunctions before a trigger word


def _arabic_forms(form: str) -> list[tuple[str, int, bool]]:
    forms = [form] + ([p + form for p in ARABIC_PREFIXES] if " " not in form else [])
    # a word boundary is checked on each side, except after an Arabic "ل" that attaches to the next word
    return _apostrophes([(f, len(f) - len(form), f.endswith(" ل")) for f in forms])


_AR_CLITICS = ("وبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل")


def strip_arabic(tok: str) -> str:
    """An Arabic token without its attached conjunction, preposition and article."""
    if not tok or not ("\u0600" <= tok[0] <= "\u06ff"):
        return tok
    for p in _AR_CLITICS:
        if tok.startswith(p) and len(tok) - len(p) >= 3:
            tok = tok[len(p):]
            break
    if tok.endswith("ا") and len(tok) >= 4:  # accusative ending: نظاما, احتلالا
        tok = tok[:-1]
    return tok


_ELIDED = ("qu'", "l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'")


def _split_elision(tok: str) -> list[str]:
    """"qu'il" -> ["qu'", "il"], "l'armée" -> ["l'", "armée"]; other tokens whole."""
    for e in _ELIDED:
        if tok.startswith(e) and len(tok) > len(e):
            return [e, tok[len(e):]]
    return [tok]


def _strip_elision(tok: str) -> str:
    pieces = _split_elision(tok)
    return pieces[-1]


register_tokenizer(TokenHook("plain", _plain_forms, _unchanged))
register_tokenizer(TokenHook("english", _english_forms, _unchanged, joins_left=frozenset({"n't"})))
register_tokenizer(TokenHook("arabic", _arabic_forms, strip_arabic))
register_tokenizer(TokenHook("elision", _plain_forms, _strip_elision, split=_split_elision))
