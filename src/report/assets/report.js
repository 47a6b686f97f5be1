// The page's layout and the parts that tie the charts together: headline, zoom toolbar, the
// Gantt with its client selection, the scenario event list (a click jumps to its time), the line
// charts, then the report's tables. Runs after report_core.js, report_gantt.js, report_charts.js.
(function (R) {
  "use strict";
  var el = R.el, fmt = R.fmt, fmtTime = R.fmtTime, app = R.app, data = R.data;
  var report = data.report || {};
  function isScalar(v) { return v === null || typeof v !== "object"; }
  function legendItem(parent, text, bg) {
    var sp = el("span", {}, text), i = el("i");
    i.style.background = bg;
    sp.insertBefore(i, sp.firstChild);
    parent.appendChild(sp);
    return sp;
  }

  // --- headline: the top-level scalars of the report, then its warnings -----------------------------
  var head = el("div");
  Object.keys(report).forEach(function (k) {
    if (!isScalar(report[k])) return;
    var d = el("div", { "class": "kv" }, k);
    d.insertBefore(el("b", {}, k === "duration_ms" || k === "simulated_ms" ? fmtTime(report[k]) : fmt(report[k])), d.firstChild);
    head.appendChild(d);
  });
  app.appendChild(head);
  (Array.isArray(report.warnings) ? report.warnings : []).forEach(function (w) { app.appendChild(el("div", { "class": "warn" }, fmt(w))); });

  // --- zoom toolbar (sticky, acts on every chart) ------------------------------------------------------
  var bar = el("div", { "class": "toolbar", id: "toolbar" });
  function button(label, title, action, id) {
    var b = el("button", { type: "button", title: title, id: id }, label);
    b.addEventListener("click", action);
    bar.appendChild(b);
  }
  function centre() { return (R.view.min + R.view.max) / 2; }
  button("-", "zoom out", function () { R.zoomAround(centre(), 2); }, "zoom-out");
  button("+", "zoom in", function () { R.zoomAround(centre(), 0.5); }, "zoom-in");
  button("<", "earlier", function () { R.pan(-0.25); }, "pan-left");
  button(">", "later", function () { R.pan(0.25); }, "pan-right");
  button("whole run", "show the whole run (or double-click a chart)", function () { R.setView(0, R.endMs); }, "zoom-reset");
  var range = el("span", { "class": "range", id: "range" });
  bar.appendChild(range);
  bar.appendChild(el("span", { "class": "hint" }, "drag on a line chart: zoom; drag on the Gantt: pan; Ctrl+wheel: zoom; hover: values"));
  app.appendChild(bar);
  function showRange(v) {
    range.textContent = "showing " + fmtTime(v.min) + " - " + fmtTime(v.max) + " of " + fmtTime(R.endMs);
    range.dataset.min = String(Math.round(v.min));
    range.dataset.max = String(Math.round(v.max));
  }
  R.onView(showRange, range);
  showRange(R.view);

  // --- Gantt of ownership and the client selection ------------------------------------------------------
  var gantt = R.gantt, g = data.gantt;
  var ORPHAN_CSS = "repeating-linear-gradient(45deg,#d62728 0 2px,#f6c9c9 2px 5px)";
  var select = el("select", { id: "client-select" });
  if (gantt) {
    R.h2("Queue ownership (" + data.queues_total + " queues)");
    var legend = el("div", { "class": "legend", id: "gantt-legend" });
    var seen = {};
    for (var i = 1; i < g.intervals.length; i += 4) seen[g.intervals[i]] = true;
    var shown = Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
    shown.slice(0, 60).forEach(function (c) {
      var chip = legendItem(legend, R.clientLabel(c), R.colour(c));
      chip.className = "client";
      chip.dataset.client = String(c);
      chip.title = "click: highlight its queues";
      chip.addEventListener("click", function () { R.select(R.selection.client === c ? -1 : c); });
    });
    if (shown.length > 60) legend.appendChild(el("span", {}, "... and " + (shown.length - 60) + " more clients (pick one below)"));
    legendItem(legend, "no owner (orphan)", ORPHAN_CSS);
    legendItem(legend, "two or more owners (overlap: row split per owner, framed)", "linear-gradient(#4e79a7 50%,#f28e2b 50%)");
    app.appendChild(legend);
    if (g.rows_dropped) R.note(g.rows_dropped + " more queues not drawn (see --csv for all).");
    if (g.dropped_intervals) R.note(g.dropped_intervals + " ownership bars not drawn (see --csv for all).");
    app.appendChild(gantt.element);
    gantt.resize();

    var pick = el("div", { "class": "pick" });
    pick.appendChild(el("label", { "for": "client-select" }, "Highlight a client's queues (or click a bar): "));
    select.appendChild(el("option", { value: "-1" }, "(none)"));
    data.clients.names.forEach(function (n, c) { select.appendChild(el("option", { value: String(c) }, R.clientLabel(c))); });
    select.addEventListener("change", function () { R.select(Number(select.value)); });
    pick.appendChild(select);
    app.appendChild(pick);
    var info = el("div", { "class": "client-info", id: "client-info" });
    app.appendChild(info);
    var holdings = el("p", { id: "client-holdings" });
    var list = el("ul", { "class": "queue-list", id: "client-queues" });
    var showHoldings = function () {
      var c = R.selection.client;
      if (c < 0) return;
      var t = R.cursor.t === null ? R.view.max - 1e-6 : R.cursor.t;
      var held = gantt.holdingsAt(c, t).map(function (r) { return gantt.names[r]; });
      holdings.dataset.t = String(Math.round(t));
      holdings.dataset.count = String(held.length);
      holdings.textContent = "At " + fmtTime(t) + (R.cursor.t === null ? " (end of the range shown; hover a chart for another time)" : "") +
                             ": holds " + held.length + " queue" + (held.length === 1 ? "" : "s") + (held.length ? ": " + held.slice(0, 40).join(", ") +
                             (held.length > 40 ? " ..." : "") : "");
    };
    R.onSelect(function (c) {
      select.value = String(c);
      info.textContent = "";
      Array.prototype.forEach.call(legend.querySelectorAll(".client"), function (chip) {
        chip.classList.toggle("on", Number(chip.dataset.client) === c);
      });
      if (c < 0) return;
      var rows = gantt.rowsOf(c);
      info.appendChild(el("b", {}, R.clientLabel(c)));
      info.appendChild(document.createTextNode(" (group " + g.groups[data.clients.group[c]] + ", " + data.clients.ids[c] + "): owned " +
                                               rows.length + " queue" + (rows.length === 1 ? "" : "s") + " during the run, highlighted above."));
      info.appendChild(holdings);
      list.textContent = "";
      rows.forEach(function (r) { list.appendChild(el("li", {}, gantt.names[r])); });
      info.appendChild(list);
      showHoldings();
    });
    R.onCursor(showHoldings, holdings);
  }

  // --- scenario events: a click zooms to its time ---------------------------------------------------------
  if ((data.events || []).length) {
    R.h2("Scenario events (click one to jump to it)");
    var tbl = el("table", { "class": "events", id: "events" });
    data.events.forEach(function (e, n) {
      var tr = el("tr", { "data-t": String(e[0]), tabindex: "0" });
      tr.appendChild(el("td", {}, fmtTime(e[0])));
      tr.appendChild(el("td", { "class": "l" }, e[1]));
      var jump = function () {
        var span = Math.min(R.view.max - R.view.min, Math.max(R.endMs / 10, 1000));
        R.setView(e[0] - span / 2, e[0] + span / 2);
        R.setCursor(e[0]);
        Array.prototype.forEach.call(tbl.rows, function (row, k) { row.classList.toggle("on", k === n); });
      };
      tr.addEventListener("click", jump);
      tr.addEventListener("keydown", function (ev) { if (ev.key === "Enter") jump(); });
      tbl.appendChild(tr);
    });
    app.appendChild(tbl);
  }

  var charts = R.buildCharts();
  window.addEventListener("resize", function () {
    if (gantt) gantt.resize();
    charts.forEach(function (u) { u.setSize({ width: R.chartWidth(), height: u.height }); });
  });

  // --- the report's tables, generically: object -> key/value table, array of objects -> columns -------
  function objectTable(obj) {
    var t = el("table");
    Object.keys(obj).forEach(function (k) {
      var tr = el("tr");
      tr.appendChild(el("th", { "class": "l" }, k));
      tr.appendChild(el("td", { "class": isScalar(obj[k]) ? "" : "l" }, fmt(obj[k])));
      t.appendChild(tr);
    });
    return t;
  }
  function rowsTable(rows, keyName) {
    // rows: [[label or null, object], ...]; columns: the union of their scalar keys, first seen first.
    var cols = [], t = el("table"), hr = el("tr");
    rows.forEach(function (r) { if (r[1] && typeof r[1] === "object") Object.keys(r[1]).forEach(function (c) { if (isScalar(r[1][c]) && cols.indexOf(c) < 0) cols.push(c); }); });
    if (keyName) hr.appendChild(el("th", { "class": "l" }, keyName));
    cols.forEach(function (c) { hr.appendChild(el("th", {}, c)); });
    t.appendChild(hr);
    rows.forEach(function (r) {
      var tr = el("tr");
      if (keyName) tr.appendChild(el("td", { "class": "l" }, r[0]));
      if (!r[1] || typeof r[1] !== "object") {
        tr.appendChild(el("td", { "class": "l", colspan: Math.max(1, cols.length) }, fmt(r[1])));
      } else {
        cols.forEach(function (c) {
          var v = r[1][c], cls = typeof v === "string" ? "l" : "";
          if (c === "complete") cls = v ? "good" : "bad";
          if (c === "at_ms") v = fmtTime(v);
          tr.appendChild(el("td", { "class": cls }, v === undefined ? "" : fmt(v)));
        });
      }
      t.appendChild(tr);
    });
    return t;
  }
  function section(title, value, depth) {
    R.app.appendChild(el(depth === 0 ? "h2" : (depth === 1 ? "h3" : "h4"), {}, title));
    if (Array.isArray(value)) {
      if (!value.length) { R.note("none"); return; }
      if (value.every(isScalar)) { R.app.appendChild(el("p", {}, value.map(fmt).join(", "))); return; }
      R.app.appendChild(rowsTable(value.map(function (v) { return [null, v]; }), null));
      return;
    }
    var keys = Object.keys(value);
    // An object whose members are all objects (groups, topics) reads best as one table, a row per member.
    if (keys.length && keys.every(function (k) { return value[k] !== null && typeof value[k] === "object" && !Array.isArray(value[k]); })) {
      R.app.appendChild(rowsTable(keys.map(function (m) { return [m, value[m]]; }), title.split(".").pop()));
      if (depth < 3) keys.forEach(function (m) {
        Object.keys(value[m]).forEach(function (sub) {
          if (!isScalar(value[m][sub])) section(title + "." + m + "." + sub, value[m][sub], depth + 1);
        });
      });
      return;
    }
    var scalars = {}, nested = [];
    keys.forEach(function (k) { if (isScalar(value[k])) scalars[k] = value[k]; else nested.push(k); });
    if (Object.keys(scalars).length) R.app.appendChild(objectTable(scalars));
    nested.forEach(function (k) { section(title + "." + k, value[k], depth + 1); });
  }
  Object.keys(report).forEach(function (k) {
    if (k === "warnings" || isScalar(report[k])) return;
    section(k, report[k], 0);
  });

  // For scripted checks (tools/html-test): the state behind what the page shows.
  window.rmqsimReport = {
    view: function () { return { min: R.view.min, max: R.view.max }; },
    chartRanges: function () { return charts.map(function (u) { return { id: u.rmqsimId, min: u.scales.x.min, max: u.scales.x.max }; }); },
    gantt: gantt, select: R.select
  };
})(rmqsim);
