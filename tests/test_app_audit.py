"""The web app's audit page API (framing/app/audit.py) and its worksheet downloads of every kind."""
import csv
import io
import json
import warnings
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from pypdf import PdfReader

from framing.app.server import create_app
from framing.cli import main

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

DATA = Path(__file__).parent / "data" / "app"
TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BASE = "http://127.0.0.1:8765"


@pytest.fixture
def client(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    return TestClient(create_app(work, token=TOKEN, port=8765, max_upload_mb=2), base_url=BASE)


@pytest.fixture
def pid(client):
    r = client.post("/api/projects", files=[("files", ("class_dump.txt", (DATA / "class_dump.txt").read_bytes()))],
                    headers=AUTH)
    assert r.status_code == 201, r.text
    return r.json()["id"]


def _sample(client, pid, **body):
    r = client.post(f"/api/projects/{pid}/audit/sample", json={"n": 10, **body}, headers=AUTH)
    assert r.status_code == 200, r.text
    return r.json()


def _rows(client, pid) -> list[dict]:
    r = client.get(f"/api/projects/{pid}/audit/sheet.csv", headers=AUTH)
    assert r.status_code == 200
    return list(csv.DictReader(io.StringIO(r.text)))


def _filled(rows, labels, voices=None) -> bytes:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]))
    w.writeheader()
    for i, (row, label) in enumerate(zip(rows, labels)):
        w.writerow({**row, "label": label, "voice_label": (voices or [""] * len(rows))[i]})
    return out.getvalue().encode("utf-8")


def test_sample_is_the_command_lines_sample_of_the_same_file(client, pid, tmp_path):
    state = _sample(client, pid)
    # class_dump.txt, counted by hand: 6 loaded, not negated hits (2 armed_actor_label own, 2 state_label
    # own, 1 state_label attributed, 1 delegitimising attributed); n=10 takes them all.
    assert state["sample"]["population_hits"] == 6 and state["sample"]["n"] == 6
    assert state["sample"]["strata"]["category=state_label | voice=own"] == {"size": 2, "sampled": 2}
    assert len(state["rows"]) == 6 and all("[[" in r["sentence"] and "]]" in r["sentence"] for r in state["rows"])
    assert "hit_ids" not in state["sample"] and state["score"] is None
    sheet = tmp_path / "cli" / "sheet.csv"
    assert main(["audit", "sample", str(DATA / "class_dump.txt"), "-n", "10", "--no-docx", "-o", str(sheet)]) == 0
    app_csv = client.get(f"/api/projects/{pid}/audit/sheet.csv", headers=AUTH).text
    assert app_csv == sheet.read_text(encoding="utf-8")  # same ids, rows and order as framing audit sample
    again = client.get(f"/api/projects/{pid}/audit", headers=AUTH).json()
    assert [r["hit_id"] for r in again["rows"]] == [r["hit_id"] for r in state["rows"]]


def test_sheet_downloads_csv_html_docx_json(client, pid):
    state = _sample(client, pid)
    sid = state["sample"]["sample_id"]
    html = client.get(f"/api/projects/{pid}/audit/sheet.html", headers=AUTH)
    assert html.status_code == 200 and f'filename="audit-sheet-{sid}.html"' in html.headers["content-disposition"]
    assert "Save my labels" in html.text and html.text.count('type="radio"') == 6 * 3 + 6 * 3
    assert "sandbox" in html.headers["content-security-policy"]
    import docx

    d = client.get(f"/api/projects/{pid}/audit/sheet.docx", headers=AUTH)
    tables = docx.Document(io.BytesIO(d.content)).tables
    assert tables and len(tables[0].rows) == 6 + 1
    info = client.get(f"/api/projects/{pid}/audit/sheet.json", headers=AUTH).json()
    assert info["sample_id"] == sid and len(info["hit_ids"]) == 6
    bad = client.get(f"/api/projects/{pid}/audit/sheet.exe", headers=AUTH)
    assert bad.status_code == 400 and "comes as .csv, .html, .docx or .json" in bad.json()["error"]


def test_score_two_coders_precision_wilson_and_agreement_by_hand(client, pid):
    _sample(client, pid)
    rows = _rows(client, pid)
    anna = _filled(rows, ["correct"] * 6, ["own"] * 6)
    ben = _filled(rows, ["incorrect" if i % 3 == 0 else "correct" for i in range(6)], ["own"] * 6)
    r = client.post(f"/api/projects/{pid}/audit/score", headers=AUTH,
                    files=[("sheets", ("anna.csv", anna)), ("sheets", ("ben.csv", ben))])
    assert r.status_code == 200, r.text
    s = r.json()
    assert s["coders"] == ["anna", "ben"]
    overall = next(p for p in s["precision"] if p["scope"] == "overall")
    # rows 0 and 3 are ties (correct / incorrect): not decided; the other 4 are correct
    assert (overall["n_coded"], overall["correct"]) == (4, 4) and overall["precision"] == 1.0
    two = [p for p in s["precision"] if p["scope"] == "stratum" and p["n_coded"] == 2 and p["correct"] == 2]
    for p in two:  # Wilson 95% for 2/2 by hand: (1 + z²/4) / (1 + z²/2) - z·sqrt(z²/16) / (1 + z²/2) = 0.3424
        assert p["ci_low"] == pytest.approx(0.3424, abs=1e-4) and p["ci_high"] == 1.0
    label = {a["measure"]: a["value"] for a in s["agreement"] if a["field"] == "label"}
    # 12 values (10 correct, 2 incorrect), 2 units disagree: alpha = 1 - 11 * 4 / (2 * 10 * 2) = -0.1
    assert label["krippendorff_alpha"] == pytest.approx(-0.1)
    # anna always 'correct', ben 4/6: observed 4/6 = expected 4/6, kappa 0
    assert label["cohen_kappa"] == pytest.approx(0.0, abs=1e-9)
    assert len(s["disagreements"]) == 2 and s["voice"][0]["accuracy"] == pytest.approx(
        sum(r["voice"] == "own" for r in rows) / 6)
    z = zipfile.ZipFile(io.BytesIO(client.get(f"/api/projects/{pid}/audit/score.zip", headers=AUTH).content))
    assert set(z.namelist()) == {"audit/precision.csv", "audit/agreement.csv", "audit/voice.csv",
                                 "audit/disagreements.csv", "audit/audit.json"}
    facts = json.loads(z.read("audit/audit.json"))
    assert facts["n_coders"] == 2 and facts["sample"]["command"] == "framing app"
    assert client.get(f"/api/projects/{pid}/audit", headers=AUTH).json()["score"]["coders"] == ["anna", "ben"]


def test_labels_from_the_page_are_scored_and_saved_as_a_sheet(client, pid):
    state = _sample(client, pid)
    ids = [r["hit_id"] for r in state["rows"]]
    labels = {h: {"label": "correct" if i < 4 else "incorrect", "voice_label": "", "note": ""} for i, h in enumerate(ids)}
    body = {"coder": "Ms. Hale (room 4)", "labels": labels}
    saved = client.post(f"/api/projects/{pid}/audit/labels.csv", json=body, headers=AUTH)
    assert saved.status_code == 200 and 'filename="Ms_Hale_room_4.csv"' in saved.headers["content-disposition"]
    assert [r["label"] for r in csv.DictReader(io.StringIO(saved.text))] == [labels[h]["label"] for h in ids]
    r = client.post(f"/api/projects/{pid}/audit/score", headers=AUTH, data={"labels": json.dumps(body)})
    assert r.status_code == 200, r.text
    overall = next(p for p in r.json()["precision"] if p["scope"] == "overall")
    assert (overall["n_coded"], overall["correct"]) == (6, 4)
    wrong = client.post(f"/api/projects/{pid}/audit/labels.csv", json={"labels": {"hnot-a-hit": {"label": "correct"}}},
                        headers=AUTH)
    assert wrong.status_code == 400 and "hnot-a-hit that is not in sample" in wrong.json()["error"]


def test_a_sheet_that_does_not_fit_is_refused_line_by_line_and_nothing_is_scored(client, pid):
    _sample(client, pid)
    rows = _rows(client, pid)
    rows[1] = {**rows[1], "hit_id": "h000000000000"}
    bad = _filled(rows, ["correct", "maybe"] + ["correct"] * 4)
    r = client.post(f"/api/projects/{pid}/audit/score", headers=AUTH,
                    files=[("sheets", ("../../etc/anna.csv", bad))])
    assert r.status_code == 400
    error = r.json()["error"]
    assert "nothing was scored" in error
    assert "anna.csv:3: hit_id h000000000000 is not in sample" in error  # header is line 1
    assert "anna.csv:3: label 'maybe' is not one of correct, incorrect, unsure" in error
    assert client.get(f"/api/projects/{pid}/audit", headers=AUTH).json()["score"] is None
    assert client.get(f"/api/projects/{pid}/audit/score.zip", headers=AUTH).status_code == 400


def test_audit_needs_a_sample_and_sane_options(client, pid):
    r = client.get(f"/api/projects/{pid}/audit/sheet.csv", headers=AUTH)
    assert r.status_code == 400 and "draw a sample first" in r.json()["error"]
    r = client.post(f"/api/projects/{pid}/audit/sample", json={"by": "colour"}, headers=AUTH)
    assert r.status_code == 400 and "'colour' is not a stratum" in r.json()["error"]
    r = client.post(f"/api/projects/{pid}/audit/sample", json={"n": "many"}, headers=AUTH)
    assert r.status_code == 400 and "n must be a whole number" in r.json()["error"]
    r = client.post(f"/api/projects/{pid}/audit/score", headers=AUTH, files=[("sheets", ("a.csv", b"x"))])
    assert r.status_code == 400 and "draw a sample first" in r.json()["error"]
    assert client.post(f"/api/projects/{pid}/audit/sample", json={}).status_code == 401


def test_misses_samples_sentences_without_hits(client, pid):
    state = _sample(client, pid, misses=3)
    kinds = [r["kind"] for r in state["rows"]]
    assert kinds.count("sentence") == 3 and kinds.count("hit") == 6
    assert all("[[" not in r["sentence"] for r in state["rows"] if r["kind"] == "sentence")


def test_openapi_and_options_list_the_audit_and_every_worksheet_kind(client):
    spec = client.get("/api/openapi.json", headers=AUTH).json()
    for path in ("/api/projects/{id}/audit/sample", "/api/projects/{id}/audit", "/api/projects/{id}/audit/sheet.{format}",
                 "/api/projects/{id}/audit/score", "/api/projects/{id}/audit/score.zip",
                 "/api/projects/{id}/audit/labels.csv"):
        assert path in spec["paths"], path
    kinds = spec["paths"]["/api/projects/{id}/worksheets/{kind}.{format}"]["get"]["parameters"][1]["schema"]["enum"]
    assert set(kinds) == {"spot", "compare", "rewrite", "guess", "whose"}
    options = client.get("/api/options", headers=AUTH).json()
    assert options["worksheet_kinds"] == list(kinds) or set(options["worksheet_kinds"]) == set(kinds)
    assert options["docx_worksheets"] is True and options["worksheet_titles"]["whose"]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_whose_worksheet_and_key_with_the_shortfall_note(client, pid, fmt):
    student = client.get(f"/api/projects/{pid}/worksheets/whose.{fmt}", headers=AUTH)
    key = client.get(f"/api/projects/{pid}/worksheets/whose.{fmt}?key=1", headers=AUTH)
    assert student.status_code == 200 and key.status_code == 200
    assert f'filename="whose-key.{fmt}"' in key.headers["content-disposition"]
    if fmt == "pdf":
        texts = ["".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages) for r in (student, key)]
    else:
        import docx

        texts = ["\n".join(p.text for p in docx.Document(io.BytesIO(r.content)).paragraphs) for r in (student, key)]
    assert "Whose words" in texts[0] and texts[0] != texts[1]
    # class_dump.txt has 3 passages for this kind, not the 8 asked for: the worksheet code's note comes along
    note = unquote(student.headers["x-framing-note"])
    assert note.startswith("only 3 of the 8 items asked for qualified") and "\n" not in note


def test_a_worksheet_that_cannot_be_made_says_why_in_the_pages_words(client, pid):
    r = client.get(f"/api/projects/{pid}/worksheets/guess.docx", headers=AUTH)
    assert r.status_code == 400
    error = r.json()["error"]
    assert error.startswith("The 'guess' worksheet needs at least three outlets") and "--" not in error
    assert "choose more outlets (step 3)" in error and "\n" not in error


def test_the_sample_follows_the_outlets_chosen_in_the_page(client, pid):
    r = client.put(f"/api/projects/{pid}/settings", json={"outlets": ["Sputnik"]}, headers=AUTH)
    assert r.status_code == 200, r.text
    state = _sample(client, pid)
    assert state["rows"] and {row["outlet"] for row in state["rows"]} == {"Sputnik"}
    assert state["sample"]["population_hits"] < 6
