"""The outlet alias table: names, bylines, desks and agencies -> canonical outlets; user tables."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.errors import InputError
from framing.ingest.outlets import SHIPPED_TABLE, default_outlets, load_outlets, outlet_key


@pytest.mark.parametrize("name, outlet, kind", [
    ("Al Mayadeen English", "Al Mayadeen", "outlet"),
    ("By Al Mayadeen English ", "Al Mayadeen", "outlet"),
    ("AL-MAYADEEN", "Al Mayadeen", "outlet"),
    ("الميادين", "Al Mayadeen", "outlet"),
    ("ByNews Desk-", "The Cradle", "desk"),
    ("By Staff, Agencies", "Al-Ahed News", "desk"),
    ("By The Cradle", "The Cradle", "outlet"),
    ("Global Research,", "Global Research", "outlet"),
    ("South Front", "SouthFront", "outlet"),
    ("Sputnik", "Sputnik", "outlet"),
    ("Press TV", "Press TV", "outlet"),
    ("www.presstv.ir", "Press TV", "outlet"),
    ("American Herald Tribune", "American Herald Tribune", "outlet"),
    ("Al Masdar News", "Al-Masdar News", "outlet"),
    ("American Free Press", "American Free Press", "outlet"),
    ("Wall Street Journal", "The Wall Street Journal", "outlet"),
    ("Reuters", "Reuters", "agency"),
    ("AFP", "Agence France-Presse", "agency"),
    ("Asia Times Online", "Asia Times", "outlet"),  # a site's own suffix is dropped
])
def test_lookup_names(name, outlet, kind):
    hit = default_outlets().lookup(name)
    assert hit is not None and (hit.outlet, hit.kind) == (outlet, kind)


@pytest.mark.parametrize("name", ["Agencies", "وكالات", "News Agencies"])
def test_generic_agencies_name_no_outlet(name):
    hit = default_outlets().lookup(name)
    assert hit is not None and hit.kind == "agency" and hit.outlet is None


@pytest.mark.parametrize("name", ["", "Byron Smith", "The Daily Nowhere", "   ", "x" * 500])
def test_unknown_names(name):
    assert default_outlets().lookup(name) is None
    assert default_outlets().canonical(name) is None


def test_key_ignores_case_by_the_hyphens_and_dots():
    assert outlet_key("By The Al-Mayadeen.net") == outlet_key("al mayadeen net")


def test_shipped_table_has_the_outlets_of_pasted_dumps():
    outlets = default_outlets().outlets()
    for name in ("Al Mayadeen", "The Cradle", "Al-Ahed News", "Global Research", "SouthFront", "Sputnik",
                 "Press TV", "American Herald Tribune", "Al-Masdar News", "American Free Press", "Reuters", "BBC"):
        assert name in outlets


def test_user_table_extends_and_overrides(tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text("# my outlets\nalias\toutlet\tkind\tnote\nHarbour Gazette\tHarbour Gazette\toutlet\t\n"
                    "News Desk\tHarbour Gazette\tdesk\tour desk byline\n", encoding="utf-8")
    table = load_outlets(mine)
    assert table.canonical("The Harbour Gazette") == "Harbour Gazette"
    assert table.lookup("ByNews Desk").outlet == "Harbour Gazette"  # the user's row wins
    assert table.canonical("Press TV") == "Press TV"  # the shipped rows stay
    assert load_outlets(mine, shipped=False).canonical("Press TV") is None


@pytest.mark.parametrize("content, message", [
    ("", r"mine.tsv: empty outlet table"),
    ("name\toutlet\tkind\n", r"mine.tsv:1: the first row must be the header"),
    ("alias\toutlet\tkind\nFoo\tFoo\n", r"mine.tsv:2: expected 3 or 4 tab-separated columns"),
    ("alias\toutlet\tkind\nFoo\tFoo\tpaper\n", r"mine.tsv:2: unknown kind 'paper': use one of outlet, desk, agency"),
    ("alias\toutlet\tkind\n\tFoo\toutlet\n", r"mine.tsv:2: empty alias"),
    ("alias\toutlet\tkind\nFoo\t\toutlet\n", r"mine.tsv:2: alias 'Foo' of kind outlet has no outlet"),
    ("alias\toutlet\tkind\n# c\nFoo\tFoo\toutlet\nthe foo\tFoo\toutlet\n",
     r"mine.tsv:4: alias 'the foo' is already given at line 3"),
])
def test_table_errors_name_file_and_line(tmp_path, content, message):
    mine = tmp_path / "mine.tsv"
    mine.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_outlets(mine)


def test_missing_user_table(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        load_outlets(tmp_path / "nope.tsv")


def test_shipped_table_file_is_valid():
    assert SHIPPED_TABLE.exists() and len(load_outlets()) > 100


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_lookup_never_raises(name):
    table = default_outlets()
    table.lookup(name)
    table.may_start(name.split())
    outlet_key(name)
