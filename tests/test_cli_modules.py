"""The command line as thin modules (framing/cli/): no import cycle, the argparse namespace stops at the
CLI, the command's own arguments are what a store records, help texts name only real commands."""
import argparse
import ast
import re
import subprocess
import sys
from pathlib import Path

import duckdb

from framing.cli import COMMANDS, build_parser, main

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "framing"
CLI = PACKAGE / "cli"
DATA = Path(__file__).resolve().parent / "data"
LEX = ["--lexicons", "none", "--lexicon", str(DATA / "mini_lexicon.tsv")]


def _cli_modules() -> list[str]:
    """Every module of framing/cli/ but __main__ (which runs the command line when imported)."""
    return sorted(f"framing.cli.{p.stem}" if p.stem != "__init__" else "framing.cli" for p in CLI.glob("*.py")
                  if p.stem != "__main__")


def _imports(path: Path, package: str) -> set[str]:
    """Every module ``path`` (a module of ``package``) imports, at any depth of the file (lazy imports
    in functions too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            base = ".".join(parts[:len(parts) - (node.level - 1)]) if node.level else ""
            mod = ".".join(x for x in (base, node.module or "") if x)
            if node.module:
                found.add(mod)
            found |= {f"{mod}.{a.name}" for a in node.names}   # from . import common: framing.cli.common
    return found


# ----------------------------------------------------------------------------- no cycle

def test_every_cli_module_imports_alone_in_a_fresh_interpreter():
    modules = _cli_modules()
    assert {"framing.cli", "framing.cli.common", *(f"framing.cli.{c}" for c in COMMANDS)} <= set(modules)
    for module in modules:
        run = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True, cwd=ROOT)
        assert run.returncode == 0, f"{module}: {run.stderr[-800:]}"


def test_the_cli_modules_import_one_way():
    """__init__ -> command modules -> common -> library; never back (no cycle, not even a lazy one)."""
    for path in CLI.glob("*.py"):
        name = "framing.cli" if path.stem == "__init__" else f"framing.cli.{path.stem}"
        cli_imports = {".".join(m.split(".")[:3]) for m in _imports(path, "framing.cli")   # the module of a name
                       if m == "framing.cli" or m.startswith("framing.cli.")}
        if name == "framing.cli":
            assert cli_imports <= {"framing.cli.common"}, cli_imports   # (the commands: by name, in build_parser)
        elif name == "framing.cli.__main__":
            assert cli_imports == {"framing.cli.main"}   # from . import main (the function)
        elif name == "framing.cli.common":
            assert not cli_imports, f"common imports {cli_imports}"
        else:
            assert cli_imports <= {"framing.cli.common"}, f"{name} imports {cli_imports - {'framing.cli.common'}}"
    for path in PACKAGE.rglob("*.py"):
        if CLI in path.parents or path.name == "__main__.py":
            continue
        rel = path.relative_to(ROOT).with_suffix("")
        bad = {m for m in _imports(path, ".".join(rel.parts[:-1])) if m.startswith("framing.cli")}
        assert not bad, f"{rel}: the library imports the CLI ({bad})"


def test_one_module_per_command():
    top = _actions(build_parser())
    assert list(top) == list(COMMANDS)
    modules = {p.stem for p in CLI.glob("*.py")} - {"__init__", "__main__", "common", "worksheet_check"}
    assert modules == set(COMMANDS)


# ----------------------------------------------------------------------------- the namespace stops at the CLI

ARGS_USE = re.compile(r"\bargs\.[a-z_]|sys\.argv|getattr\(args\b|vars\(args\)|\bimport argparse\b|\bfrom argparse\b")


def test_no_library_module_reads_the_parsed_arguments_or_sys_argv():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if CLI in path.parents:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if ARGS_USE.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_grep_finds_what_it_looks_for():
    for line in ("x = args.store", "argv = sys.argv[1:]", "getattr(args, 'demo')", "import argparse"):
        assert ARGS_USE.search(line)
    assert not ARGS_USE.search("f(*args, **kwargs.copy())")


# ----------------------------------------------------------------------------- provenance

def test_the_store_records_the_arguments_main_was_given(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["pytest", "something", "else"])   # what must not be recorded
    store = tmp_path / "s.duckdb"
    argv = ["analyze", str(DATA / "mini_corpus.jsonl"), *LEX, "--store", str(store), "--jobs", "1"]
    assert main(argv) == 0
    con = duckdb.connect(str(store), read_only=True)
    try:
        commands = [r[0] for r in con.execute("SELECT command FROM runs ORDER BY run_id").fetchall()]
    finally:
        con.close()
    assert commands == ["framing " + " ".join(argv)]


def test_a_coding_sheet_records_the_arguments_main_was_given(tmp_path, monkeypatch, capsys):
    import json

    monkeypatch.setattr(sys, "argv", ["pytest", "elsewhere"])
    sheet = tmp_path / "sheet.csv"
    argv = ["audit", "sample", str(DATA / "mini_corpus.jsonl"), *LEX, "-n", "4", "--no-docx", "-o", str(sheet),
            "--jobs", "1"]
    assert main(argv) == 0
    info = json.loads(sheet.with_suffix(".sample.json").read_text(encoding="utf-8"))
    assert info["command"] == "framing " + " ".join(argv)


def test_main_without_argv_reads_sys_argv(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["framing", "lexicon", "files"])
    assert main() == 0
    assert "en/core\t" in capsys.readouterr().out


# ----------------------------------------------------------------------------- help texts name real commands

def _parsers(parser, path=()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


def _texts(parser) -> list[str]:
    texts = [parser.description or "", parser.epilog or "", parser.usage or ""]
    for action in parser._actions:
        texts.append(action.help or "")
        if isinstance(action, argparse._SubParsersAction):
            texts += [a.help or "" for a in action._choices_actions]
    return texts


def _actions(parser) -> dict:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices
    return {}


MENTION = re.compile(r"\bframing ((?:[a-z][a-z-]*)(?:[/|][a-z][a-z-]*)*)(?: ([a-z][a-z-]*))?")
PROSE = {"index", "in"}   # "a per-outlet framing index", "framing in news": English, not commands


def mentions(text: str, *, prose: bool = False):
    """(command, next word) for every `framing WORD [WORD]` in a text; WORD may be a|b or a/b. With
    ``prose`` (library messages: "framing does not ..."), an unknown WORD counts only when the mention
    is quoted ('framing x', `framing x`) or followed by an option."""
    for m in MENTION.finditer(text):
        quoted = text[max(0, m.start() - 1):m.start()] in ("'", "`", '"') or text[m.end():m.end() + 2] == " -"
        for command in re.split(r"[/|]", m.group(1)):
            if command not in PROSE:
                yield command, m.group(2), quoted or not prose


def check_mentions(texts, top: dict, *, prose: bool = False) -> list[str]:
    wrong = []
    for text in texts:
        for command, word, counts in mentions(text, prose=prose):
            if command not in top:
                if counts:
                    wrong.append(f"framing {command}")
                continue
            actions = _actions(top[command])
            if actions and word and word not in actions:
                wrong.append(f"framing {command} {word}")
    return wrong


def test_help_texts_name_only_real_commands_and_actions():
    parser = build_parser()
    top = _actions(parser)
    texts = [t for _, p in _parsers(parser) for t in _texts(p)]
    found = [m[:2] for t in texts for m in mentions(t)]
    assert ("lexicon", "show") in found and ("audit", "score") in found and ("segment", None) in found
    assert check_mentions(texts, top) == []


def test_the_help_check_catches_a_command_that_does_not_exist():
    top = _actions(build_parser())
    assert check_mentions(["see framing lexicon list-files", "run framing frobnicate x.csv",
                           "framing report|compare --audit DIR"], top) == \
        ["framing lexicon list-files", "framing frobnicate"]
    assert check_mentions(["framing does not write it", "try 'framing frobnicate'", "framing lexicon list-files",
                           "framing frob --demo"], top, prose=True) == \
        ["framing frobnicate", "framing lexicon list-files", "framing frob"]


def test_messages_in_the_library_name_only_real_commands():
    """Every string of framing/ (errors, notes, docstrings) that says `framing WORD ...`."""
    top = _actions(build_parser())
    texts = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.append(node.value)
    assert len(texts) > 1000
    assert check_mentions(texts, top, prose=True) == []


def test_the_readme_names_only_real_commands():
    top = _actions(build_parser())
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert check_mentions(lines, top, prose=True) == []


def test_python_dash_m_framing_runs_the_cli():
    from framing import __version__

    for module in ("framing", "framing.cli"):
        run = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True, text=True, cwd=ROOT)
        assert run.returncode == 0 and run.stdout.startswith(f"framing {__version__} ("), module  # (... core)


def test_worksheet_check_command(tmp_path, capsys):
    import json

    from framing.cli.worksheet_check import main as check

    def record(end):
        return {"kind": "spot", "items": [{"number": 1, "passages": [
            {"text": "The regime fell.", "outlet": "X", "hits": [{"start": 4, "end": end, "surface": "regime",
                                                                 "voice": "own"}]}]}]}

    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(record(10)), encoding="utf-8")
    bad.write_text(json.dumps(record(9)), encoding="utf-8")
    assert check([str(good)]) == 0
    assert capsys.readouterr().out == f"{good}: spot, 1 item(s), no problem\n"
    assert check([str(good), str(bad)]) == 1
    assert capsys.readouterr().out.splitlines()[1:] == [
        f"{bad}: spot, 1 item(s), 1 problem(s)", "  item 1: hit offsets 4-9 do not give 'regime'"]
