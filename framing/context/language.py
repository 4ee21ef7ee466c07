"""Languages as data: one folder per language (``framing/languages/en``, ``.../ar``, and any folder
named by ``FRAMING_LANGUAGES``), read into one checked :class:`Language` with its folded word lists
and the Aho-Corasick automaton of its trigger words. The schema is framing/languages/README.md; a
file that breaks it is a :class:`~framing.errors.LanguageError` naming ``file:line``.

Sets are keyed by language, never pooled: a document is read with the word lists of its own
language only (:func:`language_for`).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick

from ..errors import LanguageError
from ..languages import ENV, language_folders
from ..languages import read_rows as _rows
from .hooks import TOKENIZERS, TokenHook
from .tokens import _fold_word, _tokens


CLASSES = ("neutral", "distancing", "endorsing")
FRAMES = ("clause", "that", "object", "naming", "as", "source")
NEGATION_ROLES = ("negator", "denial", "cancel", "bridge", "barrier", "np_negator", "np_bridge")
POSITIONS = ("before", "after", "modifier", "calls")
SIDES = ("before", "after")
SENSES = ("neutral", "loaded")
# Every word set the engine reads (words.tsv); a set a language does not list is empty.
WORD_SETS = ("complementizer", "stop", "skip", "time", "determiner", "lead_in", "closer", "tail", "utterance",
             "title_noun", "kind_noun", "utter", "speech_act", "target_stop", "verb", "reflexive", "relative",
             "subject_relative", "free_relative", "modifier_verb", "call_verb", "time_prep", "copula", "link",
             "own_voice")
# language.tsv: key -> allowed values (None: free text)
SETTINGS = {
    "name": None,
    "tokenizer": None,           # a registered hook (framing.context.hooks)
    "word_order": ("subject_first", "verb_first"),
    "verbs_mark_quotes": ("yes", "no"),
    "cues_after": ("link", "any"),
    "possessive_suffix": None,
    "past_suffix": None,
}
DEFAULTS = {"name": "", "tokenizer": "plain", "word_order": "subject_first", "verbs_mark_quotes": "yes",
            "cues_after": "link", "possessive_suffix": "", "past_suffix": ""}
FILES = {  # file -> required columns
    "speech_verbs.tsv": ("verb", "forms", "class", "frame"),
    "negation.tsv": ("role", "word"),
    "so_called.tsv": ("position", "marker"),
    "sense_cues.tsv": ("term", "side", "window", "sense", "cues"),
    "words.tsv": ("set", "words"),
}


@dataclass(frozen=True)
class SpeechVerb:
    lang: str
    lemma: str
    cls: str
    frame: str  # clause | that | object | naming | as | source


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
class Language:
    """One language's word lists, folded, its settings, its tokenisation hook and the automaton of
    its trigger words (speech verbs, negators, denials, so-called markers, speech acts)."""

    code: str
    folder: Path | None = None
    settings: dict[str, str] = field(default_factory=lambda: dict(DEFAULTS))
    hook: TokenHook = field(default_factory=lambda: TOKENIZERS["plain"])
    verbs: dict[str, SpeechVerb] = field(default_factory=dict)     # folded form -> verb
    negation: dict[str, set[str]] = field(default_factory=dict)    # role -> folded words
    markers: dict[str, str] = field(default_factory=dict)          # folded marker -> position
    cue_rules: list[CueRule] = field(default_factory=list)
    words: dict[str, set[str]] = field(default_factory=dict)       # set name -> folded words
    automaton: object = None
    cue_memo: dict = field(default_factory=dict)                   # (lang, forms) -> cue index (framing.context.senses)

    @property
    def verb_first(self) -> bool:
        return self.settings["word_order"] == "verb_first"

    def possessive(self, tok: str) -> bool:
        """A possessive ("the group's"), in languages that write one with a suffix."""
        suffix = self.settings["possessive_suffix"]
        return bool(suffix) and tok.endswith(suffix)


ContextData = Language  # the name this object had when the word lists were pooled


# ----------------------------------------------------------------------------- reading the files

def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def _check(path: Path, n: int, column: str, value: str, allowed) -> str:
    if value not in allowed:
        raise LanguageError(f"{path}:{n}: {column} '{value}' is not known: write one of {', '.join(allowed)}")
    return value


def _need(path: Path, n: int, column: str, value: str) -> str:
    if not value:
        raise LanguageError(f"{path}:{n}: the {column} cell is empty: fill it in or delete the row")
    return value


def load_language(folder: Path, code: str | None = None) -> Language:
    """Read one language folder (its files are all optional except language.tsv)."""
    folder = Path(folder)
    code = code or folder.name
    about = folder / "language.tsv"
    if not about.is_file():
        raise LanguageError(f"{folder}: no language.tsv: a language folder needs one "
                            "(see framing/languages/README.md)")
    lang = Language(code, folder)
    for n, row in _rows(about, ("key", "value")):
        key, value = row["key"], row["value"]
        if key not in SETTINGS:
            raise LanguageError(f"{about}:{n}: key '{key}' is not known: write one of {', '.join(SETTINGS)}")
        if SETTINGS[key] is not None:
            _check(about, n, key, value, SETTINGS[key])
        if key == "tokenizer":
            if value not in TOKENIZERS:
                raise LanguageError(f"{about}:{n}: tokenizer '{value}' is not registered: write one of "
                                    f"{', '.join(sorted(TOKENIZERS))} (or register one: framing.context.hooks)")
            lang.hook = TOKENIZERS[value]
        lang.settings[key] = value
    keys: dict[str, list] = {}

    def key(form: str, payload: tuple) -> None:
        for variant, prefix, attached in lang.hook.trigger_forms(form):
            keys.setdefault(variant, []).append((prefix, attached, payload))

    def rows(name: str):
        path = folder / name
        return [(path, n, row) for n, row in _rows(path, FILES[name])] if path.is_file() else []

    for path, n, row in rows("speech_verbs.tsv"):
        verb = SpeechVerb(code, _need(path, n, "verb", row["verb"]), _check(path, n, "class", row["class"], CLASSES),
                          _check(path, n, "frame", row["frame"], FRAMES))
        for form in _split(_need(path, n, "forms", row["forms"])):
            f = _fold_word(form)
            lang.verbs.setdefault(f, verb)
            key(f, ("verb", f))
    for path, n, row in rows("negation.tsv"):
        role = _check(path, n, "role", row["role"], NEGATION_ROLES)
        w = _fold_word(_need(path, n, "word", row["word"]))
        lang.negation.setdefault(role, set()).add(w)
        if role in ("negator", "denial"):
            key(w, ("neg" if role == "negator" else "denial", w))
    for path, n, row in rows("so_called.tsv"):
        w = _fold_word(_need(path, n, "marker", row["marker"]))
        lang.markers[w] = _check(path, n, "position", row["position"], POSITIONS)
        key(w, ("marker", w))
    for path, n, row in rows("sense_cues.tsv"):
        term = _need(path, n, "term", row["term"]).lower()
        window = row["window"] or "0"
        if not window.isdigit():
            raise LanguageError(f"{path}:{n}: window '{window}' is not a whole number: write 0, 1, 2, ...")
        cues = tuple(tuple(t for t, _, _ in _tokens(c, 0, len(c))) for c in _split(_need(path, n, "cues", row["cues"])))
        lang.cue_rules.append(CueRule(code, _fold_word(term.rstrip("*")), term.endswith("*"),
                                      _check(path, n, "side", row["side"], SIDES), int(window),
                                      _check(path, n, "sense", row["sense"], SENSES), cues))
    for path, n, row in rows("words.tsv"):
        name = _check(path, n, "set", row["set"], WORD_SETS)
        lang.words.setdefault(name, set()).update(_fold_word(w) for w in _split(row["words"]))
        if name == "speech_act":
            for w in _split(row["words"]):
                key(_fold_word(w), ("act", _fold_word(w)))
        elif name == "own_voice":  # idioms whose speech verb is the writer's own ("needless to say")
            for w in _split(row["words"]):
                key(_fold_word(w), ("idiom", _fold_word(w)))
    for name in WORD_SETS:
        lang.words.setdefault(name, set())
    automaton = ahocorasick.Automaton()
    for k, payloads in keys.items():
        automaton.add_word(k, (len(k), tuple(payloads)))
    if keys:
        automaton.make_automaton()
    lang.automaton = automaton if keys else None
    return lang


# ----------------------------------------------------------------------------- which languages

@lru_cache(maxsize=8)
def _languages(env: str) -> dict[str, Language]:
    return {code: load_language(folder, code) for code, folder in language_folders(env).items()}


def languages() -> dict[str, Language]:
    """Every language, loaded once per process (and again when ``FRAMING_LANGUAGES`` changes)."""
    return _languages(os.environ.get(ENV, ""))


def language_for(lang: str, text: str = "") -> Language:
    """The language a document is read in: its own (the record's ``lang``, given in the input or
    guessed by the reader) when a folder for it exists; otherwise the one guesser's answer for the
    text (framing/langguess.py: its own folder, a same-script folder such as Arabic for Persian,
    else English)."""
    loaded = languages()
    found = loaded.get(lang)
    if found is not None:
        return found
    from ..langguess import guess_lang, reading_lang  # the one language guesser

    return loaded[reading_lang(guess_lang(text), loaded)]


def context_data(lang: str = "en") -> Language:
    """One language's word lists (English unless ``lang`` says otherwise)."""
    return languages()[lang]
