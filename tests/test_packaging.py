"""Packaging: the wheel ships every folder of the package, and what saved pages need is required directly.

The full check (build the wheel, install it in a new virtual environment with the pip Python 3.11
ships, run the demo report and the HTML reader from an unrelated folder) is a step of .ci/run; it
needs the network for the build backend, so it is not a unit test.
"""
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _package_dirs() -> dict[str, Path]:
    tool = _pyproject()["tool"]["setuptools"]
    mapped = tool.get("package-dir", {})
    out = {}
    for name in tool["packages"]:
        prefix = max((p for p in mapped if name == p or name.startswith(p + ".")), key=len, default=None)
        if prefix is None:
            out[name] = ROOT / name.replace(".", "/")
        else:
            out[name] = ROOT / mapped[prefix] / name[len(prefix) + 1:].replace(".", "/")
    return out


def test_every_folder_that_ships_files_is_a_listed_package():
    listed = {p.resolve() for p in _package_dirs().values()}
    for top in (ROOT / "framing", ROOT / "lexicons"):
        for folder in [top, *[p for p in top.rglob("*") if p.is_dir()]]:
            if folder.name == "__pycache__" or any(part.startswith(".") for part in folder.relative_to(ROOT).parts):
                continue
            if any(f.is_file() for f in folder.iterdir()):
                assert folder.resolve() in listed, (
                    f"{folder.relative_to(ROOT)} holds files but is not in [tool.setuptools] packages: "
                    "add it, or the wheel misses it and setuptools warns")


def test_listed_packages_exist_and_their_files_match_package_data():
    patterns = _pyproject()["tool"]["setuptools"]["package-data"]["*"]
    for name, folder in _package_dirs().items():
        assert folder.is_dir(), name
        for f in folder.iterdir():
            if f.is_file() and f.suffix not in (".py", ".pyc"):
                assert any(f.match(p) for p in patterns), f"{f.relative_to(ROOT)} would be left out of the wheel"


def test_saved_pages_do_not_rely_on_an_extra():
    deps = " ".join(_pyproject()["project"]["dependencies"]).lower()
    assert "lxml_html_clean" in deps.replace("-", "_")  # lxml[html_clean] is not honoured by every pip
    import lxml_html_clean  # noqa: F401  (what trafilatura imports as lxml.html.clean)
    from lxml.html.clean import Cleaner  # noqa: F401
