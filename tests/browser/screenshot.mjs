// A screenshot of the top of a report, down to the first rows of its
// ranking: the picture in docs/report.md and the README.
//
// usage: node screenshot.mjs REPORT.html OUT.png [WIDTH] [ROWS]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileSync } from 'node:fs';
import { Browser } from './chromium.mjs';

const [html, out, width = '1100', rows = '8'] = process.argv.slice(2);
const b = await Browser.launch();
try {
  await b.open(pathToFileURL(resolve(html)).href, { width: +width, height: 900 });
  const bottom = await b.eval(`(() => {
    const tr = document.querySelectorAll('#ranked tbody tr')[${+rows - 1}];
    const cell = tr ? tr.cells[0] : document.getElementById('ranking');
    return Math.ceil(cell.getBoundingClientRect().bottom + scrollY + 8);
  })()`);
  const shot = await b.page('Page.captureScreenshot', { format: 'png',
    captureBeyondViewport: true,
    clip: { x: 0, y: 0, width: +width, height: bottom, scale: 1 } });
  writeFileSync(out, Buffer.from(shot.data, 'base64'));
  if (b.errors.length) throw new Error(b.errors.join('\n'));
} finally {
  await b.close();
}
