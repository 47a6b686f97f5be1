// Draws the rmq-rebalance-sim report page from the embedded JSON (no network, no libraries).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var app = document.getElementById("app");
  app.innerHTML = "";
  var NS = "http://www.w3.org/2000/svg";
  var report = data.report;
  var endMs = Math.max(1, data.end_ms);

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svgEl(tag, attrs) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }
  function h2(text) { app.appendChild(el("h2", {}, text)); }
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
    return String(v);
  }
  var PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#edc948", "#76b7b2", "#ff9da7", "#9c755f",
                 "#e15759", "#86bcb6", "#8cd17d", "#d37295"];
  function colour(i) { return i < PALETTE.length ? PALETTE[i] : "hsl(" + ((i * 137.508) % 360).toFixed(1) + ",55%,58%)"; }

  // --- headline figures -----------------------------------------------------------------------
  var head = el("div");
  var s = report.summary, f = report.final;
  [["queue moves", s.queue_moves + " (" + s.min_moves + " forced)"], ["orphan queue-s", fmt(s.orphan_queue_s)],
   ["overlap queue-s", fmt(s.overlap_queue_s)], ["duplicates", fmt(s.duplicates)], ["max lag", fmt(s.max_lag)],
   ["final excess imbalance", fmt(f.excess_imbalance)], ["complete", fmt(f.complete)]].forEach(function (kv) {
    var d = el("div", { "class": "kv" }, kv[0]);
    d.insertBefore(el("b", {}, kv[1]), d.firstChild);
    head.appendChild(d);
  });
  app.appendChild(el("p", { "class": "note" }, "seed " + report.seed + ", profile " + report.profile + ", " +
                     fmtTime(report.simulated_ms) + " simulated" + (report.partial ? " (PARTIAL)" : "")));
  app.appendChild(head);
  (report.warnings || []).forEach(function (w) { app.appendChild(el("div", { "class": "warn" }, w)); });

  // --- events table ---------------------------------------------------------------------------
  if (report.events.length) {
    h2("Events");
    var t = el("table");
    var cols = ["at_ms", "action", "target", "convergence_s", "queue_moves", "min_moves", "excess_moves", "overlap_queue_s", "orphan_queue_s", "duplicates"];
    var hr = el("tr");
    cols.forEach(function (c) { hr.appendChild(el("th", { "class": c === "action" || c === "target" ? "l" : "" }, c === "at_ms" ? "time" : c)); });
    t.appendChild(hr);
    report.events.forEach(function (e) {
      var tr = el("tr");
      cols.forEach(function (c) {
        var v = c === "at_ms" ? fmtTime(e[c]) : fmt(e[c]);
        var cls = c === "action" || c === "target" ? "l" : (c === "convergence_s" && e[c] === null ? "bad" : "");
        tr.appendChild(el("td", { "class": cls }, v));
      });
      t.appendChild(tr);
    });
    app.appendChild(t);
  }

  // --- final balance ----------------------------------------------------------------------------
  h2("Final balance");
  var bt = el("table");
  var bcols = ["strategy", "consumers", "queues", "min_load", "max_load", "excess_imbalance", "idle_consumers", "jain_index", "complete"];
  var bh = el("tr");
  bh.appendChild(el("th", { "class": "l" }, "group"));
  bcols.forEach(function (c) { bh.appendChild(el("th", {}, c)); });
  bt.appendChild(bh);
  Object.keys(f.groups).forEach(function (g) {
    var tr = el("tr");
    tr.appendChild(el("td", { "class": "l" }, g));
    bcols.forEach(function (c) {
      var v = f.groups[g][c];
      tr.appendChild(el("td", { "class": c === "complete" ? (v ? "good" : "bad") : "" }, fmt(v)));
    });
    bt.appendChild(tr);
  });
  app.appendChild(bt);

  // --- time axis helpers --------------------------------------------------------------------------
  var LEFT = 250, WIDTH = 1060, RIGHT = 20;
  function x(ms) { return LEFT + (ms / endMs) * WIDTH; }
  function axis(svg, y) {
    var g = svgEl("g", { "class": "axis" });
    g.appendChild(svgEl("line", { x1: LEFT, x2: LEFT + WIDTH, y1: y, y2: y }));
    for (var i = 0; i <= 10; i++) {
      var ms = endMs * i / 10;
      g.appendChild(svgEl("line", { x1: x(ms), x2: x(ms), y1: y, y2: y + 4 }));
      var tx = svgEl("text", { x: x(ms), y: y + 16, "text-anchor": "middle" });
      tx.textContent = fmtTime(ms);
      g.appendChild(tx);
    }
    svg.appendChild(g);
  }
  function eventMarkers(svg, top, bottom) {
    data.events.forEach(function (e) {
      svg.appendChild(svgEl("line", { x1: x(e[0]), x2: x(e[0]), y1: top, y2: bottom, stroke: "#1d2433", "stroke-dasharray": "4 3", "stroke-width": 1 }));
      var tx = svgEl("text", { x: x(e[0]) + 3, y: top + 10 });
      tx.textContent = e[1];
      svg.appendChild(tx);
    });
  }

  // --- Gantt of ownership ---------------------------------------------------------------------------
  h2("Queue ownership");
  var legend = el("div", { "class": "legend" });
  var clientsSeen = {};
  data.intervals.forEach(function (iv) { clientsSeen[iv[1]] = true; });
  Object.keys(clientsSeen).slice(0, 60).forEach(function (c) {
    var sp = el("span", {}, data.clients[c].name);
    var i = el("i");
    i.style.background = colour(+c);
    sp.insertBefore(i, sp.firstChild);
    legend.appendChild(sp);
  });
  var orphanKey = el("span", {}, "no owner (orphan)"); var oi = el("i"); oi.style.background = "rgba(225,87,89,0.35)"; orphanKey.insertBefore(oi, orphanKey.firstChild); legend.appendChild(orphanKey);
  var overKey = el("span", {}, "two or more owners (overlap)"); var ovi = el("i"); ovi.style.background = "#1d2433"; overKey.insertBefore(ovi, overKey.firstChild); legend.appendChild(overKey);
  app.appendChild(legend);
  if (data.queues_total > data.queues.length)
    app.appendChild(el("p", { "class": "note" }, "Showing the first " + data.queues.length + " of " + data.queues_total + " queues (see --csv for all)."));
  var ROW = data.queues.length > 120 ? 4 : 14;
  var gh = 30 + data.queues.length * ROW + 30;
  var gantt = svgEl("svg", { width: LEFT + WIDTH + RIGHT, height: gh });
  var byRow = data.queues.map(function () { return []; });
  data.intervals.forEach(function (iv) { byRow[iv[0]].push(iv); });
  byRow.forEach(function (ivs, r) {
    var y = 20 + r * ROW;
    if (ROW >= 10) {
      var lab = svgEl("text", { x: LEFT - 6, y: y + ROW - 3, "text-anchor": "end" });
      var name = data.queues[r];
      lab.textContent = name.length > 38 ? "..." + name.slice(name.length - 35) : name;
      gantt.appendChild(lab);
    }
    // Coverage sweep: orphan where nobody owns, overlap where two or more do.
    var pts = [];
    ivs.forEach(function (iv) { pts.push([iv[2], 1]); pts.push([iv[3], -1]); });
    pts.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var depth = 0, last = 0;
    function band(from, to, d) {
      if (to <= from) return;
      if (d === 0) gantt.appendChild(svgEl("rect", { x: x(from), y: y, width: Math.max(0.5, x(to) - x(from)), height: ROW - 1, fill: "#e15759", "fill-opacity": 0.35 }));
    }
    pts.forEach(function (p) { band(last, p[0], depth); depth += p[1]; last = p[0]; });
    band(last, endMs, depth);
    ivs.forEach(function (iv) {
      var rect = svgEl("rect", { x: x(iv[2]), y: y, width: Math.max(0.5, x(iv[3]) - x(iv[2])), height: ROW - 1, fill: colour(iv[1]), "fill-opacity": 0.85 });
      var title = svgEl("title");
      title.textContent = data.queues[r] + ": " + data.clients[iv[1]].name + " " + fmtTime(iv[2]) + " - " + fmtTime(iv[3]);
      rect.appendChild(title);
      gantt.appendChild(rect);
    });
    depth = 0; last = 0;
    pts.forEach(function (p) {
      if (depth >= 2 && p[0] > last)
        gantt.appendChild(svgEl("rect", { x: x(last), y: y + ROW / 2 - 1, width: Math.max(1, x(p[0]) - x(last)), height: 2, fill: "#1d2433" }));
      depth += p[1]; last = p[0];
    });
  });
  axis(gantt, gh - 28);
  eventMarkers(gantt, 4, gh - 28);
  var gwrap = el("div", { "class": "chart" });
  gwrap.appendChild(gantt);
  app.appendChild(gwrap);

  // --- line charts ------------------------------------------------------------------------------------
  function lineChart(title, series, yLabel) {
    h2(title);
    var H = 220, top = 20, bottom = H - 30;
    var maxV = 1;
    series.forEach(function (s) { s.points.forEach(function (p) { maxV = Math.max(maxV, p[1]); }); });
    var svg = svgEl("svg", { width: LEFT + WIDTH + RIGHT, height: H });
    function y(v) { return bottom - (v / maxV) * (bottom - top); }
    [0, 0.5, 1].forEach(function (q) {
      var ty = svgEl("text", { x: LEFT - 6, y: y(maxV * q) + 4, "text-anchor": "end" });
      ty.textContent = fmt(Math.round(maxV * q * 10) / 10);
      svg.appendChild(ty);
      svg.appendChild(svgEl("line", { x1: LEFT, x2: LEFT + WIDTH, y1: y(maxV * q), y2: y(maxV * q), stroke: "#eef0f4" }));
    });
    var yl = svgEl("text", { x: 8, y: top + 4 }); yl.textContent = yLabel; svg.appendChild(yl);
    var legendDiv = el("div", { "class": "legend" });
    series.forEach(function (s) {
      if (!s.points.length) return;
      var d = s.points.map(function (p, i) { return (i ? "L" : "M") + x(p[0]).toFixed(1) + "," + y(p[1]).toFixed(1); }).join("");
      svg.appendChild(svgEl("path", { d: d, fill: "none", stroke: s.colour, "stroke-width": 1.5 }));
      var sp = el("span", {}, s.name); var i = el("i"); i.style.background = s.colour; sp.insertBefore(i, sp.firstChild); legendDiv.appendChild(sp);
    });
    axis(svg, bottom);
    eventMarkers(svg, top - 16, bottom);
    app.appendChild(legendDiv);
    var wrap = el("div", { "class": "chart" }); wrap.appendChild(svg); app.appendChild(wrap);
  }
  var load = data.load;
  if (load.mode === "clients") {
    lineChart("Load per client (queues owned)", load.series.map(function (s) {
      return { name: data.clients[s.client].name, colour: colour(s.client), points: s.points };
    }), "queues");
  } else {
    lineChart("Load per client (queues owned), " + load.clients + " clients: min, mean, max", [
      { name: "min", colour: "#4a90d9", points: load.points.map(function (p) { return [p[0], p[1]]; }) },
      { name: "mean", colour: "#1d2433", points: load.points.map(function (p) { return [p[0], p[2]]; }) },
      { name: "max", colour: "#d9534f", points: load.points.map(function (p) { return [p[0], p[3]]; }) }], "queues");
  }
  var brokers = Object.keys(data.backlog);
  lineChart("Backlog per broker (messages produced but not yet committed)", brokers.map(function (b, i) {
    return { name: b, colour: colour(i * 3 + 1), points: data.backlog[b] };
  }), "messages");
})();
