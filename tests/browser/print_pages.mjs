// Opens a report in headless Chromium, says how long it took to show, and
// prints it to PDF on A4 and on Letter with the number of pages each takes:
//   node print_pages.mjs REPORT.html OUT_PREFIX
// Prints "open S s" (from navigation until the page is loaded, laid out
// and painted: the load event, then two animation frames), "A4 N" and
// "Letter N"; the PDFs are OUT_PREFIX-a4.pdf and OUT_PREFIX-letter.pdf.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Browser } from './chromium.mjs';

const [html, prefix] = process.argv.slice(2);
const b = await Browser.launch();
try {
  const t0 = Date.now();
  await b.open(pathToFileURL(resolve(html)).href, { width: 1280, height: 900 });
  await b.eval(`document.body.getBoundingClientRect().height,
    new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))`);
  console.log(`open ${((Date.now() - t0) / 1000).toFixed(2)} s`);
  console.log(`A4 ${await b.pdf(prefix + '-a4.pdf', 'A4')}`);
  console.log(`Letter ${await b.pdf(prefix + '-letter.pdf', 'Letter')}`);
} finally {
  await b.close();
}
