// Drives headless Chromium over the DevTools protocol on a pipe (no port,
// no websocket, no npm package): enough to load a page, evaluate
// expressions, click, collect console errors and take screenshots.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.ASSAY_CHROMIUM || '/usr/bin/chromium';

export class Browser {
  static async launch() {
    const profile = mkdtempSync(join(tmpdir(), 'assay-chromium-'));
    const proc = spawn(CHROMIUM, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      '--user-data-dir=' + profile, '--remote-debugging-pipe', 'about:blank',
    ], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
    const b = new Browser(proc, profile);
    b.stderr = () => stderr;
    const t = await b.send('Target.createTarget', { url: 'about:blank' });
    const a = await b.send('Target.attachToTarget',
      { targetId: t.targetId, flatten: true });
    b.session = a.sessionId;
    await b.page('Runtime.enable');
    await b.page('Page.enable');
    await b.page('Log.enable');
    return b;
  }

  constructor(proc, profile) {
    this.proc = proc;
    this.profile = profile;
    this.next = 0;
    this.pending = new Map();
    this.listeners = [];
    this.errors = []; // console errors, exceptions, CSP violations
    let buf = Buffer.alloc(0);
    proc.stdio[4].on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      let end;
      while ((end = buf.indexOf(0)) >= 0) {
        this.dispatch(JSON.parse(buf.subarray(0, end).toString()));
        buf = buf.subarray(end + 1);
      }
    });
    proc.on('exit', (code) => {
      for (const [, p] of this.pending)
        p.reject(new Error('chromium exited (' + code + '): ' + this.stderr()));
      this.pending.clear();
    });
  }

  dispatch(m) {
    if (m.id !== undefined) {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (!p) return;
      if (m.error) p.reject(new Error(p.method + ': ' + m.error.message));
      else p.resolve(m.result);
      return;
    }
    const params = m.params || {};
    if (m.method === 'Runtime.consoleAPICalled' && params.type === 'error')
      this.errors.push('console.error: ' +
        params.args.map((a) => a.value ?? a.description).join(' '));
    if (m.method === 'Runtime.exceptionThrown')
      this.errors.push('exception: ' + (params.exceptionDetails.exception?.description
        ?? params.exceptionDetails.text));
    if (m.method === 'Log.entryAdded' && params.entry.level === 'error')
      this.errors.push('log: ' + params.entry.text + ' ' + (params.entry.url || ''));
    for (const l of this.listeners) l(m);
  }

  send(method, params = {}, sessionId) {
    const id = ++this.next;
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.proc.stdio[3].write(JSON.stringify(msg) + '\0');
    });
  }

  page(method, params = {}) {
    return this.send(method, params, this.session);
  }

  // Loads url at a viewport size and waits for its load event.
  async open(url, { width = 1280, height = 900, mobile = false,
                    javaScript = true } = {}) {
    await this.page('Emulation.setDeviceMetricsOverride',
      { width, height, deviceScaleFactor: 1, mobile });
    await this.page('Emulation.setScriptExecutionDisabled',
      { value: !javaScript });
    const loaded = new Promise((resolve) => {
      const l = (m) => {
        if (m.method === 'Page.loadEventFired') {
          this.listeners = this.listeners.filter((x) => x !== l);
          resolve();
        }
      };
      this.listeners.push(l);
    });
    await this.page('Page.navigate', { url });
    await loaded;
  }

  // The value of a JavaScript expression in the page (runs even when the
  // page's own scripts are disabled: DevTools evaluation is not blocked).
  async eval(expression) {
    const r = await this.page('Runtime.evaluate',
      { expression, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails)
      throw new Error('evaluating ' + expression + ': ' +
        (r.exceptionDetails.exception?.description ?? r.exceptionDetails.text));
    return r.result.value;
  }

  // The value of expression once it is truthy (polled for up to 3 s), or
  // its last value.
  async waitFor(expression) {
    let v;
    for (let i = 0; i < 60; i++) {
      if ((v = await this.eval(expression))) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
    return v;
  }

  // A real mouse click at the centre of the element that selector finds.
  async click(selector) {
    const box = await this.eval(`(() => {
      const el = document.querySelector(${JSON.stringify(selector)});
      if (!el) return null;
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    })()`);
    if (!box) throw new Error('nothing to click: ' + selector);
    for (const type of ['mousePressed', 'mouseReleased'])
      await this.page('Input.dispatchMouseEvent',
        { type, x: box.x, y: box.y, button: 'left', clickCount: 1 });
  }

  async screenshot(path, { fullPage = true } = {}) {
    const params = { format: 'png' };
    if (fullPage) {
      params.captureBeyondViewport = true;
      const m = await this.page('Page.getLayoutMetrics');
      params.clip = { x: 0, y: 0, width: m.cssContentSize.width,
                      height: m.cssContentSize.height, scale: 1 };
    }
    const r = await this.page('Page.captureScreenshot', params);
    writeFileSync(path, Buffer.from(r.data, 'base64'));
  }

  // Prints to PDF (paper: 'A4' or 'Letter'; the page's own margins) and
  // returns the number of pages.
  async pdf(path, paper = 'A4') {
    const size = paper === 'Letter' ? { paperWidth: 8.5, paperHeight: 11 }
      : { paperWidth: 210 / 25.4, paperHeight: 297 / 25.4 };
    const r = await this.page('Page.printToPDF',
      { printBackground: true, preferCSSPageSize: false, ...size });
    const bytes = Buffer.from(r.data, 'base64');
    writeFileSync(path, bytes);
    return (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  }

  // Closes the browser, waits for it to exit, removes its profile.
  async close() {
    const exited = this.proc.exitCode !== null ? Promise.resolve()
      : new Promise((r) => this.proc.once('exit', r));
    this.send('Browser.close').catch(() => {});
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 10000);
    await exited;
    clearTimeout(timer);
    rmSync(this.profile, { recursive: true, force: true, maxRetries: 5 });
  }
}
