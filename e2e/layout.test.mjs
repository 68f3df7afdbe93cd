// End-to-end: nothing on the page, or in a widget on a docs portal, runs out of the box it is
// laid in, in every view, from the narrowest phone to a desktop, on the release bundle in
// headless Chromium.
//
// The page-wide checks elsewhere (`scrollWidth` against the window) miss a control that runs
// into its neighbour inside a card: the settings' select of the recommendations' order ran
// 84 px into the theme's field at 1280 px; on a portal whose root font is 30 px, a widget's
// package name ran 76 px past its card at 320 px and its rows 250 px past their list at 1024 px
// (the lists changed their layout by the window's width, not their own). This walks every
// element laid out in the flow (in the document and in each widget's shadow root) and compares
// its box with its parent's, unless something between them clips or scrolls it (a name cut
// with an ellipsis, a source listing that scrolls sideways).
//
// A name cut short ends in an ellipsis, wherever it is cut; a figure is never cut (the map's
// small rectangles at 320 px read "61.…").
//
// No two boxed parts (cards, the settings, the metric switch, buttons) are drawn against each
// other: when a file's lines came to be shown in place of the dashboard, the dashboard's parts
// went into a wrapper that did not space them, and the settings, the metric switch and the
// chart over time were drawn touching, border on border.
//
// And a widget is laid out the same on a portal whose root font is 10 px or 30 px as on one
// that leaves it at 16 px: in rem, a portal at 62.5% drew a widget's captions at 8 px.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { give, openDashboard, releaseBundle } from './chromium.mjs';
import {
  assertDrawnAlikeOnEveryRootFont, finishAnimations, portalPages, rootFontPages, widgetsShown,
} from './portal.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures');
const PAIR = join(FIXTURES, 'differential', 'python-coveragepy');
const PORTFOLIO = join(FIXTURES, 'portfolio');

/** LCOV with packages (folders of files, so rows that open) named by one segment too long for
 *  a phone's row, and by a short head and such a segment as their tail. */
const LONG_WORD = join(mkdtempSync(join(tmpdir(), 'covdash-layout-')), 'one-long-word.info');
writeFileSync(LONG_WORD, ['org.example.coverage.dashboard.integration.fixtures/Main.java', 'api/Api.java',
  'services/integration_tests_for_the_payment_gateway/Gateway.java']
  .map((file) => `SF:${file}\nDA:1,1\nDA:2,0\nend_of_record\n`).join(''));
after(() => rmSync(dirname(LONG_WORD), { recursive: true, force: true }));

/** The most snapshots shown as buttons (eight; more are a list to choose from): the first eight
 *  of a real daily history, each labelled by its short commit. */
const EIGHT = join(dirname(LONG_WORD), 'eight-snapshots.json');
{
  const history = JSON.parse(readFileSync(join(FIXTURES, 'history', 'daily.json'), 'utf8'));
  writeFileSync(EIGHT, JSON.stringify({ ...history, snapshots: history.snapshots.slice(0, 8) }));
}

const bundle = releaseBundle({ ...portalPages(ROOT), ...rootFontPages() });

/**
 * Runs in the page (the document and each widget's shadow root): what is drawn wrong, by kind,
 * each as the elements at fault and what is wrong with them.
 * - `outOfTheirBoxes`: an element in the flow that reaches past its parent's left or right edge
 *   with nothing between them to clip it (`tag.class#id in parent: left–right vs left–right`).
 * - `cutWithoutAnEllipsis`: an element whose own text is cut at its edge without an ellipsis (a
 *   name cut short must show it is). An ellipsis is drawn only by a block container (a flex
 *   container's text is an anonymous item that clips it bare).
 * - `figuresCut`: a figure cut at all: a percentage is read whole or not at all.
 * - `brokenInTwo`: a key (`kbd`) or a figure drawn on two lines, read as two words.
 * - `touching`: boxed siblings (a border on all four sides: cards, the settings, the metric
 *   switch, buttons) drawn against each other, with no space between them.
 * - `emptyInAGap`: an element with nothing to draw (no height or no width) in a grid or flex
 *   container that spaces its items, where it adds a second gap.
 */
function faults() {
  const roots = [document, ...[...document.querySelectorAll('*')].map((e) => e.shadowRoot).filter(Boolean)];
  // What is not drawn (a closed disclosure's content) is checked where a view opens it.
  const drawn = roots.flatMap((root) => [...root.querySelectorAll('*')]).filter((e) => e.checkVisibility());
  const name = (e) => `${e.tagName.toLowerCase()}${[...e.classList].map((c) => `.${c}`).join('')}${e.id ? `#${e.id}` : ''}`;
  const placed = (e) => ['absolute', 'fixed'].includes(getComputedStyle(e).position);
  const clips = (e) => ['hidden', 'clip', 'auto', 'scroll'].includes(getComputedStyle(e).overflowX);
  const cut = (e) => e.scrollWidth > e.clientWidth + 1;

  const outOfTheirBoxes = drawn.filter((element) => {
    const box = element.getBoundingClientRect();
    const parent = element.parentElement;
    if (!box.width || !box.height || !parent || parent === document.body || placed(element)) return false;
    // Where an ancestor clips or scrolls, what passes its own parent is cut there, on purpose.
    for (let up = parent; up; up = up.parentElement) if (clips(up)) return false;
    const outer = parent.getBoundingClientRect();
    return box.left < outer.left - 1 || box.right > outer.right + 1;
  }).map((element) => {
    const [box, outer] = [element, element.parentElement].map((e) => e.getBoundingClientRect());
    const span = (b) => `${Math.round(b.left)}–${Math.round(b.right)}`;
    return `${name(element)} in ${name(element.parentElement)}: ${span(box)} vs ${span(outer)}`;
  });

  const blocks = ['block', 'inline-block', 'list-item', 'flow-root', 'table-cell'];
  const cutWithoutAnEllipsis = drawn.filter((element) => {
    const style = getComputedStyle(element);
    if (element.classList.contains('visually-hidden') || !['hidden', 'clip'].includes(style.overflowX)) return false;
    const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
    return cut(element) && ownText && !(style.textOverflow === 'ellipsis' && blocks.includes(style.display));
  }).map((element) => `${name(element)}: ${element.textContent.slice(0, 60)}`);

  const figuresCut = drawn.filter((e) => e.matches('.treemap__figure, .bar-list__figure, .package__figure') && cut(e))
    .map((e) => `${name(e)}: ${e.textContent}`);

  // A key or a figure drawn on two lines ("Es" over "c", "72.5" over "%") is read as two.
  const lines = (e) => new Set([...e.getClientRects()].map((r) => Math.round(r.top))).size;
  const brokenInTwo = drawn.filter((e) => e.matches('kbd, .snapshot__figure, .bar-list__figure, .package__figure')
    && !e.children.length && e.textContent.trim()
    && (lines(e) > 1 || e.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(e).lineHeight)))
    .map((e) => `${name(e)}: ${e.textContent}`);

  const boxed = (element) => {
    const style = getComputedStyle(element);
    return ['Top', 'Right', 'Bottom', 'Left'].every((side) => (
      parseFloat(style[`border${side}Width`]) > 0 && !['none', 'hidden'].includes(style[`border${side}Style`])
    )) && element.checkVisibility() && !placed(element);
  };
  const touching = drawn.flatMap((parent) => {
    const boxes = [...parent.children].filter(boxed).map((e) => [e, e.getBoundingClientRect()]);
    return boxes.flatMap(([a, one], i) => boxes.slice(i + 1).map(([b, other]) => {
      const across = Math.min(one.right, other.right) - Math.max(one.left, other.left);
      const down = Math.min(one.bottom, other.bottom) - Math.max(one.top, other.top);
      // Stacked (they share columns) or side by side (they share rows): the space between.
      const space = across > 0 ? -down : down > 0 ? -across : Infinity;
      return space < 2 ? `${name(a)} | ${name(b)}: ${space.toFixed(1)} px` : null;
    })).filter(Boolean);
  });

  const emptyInAGap = drawn.filter((element) => {
    const parent = element.parentElement;
    if (!parent || placed(element) || !parent.checkVisibility()) return false;
    const outer = getComputedStyle(parent);
    if (!['grid', 'flex', 'inline-flex', 'inline-grid'].includes(outer.display)) return false;
    const spaced = parseFloat(outer.rowGap) > 0 || parseFloat(outer.columnGap) > 0;
    const box = element.getBoundingClientRect();
    return spaced && (box.width === 0 || box.height === 0);
  }).map((element) => `${name(element)} in ${name(element.parentElement)}`);

  return { outOfTheirBoxes, cutWithoutAnEllipsis, figuresCut, brokenInTwo, touching, emptyInAGap };
}

/** Opens a view at `width` with `open(t, width)`, and checks every box in it. */
async function check(t, width, open) {
  const page = await open(t, width);
  await page.evaluate(finishAnimations);
  assert.deepEqual(await page.evaluate(faults), {
    outOfTheirBoxes: [], cutWithoutAnEllipsis: [], figuresCut: [], brokenInTwo: [], touching: [], emptyInAGap: [],
  });
}

/** A view of the dashboard's own page: the sample, then what `act` does. */
const onThePage = (act) => async (t, width) => {
  const page = await openDashboard(bundle.browser, bundle.url, t, { options: { viewport: { width, height: 900 } } });
  await act(page);
  return page;
};

/** The organisation of tests/fixtures/portfolio dropped: its index, histories and reports. */
async function dropOrganisation(page) {
  const under = (folder) => readdirSync(join(PORTFOLIO, folder)).map((file) => join(PORTFOLIO, folder, file));
  await give(page, [join(PORTFOLIO, 'covdash-portfolio.json'), ...under('histories'), ...under('reports')], 'dropped');
  await page.locator('.page__file', { hasText: 'covdash-portfolio.json' }).waitFor();
  await page.locator('.package [role=progressbar]').first().waitFor();
}

const VIEWS = {
  'the sample with its settings open': onThePage(async (page) => {
    await page.locator('.settings summary').click();
    await page.locator('#setting-strategy').selectOption('effect');
  }),
  'an LCOV file with a package opened and its map shown': onThePage(async (page) => {
    await give(page, join(FIXTURES, 'snapshots', 'more-itertools-before', 'coverage.lcov'), 'dropped');
    await page.locator('.page__file', { hasText: 'coverage.lcov' }).waitFor();
    await page.locator('button.package__toggle').first().click();
    await page.locator('.file__name').first().waitFor();
    await page.getByRole('button', { name: 'Show the map' }).click();
    await page.locator('.treemap [role=treeitem], .treemap__cell').first().waitFor();
  }),
  // A name with no head to keep apart from its tail (one segment, as Java's and .NET's
  // packages are named) is cut at its end, and shows it is; so is a tail wider than its cell.
  'a package named by one long word': onThePage(async (page) => {
    await give(page, LONG_WORD, 'dropped');
    await page.locator('.page__file', { hasText: 'one-long-word.info' }).waitFor();
  }),
  // Eight buttons share a phone's row no more than they fit: a figure is never broken in two.
  'a history of eight snapshots': onThePage(async (page) => {
    await give(page, EIGHT, 'dropped');
    await page.locator('.page__file', { hasText: 'eight-snapshots.json' }).waitFor();
    await page.locator('.snapshot').nth(7).waitFor();
  }),
  'an organisation with its map shown': onThePage(async (page) => {
    await dropOrganisation(page);
    await page.getByRole('button', { name: 'Show the map' }).click();
    await page.locator('.treemap__cell').first().waitFor();
  }),
  "a repository's own dashboard, from the organisation's": onThePage(async (page) => {
    await dropOrganisation(page);
    await page.locator('.package__open', { hasText: 'more-itertools' }).click();
    await page.locator('#time-to-target .eta__dates').first().waitFor();
  }),
  'a change, line by line, and a file opened to its lines': onThePage(async (page) => {
    await give(page, ['baseline.json', 'current.json', 'change.diff', 'current/shapes.py'].map((f) => join(PAIR, f)), 'dropped');
    await page.locator('.page__file', { hasText: 'change.diff' }).waitFor();
    const moments = page.locator('.reading__option', { hasText: 'Moments of the project' });
    if (!(await moments.getAttribute('class')).includes('reading__option--checked')) await moments.click();
    await page.locator('section#change', { hasText: 'line by line against' }).waitFor();
    await page.locator('.package__toggle').first().click();
    await page.locator('.file__name').filter({ hasText: /^shapes\.py$/ }).click();
    await page.locator('.source__origin').waitFor();
  }),
  // portal.mjs: three widgets (by `src`, inline JSON, `mount()`) under a style sheet that sets
  // every font to 30 px.
  "a docs portal's three widgets": async (t, width) => {
    const context = await bundle.browser.newContext({ viewport: { width, height: 900 } });
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(`${bundle.url}portal.html`);
    await page.waitForFunction(() => window.covdashReady === true);
    for (const id of ['by-src', 'by-inline', 'by-js']) await page.locator(`#${id} .package [role=progressbar]`).first().waitFor();
    return page;
  },
};

for (const width of [320, 700, 1024, 1280]) {
  for (const [view, act] of Object.entries(VIEWS)) {
    test(`nothing runs out of its box or into its neighbour at ${width} px: ${view}`, (t) => check(t, width, act));
  }
}

// A widget's text is the reader's size, and its paddings, bars and columns with it, whatever the
// portal's root font: every box in it is where it is on a portal that leaves the root alone.
// (In rem, a portal at 62.5% drew its captions at 8 px beside 16 px text.)
for (const width of [360, 1024]) {
  test(`a widget is drawn the same on portals whose root font is 10, 16 or 30 px, at ${width} px`, (t) => (
    assertDrawnAlikeOnEveryRootFont(async (path) => {
      const context = await bundle.browser.newContext({ viewport: { width, height: 900 } });
      t.after(() => context.close());
      const page = await context.newPage();
      await page.goto(`${bundle.url}${path}`);
      await page.waitForFunction(widgetsShown);
      await page.evaluate(finishAnimations);
      return page;
    })
  ));
}

// A portal that gives a widget a size (`--covdash-font-size` on the element) gets every length
// in it at that size: its text, its captions and its paddings.
test('a widget is drawn at the size a portal gives it, whatever the root font', async (t) => {
  const context = await bundle.browser.newContext({ viewport: { width: 1024, height: 900 } });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(`${bundle.url}root-10px.html`);
  await page.locator('#by-src .package [role=progressbar]').first().waitFor();
  const sizes = () => page.evaluate(() => {
    const root = document.getElementById('by-src').shadowRoot;
    const style = (selector) => getComputedStyle(root.querySelector(selector));
    return { text: style('.page').fontSize, brand: style('.page__brand').fontSize, padding: style('.page').paddingTop };
  });
  assert.deepEqual(await sizes(), { text: '16px', brand: '13px', padding: '24px' });
  await page.evaluate(() => document.getElementById('by-src').style.setProperty('--covdash-font-size', '20px'));
  assert.deepEqual(await sizes(), { text: '20px', brand: '16.25px', padding: '30px' });
});
