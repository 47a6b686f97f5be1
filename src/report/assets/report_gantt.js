// The queue-ownership Gantt: one row per (group, queue), bars coloured by owner, orphan periods
// hatched red, overlaps split per owner and framed. Drawn on a canvas, only the rows and bars in
// sight, so 10,000 queues stay fluid. Drag pans the time axis, Ctrl+wheel zooms, hover shows the
// queue's owner history, a click on a bar selects its owner.
rmqsim.gantt = (function (R) {
  "use strict";
  var g = R.data.gantt, el = R.el, fmtTime = R.fmtTime;
  if (!g || !g.rows.length) return null;
  var nRows = g.rows.length / 4, iv = g.intervals, nIv = iv.length / 4;
  var multiGroup = g.groups.length > 1;
  var names = [];
  for (var r = 0; r < nRows; r++)
    names.push((multiGroup ? g.groups[g.rows[4 * r]] + " " : "") + g.topics[g.rows[4 * r + 1]] + "@" + g.brokers[g.rows[4 * r + 2]] + ":" + g.rows[4 * r + 3]);
  function perRow(arr, stride) {
    var out = names.map(function () { return []; });
    for (var i = 0; i < arr.length; i += stride) out[arr[i]].push(i);
    return out;
  }
  var byRow = perRow(iv, 4), orphansByRow = perRow(g.orphans, 3), overlapsByRow = perRow(g.overlaps, 3);
  var byClient = R.data.clients.names.map(function () { return []; });
  for (var k = 0; k < nIv; k++) byClient[iv[4 * k + 1]].push(4 * k);

  function ownersAt(row, t) {
    return byRow[row].filter(function (i) { return iv[i + 2] <= t && t < iv[i + 3]; }).map(function (i) { return iv[i + 1]; });
  }
  /// Rows `client` owns at `t`.
  function holdingsAt(client, t) {
    return byClient[client].filter(function (i) { return iv[i + 2] <= t && t < iv[i + 3]; }).map(function (i) { return iv[i]; });
  }
  /// Rows `client` owned at some time of the run, in row order.
  function rowsOf(client) {
    var seen = {};
    byClient[client].forEach(function (i) { seen[iv[i]] = true; });
    return Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
  }

  // --- layout --------------------------------------------------------------------------------------
  var HEADER = 26;
  var rowH = Math.max(3, Math.min(16, Math.floor(560 / nRows)));
  var height = Math.min(nRows * rowH, 560) + HEADER;
  var labelEvery = Math.ceil(13 / rowH);
  var wrap = el("div", { "class": "gantt", id: "gantt" });
  var canvas = el("canvas", { id: "gantt-canvas" });
  var spacer = el("div");
  wrap.appendChild(canvas);
  wrap.appendChild(spacer);
  var ctx = canvas.getContext("2d");
  var width = 0, plotW = 0, highlighted = {};
  function resize() {
    width = R.chartWidth();
    plotW = width - R.LEFT - R.RIGHT;
    var dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.width = width + "px";
    canvas.style.height = height + "px";
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    wrap.style.height = height + "px";
    wrap.style.width = width + "px";
    spacer.style.height = Math.max(0, HEADER + nRows * rowH - height) + "px";
    draw();
  }
  function x(t) { return R.LEFT + (t - R.view.min) / (R.view.max - R.view.min) * plotW; }
  function timeAt(px) { return R.view.min + (px - R.LEFT) / plotW * (R.view.max - R.view.min); }
  function firstRow() { return Math.floor(wrap.scrollTop / rowH); }
  function rowTop(row) { return HEADER + row * rowH - wrap.scrollTop; }

  var hatch = (function () {
    var c = document.createElement("canvas");
    c.width = c.height = 6;
    var h = c.getContext("2d");
    h.fillStyle = "#f6c9c9";
    h.fillRect(0, 0, 6, 6);
    h.strokeStyle = "#d62728";
    h.lineWidth = 2;
    h.beginPath();
    h.moveTo(-1, 7); h.lineTo(7, -1); h.moveTo(5, 7); h.lineTo(7, 5); h.moveTo(-1, 1); h.lineTo(1, -1);
    h.stroke();
    return ctx.createPattern(c, "repeat");
  })();

  var STEPS = R.TIME_STEPS;
  function tickStep(span) {
    for (var i = 0; i < STEPS.length; i++) if (span / STEPS[i] <= plotW / 90) return STEPS[i];
    return STEPS[STEPS.length - 1] * Math.ceil(span / STEPS[STEPS.length - 1] / (plotW / 90));
  }
  function bar(t0, t1, top, h) {
    var a = Math.max(R.LEFT, x(t0)), b = Math.min(R.LEFT + plotW, x(t1));
    if (b > a) ctx.fillRect(a, top, Math.max(0.6, b - a), h);
  }

  function draw() {
    var v = R.view, sel = R.selection.client;
    ctx.clearRect(0, 0, width, height);
    ctx.font = "11px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    var r0 = firstRow(), r1 = Math.min(nRows - 1, Math.ceil((wrap.scrollTop + height - HEADER) / rowH));
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, HEADER, width, height - HEADER);
    ctx.clip();
    for (var row = r0; row <= r1; row++) {
      var top = rowTop(row), h = Math.max(1, rowH - 1);
      if (row % 2) { ctx.fillStyle = "#f7f8fb"; ctx.fillRect(R.LEFT, top, plotW, rowH); }
      ctx.fillStyle = hatch;
      orphansByRow[row].forEach(function (i) { if (g.orphans[i + 2] > v.min && g.orphans[i + 1] < v.max) bar(g.orphans[i + 1], g.orphans[i + 2], top, h); });
      byRow[row].forEach(function (i) {
        if (iv[i + 3] <= v.min || iv[i + 2] >= v.max) return;
        ctx.fillStyle = sel >= 0 && iv[i + 1] !== sel ? "#dde1e8" : R.colour(iv[i + 1]);
        bar(iv[i + 2], iv[i + 3], top, h);
      });
      overlapsByRow[row].forEach(function (i) {
        var p0 = g.overlaps[i + 1], p1 = g.overlaps[i + 2];
        if (p1 <= v.min || p0 >= v.max) return;
        var owners = byRow[row].filter(function (j) { return iv[j + 2] < p1 && iv[j + 3] > p0; });
        var sh = h / Math.max(1, owners.length);
        owners.forEach(function (j, n) {
          ctx.fillStyle = sel >= 0 && iv[j + 1] !== sel ? "#dde1e8" : R.colour(iv[j + 1]);
          bar(Math.max(p0, iv[j + 2]), Math.min(p1, iv[j + 3]), top + n * sh, sh);
        });
        ctx.strokeStyle = "#1d2433";
        ctx.lineWidth = 1.2;
        var a = Math.max(R.LEFT, x(p0)), b = Math.min(R.LEFT + plotW, x(p1));
        ctx.strokeRect(a, top + 0.5, Math.max(2, b - a), Math.max(1, h - 1));
      });
      if (highlighted[row]) { ctx.fillStyle = R.colour(sel); ctx.fillRect(R.LEFT - 5, top, 4, h); }
      // Thin rows (large fleets): a label every `labelEvery` rows, with a tick at its row.
      if (row % labelEvery === 0) {
        if (labelEvery > 1) { ctx.fillStyle = "#9aa3b5"; ctx.fillRect(R.LEFT - 6, top + h / 2 - 0.5, 4, 1); }
        ctx.fillStyle = highlighted[row] ? "#1d2433" : "#4a5468";
        ctx.font = (highlighted[row] ? "600 " : "") + "11px system-ui, sans-serif";
        // Cut from the left (the queue id end is what tells rows apart) until it fits the label column.
        var label = names[row];
        for (var cut = 1; ctx.measureText(label).width > R.LEFT - 14 && cut < names[row].length; cut++) label = "..." + names[row].slice(cut);
        ctx.textAlign = "right";
        ctx.fillText(label, R.LEFT - 8, top + (labelEvery > 1 ? h / 2 : rowH / 2));
      }
    }
    ctx.restore();
    // Time axis on top (stays in view while the rows scroll), event markers and the cursor line.
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, width, HEADER);
    ctx.strokeStyle = "#9aa3b5";
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(R.LEFT, HEADER - 0.5); ctx.lineTo(R.LEFT + plotW, HEADER - 0.5);
    var step = tickStep(v.max - v.min);
    ctx.fillStyle = "#4a5468";
    ctx.textAlign = "center";
    ctx.font = "11px system-ui, sans-serif";
    for (var t = Math.ceil(v.min / step) * step; t <= v.max; t += step) {
      ctx.moveTo(x(t) + 0.5, HEADER - 5); ctx.lineTo(x(t) + 0.5, HEADER);
      ctx.fillText(fmtTime(t), x(t), HEADER - 13);
    }
    ctx.stroke();
    ctx.setLineDash([4, 3]);
    ctx.strokeStyle = "#1d2433";
    (R.data.events || []).forEach(function (e) {
      if (e[0] < v.min || e[0] > v.max) return;
      ctx.beginPath();
      ctx.moveTo(x(e[0]) + 0.5, HEADER); ctx.lineTo(x(e[0]) + 0.5, height);
      ctx.stroke();
    });
    ctx.setLineDash([]);
    if (R.cursor.t !== null && R.cursor.t >= v.min && R.cursor.t <= v.max) {
      ctx.strokeStyle = "#b3261e";
      ctx.beginPath();
      ctx.moveTo(x(R.cursor.t) + 0.5, HEADER); ctx.lineTo(x(R.cursor.t) + 0.5, height);
      ctx.stroke();
    }
  }

  // --- hover tooltip ---------------------------------------------------------------------------------
  var tip = el("div", { "class": "tip", id: "gantt-tip" });
  tip.style.display = "none";
  document.body.appendChild(tip);
  function line(text, cls) { tip.appendChild(el("div", cls ? { "class": cls } : {}, text)); }
  function showTip(row, t, ev) {
    tip.textContent = "";
    var owners = ownersAt(row, t);
    tip.dataset.queue = names[row];
    tip.dataset.t = String(Math.round(t));
    tip.dataset.owners = owners.map(R.clientName).join(",");
    line(names[row], "tip-head");
    line("at " + fmtTime(t) + ": " + (owners.length ? (owners.length > 1 ? "owners " : "owner ") + owners.map(R.clientLabel).join(", ")
                                                      : "no owner"), owners.length > 1 ? "tip-bad" : (owners.length ? "" : "tip-bad"));
    owners.forEach(function (c) { line(R.clientLabel(c) + " holds " + holdingsAt(c, t).length + " queues at " + fmtTime(t)); });
    var hist = byRow[row];
    line("owner history (" + hist.length + "):", "tip-sub");
    var from = Math.max(0, Math.min(hist.length - 12, hist.findIndex(function (i) { return iv[i + 3] > t; }) - 5));
    if (from < 0) from = 0;
    if (from > 0) line("... " + from + " earlier");
    hist.slice(from, from + 12).forEach(function (i) {
      line(R.clientLabel(iv[i + 1]) + "  " + fmtTime(iv[i + 2]) + " - " + (iv[i + 3] >= R.endMs ? "end" : fmtTime(iv[i + 3])),
           iv[i + 2] <= t && t < iv[i + 3] ? "tip-now" : "");
    });
    if (hist.length > from + 12) line("... " + (hist.length - from - 12) + " later");
    tip.style.display = "block";
    var left = ev.clientX + 14, topPx = ev.clientY + 12;
    tip.style.left = Math.min(left, window.innerWidth - tip.offsetWidth - 8) + "px";
    tip.style.top = Math.min(topPx, window.innerHeight - tip.offsetHeight - 8) + "px";
  }
  function hideTip() { tip.style.display = "none"; }
  function rowAt(py) { var row = Math.floor((py - HEADER + wrap.scrollTop) / rowH); return py < HEADER || row >= nRows ? -1 : row; }

  var drag = null;
  canvas.addEventListener("mousedown", function (e) {
    drag = { x: e.clientX, min: R.view.min, max: R.view.max, moved: false };
    e.preventDefault();
  });
  window.addEventListener("mousemove", function (e) {
    if (!drag) return;
    var dx = e.clientX - drag.x;
    if (Math.abs(dx) > 3) drag.moved = true;
    if (drag.moved) {
      var dt = -dx / plotW * (drag.max - drag.min);
      R.setView(drag.min + dt, drag.max + dt);
    }
  });
  window.addEventListener("mouseup", function (e) {
    if (!drag) return;
    var moved = drag.moved;
    drag = null;
    if (moved) return;
    var rect = canvas.getBoundingClientRect(), px = e.clientX - rect.left, row = rowAt(e.clientY - rect.top);
    if (row < 0 || px < R.LEFT) return;
    var owners = ownersAt(row, timeAt(px));
    R.select(owners.length ? owners[0] : -1);
  });
  canvas.addEventListener("mousemove", function (e) {
    var rect = canvas.getBoundingClientRect(), px = e.clientX - rect.left, py = e.clientY - rect.top;
    var row = rowAt(py);
    if (px < R.LEFT || px > R.LEFT + plotW) { hideTip(); return; }
    var t = timeAt(px);
    R.setCursor(t, api);
    draw();
    if (row < 0 || drag && drag.moved) hideTip();
    else showTip(row, t, e);
  });
  canvas.addEventListener("mouseleave", function () { hideTip(); R.setCursor(null, api); draw(); });
  canvas.addEventListener("wheel", function (e) {
    if (!e.ctrlKey && !e.metaKey) return;  // a plain wheel scrolls the rows
    e.preventDefault();
    var rect = canvas.getBoundingClientRect();
    R.zoomAround(timeAt(e.clientX - rect.left), e.deltaY > 0 ? 1.25 : 0.8);
  }, { passive: false });
  canvas.addEventListener("dblclick", function () { R.setView(0, R.endMs); });
  wrap.addEventListener("scroll", draw);

  var api = {
    element: wrap, names: names, rowCount: nRows, rowsOf: rowsOf, holdingsAt: holdingsAt, resize: resize, draw: draw,
    /// Where (page client coordinates) the bar of queue `name` at time `t` is; scrolls it into view.
    pointFor: function (name, t) {
      var row = names.indexOf(name);
      if (row < 0) return null;
      var want = row * rowH - (height - HEADER) / 2;
      wrap.scrollTop = Math.max(0, want);
      draw();
      var rect = canvas.getBoundingClientRect();
      return { x: rect.left + x(t), y: rect.top + rowTop(row) + rowH / 2 };
    },
    highlightedRows: function () { return Object.keys(highlighted).map(Number).sort(function (a, b) { return a - b; }).map(function (r) { return names[r]; }); }
  };
  R.onView(draw, api);
  R.onCursor(draw, api);
  R.onSelect(function (client) {
    highlighted = {};
    if (client >= 0) rowsOf(client).forEach(function (row) { highlighted[row] = true; });
    draw();
  });
  return api;
})(rmqsim);
