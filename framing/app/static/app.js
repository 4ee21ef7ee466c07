// framing app: the page. Every piece of text from the articles goes in with textContent, never as markup.
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var token = params.get("token") || sessionStorage.getItem("framing-token") || "";
  if (token) { sessionStorage.setItem("framing-token", token); }
  if (params.get("token")) { history.replaceState(null, "", location.pathname + location.hash); }
  var options = null, project = null, polling = null;

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { e.textContent = attrs[k]; }
      else if (k === "on") { Object.keys(attrs.on).forEach(function (ev) { e.addEventListener(ev, attrs.on[ev]); }); }
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c !== null) { e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); } });
    return e;
  }
  function clear(e) { while (e.firstChild) { e.removeChild(e.firstChild); } return e; }
  function url(path, query) {
    var q = new URLSearchParams(query || {});
    q.set("token", token);
    return path + "?" + q.toString();
  }
  function api(method, path, body, query) {
    var init = { method: method, headers: { "Authorization": "Bearer " + token } };
    if (body instanceof FormData) { init.body = body; }
    else if (body !== undefined) { init.body = JSON.stringify(body); init.headers["Content-Type"] = "application/json"; }
    return fetch(path + (query ? "?" + new URLSearchParams(query).toString() : ""), init).then(function (r) {
      return r.json().catch(function () { return { error: "the app answered " + r.status }; }).then(function (data) {
        if (!r.ok) { throw new Error(data.error || ("the app answered " + r.status)); }
        return data;
      });
    });
  }
  function showError(message) {
    var e = $("error");
    e.textContent = message || "";
    e.hidden = !message;
  }
  function base() { return "/api/projects/" + encodeURIComponent(project.id); }
  function showNote(message) {
    var e = $("note");
    e.textContent = message || "";
    e.hidden = !message;
  }
  // A message shown where the user clicked too (the page's error line is at its top).
  function nearby(id, message, kind) {
    var e = $(id);
    if (!e) { return; }
    e.textContent = message || "";
    e.className = kind === "error" ? "error" : "notice";
    e.hidden = !message;
  }
  // What audit.js (the audit page) uses of this page.
  window.framingApp = { api: api, url: url, el: el, clear: clear, base: base, busy: busy, idle: idle,
    showError: showError, showNote: showNote, nearby: nearby, token: function () { return token; } };

  // ------------------------------------------------------------------ adding files
  function upload(files) {
    if (!files.length) { return; }
    var form = new FormData();
    files.forEach(function (f) { form.append("files", f, f.relPath || f.webkitRelativePath || f.name); });
    showError("");
    busy("Sending " + files.length + " file(s)…");
    var path = project ? base() + "/files" : "/api/projects";
    api("POST", path, form, { wait: "0" }).then(function (state) { take(state); }).catch(function (err) {
      idle(); showError(err.message);
    });
  }
  function busy(text) {
    $("progress-box").hidden = false;
    $("progress-bar").removeAttribute("value");
    $("progress-text").textContent = text;
  }
  function idle() { $("progress-box").hidden = true; }

  function collect(entry, prefix, out) {  // a dropped folder: walk it
    return new Promise(function (resolve) {
      if (entry.isFile) {
        entry.file(function (f) { f.relPath = prefix + f.name; out.push(f); resolve(); }, function () { resolve(); });
      } else if (entry.isDirectory) {
        var reader = entry.createReader(), all = [];
        (function more() {
          reader.readEntries(function (batch) {
            if (!batch.length) {
              Promise.all(all.map(function (e) { return collect(e, prefix + entry.name + "/", out); })).then(resolve);
            } else { all = all.concat(Array.prototype.slice.call(batch)); more(); }
          }, function () { resolve(); });
        })();
      } else { resolve(); }
    });
  }
  function dropped(ev) {
    ev.preventDefault();
    $("drop").classList.remove("over");
    var items = ev.dataTransfer.items, out = [], waits = [];
    if (items && items.length && items[0].webkitGetAsEntry) {
      Array.prototype.forEach.call(items, function (it) {
        var entry = it.webkitGetAsEntry && it.webkitGetAsEntry();
        if (entry) { waits.push(collect(entry, "", out)); }
      });
      Promise.all(waits).then(function () { upload(out); });
    } else { upload(Array.prototype.slice.call(ev.dataTransfer.files)); }
  }

  // ------------------------------------------------------------------ the project's state
  function take(state) {
    project = state;
    if (location.hash !== "#p=" + state.id) { history.replaceState(null, "", location.pathname + "#p=" + state.id); }
    if (state.status === "analysing" || state.status === "reading" || state.status === "waiting") {
      var p = state.progress;
      busy("Reading and analysing: " + p.documents + " article(s) from " + p.files_done + " of " + p.files_total +
           " file(s), " + Math.round(p.seconds) + " s");
      if (p.files_total) { $("progress-bar").max = p.files_total; $("progress-bar").value = p.files_done; }
      clearTimeout(polling);
      polling = setTimeout(function () { api("GET", base()).then(take).catch(function (e) { idle(); showError(e.message); }); }, 700);
      renderFiles(state);
      return;
    }
    idle();
    showError(state.error);
    render(state);
  }

  function renderFiles(state) {
    var list = clear($("file-list"));
    state.files.forEach(function (f) { list.appendChild(el("li", { text: f.name, dir: "auto" })); });
  }

  function render(state) {
    renderFiles(state);
    var has = state.documents > 0;
    $("step-split").hidden = !(state.articles.length || state.skipped.length || state.set_apart.length);
    $("step-choose").hidden = !has;
    $("step-results").hidden = !has;
    renderArticles(state);
    renderApart(state);
    renderSkipped(state);
    renderCorrections(state);
    if (has) { renderSettings(state); renderResults(state); }
    $("step-audit").hidden = !has;
    if (has && window.framingAudit) { window.framingAudit.show(state); }
    $("progress-text").textContent = has ? (state.documents + " article(s) analysed in " + state.progress.seconds + " s") : "";
  }

  function cellLabel(td, label) { td.setAttribute("data-label", label); return td; }

  function renderArticles(state) {
    var body = clear($("articles").querySelector("tbody"));
    $("articles-caption").textContent = state.articles.length + " article(s)";
    state.articles.forEach(function (a, i) {
      var where = a.file + (a.lines ? ", lines " + a.lines[0] + "–" + a.lines[1] : (a.record ? ", " + a.record : ""));
      var tr = el("tr", { "data-doc": a.doc_id });
      tr.appendChild(cellLabel(el("td", { dir: "auto" }, [el("span", { text: where })]), "File"));
      if (a.editable) {
        var id = "a" + i;
        var outlet = el("input", { type: "text", value: a.outlet, "aria-label": "Outlet of " + where, id: id + "-outlet", dir: "auto" });
        var date = el("input", { type: "date", value: a.date || "", "aria-label": "Date of " + where, id: id + "-date" });
        var title = el("input", { type: "text", value: a.title, "aria-label": "Title of " + where, id: id + "-title", dir: "auto", class: "title" });
        tr.appendChild(cellLabel(el("td", {}, [outlet]), "Outlet"));
        tr.appendChild(cellLabel(el("td", {}, [date]), "Date"));
        tr.appendChild(cellLabel(el("td", {}, [title]), "Title"));
        tr.appendChild(cellLabel(el("td", { text: String(a.words) }), "Words"));
        tr.appendChild(cellLabel(el("td", { text: String(a.hits) }), "Loaded terms"));
        var split = el("input", { type: "number", min: a.lines[0] + 1, max: a.lines[1], "aria-label": "Split " + where + " at line", placeholder: "line", class: "line" });
        var fix = el("td", {}, [
          el("button", { type: "button", text: "Save", on: { click: function () {
            var change = { file: a.stored, action: "set", lines: a.lines[0] + "-" + a.lines[1] };
            if (outlet.value.trim() !== a.outlet) { change.outlet = outlet.value.trim() || "null"; }
            if (date.value !== (a.date || "")) { change.date = date.value || "null"; }
            if (title.value.trim() !== a.title) { change.title = title.value.trim() || "null"; }
            if (Object.keys(change).length === 3) { showError("Nothing changed in " + where + "."); return; }
            correct(change);
          } } }),
          el("span", { class: "split" }, [split, el("button", { type: "button", class: "secondary", text: "Split", on: { click: function () {
            if (!split.value) { showError("Give the line where the second article starts."); split.focus(); return; }
            correct({ file: a.stored, action: "split", lines: split.value });
          } } })]),
          nextOf(state, i) ? el("button", { type: "button", class: "secondary", text: "Merge with next", on: { click: function () {
            var b = nextOf(state, i);
            correct({ file: a.stored, action: "merge", lines: a.lines[0] + "-" + b.lines[1] });
          } } }) : null
        ]);
        tr.appendChild(cellLabel(fix, "Fix"));
      } else {
        tr.appendChild(cellLabel(el("td", { text: a.outlet, dir: "auto" }), "Outlet"));
        tr.appendChild(cellLabel(el("td", { text: a.date || "no date" }), "Date"));
        tr.appendChild(cellLabel(el("td", { text: a.title || "(untitled)", dir: "auto" }), "Title"));
        tr.appendChild(cellLabel(el("td", { text: String(a.words) }), "Words"));
        tr.appendChild(cellLabel(el("td", { text: String(a.hits) }), "Loaded terms"));
        tr.appendChild(cellLabel(el("td", { class: "hint", text: "fix it in the file itself" }), "Fix"));
      }
      if (a.note) { tr.firstChild.appendChild(el("span", { class: "note", text: " (" + a.note + ")" })); }
      body.appendChild(tr);
    });
  }
  function nextOf(state, i) {
    var a = state.articles[i], b = state.articles[i + 1];
    return b && b.editable && b.stored === a.stored ? b : null;
  }

  function renderApart(state) {
    var list = clear($("apart"));
    $("apart-summary").textContent = "Set apart: " + state.set_apart.length + " piece(s) of filler or duplicates";
    state.set_apart.forEach(function (r) {
      var li = el("li", { dir: "auto" }, [el("strong", { text: r.status === "duplicate" ? "duplicate" : "filler" }),
        " " + r.file + ", " + r.record + ": " + r.reason]);
      if (r.status === "filler" && r.lines) {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("button", { type: "button", class: "secondary", text: "Count as an article", on: { click: function () {
          correct({ file: r.stored, action: "set", lines: r.lines[0] + "-" + r.lines[1], kind: "article" });
        } } }));
      }
      list.appendChild(li);
    });
  }

  function renderSkipped(state) {
    var list = clear($("skipped"));
    $("skipped-summary").textContent = "Skipped: " + state.skipped.length + " file(s) or record(s)";
    $("skipped-box").hidden = !state.skipped.length;
    state.skipped.forEach(function (r) {
      list.appendChild(el("li", { dir: "auto" }, [el("strong", { text: r.file }), " (" + r.record + "): " + r.reason]));
    });
  }

  function renderCorrections(state) {
    var list = clear($("corrections"));
    $("corrections-box").hidden = !state.corrections.length;
    $("corrections-link").href = url(base() + "/corrections.csv");
    state.corrections.forEach(function (c, i) {
      var what = ["outlet", "date", "title", "kind"].filter(function (k) { return c[k]; })
        .map(function (k) { return k + " " + c[k]; }).join(", ");
      list.appendChild(el("li", { dir: "auto" }, [c.action + " " + c.file + " lines " + c.lines + (what ? ": " + what : "") + " ",
        el("button", { type: "button", class: "secondary", text: "Undo", on: { click: function () {
          busy("Undoing…");
          api("DELETE", base() + "/corrections/" + (i + 1), undefined, { wait: "1" }).then(take).catch(function (e) { idle(); showError(e.message); });
        } } })]));
    });
  }

  function correct(change) {
    showError("");
    busy("Applying the correction and analysing again…");
    api("POST", base() + "/corrections", change, { wait: "0" }).then(take).catch(function (e) { idle(); showError(e.message); });
  }

  // ------------------------------------------------------------------ choices
  function renderSettings(state) {
    var s = state.settings, boxes = clear($("outlet-boxes"));
    state.outlets.forEach(function (o, i) {
      var cb = el("input", { type: "checkbox", id: "outlet-" + i, value: o.name });
      cb.checked = !s.outlets.length || s.outlets.indexOf(o.name) >= 0;
      boxes.appendChild(el("label", { for: "outlet-" + i, dir: "auto" }, [cb, " " + o.name + " (" + o.documents + ")"]));
    });
    var lex = clear($("lexicon-boxes"));
    options.lexicons.forEach(function (name, i) {
      var cb = el("input", { type: "checkbox", id: "lex-" + i, value: name });
      cb.checked = s.lexicons.indexOf(name) >= 0;
      lex.appendChild(el("label", { for: "lex-" + i }, [cb, " " + name]));
    });
    $("own-lexicons").textContent = s.own_lexicons.length ? "Your lexicons: " + s.own_lexicons.join(", ") : "";
    $("date-from").value = s.date_from || "";
    $("date-to").value = s.date_to || "";
    $("period").value = s.period;
    $("title").value = s.title || "";
  }

  function saveSettings(ev) {
    ev.preventDefault();
    var outlets = Array.prototype.filter.call($("outlet-boxes").querySelectorAll("input"), function (b) { return b.checked; })
      .map(function (b) { return b.value; });
    if (!outlets.length) { showError("Choose at least one outlet."); return; }
    if (outlets.length === project.outlets.length) { outlets = []; }
    var lexicons = Array.prototype.filter.call($("lexicon-boxes").querySelectorAll("input"), function (b) { return b.checked; })
      .map(function (b) { return b.value; });
    showError("");
    busy("Applying your choices…");
    api("PUT", base() + "/settings", { outlets: outlets, lexicons: lexicons, date_from: $("date-from").value || null,
      date_to: $("date-to").value || null, period: $("period").value, title: $("title").value }, { wait: "0" })
      .then(take).catch(function (e) { idle(); showError(e.message); });
  }

  function addLexicon() {
    var f = $("own-lexicon").files[0];
    if (!f) { return; }
    var form = new FormData();
    form.append("file", f, f.name);
    busy("Checking your lexicon and analysing again…");
    api("POST", base() + "/lexicons", form, { wait: "0" }).then(take).catch(function (e) { idle(); showError(e.message); });
    $("own-lexicon").value = "";
  }

  // ------------------------------------------------------------------ results
  function renderResults(state) {
    var body = clear($("outlets").querySelector("tbody"));
    state.outlets.forEach(function (o) {
      body.appendChild(el("tr", {}, [cellLabel(el("th", { scope: "row", text: o.name, dir: "auto" }), "Outlet"),
        cellLabel(el("td", { text: String(o.documents) }), "Articles"), cellLabel(el("td", { text: o.words.toLocaleString("en") }), "Words"),
        cellLabel(el("td", { text: String(o.hits) }), "Loaded terms"),
        cellLabel(el("td", { text: o.first_date ? o.first_date + " to " + o.last_date : "no dates" }), "Dates")]));
    });
    var summary = clear($("summary"));
    state.summary.forEach(function (s) { summary.appendChild(el("li", { text: s, dir: "auto" })); });
    var charts = clear($("charts")), v = String(state.version) + "-" + Date.now();
    [["categories", "Loaded terms per 1,000 words in each outlet's own voice, by category"],
     ["time", "Loaded terms per 1,000 words over time, by outlet"]].forEach(function (c) {
      var src = url(base() + "/charts/" + c[0] + ".png", { v: v });
      charts.appendChild(el("figure", {}, [el("a", { href: src, target: "_blank", rel: "noopener", title: "Open the chart full size" },
        [el("img", { src: src, alt: c[1] })]), el("figcaption", { text: c[1] })]));
    });
    var downloads = clear($("downloads"));
    [["report.pdf", "The report (PDF)", "report"], ["view.html", "The articles with loaded terms highlighted (HTML)", "view"],
     ["tables.zip", "The tables and the manifest (CSV files in a zip)", "tables"]].forEach(function (d) {
      var q = d[0] === "view.html" ? { download: "1" } : {};
      downloads.appendChild(el("li", {}, [el("a", { class: "button", href: url(base() + "/" + d[0], q), download: d[0], id: "dl-" + d[2], text: d[1] })]));
    });
    downloads.appendChild(el("li", {}, [el("a", { href: url(base() + "/view.html"), target: "_blank", rel: "noopener", text: "Open the HTML view in a new tab" })]));
    var sheets = clear($("worksheets"));
    options.worksheet_kinds.forEach(function (kind) {
      var title = (options.worksheet_titles || {})[kind] || kind;
      var links = [el("strong", { text: title }), " "];
      var formats = options.docx_worksheets ? ["pdf", "docx"] : ["pdf"];
      formats.forEach(function (fmt) {
        links.push(el("a", { class: "button", href: url(base() + "/worksheets/" + kind + "." + fmt), download: kind + "." + fmt,
          id: "ws-" + kind + "-" + fmt, text: "Student copy (" + fmt.toUpperCase() + ")" }));
        links.push(" ");
        links.push(el("a", { class: "button secondary", href: url(base() + "/worksheets/" + kind + "." + fmt, { key: "1" }),
          download: kind + "-key." + fmt, id: "ws-" + kind + "-" + fmt + "-key", text: "Answer key (" + fmt.toUpperCase() + ")" }));
        links.push(" ");
      });
      sheets.appendChild(el("li", {}, links));
    });
  }

  // ------------------------------------------------------------------ downloads
  // Fetched first, so that a file that cannot be made (no sentence for this worksheet, say) shows its
  // reason in the page instead of being saved as a broken file, and the page says what it is writing.
  function download(ev) {
    var link = ev.target.closest("a[download]");
    if (!link || link.hasAttribute("data-direct")) { return; }
    ev.preventDefault();
    var near = link.closest("#worksheets") ? "ws-message" : link.closest("#step-audit") ? "audit-message" : "dl-message";
    showError("");
    showNote("");
    nearby(near, "");
    busy("Writing " + link.getAttribute("download") + "…");
    fetch(link.href, { headers: { "Authorization": "Bearer " + token } }).then(function (r) {
      if (!r.ok) {
        return r.json().catch(function () { return {}; }).then(function (d) { throw new Error(d.error || ("the app answered " + r.status)); });
      }
      var note = r.headers.get("X-Framing-Note");
      if (note) {
        showNote(link.getAttribute("download") + ": " + decodeURIComponent(note) + ".");
        nearby(near, link.getAttribute("download") + ": " + decodeURIComponent(note) + ".", "note");
      }
      return r.blob().then(function (blob) {
        var a = el("a", { href: URL.createObjectURL(blob), download: link.getAttribute("download"), hidden: "hidden",
          "data-direct": "1" });
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 30000);
        idle();
      });
    }).catch(function (e) { idle(); showError(e.message); nearby(near, e.message, "error"); });
  }

  // ------------------------------------------------------------------ start
  function start() {
    var drop = $("drop");
    ["dragenter", "dragover"].forEach(function (t) { drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add("over"); }); });
    drop.addEventListener("dragleave", function () { drop.classList.remove("over"); });
    drop.addEventListener("drop", dropped);
    document.addEventListener("dragover", function (e) { e.preventDefault(); });
    document.addEventListener("drop", function (e) { if (!drop.contains(e.target)) { dropped(e); } });
    $("pick-files").addEventListener("change", function () { upload(Array.prototype.slice.call(this.files)); this.value = ""; });
    $("pick-folder").addEventListener("change", function () { upload(Array.prototype.slice.call(this.files)); this.value = ""; });
    $("settings").addEventListener("submit", saveSettings);
    document.addEventListener("click", function (ev) { if (ev.target.closest && ev.target.closest("a[download]")) { download(ev); } });
    $("own-lexicon").addEventListener("change", addLexicon);
    api("GET", "/api/options").then(function (o) {
      options = o;
      $("version").textContent = "framing " + o.version + " · uploads up to " + o.max_upload_mb + " MB · stays on this computer";
      var period = clear($("period"));
      o.periods.forEach(function (p) { period.appendChild(el("option", { value: p, text: p })); });
      var m = /#p=([0-9a-f]+)/.exec(location.hash);
      if (m) { project = { id: m[1] }; api("GET", base()).then(take).catch(function () { project = null; }); }
    }).catch(function (e) { showError(e.message); });
  }
  document.addEventListener("DOMContentLoaded", start);
})();
