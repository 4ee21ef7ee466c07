"""framing/tsv.py: the one reader of commented tab-separated data files (issue 16)."""
from __future__ import annotations

import pytest

from framing.errors import InputError, LanguageError
from framing.tsv import TsvError, data_rows, table_lines

TEXT = "# a comment\n\nid\tlabel\tnote\n  # an indented comment\na\tAlpha\nb\t Beta \tx\n"


def test_table_lines_skip_comments_and_blank_lines_and_keep_line_numbers():
    assert list(table_lines(TEXT)) == [(3, ["id", "label", "note"]), (5, ["a", "Alpha"]), (6, ["b", " Beta ", "x"])]


def test_data_rows_strip_pad_and_number(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text(TEXT, encoding="utf-8")
    assert list(data_rows(p, ("id",))) == [(5, {"id": "a", "label": "Alpha", "note": ""}),
                                          (6, {"id": "b", "label": "Beta", "note": "x"})]


def test_quotes_are_plain_characters_unless_asked(tmp_path):
    text = 'id\tnote\na\t"two\nlines"\n'
    assert list(table_lines(text)) == [(1, ["id", "note"]), (2, ["a", '"two']), (3, ['lines"'])]
    assert list(table_lines(text, quoted=True)) == [(1, ["id", "note"]), (3, ["a", "two\nlines"])]


def test_a_missing_column_names_file_and_line(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text("# c\nname\tlabel\n", encoding="utf-8")
    with pytest.raises(TsvError, match=r"t\.tsv:2: the header lacks the column\(s\) id") as info:
        list(data_rows(p, ("id",)))
    assert isinstance(info.value, InputError) and info.value.line == 2 and info.value.path == str(p)


def test_extra_cells_name_file_and_line_in_the_callers_error_class(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text("id\tlabel\na\tA\tstray\n", encoding="utf-8")
    with pytest.raises(LanguageError, match=r"t\.tsv:2: 3 cells for 2 columns"):
        list(data_rows(p, ("id",), error=LanguageError))


def test_not_utf8_is_an_error_naming_the_file(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_bytes(b"id\n\xff\n")
    with pytest.raises(TsvError, match=r"t\.tsv: not UTF-8"):
        list(data_rows(p))


def test_every_former_reader_reads_through_tsv():
    import inspect

    import framing.audit
    import framing.discover
    import framing.ingest.corrections
    import framing.ingest.outlets
    import framing.languages
    import framing.lexicon
    import framing.sense

    for module in (framing.audit, framing.discover, framing.ingest.corrections, framing.ingest.outlets, framing.languages,
                   framing.lexicon, framing.sense):
        source = inspect.getsource(module)
        assert "table_lines" in source or "data_rows" in source, module.__name__
        assert "csv.reader" not in source, module.__name__


def test_audit_sheets_keep_file_lines_through_the_one_reader(tmp_path):
    from framing.audit import read_sheet_file

    p = tmp_path / "sheet.csv"
    p.write_text('sample_id,label,note\n1,correct,"two\nlines"\n\n2,incorrect,\n', encoding="utf-8")
    table, lines = read_sheet_file(p)
    assert table["label"].tolist() == ["correct", "incorrect"] and lines == [3, 5]
