// Interactive check of one --html page in headless Chromium (Debian's chromium, driven by
// playwright-core): the page loads with no request leaving the file, hovering a Gantt bar names
// the owners that the run's ownership.csv says, zooming and panning change the range of every
// chart alike, clicking a client highlights exactly its queues, clicking an event jumps to it.
// Expected values come from the CSV written by the same run, not from the page.
// Usage: node check.js PAGE.html CSV_DIR OUT_DIR [--measure-only]
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const [page_, csvDir, outDir] = process.argv.slice(2);
const measureOnly = process.argv.includes("--measure-only");
const html = path.resolve(page_);
const failures = [];
function check(ok, what) {
  if (!ok) failures.push(what);
  console.log((ok ? "  ok   " : "  FAIL ") + what);
}
const near = (a, b, tol) => Math.abs(a - b) <= tol;
// The whole check is bounded: a hung browser fails the test instead of blocking CI.
setTimeout(() => { console.error("html-test: timed out"); process.exit(1); }, 180000).unref();

/// ownership.csv -> {"topic@broker:id" of group: [[client, start, end], ...]} (end: run end when never lost).
function ownership(dir) {
  const lines = fs.readFileSync(path.join(dir, "ownership.csv"), "utf8").trim().split("\n").slice(1);
  const open = new Map(), out = new Map(), clients = new Map();
  for (const line of lines) {
    // Names in the shipped scenarios have no commas or quotes; a quoted field would need a real parser.
    const [t, group, client, topic, broker, id, change] = line.split(",");
    const key = `${group}\u0000${topic}@${broker}:${id}`, ck = `${key}\u0000${client}`;
    if (change === "gain") open.set(ck, Number(t));
    else { (out.get(key) || out.set(key, []).get(key)).push([client, open.get(ck), Number(t)]); open.delete(ck); }
    if (!clients.has(client)) clients.set(client, new Set());
    clients.get(client).add(key);
  }
  for (const [ck, start] of open) {
    const [group, q, client] = ck.split("\u0000");
    const key = `${group}\u0000${q}`;
    (out.get(key) || out.set(key, []).get(key)).push([client, start, Infinity]);
  }
  return { byQueue: out, byClient: clients };
}
const ownersAt = (ivs, t) => ivs.filter(([, s, e]) => s <= t && t < e).map(([c]) => c).sort();

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
                                          args: ["--no-sandbox", "--disable-gpu"] });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors = [], remote = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("request", (r) => { if (!r.url().startsWith("file://") && !r.url().startsWith("data:")) remote.push(r.url()); });
  const t0 = Date.now();
  await page.goto("file://" + html, { waitUntil: "load" });
  const wall = Date.now() - t0;
  const nav = await page.evaluate(() => { const n = performance.getEntriesByType("navigation")[0]; return { load: n.loadEventEnd, dom: n.domContentLoadedEventEnd }; });
  const bytes = fs.statSync(html).size;
  console.log(`html-test: ${path.basename(html)}: ${(bytes / 1e6).toFixed(2)} MB, load event after ${Math.round(nav.load)} ms (goto ${wall} ms)`);
  check(errors.length === 0, "no script errors" + (errors.length ? ": " + errors.join(" | ") : ""));
  check(remote.length === 0, "no request leaves the file" + (remote.length ? ": " + remote.join(", ") : ""));
  check(await page.evaluate(() => !!window.rmqsimReport), "the page's script ran");
  fs.mkdirSync(outDir, { recursive: true });
  // page.png: the whole page; the others: its top 1,500 px (toolbar, Gantt, charts) after an interaction.
  const shot = async (name, whole) => {
    await page.screenshot({ path: path.join(outDir, name), fullPage: true, clip: whole ? undefined : { x: 0, y: 0, width: 1400, height: 1500 } });
    console.log("  screenshot " + path.join(outDir, name));
  };

  // Redraw cost of a zoom on every chart (mean of 20), measured in the page.
  const zoomMs = await page.evaluate(() => {
    const t = performance.now();
    for (let i = 0; i < 20; i++) rmqsim.zoomAround(rmqsim.endMs / 2, i % 2 ? 2 : 0.5);
    rmqsim.setView(0, rmqsim.endMs);
    return (performance.now() - t) / 21;
  });
  console.log(`html-test: one zoom step redraws every chart in ${zoomMs.toFixed(1)} ms`);
  if (measureOnly) {
    await shot("page.png", true);
    await browser.close();
    process.exit(failures.length ? 1 : 0);
  }
  await shot("page.png", true);
  // The Gantt's plot and the line charts' plots start at the same x, so their time axes line up.
  const ganttX = (await page.locator("#gantt-canvas").boundingBox()).x + (await page.evaluate(() => rmqsim.LEFT));
  const plotX = (await page.locator("#chart-load .u-over").boundingBox()).x;
  check(near(ganttX, plotX, 1), `the Gantt's time axis starts where the charts' do (${ganttX} / ${plotX} px)`);

  const { byQueue, byClient } = ownership(csvDir);
  const info = await page.evaluate(() => ({ names: rmqsimReport.gantt.names, end: rmqsim.endMs, groups: rmqsim.data.gantt.groups.length }));
  const rowName = (key) => { const [group, q] = key.split("\u0000"); return info.groups > 1 ? group + " " + q : q; };
  const ranges = () => page.evaluate(() => ({ view: rmqsimReport.view(), charts: rmqsimReport.chartRanges(),
                                              label: (() => { const e = document.getElementById("range"); return { min: Number(e.dataset.min), max: Number(e.dataset.max) }; })() }));
  async function allAgree(what, tol) {
    const r = await ranges();
    const ok = r.charts.length > 0 && r.charts.every((c) => near(c.min, r.view.min, tol) && near(c.max, r.view.max, tol)) &&
               near(r.label.min, r.view.min, 1) && near(r.label.max, r.view.max, 1);
    check(ok, `${what}: every chart shows ${Math.round(r.view.min)}-${Math.round(r.view.max)} ms (${r.charts.map((c) => c.id + " " + Math.round(c.min) + "-" + Math.round(c.max)).join(", ")})`);
    return r.view;
  }
  /// Hovers queue `name` at time t and returns what the tooltip shows.
  async function hover(name, t) {
    await page.locator("#gantt-canvas").scrollIntoViewIfNeeded();
    const p = await page.evaluate(([n, at]) => rmqsimReport.gantt.pointFor(n, at), [name, t]);
    await page.mouse.move(p.x, p.y);
    return page.evaluate(() => { const tip = document.getElementById("gantt-tip");
      return { shown: tip.style.display !== "none", queue: tip.dataset.queue, t: Number(tip.dataset.t), owners: tip.dataset.owners, text: tip.textContent }; });
  }

  // --- hover: the tooltip names the owner(s) the CSV says, at the time under the mouse -------------
  const keys = [...byQueue.keys()].sort();
  const picks = [0, 1, 2, 3, 4].map((i) => keys[Math.floor(i * (keys.length - 1) / 4)]).filter((k, i, a) => a.indexOf(k) === i);
  for (const key of picks) {
    const ivs = byQueue.get(key);
    // The longest bar of the queue, hovered at its middle (a few pixels from any change).
    const [, s, e] = ivs.map(([c, a, b]) => [c, a, Math.min(b, info.end)]).sort((x, y) => (y[2] - y[1]) - (x[2] - x[1]))[0];
    const name = rowName(key);
    check(info.names.includes(name), `the Gantt has a row for ${name}`);
    const tip = await hover(name, (s + Math.min(e, info.end)) / 2);
    const want = ownersAt(ivs, tip.t);
    check(tip.shown && tip.queue === name && near(tip.t, (s + e) / 2, info.end / 400) &&
          tip.owners.split(",").filter(Boolean).sort().join(",") === want.join(",") && want.every((c) => tip.text.includes(c)),
          `hover ${name} at ${tip.t} ms: tooltip names owner(s) "${tip.owners}", ownership.csv says "${want.join(",")}"`);
  }
  // A time with no owner, if the run has one: the tooltip must say so.
  const orphanKey = keys.find((k) => byQueue.get(k).every(([, s]) => s > info.end * 0.02));
  if (orphanKey) {
    const tip = await hover(rowName(orphanKey), 1);
    const want = ownersAt(byQueue.get(orphanKey), tip.t);
    check(tip.owners === want.join(",") && (want.length || tip.text.includes("no owner")), `hover ${rowName(orphanKey)} at ${tip.t} ms: "${tip.owners || "no owner"}"`);
  }

  // --- zoom: a drag on the load chart selects a range; every chart and the Gantt follow ----------------
  // Mouse coordinates are the viewport's: bring each chart into view before using its box.
  await page.locator("#chart-load .u-over").scrollIntoViewIfNeeded();
  const over = await page.locator("#chart-load .u-over").boundingBox();
  await page.mouse.move(over.x + over.width * 0.25, over.y + over.height / 2);
  await page.mouse.down();
  await page.mouse.move(over.x + over.width * 0.4, over.y + over.height / 2, { steps: 5 });
  await page.mouse.move(over.x + over.width * 0.5, over.y + over.height / 2, { steps: 5 });
  await page.mouse.up();
  let v = await allAgree("drag-zoom on the load chart", 1);
  check(near(v.min, info.end * 0.25, info.end * 0.01) && near(v.max, info.end * 0.5, info.end * 0.01),
        `the zoomed range is the dragged quarter (${Math.round(v.min)}-${Math.round(v.max)} of ${info.end} ms)`);
  // The Gantt shows the same range: hovering its plot's left and right edges reads those times.
  await page.locator("#gantt-canvas").scrollIntoViewIfNeeded();
  const gbox = await page.locator("#gantt-canvas").boundingBox();
  const gLeft = await page.evaluate(() => rmqsim.LEFT), gRight = gbox.width - (await page.evaluate(() => rmqsim.RIGHT));
  const tAt = async (px) => { await page.mouse.move(gbox.x + px, gbox.y + 40); return page.evaluate(() => rmqsim.cursor.t); };
  const l = await tAt(gLeft + 1), r = await tAt(gRight - 1);
  const msPerPx = (v.max - v.min) / (gRight - gLeft);
  check(near(l, v.min, 2 * msPerPx) && near(r, v.max, 2 * msPerPx), `the Gantt's time axis spans the same range (${Math.round(l)}-${Math.round(r)} ms)`);
  await shot("zoomed.png");
  // Ctrl+wheel on the Gantt zooms in around the mouse.
  await page.mouse.move(gbox.x + (gLeft + gRight) / 2, gbox.y + 60);
  await page.keyboard.down("Control");
  await page.mouse.wheel(0, -100);
  await page.keyboard.up("Control");
  const before = v;
  v = await allAgree("Ctrl+wheel on the Gantt", 1);
  check(near(v.max - v.min, (before.max - before.min) * 0.8, 1), `Ctrl+wheel zoomed in by 0.8 (span ${Math.round(before.max - before.min)} -> ${Math.round(v.max - v.min)} ms)`);
  // A drag on the Gantt pans: 100 px to the right shows earlier times.
  const span = v.max - v.min;
  await page.mouse.down();
  await page.mouse.move(gbox.x + (gLeft + gRight) / 2 + 100, gbox.y + 60, { steps: 5 });
  await page.mouse.up();
  const panned = await allAgree("drag on the Gantt", 1);
  check(near(panned.min, v.min - 100 / (gRight - gLeft) * span, span / 200) && near(panned.max - panned.min, span, 1),
        `a 100 px drag on the Gantt panned by ${Math.round(v.min - panned.min)} ms, span kept`);
  await page.click("#zoom-reset");
  v = await allAgree("'whole run'", 1);
  check(v.min === 0 && v.max === info.end, "'whole run' shows 0 - end");

  // --- click a client: exactly its queues are highlighted and listed -----------------------------------
  // ownership.csv names clients; a restarted process is a new client with the same name, which the
  // page keeps apart ("name #2"): select each process of the name and check their union.
  const clientNames = await page.evaluate(() => rmqsim.data.clients.names);
  const busiest = [...byClient.entries()].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))[0][0];
  const processes = clientNames.map((n, c) => (n === busiest ? c : -1)).filter((c) => c >= 0);
  const want = [...byClient.get(busiest)].map(rowName).sort();
  const someKey = [...byClient.get(busiest)][0];
  const listed = new Set(), lit = new Set(), held = [];
  for (const c of processes) {
    const chip = page.locator(`#gantt-legend span.client[data-client="${c}"]`);
    if (await chip.count()) await chip.click(); else await page.selectOption("#client-select", String(c));
    (await page.locator("#client-queues li").allTextContents()).forEach((q) => listed.add(q));
    (await page.evaluate(() => rmqsimReport.gantt.highlightedRows())).forEach((q) => lit.add(q));
    // Its holdings at a hovered time, against the CSV.
    await hover(rowName(someKey), info.end * 0.75);
    held.push(await page.evaluate(() => { const h = document.getElementById("client-holdings"); return { t: Number(h.dataset.t), n: Number(h.dataset.count), text: h.textContent }; }));
  }
  const who = `${busiest}${processes.length > 1 ? ` (${processes.length} processes)` : ""}`;
  check([...listed].sort().join("|") === want.join("|"), `clicking ${who} lists exactly its ${want.length} queues (page lists ${listed.size})`);
  check([...lit].sort().join("|") === want.join("|"), `clicking ${who} highlights exactly its ${want.length} Gantt rows (page: ${lit.size})`);
  const holdT = held[0].t, holdN = held.reduce((n, h) => n + h.n, 0);
  const wantHeld = [...byClient.get(busiest)].filter((k) => ownersAt(byQueue.get(k), holdT).includes(busiest));
  check(held.every((h) => h.t === holdT) && holdN === wantHeld.length &&
        wantHeld.every((k) => held.some((h) => h.text.includes(rowName(k))) || wantHeld.length > 40),
        `${who} holds ${holdN} queues at ${holdT} ms; ownership.csv says ${wantHeld.length}`);
  await shot("client.png");
  await page.mouse.move(5, 5);

  // --- click an event: the view jumps to its time on every chart ---------------------------------------
  const events = await page.locator("#events tr").count();
  check(events > 0 || (await page.evaluate(() => rmqsim.data.events.length)) === 0, `the event list has ${events} rows`);
  for (let i = 0; i < Math.min(events, 3); i++) {
    const row = page.locator("#events tr").nth(i);
    const t = Number(await row.getAttribute("data-t"));
    await row.scrollIntoViewIfNeeded();
    await row.click();
    v = await allAgree(`click on event ${i + 1}`, 1);
    const centred = near((v.min + v.max) / 2, t, 1) || v.min === 0 || near(v.max, info.end, 1);
    check(centred && v.min <= t && t <= v.max && v.max - v.min < info.end, `event ${i + 1} at ${t} ms: view ${Math.round(v.min)}-${Math.round(v.max)} centred on it`);
  }
  if (events) await shot("event.png");
  await browser.close();
  console.log(failures.length ? `html-test: ${failures.length} check(s) failed` : "html-test: all checks passed");
  process.exit(failures.length ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(1); });
