// End-to-end in Firefox ESR (Debian's firefox-esr, driven over WebDriver BiDi by
// puppeteer-core): what the count-up figures draw equals their values on the page and inside
// <coverage-dashboard> under a strict CSP, after the animation and with reduced motion; a
// widget is laid out the same whatever the portal's root font.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { serve } from './server.mjs';
import {
  assertDrawnAlikeOnEveryRootFont, drawnFigures, finishAnimations, portalPages, rootFontPages, widgetsShown,
} from './portal.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

let site;
let profiles;

before(async () => {
  assert.ok(existsSync(join(ROOT, 'dist', 'index.html')), 'dist/ is missing: run `trunk build --release --offline` first');
  assert.ok(existsSync(FIREFOX), `${FIREFOX} is missing: scripts/setup.sh installs Debian's firefox-esr`);
  site = await serve(join(ROOT, 'dist'), { pages: { ...portalPages(ROOT), ...rootFontPages() } });
  profiles = mkdtempSync(join(tmpdir(), 'covdash-firefox-'));
});

after(async () => {
  await site?.close();
  if (profiles) rmSync(profiles, { recursive: true, force: true });
});

/** Firefox, headless, with reduced motion asked for or not, closed after the test. */
async function firefox(t, reducedMotion) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: mkdtempSync(join(profiles, 'profile-')),
    extraPrefsFirefox: { 'ui.prefersReducedMotion': reducedMotion ? 1 : 0 },
  });
  t.after(() => browser.close());
  const page = await browser.newPage();
  page.reducedMotion = reducedMotion;
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  t.after(() => assert.deepEqual(errors, [], 'the page threw'));
  return page;
}

/** Asserts that every figure under `scope` draws its text; returns how many there are. */
async function assertDrawnAsText(page, scope) {
  const reduced = await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches);
  assert.equal(reduced, page.reducedMotion, 'the reduced-motion preference');
  const figures = await page.evaluate(drawnFigures, scope);
  for (const [text, drawn] of figures) assert.equal(drawn, text, `${scope || 'the page'}: a figure reading ${text} draws ${drawn}`);
  return figures.length;
}


for (const reducedMotion of [false, true]) {
  const how = reducedMotion ? 'with reduced motion' : 'after the animation';
  test(`Firefox: the page's figures draw their values, ${how}`, async (t) => {
    const page = await firefox(t, reducedMotion);
    await page.goto(site.url);
    await page.waitForSelector('.package [role=progressbar]');
    if (!reducedMotion) await page.evaluate(finishAnimations);
    assert.equal(await assertDrawnAsText(page, ''), 9);
  });

  test(`Firefox: widgets under a strict CSP draw their figures' values, ${how}`, async (t) => {
    const page = await firefox(t, reducedMotion);
    await page.goto(`${site.url}portal.html`);
    await page.waitForFunction(() => window.covdashReady === true
      && ['by-src', 'by-inline', 'by-js'].every((id) => document.getElementById(id).shadowRoot?.querySelector('.package [role=progressbar]')));
    if (!reducedMotion) await page.evaluate(finishAnimations);
    for (const id of ['by-src', 'by-inline', 'by-js']) assert.ok(await assertDrawnAsText(page, `#${id}`) > 0, id);
    const bySrc = await page.evaluate(drawnFigures, '#by-src');
    assert.deepEqual(bySrc[0], ['26.9%', '26.9%']);
  });
}

test('Firefox: a widget is drawn the same on portals whose root font is 10, 16 or 30 px', async (t) => {
  const page = await firefox(t, true);
  await page.setViewport({ width: 1024, height: 900 });
  await assertDrawnAlikeOnEveryRootFont(async (path) => {
    await page.goto(`${site.url}${path}`);
    await page.waitForFunction(widgetsShown);
    return page;
  });
});
