(function () {
  "use strict";
  var t0 = performance.now();
  var D = JSON.parse(document.getElementById("data").textContent);
  // articles drawn at a time; numbers per hit: start, end, entry, voice, sense, negated, zone (0 body, 1 headline:
  // offsets into the document's headline d[10], title and subtitle)
  var PAGE = 25, H = 7;
  var VOICE = D.voiceText, RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
  var state = {outlets: D.outlets.map(function () { return true; }), cats: {}, voices: {}, q: "", shown: PAGE,
               visible: [], conc: null};
  D.cats.forEach(function (c) { state.cats[c[0]] = true; });
  D.voices.forEach(function (v) { state.voices[v] = true; });
  var $ = function (id) { return document.getElementById(id); };
  var docsEl = $("docs"), tip = $("tip"), lower = null;

  function esc(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function counted(d, k) {  // a hit that counts in the rates: loaded, own voice, not negated, its category on
    var h = d[9], e = D.entries[h[k + 2]];
    return D.senses[h[k + 4]] === "loaded" && D.voices[h[k + 3]] === "own" && !h[k + 5] && D.cats[e[2]][3] &&
      state.cats[D.cats[e[2]][0]];
  }
  function markOn(d, k) {
    var h = d[9], e = D.entries[h[k + 2]];
    return state.cats[D.cats[e[2]][0]] && state.voices[D.voices[h[k + 3]]];
  }

  // ----------------------------------------------------------------------------- articles
  function marked(i, text, zone) {  // the text of one zone with its hits marked, escaped
    var d = D.docs[i], h = d[9], out = [], pos = 0;
    for (var k = 0; k < h.length; k += H) {
      var s = h[k], e = h[k + 1];
      if (h[k + 6] !== zone || s < pos) continue;
      var ent = D.entries[h[k + 2]], cat = D.cats[ent[2]], voice = D.voices[h[k + 3]], sense = D.senses[h[k + 4]];
      out.push(esc(text.slice(pos, s)));
      out.push('<mark class="hit ' + voice + " " + sense + (markOn(d, k) ? "" : " off") + '" tabindex="0" data-d="' + i +
               '" data-k="' + k + '" data-category="' + esc(cat[0]) + '" data-voice="' + voice + '" style="--c:' + cat[2] +
               '55">' + esc(text.slice(s, e)) + "</mark>");
      pos = e;
    }
    out.push(esc(text.slice(pos)));
    return out.join("");
  }
  function articleHtml(i) {
    var d = D.docs[i], text = d[8];
    var paras = marked(i, text, 0).split(/\n\s*\n/).filter(function (p) { return p.trim(); })
      .map(function (p) { return "<p>" + p.replace(/\n/g, "<br>") + "</p>"; }).join("");
    var head = d[10] ? marked(i, d[10], 1).split("\n") : [esc(d[4] || "(untitled)")];
    var sub = head.slice(1).map(function (p) { return '<p class="subtitle">' + p + "</p>"; }).join("");
    var rtl = d[5] === "ar" || RTL.test(text.slice(0, 200));
    return '<article class="doc" data-outlet="' + esc(D.outlets[d[1]][0]) + '" dir="' + (rtl ? "rtl" : "ltr") +
      '" lang="' + esc(d[5] || "en") + '" id="' + esc("doc-" + d[0]) + '"><h2>' + head[0] + "</h2>" + sub +
      '<p class="meta" dir="ltr">' + esc(D.outlets[d[1]][0]) + " · " + esc(d[2] || "no date") + " · " + d[7] +
      " loaded term(s)</p>" + paras + "</article>";
  }
  function drawArticles() {
    var html = [], n = Math.min(state.shown, state.visible.length);
    for (var j = 0; j < n; j++) html.push(articleHtml(state.visible[j]));
    docsEl.innerHTML = html.join("");
    $("more").hidden = n >= state.visible.length;
    $("more").textContent = "Show " + Math.min(PAGE, state.visible.length - n) + " more (" +
      (state.visible.length - n) + " not shown yet)";
    $("count").textContent = state.visible.length + " of " + D.docs.length + " articles shown" +
      (n < state.visible.length ? " (the first " + n + " drawn)" : "");
  }

  // ----------------------------------------------------------------------------- filters
  function filter() {
    var q = state.q.toLowerCase(), vis = [];
    if (q && !lower) lower = D.docs.map(function (d) { return (d[4] + "\n" + d[8]).toLowerCase(); });
    for (var i = 0; i < D.docs.length; i++) {
      if (!state.outlets[D.docs[i][1]]) continue;
      if (q && lower[i].indexOf(q) < 0) continue;
      vis.push(i);
    }
    state.visible = vis;
  }
  function apply(keepPage) {
    var t = performance.now();
    if (!keepPage) state.shown = PAGE;
    filter();
    drawArticles();
    drawCharts();
    if (state.conc !== null) drawConcordance(state.conc);
    window.__framingLastApplyMs = performance.now() - t;
    window.__framingPainted = false;  // until the next frame is drawn (benchmarks/bench_html.py)
    requestAnimationFrame(function () {
      setTimeout(function () { window.__framingLastPaintMs = performance.now() - t; window.__framingPainted = true; }, 0);
    });
  }
  function syncBoxes() {
    document.querySelectorAll("input[data-outlet]").forEach(function (b) { b.checked = state.outlets[+b.dataset.outlet]; });
  }
  $("filters").addEventListener("change", function (ev) {
    var b = ev.target;
    if (b.dataset.outlet !== undefined) state.outlets[+b.dataset.outlet] = b.checked;
    else if (b.dataset.category !== undefined) state.cats[b.dataset.category] = b.checked;
    else if (b.dataset.voice !== undefined) state.voices[b.dataset.voice] = b.checked;
    else return;
    apply(b.dataset.outlet === undefined);
  });
  $("filters").addEventListener("click", function (ev) {
    var b = ev.target.closest("button");
    if (!b) return;
    if (b.dataset.bulk === "all" || b.dataset.bulk === "none") {
      state.outlets = state.outlets.map(function () { return b.dataset.bulk === "all"; });
    } else if (b.dataset.only !== undefined) {
      state.outlets = state.outlets.map(function (_, i) { return i === +b.dataset.only; });
    } else return;
    syncBoxes();
    apply();
  });
  var timer = null;
  $("q").addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { state.q = $("q").value.trim(); apply(); }, 120);
  });
  $("more").addEventListener("click", function () { state.shown += PAGE; drawArticles(); });

  // ----------------------------------------------------------------------------- tooltips
  function tipHtml(d, k) {
    var h = d[9], ent = D.entries[h[k + 2]], cat = D.cats[ent[2]], voice = D.voices[h[k + 3]];
    var parts = ["<b>" + esc(cat[1]) + "</b>", "term: " + esc(ent[1]) + " (strength " + ent[3] + ")",
                 "voice: " + esc(VOICE[voice] || voice)];
    if (h[k + 6]) parts.push("in the headline");
    if (h[k + 5]) parts.push("negated: the text rejects the label");
    if (D.senses[h[k + 4]] !== "loaded") parts.push("read in its neutral sense: not counted");
    parts.push("neutral alternative: " + esc(ent[4]));
    parts.push("<i>click: every use of this term in the corpus</i>");
    return parts.join("<br>");
  }
  function showTip(m) {
    var d = D.docs[+m.dataset.d], k = +m.dataset.k;
    if (m.classList.contains("off")) return;
    tip.innerHTML = tipHtml(d, k);
    tip.hidden = false;
    var r = m.getBoundingClientRect(), w = tip.offsetWidth, h = tip.offsetHeight, vw = document.documentElement.clientWidth,
      vh = window.innerHeight, x = r.left, y = r.bottom + 6;
    if (x + w > vw - 8) x = vw - 8 - w;  // kept inside the window, also at its right edge
    if (x < 8) x = 8;
    if (y + h > vh - 8) y = r.top - h - 6;
    if (y < 8) y = 8;
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function hideTip() { tip.hidden = true; }
  docsEl.addEventListener("mouseover", function (ev) { var m = ev.target.closest("mark.hit"); if (m) showTip(m); });
  docsEl.addEventListener("mouseout", function (ev) { if (ev.target.closest("mark.hit")) hideTip(); });
  docsEl.addEventListener("focusin", function (ev) { var m = ev.target.closest("mark.hit"); if (m) showTip(m); });
  docsEl.addEventListener("focusout", hideTip);
  window.addEventListener("scroll", hideTip, {passive: true});

  // ----------------------------------------------------------------------------- concordance
  function openConcordance(m) {
    var d = D.docs[+m.dataset.d];
    state.conc = d[9][+m.dataset.k + 2];
    drawConcordance(state.conc);
    $("conc").scrollIntoView({block: "start"});
  }
  function drawConcordance(entry) {
    var ent = D.entries[entry], lines = [], total = 0, MAX = 300;
    for (var i = 0; i < D.docs.length; i++) {
      var d = D.docs[i];
      if (!state.outlets[d[1]]) continue;
      var h = d[9];
      for (var k = 0; k < h.length; k += H) {
        if (h[k + 2] !== entry) continue;
        total++;
        if (lines.length >= MAX) continue;
        var s = h[k], e = h[k + 1], t = h[k + 6] ? d[10] : d[8];
        var left = t.slice(Math.max(0, s - 70), s).replace(/\s+/g, " "), right = t.slice(e, e + 70).replace(/\s+/g, " ");
        var rtl = RTL.test(t.slice(s, e));
        lines.push('<div class="line" dir="' + (rtl ? "rtl" : "ltr") + '"><span class="left"><span>' + esc(left) +
                   '</span></span><span class="kw">' + esc(t.slice(s, e)) + '</span><span class="right">' + esc(right) +
                   '</span><span class="src">' + esc(D.outlets[d[1]][0]) + " · " + esc(d[2] || "no date") + " · " +
                   esc(VOICE[D.voices[h[k + 3]]] || "") + (D.senses[h[k + 4]] !== "loaded" ? " · neutral sense" : "") +
                   (h[k + 5] ? " · negated" : "") + (h[k + 6] ? " · headline" : "") + "</span></div>");
      }
    }
    var c = $("conc");
    c.hidden = false;
    c.innerHTML = "<h2>“" + esc(ent[1]) + "”: " + total + " use(s) in the selected outlets" +
      (total > MAX ? " (the first " + MAX + " shown)" : "") + ' <button type="button" id="conc-close">close</button></h2>' +
      lines.join("");
    $("conc-close").addEventListener("click", function () { state.conc = null; c.hidden = true; });
  }
  docsEl.addEventListener("click", function (ev) {
    var m = ev.target.closest("mark.hit");
    if (m && !m.classList.contains("off")) openConcordance(m);
  });
  docsEl.addEventListener("keydown", function (ev) {
    var m = ev.target.closest("mark.hit");
    if (m && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); openConcordance(m); }
  });

  // ----------------------------------------------------------------------------- charts (SVG)
  function svg(w, h, body) {  // parsed by innerHTML: no namespace needed (and no URL in the file)
    return '<svg viewBox="0 0 ' + w + " " + h + '" role="img">' + body + "</svg>";
  }
  function trunc(s, n) { return s.length > n ? s.slice(0, n - 1) + "…" : s; }
  function drawCharts() {
    var sel = [], words = {}, hits = {}, pw = {}, ph = {};
    D.outlets.forEach(function (_, i) { if (state.outlets[i]) { sel.push(i); words[i] = 0; hits[i] = 0; } });
    for (var i = 0; i < D.docs.length; i++) {
      var d = D.docs[i];
      if (!state.outlets[d[1]]) continue;
      var n = 0;
      for (var k = 0; k < d[9].length; k += H) if (counted(d, k)) n++;
      words[d[1]] += d[6];
      hits[d[1]] += n;
      if (d[3]) { pw[d[3]] = (pw[d[3]] || 0) + d[6]; ph[d[3]] = (ph[d[3]] || 0) + n; }
    }
    // 1. rate per outlet, sorted
    var rows = sel.map(function (o) { return [o, words[o] ? 1000 * hits[o] / words[o] : 0]; })
      .sort(function (a, b) { return b[1] - a[1]; });
    var max = Math.max.apply(null, rows.map(function (r) { return r[1]; }).concat([0.001]));
    var W = 520, L = 170, R = 60, rowH = 18, body = [];
    rows.forEach(function (r, j) {
      var y = 6 + j * rowH, name = D.outlets[r[0]][0], w = (W - L - R) * r[1] / max;
      body.push('<text x="' + (L - 6) + '" y="' + (y + 12) + '" font-size="11" text-anchor="end"><title>' + esc(name) +
                "</title>" + esc(trunc(name, 26)) + "</text>");
      body.push('<rect class="bar" x="' + L + '" y="' + (y + 2) + '" width="' + w.toFixed(1) + '" height="' + (rowH - 5) +
                '" fill="' + D.outlets[r[0]][1] + '"><title>' + esc(name) + ": " + r[1].toFixed(2) + "</title></rect>");
      body.push('<text x="' + (L + w + 4).toFixed(1) + '" y="' + (y + 12) + '" font-size="10" fill="#444">' +
                r[1].toFixed(1) + "</text>");
    });
    if (!rows.length) body.push('<text x="10" y="20" font-size="12" fill="#666">no outlet selected</text>');
    $("chart-outlets").innerHTML = svg(W, Math.max(30, 10 + rows.length * rowH), body.join(""));
    // 2. over time, the selected outlets together
    var periods = D.periods, vals = periods.map(function (p) { return pw[p] ? 1000 * (ph[p] || 0) / pw[p] : null; });
    var tmax = Math.max.apply(null, vals.filter(function (v) { return v !== null; }).concat([0.001]));
    var TW = 520, TH = 200, TL = 34, TB = 38, step = Math.max(1, Math.ceil(periods.length / 8)), bw = (TW - TL - 6) / Math.max(1, periods.length);
    var tb = ['<line x1="' + TL + '" y1="' + (TH - TB) + '" x2="' + TW + '" y2="' + (TH - TB) + '" stroke="#999"/>',
              '<text x="' + (TL - 4) + '" y="12" font-size="10" text-anchor="end">' + tmax.toFixed(1) + "</text>",
              '<text x="' + (TL - 4) + '" y="' + (TH - TB) + '" font-size="10" text-anchor="end">0</text>'];
    periods.forEach(function (p, j) {
      var x = TL + j * bw, v = vals[j];
      if (v !== null) {
        var h = (TH - TB - 8) * v / tmax;
        tb.push('<rect class="tbar" x="' + (x + 0.5).toFixed(1) + '" y="' + (TH - TB - h).toFixed(1) + '" width="' +
                Math.max(1, bw - 1).toFixed(1) + '" height="' + h.toFixed(1) + '" fill="#0072B2"><title>' + esc(p) + ": " +
                v.toFixed(2) + " (" + pw[p] + " words)</title></rect>");
      }
      if (j % step === 0) tb.push('<text x="' + (x + bw / 2).toFixed(1) + '" y="' + (TH - TB + 14) +
                                  '" font-size="10" text-anchor="middle">' + esc(p) + "</text>");
    });
    $("chart-time").innerHTML = svg(TW, TH, tb.join(""));
    $("chart-time-note").textContent = sel.length === D.outlets.length ? "all outlets together" :
      sel.length + " selected outlet(s) together";
  }

  apply();
  window.__framingReadyMs = performance.now() - t0;
  window.__framingReadyAt = performance.now();  // ms since the navigation started
  window.__framingReady = true;
})();
