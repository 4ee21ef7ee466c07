"""User corrections to the automatic split of text dumps (``--corrections FILE``).

Automatic splitting is never perfect; a small file fixes what it got wrong and is applied by every
command. Segments are named by the input file and a line range, as ``framing segment`` shows them.

YAML (a list; ``#`` comments allowed)::

    - file: dump.txt          # the input file: its name, or its path
      lines: 300-310          # the segment that contains these lines (or one line: 300)
      outlet: Al Mayadeen     # set any of: outlet, date, title, author, lang, kind
      date: 2022-03-05        # ISO, or any form the segmenter reads ("5 March 2022")
    - file: dump.txt
      merge: 120-200          # the segments overlapping these lines become one
    - file: dump.txt
      split: 245              # a new segment starts at line 245 ...
      title: A headline       # ... and these values apply to it
    - file: dump.txt
      split: 530-534          # lines 530-534 become a segment of their own (a range)
      kind: video-caption

CSV (one row per correction; ``action`` is ``set``, ``merge`` or ``split``, empty = ``set``)::

    file,action,lines,outlet,date,title,author,lang,kind
    dump.txt,set,300-310,Al Mayadeen,2022-03-05,,,,
    dump.txt,merge,120-200,,,,,,
    dump.txt,split,245,,,A headline,,,

In YAML a key given without a value clears the field; in CSV an empty cell leaves it as it is and
``null`` clears it. Corrections apply in the order written. Every error names the corrections file
and line: ``fixes.yaml:12: no segment covers lines 800-810 of dump.txt: it has 735 lines: ...``.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

from ..errors import InputError
from ..tsv import table_lines
from .dates import parse_date
from .segment import KINDS, DumpLines, Segment, SegmentOptions, mark_duplicates

FIELDS = ("outlet", "date", "title", "author", "lang", "kind")
ACTIONS = ("set", "merge", "split")
_YAML_KEYS = ("file", "lines", "merge", "split", *FIELDS)
_CSV_COLUMNS = ("file", "action", "lines", *FIELDS)


@dataclass(frozen=True)
class Correction:
    """One correction: where it was written, what it names, what it changes."""

    source: str                               # the corrections file
    line: int                                 # its line there
    file: str                                 # the input file it applies to
    action: str                               # "set" | "merge" | "split"
    first: int                                # 1-based line range in the input file
    last: int
    values: tuple[tuple[str, str | None], ...] = ()  # (field, new value or None to clear)

    def where(self) -> str:
        return f"{self.source}:{self.line}"

    def lines_text(self) -> str:
        return f"line {self.first}" if self.first == self.last else f"lines {self.first}-{self.last}"


# ----------------------------------------------------------------------------- reading


def load_corrections(path: Path | str) -> list[Correction]:
    """Read a corrections file (``.yaml``/``.yml`` or ``.csv``), checking every entry."""
    from .encoding import read_text

    path = Path(path)
    text = read_text(path).text
    if path.suffix.lower() in (".yaml", ".yml"):
        return _read_yaml(text, str(path))
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        return _read_csv(text, str(path), delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
    raise InputError(f"{path}: unknown corrections format {path.suffix!r}: use a .yaml or .csv file")


def _read_yaml(text: str, source: str) -> list[Correction]:
    import yaml

    loader = yaml.SafeLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{source}:{mark.line + 1}" if mark is not None else source
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise InputError(f"{where}: not valid YAML ({problem}): check the indentation and the colons") from None
        if root is None:
            return []
        if isinstance(root, yaml.MappingNode):  # {corrections: [...]} is accepted too
            inner = [v for k, v in root.value if loader.construct_object(k) == "corrections"]
            if not inner:
                raise InputError(f"{source}:{root.start_mark.line + 1}: expected a list of corrections "
                                 "(lines starting with '- file: ...'): see framing segment --help")
            root = inner[0]
        if not isinstance(root, yaml.SequenceNode):
            raise InputError(f"{source}:{root.start_mark.line + 1}: expected a list of corrections "
                             "(lines starting with '- file: ...'): see framing segment --help")
        out = []
        for item in root.value:
            line = item.start_mark.line + 1
            if not isinstance(item, yaml.MappingNode):
                raise InputError(f"{source}:{line}: each correction is a mapping like 'file: dump.txt' "
                                 "with 'lines:', 'merge:' or 'split:': fix this entry")
            entry: dict[str, object] = {}
            lines_at: dict[str, int] = {}
            for key_node, value_node in item.value:
                key = loader.construct_object(key_node)
                kline = key_node.start_mark.line + 1
                if not isinstance(key, str) or key not in _YAML_KEYS:
                    raise InputError(f"{source}:{kline}: unknown key {key!r}: use {', '.join(_YAML_KEYS)}")
                if key in entry:
                    raise InputError(f"{source}:{kline}: key {key!r} given twice in one correction: keep one")
                entry[key] = loader.construct_object(value_node, deep=True)
                lines_at[key] = kline
            out.append(_make(entry, source, line, lines_at, from_csv=False))
        return out
    finally:
        loader.dispose()


def _read_csv(text: str, source: str, delimiter: str = ",") -> list[Correction]:
    header: list[str] | None = None
    out = []
    for line, row in table_lines(text, delimiter=delimiter, quoted=True):
        if header is None:
            header = [c.strip().lower() for c in row]
            unknown = [c for c in header if c not in _CSV_COLUMNS]
            if unknown:
                raise InputError(f"{source}:{line}: unknown column {unknown[0]!r}: use {', '.join(_CSV_COLUMNS)}")
            if "file" not in header or "lines" not in header:
                raise InputError(f"{source}:{line}: the header needs the columns 'file' and 'lines': "
                                 f"e.g. {','.join(_CSV_COLUMNS)}")
            continue
        if len(row) > len(header):
            raise InputError(f"{source}:{line}: {len(row)} cells for {len(header)} columns: "
                             "quote cells that contain commas")
        cells = {h: c.strip() for h, c in zip(header, row)}
        action = (cells.pop("action", "") or "set").lower()
        if action not in ACTIONS:
            raise InputError(f"{source}:{line}: unknown action {action!r}: use set, merge or split")
        entry: dict[str, object] = {"file": cells.pop("file", "")}
        rng = cells.pop("lines", "")
        entry["lines" if action == "set" else action] = rng
        for name, value in cells.items():
            if value == "":
                continue
            entry[name] = None if value.lower() in ("null", "none") else value
        out.append(_make(entry, source, line, {}, from_csv=True))
    return out


def _parse_range(value: object, where: str, key: str) -> tuple[int, int]:
    if isinstance(value, bool):
        value = None
    if isinstance(value, int):
        first = last = value
    elif isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        first, last = value
    elif isinstance(value, str) and value.strip():
        parts = value.replace("–", "-").split("-")
        try:
            nums = [int(p.strip()) for p in parts]
        except ValueError:
            nums = []
        if len(nums) == 1:
            first = last = nums[0]
        elif len(nums) == 2:
            first, last = nums
        else:
            raise InputError(f"{where}: {key} {value!r} is not a line number or a range like 300-310: fix it")
    else:
        raise InputError(f"{where}: {key} needs a line number or a range like 300-310, found {value!r}: fix it")
    if first < 1 or last < first:
        raise InputError(f"{where}: {key} {first}-{last} is not a range of lines (1-based, first <= last): fix it")
    return first, last


def _make(entry: dict, source: str, line: int, lines_at: dict[str, int], *, from_csv: bool) -> Correction:
    file = entry.get("file")
    if not isinstance(file, str) or not file.strip():
        raise InputError(f"{source}:{line}: missing 'file': name the input file the correction is for")
    actions = [k for k in ("lines", "merge", "split") if k in entry]
    if len(actions) != 1:
        raise InputError(f"{source}:{line}: give exactly one of 'lines' (to set values), 'merge' or 'split', "
                         f"found {', '.join(actions) or 'none'}: fix this correction")
    key = actions[0]
    at = lines_at.get(key, line)
    where = f"{source}:{at}"
    first, last = _parse_range(entry[key], where, key)
    values = []
    for name in FIELDS:
        if name not in entry:
            continue
        vline = f"{source}:{lines_at.get(name, line)}"
        value = entry[name]
        if value is not None:
            value = _check_value(name, value, vline)
        values.append((name, value))
    action = "set" if key == "lines" else key
    if action == "set" and not values:
        span = f"line {first}" if first == last else f"lines {first}-{last}"
        raise InputError(f"{where}: nothing to change for {span} of {file}: "
                         f"add one of {', '.join(FIELDS)}")
    if any(name == "kind" and value is None for name, value in values):
        raise InputError(f"{where}: kind cannot be empty: use one of {', '.join(KINDS)}")
    return Correction(source, at, file.strip(), action, first, last, tuple(values))


def _check_value(name: str, value: object, where: str) -> str:
    if name == "date":
        if isinstance(value, _dt.datetime):
            return value.date().isoformat()
        if isinstance(value, _dt.date):
            return value.isoformat()
        iso = parse_date(str(value))
        if iso is None:
            raise InputError(f"{where}: date {value!r} is not a date: write it as YYYY-MM-DD")
        return iso
    if not isinstance(value, (str, int, float)):
        raise InputError(f"{where}: {name} must be a single value, found {type(value).__name__}: fix it")
    value = str(value).strip()
    if name == "kind" and value not in KINDS:
        raise InputError(f"{where}: unknown kind {value!r}: use one of {', '.join(KINDS)}")
    if name == "lang" and not (1 <= len(value) <= 8 and value.replace("-", "").isalpha()):
        raise InputError(f"{where}: lang {value!r} is not a language code: use e.g. en, ar")
    return value


# ----------------------------------------------------------------------------- applying


def same_file(named: str, file: str) -> bool:
    """Does a correction's ``file`` name this input file? A bare name matches in any folder."""
    a, b = PurePath(named.replace("\\", "/")), PurePath(file.replace("\\", "/"))
    if len(a.parts) == 1:
        return a.name == b.name
    return b.as_posix() == a.as_posix() or b.as_posix().endswith("/" + a.as_posix().lstrip("./"))


def corrections_for(corrections: list[Correction], file: str) -> list[Correction]:
    return [c for c in corrections if same_file(c.file, file)]


def unused_corrections(corrections: list[Correction], files: list[str]) -> list[Correction]:
    """Corrections that name none of ``files`` (a typo in a file name, usually)."""
    return [c for c in corrections if not any(same_file(c.file, f) for f in files)]


def apply_corrections(segments: list[Segment], corrections: list[Correction], *, file: str,
                      text: str | None = None, options: SegmentOptions | None = None) -> list[Segment]:
    """Apply the corrections that name ``file`` to its segments, in order.

    With ``text`` (the decoded file) merged and split segments are read afresh (title, date,
    outlet of each new piece); without it they are pieced together from the segments given.
    Duplicates are marked again afterwards.
    """
    todo = corrections_for(corrections, file)
    if not todo:
        return segments
    options = options or SegmentOptions()
    dump = DumpLines(text, file=segments[0].file if segments else file, options=options) if text is not None else None
    segs = list(segments)
    for c in todo:
        segs = _apply_one(segs, c, dump, file)
    if options.find_duplicates:
        segs = mark_duplicates(segs, threshold=options.duplicate_threshold)
    return segs


def _covering(segs: list[Segment], c: Correction, file: str) -> tuple[int, int]:
    """Indexes of the first and last segment overlapping the correction's lines."""
    total = segs[-1].end_line if segs else 0
    if c.last > total:
        raise InputError(f"{c.where()}: no segment covers {c.lines_text()} of {file}: it has {total} lines: "
                         "check the line numbers against 'framing segment'")
    i0 = next(k for k, s in enumerate(segs) if s.end_line >= c.first)
    i1 = next(k for k, s in enumerate(segs) if s.end_line >= c.last)
    return i0, i1


def _apply_one(segs: list[Segment], c: Correction, dump: DumpLines | None, file: str) -> list[Segment]:
    i0, i1 = _covering(segs, c, file)
    if c.action == "set":
        if i0 != i1:
            spans = ", ".join(f"{s.start_line}-{s.end_line}" for s in segs[i0:i1 + 1])
            raise InputError(f"{c.where()}: {c.lines_text()} of {file} span {i1 - i0 + 1} segments (lines {spans}): "
                             "give lines inside one segment, or merge them first")
        segs[i0] = _override(segs[i0], c, dump)
        return segs
    if c.action == "merge":
        if i0 == i1:
            s = segs[i0]
            raise InputError(f"{c.where()}: {c.lines_text()} of {file} are all in one segment "
                             f"(lines {s.start_line}-{s.end_line}): nothing to merge; give a range that "
                             "reaches into the next segment")
        merged = _merge(segs[i0:i1 + 1], dump)
        return segs[:i0] + [_override(merged, c, dump)] + segs[i1 + 1:]
    # split
    seg = segs[i0]
    if i0 != i1:
        raise InputError(f"{c.where()}: {c.lines_text()} of {file} reach beyond the segment at lines "
                         f"{seg.start_line}-{seg.end_line}: split inside one segment")
    wanted = {c.first} if c.first == c.last else {c.first, c.last + 1}
    cuts = sorted(wanted - {seg.start_line, seg.end_line + 1})
    cuts = [x for x in cuts if seg.start_line < x <= seg.end_line]
    if not cuts:
        raise InputError(f"{c.where()}: {c.lines_text()} of {file} already form the segment at lines "
                         f"{seg.start_line}-{seg.end_line}: nothing to split")
    bounds = [seg.start_line, *cuts, seg.end_line + 1]
    pieces = [_piece(seg, a, b - 1, dump) for a, b in zip(bounds, bounds[1:])]
    target = next(k for k, p in enumerate(pieces) if p.start_line == c.first)
    pieces[target] = _override(pieces[target], c, dump, fresh=True)
    return segs[:i0] + pieces + segs[i0 + 1:]


def _override(seg: Segment, c: Correction, dump: DumpLines | None, *, fresh: bool = False) -> Segment:
    values = dict(c.values)
    new_kind = values.get("kind")
    if new_kind and new_kind != seg.kind:
        if dump is not None:
            seg = replace(dump.region(seg.start_line, seg.end_line, new_kind), file=seg.file)
        else:
            seg = replace(seg, kind=new_kind)
        if new_kind != "article":
            seg = replace(seg, outlet=None, date=None, author=None, reposted_by=None)
    if values:
        seg = replace(seg, **values)
    return seg


def _piece(seg: Segment, first: int, last: int, dump: DumpLines | None) -> Segment:
    """Lines first..last of ``seg`` as a segment of the same kind."""
    if dump is not None:
        return replace(dump.region(first, last, seg.kind), file=seg.file)
    lines = seg.text.split("\n")
    lo = max(first - seg.body_start_line, 0)
    hi = max(last - seg.body_start_line + 1, 0)
    text = "\n".join(lines[lo:hi]).rstrip()
    body_line = max(first, seg.body_start_line) if text else first
    if first == seg.start_line:
        return replace(seg, end_line=last, text=text, body_start_line=body_line, duplicate_of=None)
    return replace(seg, start_line=first, end_line=last, title=None, date=None, author=None,
                   text=text, body_start_line=body_line, duplicate_of=None)


def _merge(parts: list[Segment], dump: DumpLines | None) -> Segment:
    kind = "article" if any(p.kind == "article" for p in parts) else parts[0].kind
    first, last = parts[0].start_line, parts[-1].end_line
    if dump is not None:
        return replace(dump.region(first, last, kind), file=parts[0].file)
    head = parts[0]
    text, at = head.text, head.body_start_line + head.text.count("\n")
    for p in parts[1:]:
        if not p.text:
            continue
        if not text:
            text, at = p.text, p.body_start_line + p.text.count("\n")
            head = replace(head, body_start_line=p.body_start_line)
            continue
        text += "\n" * max(p.body_start_line - at, 1) + p.text
        at = p.body_start_line + p.text.count("\n")
    return replace(head, kind=kind, end_line=last, text=text, duplicate_of=None)
