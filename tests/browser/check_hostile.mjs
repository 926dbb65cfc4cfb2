// Renders a report made from hostile text (names, ids, reasons, tier
// names, manifest strings that are markup, scripts, formulas, right-to-left
// overrides, very long words) in headless Chromium and checks that every
// one is shown as the very text it was, and that nothing in it ran.
//
// usage: node check_hostile.mjs REPORT.html APPLICATIONS.jsonl
//        DECISIONS.jsonl ARTEFACT_DIR
import { readFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Browser } from './chromium.mjs';

const [html, appsPath, decisionsPath, artefacts] = process.argv.slice(2);
const url = pathToFileURL(resolve(html)).href;
mkdirSync(artefacts, { recursive: true });
const lines = (p) => readFileSync(p, 'utf8').split('\n').filter((l) => l.trim());
const names = new Map();
for (const l of lines(appsPath)) {
  try { const a = JSON.parse(l); names.set(a.id, a.name); } catch { /* a bad line */ }
}
const decisions = lines(decisionsPath).map((l) => JSON.parse(l));
const ok = decisions.filter((r) => r.status === 'ok');

function fail(msg) { console.log('FAIL: ' + msg); process.exitCode = 1; throw new Error(msg); }
function same(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) fail(`${what}: got ${g.slice(0, 300)}, expected ${w.slice(0, 300)}`);
  console.log(`ok: ${what}`);
}

const b = await Browser.launch();
try {
  await b.open(url, { width: 1280, height: 900 });
  // Open every details element and sort, so that any markup that got
  // through would be rendered and any handler would have run.
  await b.eval(`document.querySelectorAll('details').forEach((d) => d.open = true)`);
  await b.click('#ranked th[data-k=n] label.h');
  await new Promise((r) => setTimeout(r, 300));
  same('nothing ran', await b.eval(`window.__pwned === undefined`), true);
  same('no console errors (so no script was blocked either)', b.errors, []);
  same('one script element, the page\'s own',
    await b.eval(`document.scripts.length`), 1);
  same('no element that markup in the data could have made', await b.eval(
    `document.querySelectorAll('img, iframe, object, embed, form, b b, title b').length`), 0);
  same('one style element', await b.eval(`document.querySelectorAll('style').length`), 1);
  same('the page is visible', await b.eval(
    `getComputedStyle(document.body).display`), 'block');

  const row = (id) => `[...document.querySelectorAll('#ranked tbody tr')].find((tr) => tr.cells[1].textContent === ${JSON.stringify(id)})`;
  for (const r of ok) {
    const want = names.get(r.id);
    same(`name of ${r.id} is its text`, await b.eval(`${row(r.id)}.cells[2].textContent`), want);
    same(`name of ${r.id} in its details`, await b.eval(
      `document.querySelector('#a' + ${row(r.id)}.cells[1].querySelector('a').hash.slice(2) + ' .nm').textContent`), want);
    // The cell's own text, without its flag marks (a <wbr> may split it).
    same(`decision of ${r.id}`, await b.eval(`[...${row(r.id)}.cells[4].childNodes]
      .filter((n) => n.nodeType === 3).map((n) => n.textContent).join('')`), r.decision);
    same(`why of ${r.id}`, await b.eval(
      `document.querySelector('#a' + ${row(r.id)}.cells[1].querySelector('a').hash.slice(2) + ' .body p').textContent`), r.why);
  }
  const reasons = await b.eval(`[...document.querySelectorAll('table.f td:last-child')].map((td) => td.textContent)`);
  same('finding reasons are their text', [...new Set(reasons)],
    [...new Set(ok.flatMap((r) => r.findings.map((f) => f.reason)))]);
  const tier = JSON.parse(readFileSync(resolve(decisionsPath, '../summary.json'), 'utf8')).tiers[0].name;
  same('a tier name in an SVG title is its text', await b.eval(
    `[...document.querySelectorAll('#chart-overall line.cut title')].map((t) => t.textContent)[0]`),
    tier + ': cut-off score 0.88');
  same('a tier name in an SVG label is its text', await b.eval(
    `document.querySelector('#chart-overall text.cl').textContent`), tier + ' 0.88');
  const errors = decisions.filter((r) => r.status === 'error');
  same('error messages are their text', await b.eval(
    `[...document.querySelectorAll('#errors-table tbody tr')].map((tr) => [tr.cells[1].textContent, tr.cells[2].textContent])`),
    errors.map((e) => [e.id, e.error]));

  // Right-to-left text stays inside its own cell or <bdi>: the cells of
  // its row keep their left-to-right places, the summary's name is isolated.
  const rtl = ok.find((r) => /\u202E/.test(names.get(r.id)));
  same('cells beside right-to-left text keep their order', await b.eval(
    `[...${row(rtl.id)}.cells].map((c) => c.getBoundingClientRect().left).every((x, i, a) => i === 0 || a[i - 1] < x)`), true);
  same('names in summaries are isolated', await b.eval(
    `[...document.querySelectorAll('#apps summary .nm')].every((e) => getComputedStyle(e).unicodeBidi === 'isolate')`), true);

  // A very long word wraps instead of widening the page.
  same('a very long name does not widen the page at 1280 px',
    await b.eval(`document.documentElement.scrollWidth <= innerWidth`), true);
  await b.screenshot(`${artefacts}/hostile-desktop.png`);
  await b.open(url, { width: 390, height: 844, mobile: true });
  same('nor at 390 px', await b.eval(`document.documentElement.scrollWidth <= innerWidth`), true);
  same('nothing ran at the end', await b.eval(`window.__pwned === undefined`), true);
  same('no console errors at the end', b.errors, []);
} catch (e) {
  if (!process.exitCode) { console.log('FAIL: ' + e.message); process.exitCode = 1; }
} finally {
  await b.close();
}
