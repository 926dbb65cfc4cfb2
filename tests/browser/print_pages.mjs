// Prints a report to PDF on A4 and on Letter and says how many pages each
// takes: node print_pages.mjs REPORT.html OUT_PREFIX
// Prints "A4 N" and "Letter N"; the PDFs are OUT_PREFIX-a4.pdf and -letter.pdf.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Browser } from './chromium.mjs';

const [html, prefix] = process.argv.slice(2);
const b = await Browser.launch();
try {
  const t0 = Date.now();
  await b.open(pathToFileURL(resolve(html)).href, { width: 1280, height: 900 });
  console.log(`open ${((Date.now() - t0) / 1000).toFixed(2)} s`);
  console.log(`A4 ${await b.pdf(prefix + '-a4.pdf', 'A4')}`);
  console.log(`Letter ${await b.pdf(prefix + '-letter.pdf', 'Letter')}`);
} finally {
  await b.close();
}
