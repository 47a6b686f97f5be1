// Shared by the page's scripts: the embedded data, small DOM helpers, formatting, colours, and
// the one time range ("view") that every chart shows, so zoom and pan act on all of them at once.
// All scenario-supplied text goes through textContent, never innerHTML.
var rmqsim = (function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var endMs = Math.max(1, data.end_ms);
  var app = document.getElementById("app");
  app.textContent = "";

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function fmtTime(ms) {
    if (ms === null || ms === undefined) return "-";
    var neg = ms < 0 ? "-" : "";
    ms = Math.abs(ms);
    if (ms < 1000 && ms % 1000) return neg + Math.round(ms) + "ms";
    // Rounded to a tenth of a second first, so no "59.96 s" shows as "60s".
    var tenths = Math.round(ms / 100);
    if (tenths < 600) return neg + tenths / 10 + "s";
    var m = Math.floor(tenths / 600), r = (tenths - m * 600) / 10;
    if (m < 60) return neg + m + "m" + (r ? r + "s" : "");
    var h = Math.floor(m / 60);
    return neg + h + "h" + (m % 60 ? (m % 60) + "m" : "") + (r ? r + "s" : "");
  }
  function fmt(v) {
    if (v === null || v === undefined) return "never";
    if (typeof v === "number") return Number.isInteger(v) ? String(v) : (Math.round(v * 1000) / 1000).toString();
    if (typeof v === "boolean") return v ? "yes" : "no";
    if (typeof v === "object") return JSON.stringify(v);
    return String(v);
  }
  var PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#edc948", "#76b7b2", "#17becf", "#9c755f",
                 "#8c564b", "#86bcb6", "#8cd17d", "#bcbd22"];
  function colour(i) { return i < PALETTE.length ? PALETTE[i] : "hsl(" + ((i * 137.508) % 360).toFixed(1) + ",55%,58%)"; }

  // --- the shared time range -------------------------------------------------------------------
  // Charts register a callback; setView clamps the range to the run and calls every one of them
  // except the chart the change came from (uPlot already shows its own drag selection).
  var MIN_SPAN = Math.min(endMs, 10);
  var view = { min: 0, max: endMs };
  var viewers = [];
  var cursorViewers = [];
  function setView(min, max, source) {
    var span = Math.min(endMs, Math.max(MIN_SPAN, max - min));
    min = Math.max(0, Math.min(min, endMs - span));
    view.min = min;
    view.max = min + span;
    viewers.forEach(function (v) { if (v.source !== source) v.update(view); });
  }
  function onView(update, source) { viewers.push({ update: update, source: source }); }
  function zoomAround(t, factor) { setView(t - (t - view.min) * factor, t + (view.max - t) * factor); }
  function pan(fraction) { var d = (view.max - view.min) * fraction; setView(view.min + d, view.max + d); }
  // The time under the mouse on any chart (null when it leaves), for the cursor lines and the
  // selected client's holdings.
  var cursor = { t: null };
  function setCursor(t, source) {
    cursor.t = t;
    cursorViewers.forEach(function (v) { if (v.source !== source) v.update(t); });
  }
  function onCursor(update, source) { cursorViewers.push({ update: update, source: source }); }

  // The selected client (click in the Gantt or the client list): its queues are highlighted.
  var selection = { client: -1 };
  var selectionViewers = [];
  function select(client) {
    selection.client = client;
    selectionViewers.forEach(function (f) { f(client); });
  }
  function onSelect(f) { selectionViewers.push(f); }

  // A name the run gave to several processes (a restart is a new client id): "name #2" for the
  // second one, so the legend, the list and the tooltips tell them apart.
  var starts = {}, labels = data.clients.names.map(function (n) { starts[n] = (starts[n] || 0) + 1; return n + " #" + starts[n]; });
  function clientLabel(c) { var n = data.clients.names[c]; return starts[n] > 1 ? labels[c] : n; }

  // Time-axis tick steps (ms) that read well as durations: 1-2-5 below a second, then 1, 2, 5,
  // 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, hours.
  var TIME_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000,
                    600000, 900000, 1800000, 3600000, 7200000, 10800000, 21600000, 43200000, 86400000];

  // Layout shared by the Gantt canvas and the uPlot charts so their time axes line up.
  var LEFT = 190, RIGHT = 20;
  function chartWidth() { return Math.max(700, Math.min(1600, app.clientWidth || 1200)); }

  return {
    data: data, endMs: endMs, app: app, el: el, fmtTime: fmtTime, fmt: fmt, colour: colour,
    view: view, setView: setView, onView: onView, zoomAround: zoomAround, pan: pan,
    cursor: cursor, setCursor: setCursor, onCursor: onCursor,
    selection: selection, select: select, onSelect: onSelect,
    LEFT: LEFT, RIGHT: RIGHT, chartWidth: chartWidth,
    h2: function (text) { app.appendChild(el("h2", {}, text)); },
    note: function (text) { app.appendChild(el("p", { "class": "note" }, text)); },
    clientName: function (c) { return data.clients.names[c]; },
    clientLabel: clientLabel, TIME_STEPS: TIME_STEPS
  };
})();
