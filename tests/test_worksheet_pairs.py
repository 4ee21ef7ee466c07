"""Same-event pairs through the (term, day) index, and keyness of tell-tale words, on hand-made data."""
import math
from collections import Counter
from types import SimpleNamespace

import pandas as pd

from framing.worksheet_guess import Keyness, outlet_name_pattern
from framing.worksheet_pairs import candidate_pairs, excerpt_end

FLOOD = ("Floods in Varnholm swept away the Kessel bridge after the Orla river burst its banks; rescuers from "
         "Tamsk evacuated villagers near the Kessel dam. ")
FLOOD_B = ("The Orla overflowed on Monday and the Kessel bridge collapsed; Varnholm officials said teams from Tamsk "
           "moved families away from the Kessel dam as water kept rising. Farmers counted losses. ")
VOTE = "Parliament in Brecca approved the fishing quota bill after the Lindqvist committee hearing on tariffs. "
FILLER = ["Markets were calm on a quiet trading day with few announcements. ",
          "The weather stayed mild and schools reopened after the holiday. ",
          "A local festival drew crowds to the harbour and the old town. ",
          "Museum visitors admired a new exhibition of maritime paintings. "]


def corpus(rows):
    docs = pd.DataFrame([{"doc_id": d, "outlet": o, "title": t, "lang": "en", "date": pd.Timestamp(day)}
                         for d, o, t, day, _ in rows]).sort_values("doc_id").reset_index(drop=True)
    return SimpleNamespace(texts={d: text for d, _, _, _, text in rows}), docs


def test_the_same_event_pairs_across_outlets_within_days_and_not_beyond():
    rows = [("a1", "Outlet A", "Varnholm floods", "2021-03-01", FLOOD * 3 + FILLER[0]),
            ("b1", "Outlet B", "Kessel bridge lost", "2021-03-02", FLOOD_B * 2 + FILLER[1]),
            ("c1", "Outlet C", "Brecca quota vote", "2021-03-01", VOTE * 3 + FILLER[2]),
            ("a2", "Outlet A", "Varnholm again", "2021-03-20", FLOOD * 3 + FILLER[3]),  # same words, 19 days later
            ("b2", "Outlet A", "Floods, same outlet", "2021-03-01", FLOOD * 3 + FILLER[1])]  # same outlet as a1
    for i, f in enumerate(FILLER * 3):
        rows.append((f"f{i}", f"Outlet {'DEF'[i % 3]}", "Other news", f"2021-0{1 + i % 6}-1{i % 9}", f * 4))
    analysis, docs = corpus(rows)
    pairs = candidate_pairs(analysis, docs)
    found = {frozenset((a, b)) for _, a, b in pairs}
    assert frozenset(("a1", "b1")) in found and frozenset(("b1", "b2")) in found
    assert frozenset(("a1", "a2")) not in found       # same outlet
    assert frozenset(("b1", "a2")) not in found       # 18 days apart
    assert not any("c1" in p for p in found)          # another event
    assert all(-s <= 0.85 for s, _, _ in pairs)       # near-copies are left out


def test_keyness_is_dunnings_log_likelihood():
    """'quota': 30 of outlet A's 1,000 words, 10 of the other outlets' 3,000. Expected counts
    E1 = 1000 * 40 / 4000 = 10, E2 = 3000 * 40 / 4000 = 30; G2 = 2 (30 ln 3 + 10 ln(1/3))."""
    k = Keyness.__new__(Keyness)
    k.counts = {"A": Counter({"quota": 30, "x": 970}), "B": Counter({"quota": 10, "x": 2990})}
    k.total = k.counts["A"] + k.counts["B"]
    k.size = {"A": 1000, "B": 3000}
    k.all = 4000
    assert math.isclose(k.g2("quota", "A"), 2 * (30 * math.log(3) + 10 * math.log(1 / 3)), rel_tol=1e-9)
    assert k.g2("quota", "B") == 0.0   # used less than expected: never tell-tale for B


def test_outlet_names_are_found_in_passages():
    p = outlet_name_pattern(["CNN (Web News)", "The Hill", "Fox Online News"])
    assert p.search("told CNN on Monday") and p.search("The Hill reported") and p.search("on Fox News")
    assert not p.search("on Capitol Hill") and not p.search("a fox in the henhouse")


def test_an_excerpt_ends_at_a_sentence():
    text = " ".join(f"Sentence number {i} has five words." for i in range(60))
    end = excerpt_end(text, 170)
    assert text[:end].endswith(".") and len(text[:end].split()) <= 170
