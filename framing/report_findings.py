"""The report's summary of findings: plain sentences with their numbers and intervals, computed
from the ready tables (rates per outlet, rates with intervals, label changes) and the hits (for rate
ratios between outlets). They describe the counts and claim no more.

The sentences are paragraph markup (``<b>``, ``<i>``, escaped text); names in Arabic are prepared
for inline use by ``rtl`` (the browser app passes ``rtl=str``: it orders Arabic itself).
"""
from __future__ import annotations

from xml.sax.saxutils import escape

import pandas as pd

from .normalize import has_arabic
from .tables import ALL
from .types import UNKNOWN_OUTLET

SMALL_DOCS = 10      # outlets with fewer documents than this are not ranked
SMALL_WORDS = 5000   # ... or fewer words


def inline_rtl(text: str) -> str:
    """A short piece of right-to-left text (a name, a term) for inline use in an English
    paragraph: shaped, in drawing order (``bidi.visual``), its spaces non-breaking so that reportlab
    cannot wrap it between words (which would put its words in the wrong order). Longer text goes
    in its own ``bidi.paragraph``. Other text is returned unchanged."""
    if not has_arabic(text):
        return text
    from .bidi import visual

    out = visual(text)
    return out.replace(" ", "\u00a0") if len(out) <= 60 else out



def _ci(lo, hi) -> str:
    if lo != lo or hi != hi:  # NaN
        return "no interval: too few documents"
    return f"95% interval {lo:.1f}–{hi:.1f}"


def _plain_rate(rate: float) -> str:
    """A rate per 1,000 words in words a teacher can read aloud: 'about 38 in every 1,000 words
    (one word in 26)'."""
    if rate <= 0:
        return "none in its own voice"
    every = 1000 / rate
    approx = f"{rate:.0f}" if rate >= 10 else f"{rate:.1f}".rstrip("0").rstrip(".")
    return f"about {approx} in every 1,000 words (one word in {every:,.0f})"


def findings(rates: pd.DataFrame, documents: pd.DataFrame, lexicon, *, rates_with_ci: pd.DataFrame | None = None,
             hits: pd.DataFrame | None = None, changes: pd.DataFrame | None = None,
             stats_options=None, rtl=None) -> list[str]:
    """Plain sentences with their numbers and intervals; they describe the counts and claim no more.

    A difference between two outlets is stated as a ratio only when its 95% bootstrap interval
    excludes 1; otherwise the sentence says the difference is within the uncertainty.
    """
    from .stats import StatsOptions, rate_ratio

    rtl = rtl or inline_rtl
    stats_options = stats_options or StatsOptions()
    out = []
    totals = rates[(rates["category"] == ALL)].set_index("outlet")
    if totals.empty or totals["hits"].sum() == 0:
        return ["No loaded terms from the lexicons were found in this corpus in the outlets' own voice."]
    ci = {}
    if rates_with_ci is not None:
        t = rates_with_ci[(rates_with_ci["category"] == ALL) & (rates_with_ci["term"] == ALL)]
        ci = {r.group: (r.ci_low, r.ci_high) for r in t.itertuples()}
    unknown = totals[totals.index == UNKNOWN_OUTLET]
    outlets = totals[totals.index != UNKNOWN_OUTLET]
    enough = outlets[(outlets["n_docs"] >= SMALL_DOCS) & (outlets["words"] >= SMALL_WORDS)]
    ranked = enough.sort_values(["rate_per_1k", "words"], ascending=[False, False])
    rule = f"at least {SMALL_DOCS} documents and {SMALL_WORDS:,} words"

    def numbers(name, row):
        return (f"{row['rate_per_1k']:.1f} per 1,000 words, {_ci(*ci.get(name, (float('nan'),) * 2))}; "
                f"{int(row['hits']):,} hits in {int(row['words']):,} words")

    if ranked.empty:
        out.append(f"No outlet has enough text to be ranked ({rule} each), so this report does not say which "
                   "outlet uses loaded words more: the counts below describe small samples.")
    else:
        top_name, top = ranked.index[0], ranked.iloc[0]
        lead = (f"Of the {len(ranked)} outlets with enough text to compare ({rule} each), " if len(ranked) > 1
                else f"Only one outlet has enough text to be compared ({rule}): ")
        out.append(lead + f"<b>{escape(rtl(top_name))}</b> uses loaded words most often in its own voice: "
                   f"{_plain_rate(top['rate_per_1k'])} ({numbers(top_name, top)}).")
        if len(ranked) > 1:
            low_name, low = ranked.index[-1], ranked.iloc[-1]
            t_lo = ci.get(top_name, (float("nan"),) * 2)[0]
            l_hi = ci.get(low_name, (float("nan"),) * 2)[1]
            apart = t_lo == t_lo and l_hi == l_hi and t_lo > l_hi
            out.append(f"<b>{escape(rtl(low_name))}</b> uses them least: {_plain_rate(low['rate_per_1k'])} "
                       f"({numbers(low_name, low)})." + ("" if apart else
                       " Their intervals overlap, so even these two are not clearly apart."))
    labels = {k: c.label for k, c in lexicon.categories.items()}
    # The biggest categories: highest vs lowest outlet, as a ratio with its interval.
    if hits is not None and len(ranked) > 1:  # only outlets with enough text are compared
        cats = rates[(rates["entry"] == ALL) & (rates["category"] != ALL) & rates["outlet"].isin(ranked.index)]
        biggest = cats.groupby("category")["hits"].sum().sort_values(ascending=False)
        for category in [c for c in biggest.index if biggest[c] >= 5][:3]:
            g = cats[cats["category"] == category].sort_values(["rate_per_1k", "outlet"], ascending=[False, True])
            a = g.iloc[0]
            # Compare with the lowest non-zero rate, preferring outlets that are not small samples.
            lower = g[(g["rate_per_1k"] > 0) & (g["outlet"] != a["outlet"])]
            big = lower[(lower["n_docs"] >= SMALL_DOCS) & (lower["words"] >= SMALL_WORDS)]
            b = (big if not big.empty else lower).iloc[-1] if not lower.empty else None
            name = escape(labels.get(category, category).lower())
            if b is None or b["outlet"] == a["outlet"]:
                zero = g[g["rate_per_1k"] == 0]["outlet"].tolist()
                tail = (f"; {', '.join(escape(rtl(z)) for z in zero)} none in its own voice" if zero else "")
                out.append(f"<i>{name.capitalize()}</i>: <b>{escape(rtl(a['outlet']))}</b> uses them "
                           f"{a['rate_per_1k']:.1f} times per 1,000 words{tail}.")
                continue
            r = rate_ratio(documents, hits, a["outlet"], b["outlet"], category=category, options=stats_options)
            if r["ci_low"] > 1:
                hi = "∞" if r["ci_high"] == float("inf") else f"{r['ci_high']:.1f}"
                out.append(f"<i>{name.capitalize()}</i>: <b>{escape(rtl(a['outlet']))}</b> uses them {r['ratio']:.1f} "
                           f"times as often as <b>{escape(rtl(b['outlet']))}</b> (95% interval {r['ci_low']:.1f}–{hi}; "
                           f"{a['rate_per_1k']:.1f} vs {b['rate_per_1k']:.1f} per 1,000 words).")
            else:
                out.append(f"<i>{name.capitalize()}</i>: {escape(rtl(a['outlet']))} ({a['rate_per_1k']:.1f} per 1,000 "
                           f"words) and {escape(rtl(b['outlet']))} ({b['rate_per_1k']:.1f}) differ by less than the "
                           f"uncertainty of these counts allows us to call (ratio {r['ratio']:.1f}, interval includes 1).")
    # Whose words.
    voices = outlets.assign(all=outlets["hits"] + outlets["hits_quoted"] + outlets["hits_attributed"])
    voices = voices[voices["all"] >= 10]
    if not voices.empty:
        parts = [f"{escape(rtl(o))} {r['hits'] / r['all']:.0%}" for o, r in voices.iterrows()]
        out.append("Share of each outlet's loaded terms that are in its own voice (the rest are quotations or "
                   "reported speech): " + "; ".join(parts) + ".")
    # Who calls whom what: the commonest label per referent per outlet.
    terms = rates[(rates["entry"] != ALL) & (rates["hits"] > 0)].copy()
    ref = {e.id: e.referent for e in lexicon.entries}
    terms["referent"] = terms["entry"].map(ref).fillna("")
    terms = terms[(terms["referent"] != "") & (terms["outlet"] != UNKNOWN_OUTLET)]
    shown = 0
    for referent, g in sorted(terms.groupby("referent"), key=lambda kv: -kv[1]["hits"].sum()):
        if g["outlet"].nunique() < 2 or g["hits"].sum() < 5 or shown >= 4:
            continue
        shown += 1
        parts = []
        for outlet, go in g.groupby("outlet", sort=True):
            b = go.sort_values(["hits", "term"], ascending=[False, True]).iloc[0]
            parts.append(f"{escape(rtl(outlet))} most often writes “{escape(rtl(b['term']))}” ({int(b['hits'])}×)")
        out.append(f"Labels for <b>{escape(rtl(referent))}</b>: " + "; ".join(parts) + ".")
    # Label switches.
    if changes is not None and not changes.empty:
        sig = changes[changes["p_adj"] < 0.05].sort_values("p_adj").head(3)
        for r in sig.itertuples():
            out.append(f"<b>{escape(rtl(r.outlet))}</b> changed how it names {escape(rtl(r.referent))} around "
                       f"{escape(str(r.change_period))}: “{escape(rtl(str(r.label_before)))}” before, "
                       f"“{escape(rtl(str(r.label_after)))}” after (permutation test, adjusted p = {r.p_adj:.3f}).")
    small = outlets[(outlets["n_docs"] < SMALL_DOCS) | (outlets["words"] < SMALL_WORDS)]
    if not small.empty:
        lead = (f"Too little text to rank ({rule} are needed), so left out of the comparisons above: " if len(ranked)
                else f"Small samples ({rule} would be needed to rank an outlet): ")
        out.append(lead + ", ".join(
            f"{escape(rtl(o))} ({int(r['n_docs'])} document{'s' if r['n_docs'] != 1 else ''}, {int(r['words']):,} words)"
            for o, r in small.iterrows()) + ".")
    if not unknown.empty:
        r = unknown.iloc[0]
        out.append(f"{int(r['n_docs'])} document(s) ({int(r['words']):,} words) do not say which outlet they come from "
                   f"(“{UNKNOWN_OUTLET}”): they count in the totals but are not compared with the outlets.")
    undated = int(documents["date"].isna().sum())
    if undated:
        out.append(f"{undated} document(s) have no date: they count in the outlet totals but not over time.")
    return out

