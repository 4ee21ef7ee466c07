"""Dates in free text: every form news dumps use, both day/month orders, and robustness."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.ingest.dates import find_dates, normalize_for_dates, parse_date, read_date_line


@pytest.mark.parametrize("text, iso", [
    ("August 26 2022", "2022-08-26"),
    ("June 18, 2022", "2022-06-18"),
    ("Aug. 5th, 2022", "2022-08-05"),
    ("Sept 9 2021", "2021-09-09"),
    ("18 Jun 2022", "2022-06-18"),
    ("5 March 2022", "2022-03-05"),
    ("25 August, 2022", "2022-08-25"),
    ("the 3rd of May 2020", "2020-05-03"),
    ("March 07, 2022", "2022-03-07"),
    ("2022-03-05", "2022-03-05"),
    ("2022-03-05T10:00:00Z", "2022-03-05"),
    ("2022/3/5", "2022-03-05"),
    ("12.05.2020", "2020-05-12"),
    ("5/12/2020", "2020-12-05"),
    ("12-05-2020", "2020-05-12"),
    ("5/13/2020", "2020-05-13"),  # day first is impossible: read month first
    ("Sputnik – 14.05.2020", "2020-05-14"),
    ("Press TV – April 29, 2020", "2020-04-29"),
    ("By Samir Haddad | American Herald Tribune | May 13, 2020", "2020-05-13"),
    ("The Cradle 7 March 2022", "2022-03-07"),
    ("السبت 12 آذار 2022", "2022-03-12"),
    ("٥ آذار ٢٠٢٢", "2022-03-05"),
    ("۱۲ ایار ۲۰۲۱".replace("ایار", "أيار"), "2021-05-12"),
    ("12 كانون الثاني 2021", "2021-01-12"),
    ("1 كانون الأول 2021", "2021-12-01"),
    ("3 تشرين الأول، 2019", "2019-10-03"),
    ("الخميس، 3 أيلول/سبتمبر 2020", "2020-09-03"),
    ("15 يناير 2023", "2023-01-15"),
    ("7 ديسمبر 2023", "2023-12-07"),
    ("20 أغسطس 2021", "2021-08-20"),
    ("9 جوان 2022", "2022-06-09"),
])
def test_parse_date_reads_each_form(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("text, dayfirst, iso", [
    ("5/12/2020", True, "2020-12-05"),
    ("5/12/2020", False, "2020-05-12"),
    ("12.05.2020", False, "2020-12-05"),
    ("13/05/2020", False, "2020-05-13"),  # month first is impossible: read day first
    ("August 26 2022", False, "2022-08-26"),  # names are never ambiguous
])
def test_day_month_order_is_configurable(text, dayfirst, iso):
    assert parse_date(text, dayfirst=dayfirst) == iso


@pytest.mark.parametrize("text", [
    "", "May 2020", "31 February 2020", "2020", "12/05", "32/01/2020", "13/13/2020", "5 Smarch 2020",
    "version 1.2.3", "call 555-1234-2020", "in the year 1066", "May 12, 1850",
])
def test_no_date_gives_none(text):
    assert parse_date(text) is None


@pytest.mark.parametrize("line, iso, before", [
    ("August 26 2022", "2022-08-26", ""),
    ("August 23, 2022 ", "2022-08-23", ""),
    ("Sputnik – 14.05.2020", "2020-05-14", "Sputnik"),
    ("Press TV – April 29, 2020", "2020-04-29", "Press TV"),
    ("The Cradle 7 March 2022", "2022-03-07", "The Cradle"),
    ("Al-Masdar News | April 27, 2020", "2020-04-27", "Al-Masdar News"),
    (" السبت 12 آذار 2022", "2022-03-12", ""),
    ("Published: Saturday 5 March 2022 10:30 GMT", "2022-03-05", ""),
    ("Posted on May 5, 2020 - Updated May 6, 2020", "2020-05-05", ""),
    ("Net 27 Dec 2021", "2021-12-27", "Net"),
    ("(May 5, 2020)", "2020-05-05", ""),
])
def test_date_lines(line, iso, before):
    got = read_date_line(line)
    assert got is not None and got.iso == iso and got.before == before


@pytest.mark.parametrize("line", [
    "On 15 June, the envoy said the talks would go on for another week at least.",
    "Villagers held their first festival on Sunday 15 May 2022, with music and dancing.",
    "By Samir Haddad | American Herald Tribune | May 13, 2020",  # a byline, not a date line
    "No date here",
    "",
])
def test_sentences_are_not_date_lines(line):
    assert read_date_line(line) is None


def test_find_dates_lists_every_date_left_to_right():
    found = find_dates("from 5 March 2022 to 2022-04-01, then 7/8/2022")
    assert [d.iso for d in found] == ["2022-03-05", "2022-04-01", "2022-08-07"]


def test_normalisation_folds_digits_and_letter_forms():
    assert normalize_for_dates("٥ آذار ٢٠٢٢") == "5 اذار 2022"


_TOKENS = st.sampled_from(
    list("0123456789/.-–, :|") + ["May", "Sept", "August", "th", "İ", "ı", "\u0301", "\u200f", "\u202b"]
    + list("٠١٢٣٤٥٦٧٨٩") + ["آذار", "كانون الثاني", "أيلول", "السبت", " ", "2020", "31", "12"])
_NOISY = st.lists(_TOKENS, max_size=15).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), _NOISY))
def test_never_raises_and_returns_valid_iso(text):
    for iso in (parse_date(text), parse_date(text, dayfirst=False)):
        if iso is not None:
            assert 1900 <= dt.date.fromisoformat(iso).year <= 2100
    line = read_date_line(text)
    if line is not None:
        dt.date.fromisoformat(line.iso)


# ----------------------------------------------------------------------------- one owner (issue 16)

def test_date_cells_and_text_dates_have_one_owner_with_named_year_bounds():
    import pandas as pd

    import framing.ingest.readers as readers
    from framing.ingest import dates

    assert not hasattr(readers, "parse_one_date") and not hasattr(readers, "MIN_YEAR")
    assert (dates.TEXT_MIN_YEAR, dates.TEXT_MAX_YEAR) == (1900, 2100)
    assert (dates.CELL_MIN_YEAR, dates.CELL_MAX_YEAR) == (1800, 2200)
    # a cell may name a year the text reader refuses; both bounds are inclusive
    assert dates.parse_one_date("1850-03-05") == pd.Timestamp("1850-03-05")
    assert dates.parse_date("5 March 1850") is None
    assert dates.parse_one_date("2200-12-31") == pd.Timestamp("2200-12-31")
    assert dates.parse_one_date("2201-01-01") is None
    assert dates.parse_one_date("1799-12-31") is None
    # a cell in a text form falls back to the text reader
    assert dates.parse_one_date("٥ آذار ٢٠٢٢") == pd.Timestamp("2022-03-05")
    series, bad = dates.parse_dates(["2020-01-02", "", "soon", None])
    assert bad == [2] and series.iloc[0] == pd.Timestamp("2020-01-02") and series.isna().tolist()[1:] == [True] * 3
