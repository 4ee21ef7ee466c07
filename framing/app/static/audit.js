// framing app: the audit step (a coding sheet of sampled hits, coded in the page or on downloaded sheets,
// then scored). Uses app.js's helpers (window.framingApp); every piece of corpus text goes in as text.
(function () {
  "use strict";
  var A = null, sample = null, projectId = null;

  function $(id) { return document.getElementById(id); }
  function fail(where, message) { A.idle(); A.showError(message); A.nearby(where, message, "error"); }
  function pct(x) { return x === null || x === undefined ? "–" : (Math.round(x * 1000) / 10) + "%"; }
  function num(x, d) { return x === null || x === undefined ? "–" : Number(x).toFixed(d === undefined ? 3 : d); }
  function strat(s) { return String(s || "").replace(/(category|voice|outlet|term|lang)=/g, "").replace(/ \| /g, " · "); }

  function sentence(text) {  // the term is between [[ ]]: shown as <mark>, built from text nodes
    var p = A.el("p", { class: "s", dir: "auto" }), rest = String(text || "");
    while (rest.indexOf("[[") >= 0 && rest.indexOf("]]", rest.indexOf("[[")) >= 0) {
      var i = rest.indexOf("[["), j = rest.indexOf("]]", i);
      p.appendChild(document.createTextNode(rest.slice(0, i)));
      p.appendChild(A.el("mark", { text: rest.slice(i + 2, j) }));
      rest = rest.slice(j + 2);
    }
    p.appendChild(document.createTextNode(rest));
    return p;
  }

  function radios(name, values, legend, label) {
    var fs = A.el("fieldset", {}, [A.el("legend", { text: legend })]);
    values.forEach(function (v) {
      var id = name + "-" + v;
      fs.appendChild(A.el("label", { for: id }, [A.el("input", { type: "radio", name: name, id: id, value: v,
        "aria-label": label + ": " + v, on: { change: counted } }), " " + v]));
      fs.appendChild(document.createTextNode(" "));
    });
    return fs;
  }
  function picked(name) { var c = document.querySelector('input[name="' + name + '"]:checked'); return c ? c.value : ""; }

  function labels() {
    var out = {};
    sample.rows.forEach(function (r, i) {
      var label = picked("al-" + i), voice = picked("av-" + i), note = $("an-" + i).value.trim();
      if (label || voice || note) { out[r.hit_id] = { label: label, voice_label: voice, note: note }; }
    });
    return out;
  }
  function counted() {
    var n = sample.rows.filter(function (r, i) { return picked("al-" + i); }).length;
    $("audit-done").textContent = n + " of " + sample.rows.length + " labelled";
  }

  function renderSample(state) {
    sample = state;
    var s = state.sample;
    $("audit-sheet").hidden = false;
    $("audit-facts").textContent = s.n + " hit(s) sampled from " + s.population_hits.toLocaleString("en") + " in " +
      Object.keys(s.strata).length + " stratum/strata" + (s.sentences_sampled ? ", and " + s.sentences_sampled +
      " of " + s.sentences_without_hits.toLocaleString("en") + " sentences without hits" : "") +
      " (sample " + s.sample_id + ", seed " + s.seed + "). Scare quotes: " + s.scare_quotes + ".";
    var dl = A.clear($("audit-downloads"));
    [["csv", "The sheet (CSV, for a spreadsheet)"], ["html", "The sheet as a page to fill or print (HTML)"],
     ["docx", "The sheet (Word)"], ["json", "What was sampled (JSON, for framing audit score --sample)"]].forEach(function (d) {
      var name = d[0] === "json" ? "audit-sheet-" + s.sample_id + ".sample.json" : "audit-sheet-" + s.sample_id + "." + d[0];
      dl.appendChild(A.el("li", {}, [A.el("a", { class: "button secondary", href: A.url(A.base() + "/audit/sheet." + d[0]),
        download: name, id: "audit-dl-" + d[0], text: d[1] })]));
    });
    var list = A.clear($("audit-items"));
    state.rows.forEach(function (r, i) {
      var hit = r.kind === "hit";
      var meta = hit ? r.term + " · " + r.category.replace(/_/g, " ") + " · tool's voice: " + r.voice +
        (r.flags ? " · " + r.flags.replace(/;/g, ", ") : "") : "a sentence without hits: does it hold loaded language the tool missed?";
      var li = A.el("li", { "data-hit": r.hit_id }, [
        A.el("div", { class: "meta", dir: "auto", text: meta + " — " + (r.outlet || "no outlet") + ", " + (r.date || "no date") }),
        sentence(r.sentence),
        radios("al-" + i, state.labels, hit ? "Loaded language of this category?" : "No loaded language here?", "Item " + (i + 1)),
        hit ? radios("av-" + i, state.voice_labels, "Whose words?", "Voice of item " + (i + 1)) : null,
        A.el("input", { type: "text", id: "an-" + i, placeholder: "note (optional)", "aria-label": "Note on item " + (i + 1) })]);
      list.appendChild(li);
    });
    counted();
    if (state.score) { renderScore(state.score); } else { $("audit-result").hidden = true; }
  }

  function draw(ev) {
    ev.preventDefault();
    A.showError("");
    A.nearby("audit-message", "");
    A.busy("Drawing the sample…");
    A.api("POST", A.base() + "/audit/sample", { n: Number($("audit-n").value), by: $("audit-by").value,
      misses: Number($("audit-misses").value || 0), seed: Number($("audit-seed").value || 1) })
      .then(function (state) { A.idle(); renderSample(state); $("audit-items").scrollIntoView({ block: "nearest" }); })
      .catch(function (e) { fail("audit-message", e.message); });
  }

  function coder() { return $("audit-coder").value.trim() || "me"; }

  function score() {
    var form = new FormData(), mine = labels();
    if (Object.keys(mine).length) { form.append("labels", JSON.stringify({ coder: coder(), labels: mine })); }
    Array.prototype.forEach.call($("audit-files").files, function (f) { form.append("sheets", f, f.name); });
    if (!Object.keys(mine).length && !$("audit-files").files.length) {
      fail("audit-score-message", "Label some items above, or add the filled sheets of the coders, then press Score."); return;
    }
    A.showError("");
    A.nearby("audit-score-message", "");
    A.busy("Scoring…");
    A.api("POST", A.base() + "/audit/score", form).then(function (s) { A.idle(); renderScore(s); })
      .catch(function (e) { fail("audit-score-message", e.message); });
  }

  function save() {
    A.showError("");
    fetch(A.base() + "/audit/labels.csv", { method: "POST", headers: { "Authorization": "Bearer " + A.token(),
      "Content-Type": "application/json" }, body: JSON.stringify({ coder: coder(), labels: labels() }) }).then(function (r) {
      if (!r.ok) { return r.json().then(function (d) { throw new Error(d.error); }); }
      var name = (/filename="([^"]+)"/.exec(r.headers.get("Content-Disposition") || "") || [0, "labels.csv"])[1];
      return r.blob().then(function (blob) {
        var a = A.el("a", { href: URL.createObjectURL(blob), download: name, hidden: "hidden", "data-direct": "1" });
        document.body.appendChild(a); a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 30000);
      });
    }).catch(function (e) { fail("audit-score-message", e.message); });
  }

  function cell(text, label, attrs) {
    var td = A.el("td", Object.assign({ text: text }, attrs || {}));
    td.setAttribute("data-label", label);
    return td;
  }

  function renderScore(s) {
    $("audit-result").hidden = false;
    var f = s.summary, overall = s.precision.filter(function (r) { return r.scope === "overall"; })[0] || {};
    $("audit-overall").textContent = "Precision " + pct(f.precision) + " (95% interval " + pct(f.precision_ci[0]) + "–" +
      pct(f.precision_ci[1]) + "), " + (overall.correct || 0) + " of " + (overall.n_coded || 0) + " decided hit(s) correct, coded by " +
      f.n_coders + " coder(s): " + s.coders.join(", ") + ". Strata weighted by their size in the articles.";
    var body = A.clear($("audit-precision").querySelector("tbody"));
    s.precision.filter(function (r) { return r.scope === "stratum"; }).forEach(function (r) {
      body.appendChild(A.el("tr", {}, [cell(strat(r.stratum), "Stratum", { dir: "auto" }), cell(String(r.n_sampled), "Sampled"),
        cell(String(r.n_coded), "Decided"), cell(String(r.correct), "Correct"), cell(pct(r.precision), "Precision"),
        cell(r.n_coded ? pct(r.ci_low) + "–" + pct(r.ci_high) : "–", "95% interval")]));
    });
    var ag = A.clear($("audit-agreement").querySelector("tbody"));
    s.agreement.forEach(function (r) {
      ag.appendChild(A.el("tr", {}, [cell(r.field === "voice_label" ? "voice" : r.field, "On"),
        cell(String(r.measure).replace(/_/g, " "), "Measure"), cell(num(r.value), "Value"),
        cell(String(r.n_items), "Items"), cell(r.note || "", "Note")]));
    });
    var v = s.voice[0];
    $("audit-voice").textContent = v && v.n_labelled ? "Voice read right in " + pct(v.accuracy) + " of " + v.n_labelled +
      " hit(s) (" + pct(v.ci_low) + "–" + pct(v.ci_high) + ")." : "No voice labelled.";
    $("audit-dis-summary").textContent = "Disagreements: " + s.disagreements.length;
    var dis = A.clear($("audit-dis"));
    s.disagreements.slice(0, 50).forEach(function (r) {
      var who = s.coders.map(function (c) { return c + ": " + (r["label_" + c] || "–") + (r["voice_label_" + c] ? " (" + r["voice_label_" + c] + ")" : ""); }).join(", ");
      dis.appendChild(A.el("li", { dir: "auto" }, [A.el("strong", { text: (r.term || "sentence") + " " }),
        document.createTextNode(String(r.sentence || r.hit_id).replace(/\[\[|\]\]/g, "") + " — " + who)]));
    });
    var notes = A.clear($("audit-notes"));
    s.notes.forEach(function (n) { notes.appendChild(A.el("li", { text: n })); });
    $("audit-zip").href = A.url(A.base() + "/audit/score.zip");
  }

  window.framingAudit = {
    show: function (state) {
      A = window.framingApp;
      if (projectId === state.id) { return; }
      projectId = state.id;
      A.api("GET", A.base() + "/audit").then(renderSample).catch(function () { $("audit-sheet").hidden = true; });
    }
  };
  document.addEventListener("DOMContentLoaded", function () {
    $("audit-form").addEventListener("submit", draw);
    $("audit-score").addEventListener("click", score);
    $("audit-save").addEventListener("click", save);
  });
})();
