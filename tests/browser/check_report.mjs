// Renders an assay HTML report in headless Chromium and checks it against
// the decision records it was made from (counted here independently of
// assay's C code): no console errors, one table row per application, the
// histogram bars, sorting and filtering with and without JavaScript, no
// page-wide scrolling at phone width, tables that fit a printed page.
// Saves screenshots and a PDF as test artefacts.
//
// usage: node check_report.mjs REPORT.html DECISIONS.jsonl ARTEFACT_DIR NAME
//        [key=value ...]   exact values to check besides: rows=N bins=N
// Prints "ok: ..." lines; exits 1 with "FAIL: ..." on the first failure.
import { readFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Browser } from './chromium.mjs';

const [html, decisionsPath, artefacts, name, ...pins] = process.argv.slice(2);
const url = pathToFileURL(resolve(html)).href;
mkdirSync(artefacts, { recursive: true });

function fail(msg) { console.log('FAIL: ' + msg); process.exitCode = 1; throw new Error(msg); }
function same(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) fail(`${what}: got ${g}, expected ${w}`);
  console.log(`ok: ${what}: ${g.length > 70 ? g.slice(0, 70) + '...' : g}`);
}

// ---- What the page must show, from the decision records -------------
const records = readFileSync(decisionsPath, 'utf8').split('\n')
  .filter((l) => l.trim()).map((l) => JSON.parse(l));
const ok = records.filter((r) => r.status === 'ok');
const bin = (s, bins) => Math.min(bins - 1,
  Math.floor(Math.round(Math.min(1, Math.max(0, s)) * 10000) * bins / 10000));
const nonEmpty = (scores, bins) => new Set(scores.map((s) => bin(s, bins))).size;
const scored = ok.filter((r) => r.score !== null);
// Every domain some record has a score in, by name, as the report orders
// them: the domains are the plugins' data, not a list the report knows.
const domains = [...new Set(ok.flatMap((r) => Object.keys(r.domains || {})))]
  .sort();
const domainBars = {};
for (const d of domains) {
  const s = ok.filter((r) => r.domains && typeof r.domains[d] === 'number')
    .map((r) => r.domains[d]);
  if (s.length) domainBars[d] = nonEmpty(s, 10);
}
// Each domain's quartiles over every evaluated application, interpolated
// between the nearest scores, and the title of an applicant's bar.
const quartiles = {};
for (const d of domains) {
  const v = ok.filter((r) => r.domains && typeof r.domains[d] === 'number')
    .map((r) => r.domains[d]).sort((x, y) => x - y);
  quartiles[d] = [1, 2, 3].map((k) => {
    const at = (v.length - 1) * k / 4, lo = Math.floor(at);
    return lo + 1 < v.length ? v[lo] + (at - lo) * (v[lo + 1] - v[lo]) : v[lo];
  });
}
const fmt = (x) => String(Math.round(x * 10000) / 10000);
const barTitles = (r) => domains.filter((d) => r.domains && typeof r.domains[d] === 'number')
  .map((d) => `${fmt(r.domains[d])}; cohort quartiles ${quartiles[d].map(fmt).join(', ')}`);
const decisionCount = {};
for (const r of ok) decisionCount[r.decision] = (decisionCount[r.decision] || 0) + 1;

for (const pin of pins) { // exact values the caller knows by heart
  const [k, v] = pin.split('=');
  if (['pages', 'borderline', 'ties', 'fits'].includes(k)) continue; // checked in the page
  const have = { rows: ok.length, bins: nonEmpty(scored.map((r) => r.score), 20),
    errors: records.length - ok.length }[k];
  same(`pinned ${k}`, have, Number(v));
}

// Visual order of the ranked table: the rows' cells sorted by position.
const visibleIds = `[...document.querySelectorAll('#ranked tbody tr')]
  .map((tr) => [tr.cells[1], tr.cells[1].getBoundingClientRect()])
  .filter(([, r]) => r.height > 0).sort((a, b) => a[1].top - b[1].top)
  .map(([td]) => td.textContent)`;
const byId = new Map(ok.map((r) => [r.id, r]));
const scoreOrder = (ids) => ids.map((id) => byId.get(id).score);
const isSorted = (xs, dir) => {
  const nums = xs.filter((x) => x !== null), nulls = xs.slice(nums.length);
  if (nulls.some((x) => x !== null)) return false; // nulls come last
  return nums.every((x, i) => i === 0 || (dir > 0 ? nums[i - 1] <= x : nums[i - 1] >= x));
};
const rankOrder = ok.slice().sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.line - b.line)
  .map((r) => r.id);

const pinned = Object.fromEntries(pins.map((p) => p.split('=')));
const b = await Browser.launch();
try {
  // ---- With JavaScript, desktop --------------------------------------
  await b.open(url, { width: 1280, height: 900 });
  same('console errors', b.errors, []);
  same('table rows', await b.eval(`document.querySelectorAll('#ranked tbody tr').length`), ok.length);
  same('rows in rank order', await b.eval(visibleIds), rankOrder);
  same('overall histogram bars',
    await b.eval(`document.querySelectorAll('#chart-overall g.bin').length`),
    nonEmpty(scored.map((r) => r.score), 20));
  same('applications in the overall histogram',
    await b.eval(`[...document.querySelectorAll('#chart-overall g.bin')].reduce((n, g) => n + +g.dataset.n, 0)`),
    scored.length);
  same('domain histograms and their bars', await b.eval(`Object.fromEntries(
    [...document.querySelectorAll('svg.hist-domain')].map((s) =>
      [s.dataset.domain, s.querySelectorAll('rect.bar').length]))`), domainBars);
  same('axes drawn on every chart', await b.eval(`[...document.querySelectorAll('svg')]
    .every((s) => s.querySelectorAll('.axis text').length >= 4)`), true);
  same('legend entries for decisions', await b.eval(
    `document.querySelectorAll('#chart-overall .legend .sw').length`),
    Object.keys(decisionCount).length);
  same('script ran (row count shown)', await b.eval(`document.getElementById('shown').textContent`),
    `${ok.length} of ${ok.length} applications shown`);
  same('no page-wide horizontal scroll at 1280 px',
    await b.eval(`document.documentElement.scrollWidth <= innerWidth`), true);
  // Decision first: the outcome opens the page, the run's paths and hashes
  // close it.
  same('sections in order', await b.eval(`[...document.querySelectorAll('body > section')].map((s) => s.id)`),
    ['seats', 'scores', 'ranking', 'apps', 'errors', 'run']);
  same('seats on the first screen', await b.eval(
    `document.getElementById('seats-table').getBoundingClientRect().bottom < innerHeight`), true);
  same('no hash on the first screen', await b.eval(`[...document.querySelectorAll('.hash')]
    .filter((e) => e.getBoundingClientRect().top < innerHeight).length`), 0);
  if (pinned.borderline !== undefined)
    same('borderline rows', await b.eval(`document.querySelectorAll('table.border tbody tr').length`),
      Number(pinned.borderline));
  if (pinned.ties !== undefined)
    same('tie marks', await b.eval(`document.querySelectorAll('.tie').length`), Number(pinned.ties));
  // Ties are the decision records' own: a mark on exactly the rows whose
  // record has a tie, and each tie's tie-break named in the seats table.
  same('tie marks on the rows whose record says tie', await b.eval(`[...document
    .querySelectorAll('#ranked tbody tr')].filter((tr) => tr.querySelector('.tie'))
    .map((tr) => tr.cells[1].textContent).sort()`), ok.filter((r) => r.tie).map((r) => r.id).sort());
  const ties = [...new Map(ok.filter((r) => r.tie).map((r) => [r.tie.tier, r.tie])).values()];
  same('each tie and its tie-break in the seats table', await b.eval(`[...document
    .querySelectorAll('#seats-table .tie')].map((e) => e.textContent).sort()`),
    ties.map((t) => `= a tie at the cut-off: ${t.seated} seated, ${t.unseated} without a seat, settled by ${t.settled_by}`).sort());
  // Every domain score in the ranking has its bar against the cohort,
  // titled with the numbers, its mark drawn at the score.
  const shownIds = await b.eval(`[...document.querySelectorAll('#ranked tbody tr')]
    .map((tr) => tr.cells[1].textContent)`);
  same('bars against the cohort, titled with the numbers', await b.eval(`[...document
    .querySelectorAll('#ranked tbody tr')].map((tr) => [...tr.querySelectorAll('.q')]
    .map((q) => q.title))`), shownIds.map((id) => barTitles(byId.get(id))));
  same('the mark of the first bar at its score', await b.eval(`(() => {
    const q = document.querySelector('#ranked .q'), w = q.getBoundingClientRect().width;
    const left = parseFloat(getComputedStyle(q, '::after').left) + 1.5;
    return Math.round(left / w * 100);
  })()`), Math.round(byId.get(shownIds[0]).domains[domains
    .find((d) => typeof byId.get(shownIds[0]).domains[d] === 'number')] * 100));
  await b.screenshot(`${artefacts}/${name}-desktop.png`);

  // Clicking a heading sorts by it; clicking again reverses.
  await b.click('#ranked th[data-k=s] label.h');
  const desc = await b.eval(visibleIds);
  same('score heading sorts descending', isSorted(scoreOrder(desc), -1) && desc.length === ok.length, true);
  await b.click('#ranked th[data-k=s] label.h');
  same('second click sorts ascending', isSorted(scoreOrder(await b.eval(visibleIds)), 1), true);
  await b.click('#ranked th[data-k=i] label.h');
  const ids = ok.map((r) => r.id);
  same('id heading sorts by id', await b.eval(visibleIds),
    ids.slice().sort((x, y) => x.toLowerCase() < y.toLowerCase() ? -1
      : x.toLowerCase() > y.toLowerCase() ? 1 : x < y ? -1 : x > y ? 1 : 0));
  await b.click('#ranked th[data-k=r] label.h');
  same('rank heading restores rank order', await b.eval(visibleIds), rankOrder);

  // An ID opens that application's findings.
  await b.click('#ranked tbody tr:first-child a');
  same('following an ID opens its details', await b.waitFor(
    `location.hash && document.getElementById(location.hash.slice(1)).open && location.hash`), '#a0');
  same('its findings are listed', await b.eval(
    `document.querySelectorAll('#a0 table.f tbody tr:not(.g)').length`),
    (byId.get(rankOrder[0]).findings || []).length);
  same('console errors after interaction', b.errors, []);

  // ---- Without JavaScript: the same table sorts and filters ----------
  await b.open(url, { width: 1280, height: 900, javaScript: false });
  same('rows without JavaScript', (await b.eval(visibleIds)).length, ok.length);
  await b.click('label[for=s-s-a]');
  same('CSS alone sorts by score ascending', isSorted(scoreOrder(await b.eval(visibleIds)), 1), true);
  await b.click('label[for=s-s-d]');
  same('CSS alone sorts by score descending', isSorted(scoreOrder(await b.eval(visibleIds)), -1), true);
  const decisions = await b.eval(`[...document.querySelectorAll('.controls label[for^=fd-]')]
    .map((l) => [l.htmlFor, l.textContent])`);
  for (const [id, label] of decisions.slice(1)) {
    await b.click(`label[for=${id}]`);
    const shown = await b.eval(visibleIds);
    const want = ok.filter((r) => label.startsWith(r.decision + ' (')).map((r) => r.id);
    same(`CSS alone filters to ${label}`, shown.slice().sort(), want.sort());
  }
  await b.click('label[for=fd-all]');
  const last = domains.length - 1; // the report numbers domains in order
  if (last >= 0) {
    await b.click(`label[for=fx-${last}]`);
    same('CSS alone filters to one domain', (await b.eval(visibleIds)).length,
      ok.filter((r) => r.domains && typeof r.domains[domains[last]] === 'number').length);
  }

  // A cohort with few domains: the whole ranking, the why included, fits
  // a window of this width without scrolling sideways.
  if (pinned.fits !== undefined) {
    await b.open(url, { width: Number(pinned.fits), height: 900 });
    same(`ranking fits ${pinned.fits} px`, await b.eval(`(() => {
      const t = document.getElementById('ranked');
      return t.scrollWidth <= t.parentElement.clientWidth
        && document.querySelector('#ranked th:last-child').getBoundingClientRect().right <= innerWidth;
    })()`), true);
  }

  // ---- Phone width ---------------------------------------------------
  await b.open(url, { width: 390, height: 844, mobile: true });
  same('no page-wide horizontal scroll at 390 px',
    await b.eval(`document.documentElement.scrollWidth <= innerWidth`), true);
  same('id, decision and score on a phone screen', await b.eval(`[1, 4, 5].map((c) =>
    document.querySelector('#ranked tbody tr').cells[c].getBoundingClientRect().right <= innerWidth)`),
    [true, true, true]);
  same('seats table within a phone screen, no sideways scroll', await b.eval(`(() => {
    const t = document.getElementById('seats-table');
    return [t.getBoundingClientRect().right <= innerWidth,
      t.parentElement.scrollWidth <= t.parentElement.clientWidth];
  })()`), [true, true]);
  await b.screenshot(`${artefacts}/${name}-phone.png`, { fullPage: false });

  // ---- Print: A4 portrait less 12 mm margins is 703 CSS px wide --------
  await b.open(url, { width: 703, height: 1000 });
  await b.page('Emulation.setEmulatedMedia', { media: 'print' });
  same('printed ranking is a real table', await b.eval(
    `getComputedStyle(document.getElementById('ranked')).display`), 'table');
  same('nothing wider than the printed page, every application open', await b.eval(`[...document.querySelectorAll('table, svg, pre')]
    .filter((e) => e.getBoundingClientRect().right > 703.5).length`), 0);
  same('every explanation printed', await b.eval(`[...document.querySelectorAll('#apps details .body')]
    .every((e) => e.getBoundingClientRect().height > 0)`), true);
  await b.screenshot(`${artefacts}/${name}-print.png`, { fullPage: false });
  await b.page('Emulation.setEmulatedMedia', { media: '' });
  await b.open(url, { width: 1280, height: 900 });
  const pages = await b.pdf(`${artefacts}/${name}.pdf`, 'A4');
  if (pinned.pages !== undefined) same('A4 pages', pages, Number(pinned.pages));
  await b.pdf(`${artefacts}/${name}-letter.pdf`, 'Letter');
  same('console errors at the end', b.errors, []);
} catch (e) {
  if (!process.exitCode) { console.log('FAIL: ' + e.message); process.exitCode = 1; }
} finally {
  await b.close();
}
