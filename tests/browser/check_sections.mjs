// Renders a report with the sections that --previous and --stability add
// and checks what a reader sees of them: node check_sections.mjs REPORT.html
// OUT_DIR NAME [changed=N] [handovers=N] [bars=N] [unsure=N]
// No console errors; #changes shows N rows of applicants whose decision
// changed and N seats that changed hands; #stability draws N bars and the
// ranking marks N confidences as unsure; both sections are on screen at
// 1280 px and at 390 px without widening the page. Saves a screenshot.
import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Browser } from './chromium.mjs';

const [html, outDir, name, ...rest] = process.argv.slice(2);
const want = Object.fromEntries(rest.map((a) => a.split('=')).map(([k, v]) => [k, +v]));
const url = pathToFileURL(resolve(html)).href;
const problems = [];
const expect = (what, got, wanted) => {
  if (got !== wanted) problems.push(`${what}: expected ${wanted}, got ${got}`);
};
const b = await Browser.launch();
try {
  for (const [width, label] of [[1280, 'desktop'], [390, 'phone']]) {
    await b.open(url, { width, height: 900, mobile: width < 500 });
    const seen = await b.eval(`(() => {
      const count = (sel) => document.querySelectorAll(sel).length;
      const shown = (sel) => { const el = document.querySelector(sel);
        return !!el && el.getBoundingClientRect().height > 0; };
      return {
        changed: count('#changed tbody tr'),
        handovers: count('#handovers tbody tr'),
        bars: count('#chart-stability g.acc'),
        unsure: count('#ranked .unsure'),
        changesShown: ${'changed' in want} ? shown('#changes') : true,
        stabilityShown: ${'bars' in want} ? shown('#chart-stability svg') : true,
        wide: document.documentElement.scrollWidth > innerWidth + 1,
      };
    })()`);
    for (const k of ['changed', 'handovers', 'bars', 'unsure'])
      if (k in want) expect(`${label}: ${k}`, seen[k], want[k]);
    expect(`${label}: #changes on the page`, seen.changesShown, true);
    expect(`${label}: the stability chart on the page`, seen.stabilityShown, true);
    expect(`${label}: the page scrolls sideways`, seen.wide, false);
    await b.screenshot(join(outDir, `${name}-${label}.png`));
  }
  if (b.errors.length) problems.push(...b.errors);
} finally {
  await b.close();
}
if (problems.length) {
  console.log(problems.join('\n'));
  process.exit(1);
}
console.log('ok');
