// The line charts (load per client, backlog per broker, client activity), drawn with the vendored
// uPlot on the shared time range: drag selects a range to zoom into, Ctrl+wheel zooms, double-click
// shows the whole run, the legend shows each series' value under the cursor.
rmqsim.buildCharts = (function (R) {
  "use strict";
  var el = R.el, fmtTime = R.fmtTime, charts = [];
  var syncing = false;

  /// Columns for uPlot from [[t, v], ...] series: one sorted time column (0 and the run end
  /// included), each series holding its value until its next point when `step`, else null
  /// where it has no sample (a gap).
  function align(seriesPoints, step) {
    var times = { 0: true };
    times[R.endMs] = true;
    seriesPoints.forEach(function (pts) { pts.forEach(function (p) { times[p[0]] = true; }); });
    var xs = Object.keys(times).map(Number).sort(function (a, b) { return a - b; });
    var pos = {};
    xs.forEach(function (t, i) { pos[t] = i; });
    var cols = seriesPoints.map(function (pts) {
      var col = new Array(xs.length).fill(null);
      pts.forEach(function (p) { col[pos[p[0]]] = p[1]; });
      if (step) for (var i = 1; i < col.length; i++) if (col[i] === null) col[i] = col[i - 1];
      return col;
    });
    return [xs].concat(cols);
  }

  function markers(u) {
    var ctx = u.ctx, top = u.bbox.top, h = u.bbox.height, dpr = window.devicePixelRatio || 1;
    ctx.save();
    ctx.strokeStyle = "#1d2433";
    ctx.lineWidth = dpr;
    ctx.setLineDash([4 * dpr, 3 * dpr]);
    (R.data.events || []).forEach(function (e) {
      if (e[0] < u.scales.x.min || e[0] > u.scales.x.max) return;
      var px = Math.round(u.valToPos(e[0], "x", true)) + 0.5;
      ctx.beginPath(); ctx.moveTo(px, top); ctx.lineTo(px, top + h); ctx.stroke();
    });
    ctx.restore();
  }

  function chart(title, id, names, colours, columns, opts) {
    R.h2(title);
    var div = el("div", { "class": "chart", id: id });
    R.app.appendChild(div);
    var series = [{ label: "time", value: function (u, v) { return v === null ? "-" : fmtTime(v); } }];
    names.forEach(function (n, i) {
      series.push({ label: n, stroke: colours[i], width: 1.5, points: { show: false }, spanGaps: false,
                    paths: opts.step ? uPlot.paths.stepped({ align: 1 }) : undefined,
                    value: function (u, v) { return v === null || v === undefined ? "-" : R.fmt(v); } });
    });
    var u = new uPlot({
      width: R.chartWidth(), height: opts.height || 200, padding: [12, R.RIGHT, 0, 0],
      scales: { x: { time: false, range: function (u, min, max) { return [min, max]; } },
                y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.05 : 1]; } } },
      axes: [{ values: function (u, splits) { return splits.map(fmtTime); }, space: 90, incrs: R.TIME_STEPS },
             { size: R.LEFT - 20, label: opts.yLabel, labelSize: 20 }],  // the label's 20 px count on top of size
      series: series,
      legend: { live: true },
      cursor: { y: false, drag: { x: true, y: false, setScale: true }, points: { show: false } },
      hooks: {
        setScale: [function (u, key) {
          if (key !== "x" || syncing) return;
          R.setView(u.scales.x.min, u.scales.x.max, u);
        }],
        setCursor: [function (u) {
          if (syncing) return;
          var left = u.cursor.left;
          R.setCursor(left === null || left < 0 ? null : u.posToVal(left, "x"), u);
        }],
        draw: [markers]
      }
    }, columns, div);
    // The page's own handlers, so every chart zooms the same way and double-click shows the whole run.
    u.over.addEventListener("wheel", function (e) {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      R.zoomAround(u.posToVal(e.offsetX, "x"), e.deltaY > 0 ? 1.25 : 0.8);
    }, { passive: false });
    u.over.addEventListener("dblclick", function () { R.setView(0, R.endMs); });
    R.onView(function (v) {
      // batch: uPlot otherwise commits (and calls the setScale hook) in a microtask, after syncing ends.
      syncing = true;
      u.batch(function () { u.setScale("x", { min: v.min, max: v.max }); });
      syncing = false;
    }, u);
    R.onCursor(function (t) {
      syncing = true;
      if (t === null || t < u.scales.x.min || t > u.scales.x.max) u.setCursor({ left: -10, top: -10 });
      else u.setCursor({ left: u.valToPos(t, "x"), top: u.bbox.height / (window.devicePixelRatio || 1) / 2 });
      syncing = false;
    }, u);
    u.rmqsimId = id;
    charts.push(u);
    return u;
  }

  return function () {
    var d = R.data, load = d.load;
    if (load && load.mode === "clients" && load.series.length) {
      chart("Load per client (queues owned)", "chart-load", load.series.map(function (s) { return R.clientLabel(s.client); }),
            load.series.map(function (s) { return R.colour(s.client); }),
            align(load.series.map(function (s) { return s.points; }), true), { step: true, yLabel: "queues" });
    } else if (load && load.mode === "aggregate") {
      var pick = function (k) { return load.points.map(function (p) { return [p[0], p[k]]; }); };
      chart("Load per client (queues owned), " + load.clients + " clients: min, mean, max over running clients", "chart-load",
            ["min", "mean", "max"], ["#4a90d9", "#1d2433", "#d9534f"], align([pick(1), pick(2), pick(3)], true),
            { step: true, yLabel: "queues" });
    }
    var brokers = Object.keys(d.backlog || {});
    if (brokers.length)
      chart("Backlog per broker (messages produced, not yet committed)", "chart-backlog", brokers,
            brokers.map(function (b, i) { return R.colour(i * 3 + 1); }), align(brokers.map(function (b) { return d.backlog[b]; }), false),
            { yLabel: "messages" });
    var act = d.activity, kinds = act ? Object.keys(act.kinds) : [];
    if (kinds.length) {
      var binMs = R.endMs / act.bins;
      chart("Client activity per time slice (" + fmtTime(binMs) + ")", "chart-activity", kinds, kinds.map(function (k, i) { return R.colour(i); }),
            align(kinds.map(function (k) { return act.kinds[k].map(function (v, b) { return [Math.round(b * binMs), v]; }); }), true),
            { step: true, yLabel: "instants", height: 160 });
      if (act.dropped) R.note(act.dropped + " later instants were not recorded (cap).");
    }
    return charts;
  };
})(rmqsim);
