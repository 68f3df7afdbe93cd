// Headless Chromium as the tests and the benchmarks start it (Debian's build or $CHROMIUM, as
// root, without the background work that would make timings noisy), the release bundle served
// for a test file, the dashboard's page as the tests open it, and the wait for its worker that
// the benchmarks share.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * For a test file: the release bundle (dist/) served over HTTP, with `pages` beside it, and
 * Chromium started before its tests, both stopped after them. The bundle's `browser` and `url`
 * are set once its tests run.
 */
export function releaseBundle(pages = {}) {
  const bundle = { browser: null, url: null };
  let server;
  before(async () => {
    server = await serve(join(ROOT, 'dist'), { pages });
    bundle.url = server.url;
    bundle.browser = await launchChromium();
  });
  after(async () => {
    await bundle.browser?.close();
    await server?.close();
  });
  return bundle;
}

/**
 * A fresh page of the dashboard at `url` in a context of its own (`options`), once the sample
 * shows its bars; `prepare(page)` runs before it loads. Errors the page throws or logs fail
 * the test when it ends, but for those `expected(text)` says the test caused.
 */
export async function openDashboard(browser, url, t, { options = {}, expected = () => false, prepare } = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  // File-chooser interception is switched on asynchronously when a listener is added: doing it
  // before the page loads means a later click never races it.
  const choosers = [];
  page.on('filechooser', (chooser) => choosers.push(chooser));
  page.choosers = choosers;
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => { if (msg.type() === 'error' && !expected(msg.text())) errors.push(msg.text()); });
  t.after(async () => {
    await context.close();
    assert.deepEqual(errors, [], 'the page logged errors');
  });
  await prepare?.(page);
  await page.goto(url);
  await page.locator('.package [role=progressbar]').first().waitFor();
  return page;
}

/**
 * Waits until the page's worker serves: its script keeps its start as a promise
 * (`self.covdashStarted`), which resolves once it answers requests. The page starts its worker
 * at the person's first gesture: if none has started, a press on the page is that gesture.
 */
export async function workerServing(page) {
  if (page.workers().length === 0) {
    const started = page.waitForEvent('worker');
    await page.locator('.page').first().dispatchEvent('pointerdown');
    await started;
  }
  const worker = page.workers()[0];
  while (!await worker.evaluate(() => (self.covdashStarted ? self.covdashStarted.then(() => true) : false))) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** axe-core's script, for a page under a policy that allows only its own scripts to serve at `AXE_PATH`. */
export const AXE_SCRIPT = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
export const AXE_PATH = '/axe.min.js';

/**
 * Runs axe-core on the page (open shadow roots included); returns the violations, with the
 * impact of each. `served`: the page's server serves the script at `AXE_PATH` (a strict policy
 * refuses it inline).
 */
export async function axe(page, { served = false } = {}) {
  await bounded(page.addScriptTag(served ? { url: AXE_PATH } : { path: AXE_SCRIPT }), 'axe-core to load');
  return bounded(page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  }), 'axe-core to finish', 60_000);
}

/** Fails, naming `what`, when `promise` has not settled within `ms`: for the waits Playwright does not bound. */
export function bounded(promise, what, ms = 15_000) {
  let timer;
  const expired = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer for ${what} in ${ms} ms`)), ms); });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** Waits until `condition()` holds, checking every 16 ms; fails, naming `what`, after `ms`. */
export async function waitUntil(condition, what, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 16));
  }
}

/** Gives `file` (a path, or several) to the page the way `via` says: the file input, or a drop with a DataTransfer. */
export async function give(page, file, via) {
  if (via === 'chosen through the file input') {
    await page.locator('[data-testid=file-input]').setInputFiles(file);
    return;
  }
  const files = [file].flat().map((path) => [readFileSync(path).toString('base64'), path.split('/').at(-1)]);
  const transfer = await page.evaluateHandle((given) => {
    const dt = new DataTransfer();
    for (const [data, name] of given) dt.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name));
    return dt;
  }, files);
  await page.dispatchEvent('.page', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('.page', 'drop', { dataTransfer: transfer });
}
