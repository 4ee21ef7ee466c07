"""framing termscores and framing fingerprint on the demo corpus."""
import csv

from framing.cli import main


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_termscores(tmp_path):
    out = tmp_path / "ts"
    assert main(["termscores", "--demo", "-o", str(out), "--jobs", "1"]) == 0
    scores = rows(out / "term_scores.csv")
    assert len(rows(out / "manifest.csv")) == 83 and not (tmp_path / "ts.manifest.csv").exists()  # inside DIR
    assert {r["outlet"] for r in scores} >= {"Sarvel Voice", "Aldenport Courier", "Daily Clarion"}
    for r in scores:
        assert 0 <= float(r["term_score"]) <= 1
        assert abs(float(r["own_share"]) + float(r["attributed_share"]) + float(r["quoted_share"]) - 1) < 2e-6  # three shares, each rounded to 6 decimals in the CSV
        if r["term_score_low"]:
            assert float(r["term_score_low"]) <= float(r["term_score"]) <= float(r["term_score_high"])
    index = {r["outlet"]: float(r["framing_index"]) for r in rows(out / "framing_index.csv")}
    # the wire service is the most neutral outlet of the demo, by design
    assert min(index, key=index.get) == "Meridian Wire"
    assert list(out.glob("top-terms-*.png"))


def test_fingerprint(tmp_path):
    out = tmp_path / "fp"
    assert main(["fingerprint", "--demo", "-o", str(out)]) == 0
    summary = rows(out / "fingerprint.csv")[0]
    assert len(rows(out / "manifest.csv")) == 83 and not (tmp_path / "fp.manifest.csv").exists()  # inside DIR
    assert float(summary["accuracy"]) > float(summary["chance"])
    assert (out / "confusion.png").stat().st_size > 10_000
    assert {r["outlet"] for r in rows(out / "features.csv")} >= {"Daily Clarion", "Sarvel Voice"}
