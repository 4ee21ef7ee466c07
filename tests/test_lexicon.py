from pathlib import Path

import pytest

from framing.errors import LexiconError
from framing.lexicon import load_categories, load_lexicon, shipped_names, validate_file

HEADER = "id\tlang\tterm\tvariants\tcategory\treferent\tstrength\tneutral\trationale\tambiguous\n"
GOOD = "x.regime\ten\tregime\tregimes\tstate_label\tgovernment\t2\tgovernment\tDenies legitimacy.\tno\n"


def write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    p = tmp_path / "lex.tsv"
    p.write_text(header + body, encoding="utf-8")
    return p


def test_mini_lexicon_loads(data_dir):
    lex = load_lexicon([], [data_dir / "mini_lexicon.tsv"])
    assert len(lex) == 9
    e = lex.by_id["t.regime"]
    assert e.ambiguous and e.neutral_cues == ("sanctions", "tax", "ceasefire")
    assert e.line == 6  # comment line 1, header line 2, entries from line 3
    assert lex.digest and len(lex.digest) == 64


@pytest.mark.parametrize("row, message", [
    ("x.a\ten\t\t\tstate_label\t\t2\tgov\tr\tno\n", r"lex.tsv:2: empty term"),
    ("x.a\ten\t!!!\t\tstate_label\t\t2\tgov\tr\tno\n", r"lex.tsv:2: term or variant '!!!' has no letters"),
    ("x.a\ten\tregime\t\tbad_cat\t\t2\tgov\tr\tno\n", r"lex.tsv:2: unknown category 'bad_cat'"),
    ("x.a\ten\tregime\t\tstate_label\t\t5\tgov\tr\tno\n", r"lex.tsv:2: strength '5' must be 1"),
    ("x.a\ten\tregime\t\tstate_label\t\t2\t\tr\tno\n", r"lex.tsv:2: no neutral alternative"),
    ("x.a\ten\tregime\t\tstate_label\t\t2\tgov\t\tno\n", r"lex.tsv:2: empty rationale"),
    ("x.a\ten\tregime\t\tstate_label\t\t2\tgov\tr\tperhaps\n", r"lex.tsv:2: ambiguous 'perhaps' must be yes or no"),
    ("X A\ten\tregime\t\tstate_label\t\t2\tgov\tr\tno\n", r"lex.tsv:2: id 'X A' has characters"),
    ("x.a\tenglish\tregime\t\tstate_label\t\t2\tgov\tr\tno\n", r"lex.tsv:2: lang 'english' is not a two-letter code"),
    ("x.a\ten\tre*gime\t\tstate_label\t\t2\tgov\tr\tno\n", r"has '\*' inside"),
    ("x.a\ten\tre*\t\tstate_label\t\t2\tgov\tr\tno\n", r"fewer than three letters"),
    (GOOD + GOOD, r"lex.tsv:3: duplicate id 'x.regime' \(first at .*lex.tsv:2\)"),
    (GOOD + "x.b\ten\tRegime\t\tstate_label\t\t2\tgov\tr\tno\n", r"lex.tsv:3: 'Regime' of entry x.b is already a form of x.regime"),
    ("x.a\ten\tregime\t\tstate_label\t\t2\tgov\tr\tno\textra\n", r"lex.tsv:2: 11 cells but the header has 10"),
])
def test_validation_errors_name_file_and_line(tmp_path, row, message):
    path = write(tmp_path, row)
    _, problems = validate_file(path)
    assert any(__import__("re").search(message, p) for p in problems), problems
    with pytest.raises(LexiconError, match=message):
        load_lexicon([], [path])


def test_missing_header_column(tmp_path):
    path = write(tmp_path, GOOD, header="id\tlang\tterm\tcategory\n")
    _, problems = validate_file(path)
    assert "lex.tsv:1: header lacks column(s) strength, neutral, rationale" in problems[0]


def test_comments_blank_lines_and_bom(tmp_path):
    p = tmp_path / "lex.tsv"
    p.write_bytes(("\ufeff# comment\n\n" + HEADER + "\n" + GOOD).encode("utf-8"))
    entries, problems = validate_file(p)
    assert problems == [] and len(entries) == 1 and entries[0].line == 5


def test_not_utf8(tmp_path):
    p = tmp_path / "lex.tsv"
    p.write_bytes(HEADER.encode() + "x.a\ten\tr\xe9gime\t\tstate_label\t\t2\tgov\tr\tno\n".encode("latin-1"))
    _, problems = validate_file(p)
    assert problems and "lex.tsv:2: not UTF-8" in problems[0]


def test_duplicate_ids_across_files(tmp_path, data_dir):
    other = tmp_path / "other.tsv"
    other.write_text(HEADER + "t.regime\ten\tjunta\t\tstate_label\t\t2\tgov\tr\tno\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"other.tsv:2: duplicate id 't.regime' \(first at .*mini_lexicon.tsv:6\)"):
        load_lexicon([], [data_dir / "mini_lexicon.tsv", other])


def test_missing_file_and_unknown_shipped_name(tmp_path):
    with pytest.raises(LexiconError, match="lexicon file not found"):
        load_lexicon([], [tmp_path / "nope.tsv"])
    from framing.errors import OptionError
    with pytest.raises(OptionError, match="no shipped lexicon named 'xx/none'"):
        load_lexicon(["xx/none"])


def test_find_by_term_variant_and_id(data_dir):
    lex = load_lexicon([], [data_dir / "mini_lexicon.tsv"])
    assert [e.id for e in lex.find("Regimes")] == ["t.regime"]
    assert [e.id for e in lex.find("so called")] == ["t.so_called"]
    assert [e.id for e in lex.find("t.plunder")] == ["t.plunder"]
    assert lex.find("nothing") == []


def test_categories_file_has_the_codebook_categories():
    cats = load_categories()
    for cid in ("armed_actor_label", "state_label", "delegitimising", "attribution_distancing",
                "attribution_endorsing", "crime_theft", "atrocity", "glorifying", "dehumanising",
                "euphemism", "intensifier"):
        assert cid in cats and cats[cid].label and cats[cid].colour.startswith("#")


def test_every_shipped_lexicon_validates():
    names = shipped_names()
    assert names, "no shipped lexicons found"
    for name in names:
        lex = load_lexicon([name])
        assert len(lex) > 0, name


def test_edited_copy_of_a_shipped_lexicon_replaces_it(tmp_path):
    """Scenario: copy the shipped lexicon, delete 'militants', add a term of your own, rerun."""
    from framing.lexicon import shipped_dir
    from framing.match import Matcher

    lines = (shipped_dir() / "en" / "core.tsv").read_text(encoding="utf-8").splitlines()
    kept = [ln for ln in lines if not ln.startswith("en.armed.militants\t")]
    assert len(kept) == len(lines) - 1
    kept.append("mine.hawkish\ten\thawkish\t\tintensifier\t\t1\tfirm\tMy own term.\tno")
    mine = tmp_path / "mine.tsv"
    mine.write_text("\n".join(kept) + "\n", encoding="utf-8")
    notes = []
    lex = load_lexicon(["en/core", "ar/core"], [mine], notes=notes)
    assert any("replaces the shipped en/core" in n for n in notes)
    m = Matcher(lex)
    text = "The militants and the hawkish minister."
    assert [text[s.start:s.end] for s in m.find(text)] == ["hawkish"]


def test_user_entry_overrides_a_shipped_entry(tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text(HEADER + "mine.regime\ten\tregime\t\tstate_label\tgovernment\t1\tgovernment\tMilder in my field.\tno\n",
                    encoding="utf-8")
    notes = []
    lex = load_lexicon(["en/core"], [mine], notes=notes)
    assert [e.id for e in lex.find("regime")] == ["mine.regime"]
    assert any("replaces the shipped entry" in n for n in notes)


def test_case_column_is_read_and_checked(tmp_path):
    header = HEADER.rstrip("\n") + "\tcase\n"
    path = write(tmp_path, "x.orcs\ten\torcs\torc\tdehumanising\t\t3\tsoldiers\tSlur.\tno\tnot name\n"
                           "x.a\ten\tregime\t\tstate_label\t\t2\tgov\tr\tno\n", header)
    entries, problems = validate_file(path)
    assert not problems
    assert [e.case for e in entries] == ["not_name", "any"]
    path = write(tmp_path, "x.orcs\ten\torcs\t\tdehumanising\t\t3\tsoldiers\tSlur.\tno\tcapitals\n", header)
    _, problems = validate_file(path)
    assert problems == [f"{path}:2: case 'capitals' must be one of any, exact, not_caps, not_name "
                        "(empty = any; see lexicons/SCHEMA.md)"]


def test_shipped_entries_that_collide_with_acronyms_and_names_are_guarded():
    lex = load_lexicon(["en/core"])
    for eid in ("en.dehum.orcs", "en.crime.robbery", "en.dehum.beasts", "en.dehum.savage", "en.atrocity.slaughter",
                "en.deleg.foreign_agents", "en.glory.liberation", "en.distance.claims"):
        assert lex.by_id[eid].case == "not_name", eid
    assert lex.by_id["en.dehum.nazis"].case == "any"  # capitalised as a matter of course
