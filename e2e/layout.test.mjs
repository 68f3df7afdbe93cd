// End-to-end: nothing on the page runs out of the box it is laid in, in every view, from the
// narrowest phone to a desktop, on the release bundle in headless Chromium.
//
// The page-wide checks elsewhere (`scrollWidth` against the window) miss a control that runs
// into its neighbour inside a card: the settings' select of the recommendations' order ran
// 84 px into the theme's field at 1280 px. This walks every element laid out in the flow and
// compares its box with its parent's, unless something between them clips or scrolls it (a
// name cut with an ellipsis, a source listing that scrolls sideways).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { give, openDashboard, releaseBundle } from './chromium.mjs';
import { finishAnimations } from './portal.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures');
const PAIR = join(FIXTURES, 'differential', 'python-coveragepy');
const PORTFOLIO = join(FIXTURES, 'portfolio');

const bundle = releaseBundle();

/** Runs in the page: each element in the flow that reaches past its parent's left or right
 *  edge with nothing between them to clip it, as `tag.class#id in parent: left–right vs
 *  left–right`. */
function outOfTheirBoxes() {
  const clips = (element) => ['hidden', 'clip', 'auto', 'scroll'].includes(getComputedStyle(element).overflowX);
  const found = [];
  for (const element of document.querySelectorAll('body *')) {
    const box = element.getBoundingClientRect();
    const parent = element.parentElement;
    if (!box.width || !box.height || !parent || parent === document.body) continue;
    // What is not drawn (a closed disclosure's content) is checked where a view opens it.
    if (!element.checkVisibility()) continue;
    if (['absolute', 'fixed'].includes(getComputedStyle(element).position)) continue;
    // Where an ancestor clips or scrolls, what passes its own parent is cut there, on purpose.
    let clipped = false;
    for (let up = parent; up && !clipped; up = up.parentElement) clipped = clips(up);
    if (clipped) continue;
    const outer = parent.getBoundingClientRect();
    if (box.left < outer.left - 1 || box.right > outer.right + 1) {
      const name = (e) => `${e.tagName.toLowerCase()}${[...e.classList].map((c) => `.${c}`).join('')}${e.id ? `#${e.id}` : ''}`;
      found.push(`${name(element)} in ${name(parent)}: ${Math.round(box.left)}–${Math.round(box.right)} vs ${Math.round(outer.left)}–${Math.round(outer.right)}`);
    }
  }
  return found;
}

/** Opens the page at `width`, brings it to a view with `act`, and checks every box. */
async function check(t, width, act) {
  const page = await openDashboard(bundle.browser, bundle.url, t, { options: { viewport: { width, height: 900 } } });
  await act(page);
  await page.evaluate(finishAnimations);
  assert.deepEqual(await page.evaluate(outOfTheirBoxes), []);
}

const VIEWS = {
  'the sample with its settings open': async (page) => {
    await page.locator('.settings summary').click();
    await page.locator('#setting-strategy').selectOption('effect');
  },
  'an LCOV file with a package opened and its map shown': async (page) => {
    await give(page, join(FIXTURES, 'snapshots', 'more-itertools-before', 'coverage.lcov'), 'dropped');
    await page.locator('.page__file', { hasText: 'coverage.lcov' }).waitFor();
    await page.locator('button.package__toggle').first().click();
    await page.locator('.file__name').first().waitFor();
    await page.getByRole('button', { name: 'Show the map' }).click();
    await page.locator('.treemap [role=treeitem], .treemap__cell').first().waitFor();
  },
  'an organisation': async (page) => {
    const under = (folder) => readdirSync(join(PORTFOLIO, folder)).map((file) => join(PORTFOLIO, folder, file));
    await give(page, [join(PORTFOLIO, 'covdash-portfolio.json'), ...under('histories'), ...under('reports')], 'dropped');
    await page.locator('.page__file', { hasText: 'covdash-portfolio.json' }).waitFor();
    await page.locator('.package [role=progressbar]').first().waitFor();
  },
  'a change, line by line, and a file opened to its lines': async (page) => {
    await give(page, ['baseline.json', 'current.json', 'change.diff', 'current/shapes.py'].map((f) => join(PAIR, f)), 'dropped');
    await page.locator('.page__file', { hasText: 'change.diff' }).waitFor();
    const moments = page.locator('.reading__option', { hasText: 'Moments of the project' });
    if (!(await moments.getAttribute('class')).includes('reading__option--checked')) await moments.click();
    await page.locator('section#change', { hasText: 'line by line against' }).waitFor();
    await page.locator('.package__toggle').first().click();
    await page.locator('.file__name').filter({ hasText: /^shapes\.py$/ }).click();
    await page.locator('.source__origin').waitFor();
  },
};

for (const width of [320, 1280]) {
  for (const [view, act] of Object.entries(VIEWS)) {
    test(`nothing runs out of its box at ${width} px: ${view}`, (t) => check(t, width, act));
  }
}
