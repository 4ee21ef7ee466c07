"""Load and validate lexicon files (lexicons/SCHEMA.md) -> :class:`Lexicon`.

A lexicon file is a TSV a teacher can edit in a spreadsheet. Every problem is reported as
``FILE:LINE: what is wrong: what to do`` and all problems of a file are collected before raising,
so that one run of ``framing lexicon validate`` lists everything to fix.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .errors import LexiconError, OptionError
from .tsv import data_rows, table_lines
from .normalize import match_key

REQUIRED = ("id", "lang", "term", "category", "strength", "neutral", "rationale")
OPTIONAL = ("variants", "referent", "ambiguous", "neutral_cues", "sources", "case")
# The ``case`` column (lexicons/SCHEMA.md, "Case and names"): how letter case limits matching.
CASE_RULES = ("any", "exact", "not_caps", "not_name")
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_LANG = re.compile(r"^[a-z]{2}$")
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0", ""}
DEFAULT_LEXICONS = ("en/core", "ar/core")


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    colour: str
    definition: str


@dataclass(frozen=True)
class Entry:
    id: str
    lang: str
    term: str
    variants: tuple[str, ...]
    category: str
    referent: str
    strength: int
    neutral: tuple[str, ...]
    rationale: str
    ambiguous: bool = False
    neutral_cues: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    file: str = ""
    line: int = 0
    case: str = "any"  # one of CASE_RULES

    @property
    def forms(self) -> tuple[str, ...]:
        """The term and its variants, as written in the file."""
        return (self.term, *self.variants)


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...]
    categories: dict[str, Category]
    files: tuple[str, ...] = ()
    digest: str = ""  # sha256 over the files' bytes, for the reproducibility block
    by_id: dict[str, Entry] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_id.update({e.id: e for e in self.entries})

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, text: str) -> list[Entry]:
        """Entries whose id, term or a variant equals ``text`` (case- and hyphen-insensitive)."""
        want = match_key(text.rstrip("*"))
        return [e for e in self.entries
                if e.id == text or any(match_key(f.rstrip("*"), e.lang) == want for f in e.forms)]


# Entries the context stage adds: words in scare quotes are delegitimising hits even when no lexicon
# lists them (e.g. a country's name in quotes).
SCARE_QUOTE_ENTRY = Entry(
    id="ctx.scare_quote", lang="", term="(words in scare quotes)", variants=(), category="delegitimising",
    referent="", strength=1, neutral=("the same words without quotation marks",),
    rationale="Quotation marks around words nobody is quoted as saying cast doubt on them (scare quotes).",
    sources=("Recasens et al. 2013", "SemEval-2020 Task 11: Doubt"), file="(context stage)")


def with_context_entries(lexicon: "Lexicon") -> "Lexicon":
    """The lexicon plus the entries the context stage creates (see SCARE_QUOTE_ENTRY)."""
    if SCARE_QUOTE_ENTRY.id in lexicon.by_id:
        return lexicon
    return Lexicon(lexicon.entries + (SCARE_QUOTE_ENTRY,), lexicon.categories, lexicon.files, lexicon.digest)


# ----------------------------------------------------------------------------- locations

def shipped_dir() -> Path:
    """The folder of the lexicons shipped with the package (``lexicons/`` in the repository)."""
    return Path(str(resources.files("framing.lexicons")))


def shipped_names() -> list[str]:
    base = shipped_dir()
    return sorted(str(p.relative_to(base).with_suffix("")) for p in base.glob("*/*.tsv"))


def resolve_shipped(names: list[str] | tuple[str, ...]) -> list[Path]:
    available = shipped_names()
    paths = []
    for name in names:
        if name not in available:
            raise OptionError(f"--lexicons: no shipped lexicon named '{name}': choose from {', '.join(available)}")
        paths.append(shipped_dir() / f"{name}.tsv")
    return paths


# ----------------------------------------------------------------------------- loading

def load_categories(path: Path | None = None) -> dict[str, Category]:
    path = path or shipped_dir() / "categories.tsv"
    rows = _read_rows(path)
    return {r["id"]: Category(r["id"], r.get("label", r["id"]), r.get("colour", "#777777"),
                              r.get("definition", "")) for _, r in rows}


def load_lexicon(shipped: list[str] | tuple[str, ...] = DEFAULT_LEXICONS,
                 extra: list[str | Path] | tuple[str | Path, ...] = (), *, notes: list[str] | None = None) -> Lexicon:
    """Load the named shipped lexicons plus the user's files; raise LexiconError listing every problem.

    The user's files take precedence: a user file that holds most of a shipped lexicon's ids is an
    edited copy of it and replaces it whole (so a row deleted in the copy is no longer counted); a
    user entry with the id or a term of a shipped entry replaces that entry. What was replaced is
    appended to ``notes``.
    """
    categories = load_categories()
    problems: list[str] = []
    digest = hashlib.sha256()

    def read(path: Path) -> list[Entry]:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise LexiconError([f"{path}: lexicon file not found: check the path given to --lexicon"]) from None
        except OSError as exc:
            raise LexiconError([f"{path}: cannot read lexicon: {exc.strerror}"]) from None
        digest.update(raw)
        file_entries, file_problems = parse_lexicon(raw, str(path), categories)
        problems.extend(file_problems)
        return file_entries

    shipped_paths = resolve_shipped(shipped)
    shipped_sets = [(p, read(p)) for p in shipped_paths]
    user_paths = [Path(p) for p in extra]
    user_entries = [e for p in user_paths for e in read(p)]
    problems.extend(_cross_problems(user_entries))
    if problems:
        raise LexiconError(problems)
    user_ids = {e.id for e in user_entries}
    user_forms = {_form_key(e, f) for e in user_entries for f in e.forms}
    kept_paths, entries = [], []
    for path, file_entries in shipped_sets:
        ids = {e.id for e in file_entries}
        if ids and len(ids & user_ids) >= 0.5 * len(ids):
            if notes is not None:
                notes.append(f"your lexicon replaces the shipped {path.parent.name}/{path.stem} (it holds most of its entries)")
            continue
        kept_paths.append(path)
        for e in file_entries:
            if e.id in user_ids or any(_form_key(e, f) in user_forms for f in e.forms):
                if notes is not None:
                    notes.append(f"your entry replaces the shipped entry {e.id} ({e.term})")
                continue
            entries.append(e)
    entries.extend(user_entries)
    problems.extend(_cross_problems(entries))
    if problems:
        raise LexiconError(problems)
    return Lexicon(tuple(entries), categories, tuple(str(p) for p in kept_paths + user_paths), digest.hexdigest())


def _form_key(e: Entry, form: str) -> tuple[str, bool]:
    return match_key(form.rstrip("*"), e.lang), form.endswith("*")


def validate_file(path: str | Path) -> tuple[list[Entry], list[str]]:
    """Entries and problems of one file, checked alone (for ``framing lexicon validate``)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [], [f"{path}: cannot read: {exc.strerror or exc}: check the path"]
    entries, problems = parse_lexicon(raw, str(path), load_categories())
    return entries, problems + _cross_problems(entries)


def parse_lexicon(raw: bytes, name: str, categories: dict[str, Category]) -> tuple[list[Entry], list[str]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [], [f"{name}:{line}: not UTF-8 text: save the file as UTF-8 (spreadsheet: 'Text CSV', character set UTF-8)"]
    entries: list[Entry] = []
    problems: list[str] = []
    header: list[str] | None = None
    for line, cells in table_lines(text, quoted=True):
        if header is None:
            header = [c.strip().lower() for c in cells]
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                problems.append(f"{name}:{line}: header lacks column(s) {', '.join(missing)}: "
                                f"the first non-comment line must name the columns (see lexicons/SCHEMA.md)")
                return [], problems
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            problems.append(f"{name}:{line}: {len(cells)} cells but the header has {len(header)}: "
                            f"remove the extra cells or a stray tab")
            continue
        row = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
        entry, row_problems = _entry(row, name, line, categories)
        problems.extend(row_problems)
        if entry is not None:
            entries.append(entry)
    if header is None:
        problems.append(f"{name}:1: no header and no entries: the file is empty (see lexicons/SCHEMA.md)")
    return entries, problems


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def _entry(row: dict[str, str], name: str, line: int, categories: dict[str, Category]):
    where = f"{name}:{line}"
    problems = []
    eid = row.get("id", "")
    if not eid:
        problems.append(f"{where}: empty id: give the entry a unique id such as en.state.regime")
    elif not _ID.match(eid):
        problems.append(f"{where}: id '{eid}' has characters other than a-z 0-9 . _ -: use lower case, e.g. en.state.regime")
    lang = row.get("lang", "")
    if not _LANG.match(lang):
        problems.append(f"{where}: lang '{lang}' is not a two-letter code: write en or ar")
    term = row.get("term", "")
    variants = _split(row.get("variants", ""))
    if not term:
        problems.append(f"{where}: empty term: write the term, or delete the row")
    for form in ((term,) if term else ()) + variants:
        msg = _form_problem(form)
        if msg:
            problems.append(f"{where}: term or variant '{form}' {msg}")
    category = row.get("category", "")
    if category not in categories:
        problems.append(f"{where}: unknown category '{category}': use one of {', '.join(categories)}")
    strength_cell = row.get("strength", "")
    strength = int(strength_cell) if strength_cell in ("1", "2", "3") else 0
    if not strength:
        problems.append(f"{where}: strength '{strength_cell}' must be 1 (mild), 2 (strong) or 3 (extreme)")
    neutral = _split(row.get("neutral", ""))
    if not neutral:
        problems.append(f"{where}: no neutral alternative: give at least one, e.g. 'government' for 'regime'")
    rationale = row.get("rationale", "")
    if not rationale:
        problems.append(f"{where}: empty rationale: say in one line why the term is loaded")
    amb_cell = row.get("ambiguous", "").lower()
    if amb_cell not in _TRUE | _FALSE:
        problems.append(f"{where}: ambiguous '{row.get('ambiguous')}' must be yes or no")
    case = row.get("case", "").strip().lower().replace("-", "_").replace(" ", "_") or "any"
    if case not in CASE_RULES:
        problems.append(f"{where}: case '{row.get('case')}' must be one of {', '.join(CASE_RULES)} "
                        f"(empty = any; see lexicons/SCHEMA.md)")
    if problems:
        return None, problems
    return Entry(
        id=eid, lang=lang, term=term, variants=variants, category=category,
        referent=row.get("referent", ""), strength=strength, neutral=neutral, rationale=rationale,
        ambiguous=amb_cell in _TRUE, neutral_cues=_split(row.get("neutral_cues", "")),
        sources=_split(row.get("sources", "")), file=name, line=line, case=case,
    ), []


def _form_problem(form: str) -> str | None:
    core = form[:-1] if form.endswith("*") else form
    if "*" in core:
        return "has '*' inside: '*' may only end the last word (e.g. plunder*)"
    if not any(ch.isalnum() for ch in core):
        return "has no letters: a term must contain a word"
    if form.endswith("*"):
        last = core.split()[-1] if core.split() else ""
        if sum(ch.isalpha() for ch in last) < 3:
            return "has '*' after fewer than three letters: write at least three letters before '*'"
    if any(ch in form for ch in "\t\n\r"):
        return "contains a tab or line break: remove it"
    return None


def _cross_problems(entries: list[Entry]) -> list[str]:
    problems = []
    seen_ids: dict[str, Entry] = {}
    seen_forms: dict[tuple[str, bool], Entry] = {}
    for e in entries:
        if e.id in seen_ids:
            first = seen_ids[e.id]
            problems.append(f"{e.file}:{e.line}: duplicate id '{e.id}' (first at {first.file}:{first.line}): give each entry its own id")
            continue
        seen_ids[e.id] = e
        for form in e.forms:
            key = _form_key(e, form)
            other = seen_forms.get(key)
            if other is not None and other.id != e.id:
                problems.append(f"{e.file}:{e.line}: '{form}' of entry {e.id} is already a form of {other.id} "
                                f"({other.file}:{other.line}): keep it in one entry")
            elif other is None:
                seen_forms[key] = e
    return problems


def _read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    return list(data_rows(path, ("id",), quoted=True))
