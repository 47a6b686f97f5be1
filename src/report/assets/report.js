// Draws the rmq-rebalance-sim report page from the embedded JSON (no network, no libraries).
// All scenario-supplied text goes through textContent, never innerHTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var app = document.getElementById("app");
  app.textContent = "";
  var NS = "http://www.w3.org/2000/svg";
  var report = data.report || {};
  var endMs = Math.max(1, data.end_ms);

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svgEl(tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function h2(text) { app.appendChild(el("h2", {}, text)); }
  function note(text) { app.appendChild(el("p", { "class": "note" }, text)); }
  function fmtTime(ms) {
    var s = ms / 1000;
    if (s < 60) return (Math.round(s * 10) / 10) + "s";
    var m = Math.floor(s / 60), r = Math.round(s - m * 60);
    if (m < 60) return m + "m" + (r ? r + "s" : "");
    var h = Math.floor(m / 60);
    return h + "h" + (m % 60 ? (m % 60) + "m" : "");
  }
  function fmt(v) {
    if (v === null || v === undefined) return "never";
    if (typeof v === "number") return Number.isInteger(v) ? String(v) : (Math.round(v * 1000) / 1000).toString();
    if (typeof v === "boolean") return v ? "yes" : "no";
    if (typeof v === "object") return JSON.stringify(v);
    return String(v);
  }
  function isScalar(v) { return v === null || typeof v !== "object"; }
  var PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#edc948", "#76b7b2", "#17becf", "#9c755f",
                 "#8c564b", "#86bcb6", "#8cd17d", "#bcbd22"];
  function colour(i) { return i < PALETTE.length ? PALETTE[i] : "hsl(" + ((i * 137.508) % 360).toFixed(1) + ",55%,58%)"; }
  function legendItem(parent, text, bg) {
    var sp = el("span", {}, text), i = el("i");
    i.style.background = bg;
    sp.insertBefore(i, sp.firstChild);
    parent.appendChild(sp);
  }
  function wrapChart(svg) { var w = el("div", { "class": "chart" }); w.appendChild(svg); app.appendChild(w); }

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

  // --- time axis helpers --------------------------------------------------------------------------
  var LEFT = 250, WIDTH = 1060, RIGHT = 20;
  function x(ms) { return LEFT + (ms / endMs) * WIDTH; }
  function axis(svg, y) {
    var g = svgEl("g", { "class": "axis" });
    g.appendChild(svgEl("line", { x1: LEFT, x2: LEFT + WIDTH, y1: y, y2: y }));
    for (var i = 0; i <= 10; i++) {
      var ms = endMs * i / 10;
      g.appendChild(svgEl("line", { x1: x(ms), x2: x(ms), y1: y, y2: y + 4 }));
      g.appendChild(svgEl("text", { x: x(ms), y: y + 16, "text-anchor": "middle" }, fmtTime(ms)));
    }
    svg.appendChild(g);
  }
  function eventMarkers(svg, top, bottom) {
    (data.events || []).forEach(function (e, n) {
      svg.appendChild(svgEl("line", { x1: x(e[0]), x2: x(e[0]), y1: top, y2: bottom, "class": "marker" }));
      // Stagger the labels so events close in time stay readable.
      svg.appendChild(svgEl("text", { x: x(e[0]) + 3, y: top + 10 + (n % 3) * 11, "class": "marker-label" }, e[1]));
    });
  }
  function rowLabel(svg, y, text, title) {
    var t = svgEl("text", { x: LEFT - 6, y: y, "text-anchor": "end" }, text.length > 40 ? "..." + text.slice(text.length - 37) : text);
    t.appendChild(svgEl("title", {}, title || text));
    svg.appendChild(t);
  }

  // --- Gantt of ownership ---------------------------------------------------------------------------
  var gantt = data.gantt;
  // Orphans are hatched red so no client colour can be mistaken for them.
  var ORPHAN = "url(#orphan-hatch)", ORPHAN_CSS = "repeating-linear-gradient(45deg,#d62728 0 2px,#f6c9c9 2px 5px)", OVERLAP = "#1d2433";
  function hatch(svg) {
    var defs = svgEl("defs"), pat = svgEl("pattern", { id: "orphan-hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
    pat.appendChild(svgEl("rect", { width: 6, height: 6, fill: "#f6c9c9" }));
    pat.appendChild(svgEl("rect", { width: 2, height: 6, fill: "#d62728" }));
    defs.appendChild(pat);
    svg.appendChild(defs);
  }
  if (gantt && gantt.mode === "queues") {
    h2("Queue ownership");
    var legend = el("div", { "class": "legend" });
    var seen = {};
    gantt.intervals.forEach(function (iv) { seen[iv[1]] = true; });
    var shown = Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
    shown.slice(0, 60).forEach(function (c) { legendItem(legend, data.clients[c].name, colour(c)); });
    if (shown.length > 60) legend.appendChild(el("span", {}, "... and " + (shown.length - 60) + " more clients"));
    legendItem(legend, "no owner (orphan)", ORPHAN_CSS);
    legendItem(legend, "two or more owners (overlap: row split per owner, framed)", "linear-gradient(#4e79a7 50%,#f28e2b 50%)");
    app.appendChild(legend);
    if (gantt.dropped_intervals) note(gantt.dropped_intervals + " ownership bars not drawn (see --csv for all).");
    var groups = {};
    gantt.rows.forEach(function (r) { groups[r[0]] = true; });
    var multiGroup = Object.keys(groups).length > 1;
    var ROW = gantt.rows.length > 150 ? 5 : (gantt.rows.length > 60 ? 9 : 14);
    var gh = 44 + gantt.rows.length * ROW + 30;
    var svg = svgEl("svg", { width: LEFT + WIDTH + RIGHT, height: gh });
    hatch(svg);
    function rowY(r) { return 40 + r * ROW; }
    gantt.rows.forEach(function (r, i) {
      if (i % 2) svg.appendChild(svgEl("rect", { x: LEFT, y: rowY(i), width: WIDTH, height: ROW, fill: "#f7f8fb" }));
      var name = (multiGroup ? r[0] + " " : "") + r[1];
      if (ROW >= 9) rowLabel(svg, rowY(i) + ROW - 3, name);
    });
    gantt.orphans.forEach(function (p) {
      svg.appendChild(svgEl("rect", { x: x(p[1]), y: rowY(p[0]), width: Math.max(1, x(p[2]) - x(p[1])), height: ROW - 1, fill: ORPHAN },
                            undefined)).appendChild(svgEl("title", {}, "orphan " + gantt.rows[p[0]][1] + ": " + fmtTime(p[1]) + " - " + fmtTime(p[2])));
    });
    var byRow = gantt.rows.map(function () { return []; });
    gantt.intervals.forEach(function (iv) {
      byRow[iv[0]].push(iv);
      var rect = svgEl("rect", { x: x(iv[2]), y: rowY(iv[0]), width: Math.max(0.5, x(iv[3]) - x(iv[2])), height: ROW - 1, fill: colour(iv[1]) });
      rect.appendChild(svgEl("title", {}, gantt.rows[iv[0]][1] + ": " + data.clients[iv[1]].name + " " + fmtTime(iv[2]) + " - " + fmtTime(iv[3])));
      svg.appendChild(rect);
    });
    // Overlaps: the row splits into one stripe per owner, framed in black, so every owner's colour shows.
    gantt.overlaps.forEach(function (p) {
      var owners = byRow[p[0]].filter(function (iv) { return iv[2] < p[2] && iv[3] > p[1]; });
      var h = (ROW - 1) / Math.max(1, owners.length);
      owners.forEach(function (iv, j) {
        var from = Math.max(p[1], iv[2]), to = Math.min(p[2], iv[3]);
        svg.appendChild(svgEl("rect", { x: x(from), y: rowY(p[0]) + j * h, width: Math.max(1, x(to) - x(from)), height: h, fill: colour(iv[1]) }));
      });
      var r = svgEl("rect", { x: x(p[1]), y: rowY(p[0]) + 0.5, width: Math.max(2, x(p[2]) - x(p[1])), height: ROW - 2, fill: "none", stroke: OVERLAP, "stroke-width": 1.2 });
      r.appendChild(svgEl("title", {}, "overlap " + gantt.rows[p[0]][1] + ": " + fmtTime(p[1]) + " - " + fmtTime(p[2]) + " (" +
                                       owners.map(function (iv) { return data.clients[iv[1]].name; }).join(", ") + ")"));
      svg.appendChild(r);
    });
    axis(svg, gh - 28);
    eventMarkers(svg, 4, gh - 28);
    wrapChart(svg);
  } else if (gantt && gantt.mode === "aggregate") {
    h2("Queue ownership by topic and broker (" + data.queues_total + " queues)");
    note("Too many queues for one row each: one row per group, topic and broker. Red: share of its queues with no owner; " +
         "black: share with two or more owners; blue dots: ownership changes. " +
         (gantt.rows_total > gantt.rows.length ? "Showing " + gantt.rows.length + " of " + gantt.rows_total + " rows. " : "") +
         "See --csv for every queue.");
    var AROW = 14, bw = WIDTH / gantt.bins;
    var ah = 44 + gantt.rows.length * AROW + 30;
    var asvg = svgEl("svg", { width: LEFT + WIDTH + RIGHT, height: ah });
    var maxMoves = 1, aggGroups = {};
    gantt.rows.forEach(function (r) { aggGroups[r.group] = true; });
    var aggMultiGroup = Object.keys(aggGroups).length > 1;
    gantt.rows.forEach(function (r) { r.moves.forEach(function (m) { maxMoves = Math.max(maxMoves, m); }); });
    gantt.rows.forEach(function (r, i) {
      var y = 40 + i * AROW;
      asvg.appendChild(svgEl("rect", { x: LEFT, y: y, width: WIDTH, height: AROW - 1, fill: "#d8e6d3" }));
      rowLabel(asvg, y + AROW - 3, (aggMultiGroup ? r.group + " " : "") + r.name + " (" + r.queues + ")");
      for (var b = 0; b < gantt.bins; b++) {
        if (r.orphan[b] > 0) asvg.appendChild(svgEl("rect", { x: LEFT + b * bw, y: y, width: bw + 0.3, height: AROW - 1, fill: "#e15759", "fill-opacity": Math.min(1, 0.2 + r.orphan[b]) }));
        if (r.overlap[b] > 0) asvg.appendChild(svgEl("rect", { x: LEFT + b * bw, y: y + AROW / 2 - 2, width: bw + 0.3, height: 4, fill: OVERLAP, "fill-opacity": Math.min(1, 0.3 + r.overlap[b]) }));
        if (r.moves[b] > 0) asvg.appendChild(svgEl("circle", { cx: LEFT + (b + 0.5) * bw, cy: y + AROW / 2, r: 1 + 3 * r.moves[b] / maxMoves, fill: "#2f5fa7" }));
      }
    });
    axis(asvg, ah - 28);
    eventMarkers(asvg, 4, ah - 28);
    wrapChart(asvg);
  }

  // --- line charts ------------------------------------------------------------------------------------
  function lineChart(title, series, yLabel, step) {
    h2(title);
    var H = 220, top = 36, bottom = H - 30;
    var maxV = 1;
    series.forEach(function (s) { s.points.forEach(function (p) { maxV = Math.max(maxV, p[1]); }); });
    var svg = svgEl("svg", { width: LEFT + WIDTH + RIGHT, height: H });
    function y(v) { return bottom - (v / maxV) * (bottom - top); }
    [0, 0.5, 1].forEach(function (q) {
      svg.appendChild(svgEl("text", { x: LEFT - 6, y: y(maxV * q) + 4, "text-anchor": "end" }, fmt(Math.round(maxV * q * 10) / 10)));
      svg.appendChild(svgEl("line", { x1: LEFT, x2: LEFT + WIDTH, y1: y(maxV * q), y2: y(maxV * q), stroke: "#eef0f4" }));
    });
    svg.appendChild(svgEl("text", { x: 8, y: top + 4 }, yLabel));
    var legendDiv = el("div", { "class": "legend" });
    series.forEach(function (s) {
      if (!s.points.length) return;
      var d = "", gaps = s.points.slice(1).map(function (p, i) { return p[0] - s.points[i][0]; }).sort(function (a, b) { return a - b; });
      var usual = gaps.length ? gaps[Math.floor(gaps.length / 2)] : 0;
      s.points.forEach(function (p, i) {
        // A step function holds its value until the next change; the last one until the end.
        if (i && step) d += "H" + x(p[0]).toFixed(1);
        // Sampled series: a missing stretch (a broker that was down) is a gap, not a slope.
        var jump = !step && i && p[0] - s.points[i - 1][0] > 2 * usual;
        d += (i && !jump ? "L" : "M") + x(p[0]).toFixed(1) + "," + y(p[1]).toFixed(1);
      });
      if (step) d += "H" + x(endMs).toFixed(1);
      svg.appendChild(svgEl("path", { d: d, fill: "none", stroke: s.colour, "stroke-width": 1.5 }));
      legendItem(legendDiv, s.name, s.colour);
    });
    axis(svg, bottom);
    eventMarkers(svg, 4, bottom);
    app.appendChild(legendDiv);
    wrapChart(svg);
  }
  var load = data.load;
  if (load && load.mode === "clients") {
    lineChart("Load per client (queues owned)", load.series.map(function (s) {
      return { name: data.clients[s.client].name, colour: colour(s.client), points: s.points };
    }), "queues", true);
  } else if (load) {
    lineChart("Load per client (queues owned), " + load.clients + " clients: min, mean, max over running clients", [
      { name: "min", colour: "#4a90d9", points: load.points.map(function (p) { return [p[0], p[1]]; }) },
      { name: "mean", colour: "#1d2433", points: load.points.map(function (p) { return [p[0], p[2]]; }) },
      { name: "max", colour: "#d9534f", points: load.points.map(function (p) { return [p[0], p[3]]; }) }], "queues", false);
  }
  var brokers = Object.keys(data.backlog || {});
  if (brokers.length)
    lineChart("Backlog per broker (messages produced, not yet committed)", brokers.map(function (b, i) {
      return { name: b, colour: colour(i * 3 + 1), points: data.backlog[b] };
    }), "messages", false);

  // --- client activity: rebalances that changed something, notifications, expiries, lifecycle ----------
  var act = data.activity, kinds = act ? Object.keys(act.kinds) : [];
  if (kinds.length) {
    h2("Client activity per time slice");
    var H = 40 + kinds.length * 22 + 30, svgA = svgEl("svg", { width: LEFT + WIDTH + RIGHT, height: H });
    var bwA = WIDTH / act.bins;
    kinds.forEach(function (k, i) {
      var y = 40 + i * 22, bins = act.kinds[k], maxK = Math.max.apply(null, bins.concat([1]));
      var total = bins.reduce(function (a, b) { return a + b; }, 0);
      rowLabel(svgA, y + 14, k + " (" + total + ")");
      bins.forEach(function (v, b) {
        if (!v) return;
        var h = Math.max(1, 18 * v / maxK);
        var r = svgEl("rect", { x: LEFT + b * bwA, y: y + 18 - h, width: Math.max(1, bwA - 0.2), height: h, fill: colour(i) });
        r.appendChild(svgEl("title", {}, v + " " + k));
        svgA.appendChild(r);
      });
    });
    axis(svgA, H - 28);
    eventMarkers(svgA, 4, H - 28);
    wrapChart(svgA);
    if (act.dropped) note(act.dropped + " later instants were not recorded (cap).");
  }

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
    app.appendChild(el(depth === 0 ? "h2" : (depth === 1 ? "h3" : "h4"), {}, title));
    if (Array.isArray(value)) {
      if (!value.length) { note("none"); return; }
      if (value.every(isScalar)) { app.appendChild(el("p", {}, value.map(fmt).join(", "))); return; }
      app.appendChild(rowsTable(value.map(function (v) { return [null, v]; }), null));
      return;
    }
    var keys = Object.keys(value);
    // An object whose members are all objects (groups, topics) reads best as one table, a row per member.
    if (keys.length && keys.every(function (k) { return value[k] !== null && typeof value[k] === "object" && !Array.isArray(value[k]); })) {
      app.appendChild(rowsTable(keys.map(function (m) { return [m, value[m]]; }), title.split(".").pop()));
      if (depth < 3) keys.forEach(function (m) {
        Object.keys(value[m]).forEach(function (sub) {
          if (!isScalar(value[m][sub])) section(title + "." + m + "." + sub, value[m][sub], depth + 1);
        });
      });
      return;
    }
    var scalars = {}, nested = [];
    keys.forEach(function (k) { if (isScalar(value[k])) scalars[k] = value[k]; else nested.push(k); });
    if (Object.keys(scalars).length) app.appendChild(objectTable(scalars));
    nested.forEach(function (k) { section(title + "." + k, value[k], depth + 1); });
  }
  Object.keys(report).forEach(function (k) {
    if (k === "warnings" || isScalar(report[k])) return;
    section(k, report[k], 0);
  });
})();
