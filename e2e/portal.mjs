// What the browser tests share: a docs portal that embeds covdash, and the reading of what the
// count-up figures draw.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The covdash JSON the portal's inline and mount() widgets show. */
export const PORTAL_DATA = {
  title: 'inline project',
  snapshots: [{ label: 'now', packages: { api: { covered: 45, total: 50 }, db: 62.5 } }],
};

/** The strict policy a portal serves: no inline script or style. */
export const PORTAL_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

/**
 * The portal's pages, for `serve(dist, { pages })`: `/portal.html` under the strict CSP with a
 * hostile style sheet and three widgets — by `src` (compact; more-itertools' LCOV, 26.9%), by
 * inline JSON (dark, two sections and a misspelt one) and by `mount()` (compact), which sets
 * `window.covdashReady` once mounted.
 */
export function portalPages(root) {
  const portal = `<!doctype html><html><head><meta charset="utf-8"><title>Portal</title>
    <link rel="stylesheet" href="/portal.css"><script type="module" src="/covdash-embed.js"></script>
    <script type="module" src="/portal.js"></script></head><body>
    <p id="host-text">Portal text</p>
    <coverage-dashboard id="by-src" src="/more-itertools-before.lcov" target="25" compact></coverage-dashboard>
    <coverage-dashboard id="by-inline" theme="dark" sections="distance,recomendations,recommendations">
      <script type="application/json">${JSON.stringify(PORTAL_DATA)}</script>
    </coverage-dashboard>
    <div id="by-js"></div></body></html>`;
  const hostile = '* { font: 30px serif !important; box-sizing: content-box !important } div { display: inline } '
    + '#host-text { color: rgb(1, 2, 3) } #by-js { --covdash-tone-top: rgb(200, 0, 100) }';
  const script = `import { mount } from '/covdash-embed.js';
    window.covdashHandle = await mount(document.getElementById('by-js'), { data: ${JSON.stringify(JSON.stringify(PORTAL_DATA))}, compact: true });
    window.covdashReady = true;`;
  return {
    '/portal.html': { body: portal, headers: { 'content-security-policy': PORTAL_CSP } },
    '/portal.css': { body: hostile },
    '/portal.js': { body: script },
    '/more-itertools-before.lcov': { body: readFileSync(join(root, 'tests/fixtures/snapshots/more-itertools-before/coverage.lcov')) },
  };
}

/**
 * Runs in the page: each count-up figure under the element `scope` names (the document when
 * empty; inside its shadow root when it has one), as [its text, what it draws]. The drawn
 * digits are the counters its `::after` prints, read from the computed `counter-reset`; a
 * figure drawn as text is its text content.
 */
export function drawnFigures(scope) {
  const host = scope ? document.querySelector(scope) : document;
  const root = host.shadowRoot ?? host;
  return [...root.querySelectorAll('.count')].map((count) => {
    const digits = count.querySelector('.count__digits');
    if (!digits) return [count.textContent, count.textContent];
    const counters = Object.fromEntries(getComputedStyle(digits).counterReset.match(/[a-z]+ -?\d+/g)
      .map((pair) => pair.split(' ')));
    return [count.querySelector('.visually-hidden').textContent, `${counters.whole}.${counters.tenth}%`];
  });
}

/** Runs in the page: finishes every animation, in the document and in every shadow root. */
export function finishAnimations() {
  for (const root of [document, ...[...document.querySelectorAll('*')].map((e) => e.shadowRoot).filter(Boolean)]) {
    // An endless one (a load's busy bar) has no end to jump to.
    root.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity).forEach((a) => a.finish());
  }
}

/** Root fonts a portal may set, as its style sheet writes them: 10 px (`62.5%`, as many portals
 *  set it), the browser's own 16 px, and 30 px. */
const ROOT_FONTS = { '10px': 'html { font-size: 62.5% }', '16px': '', '30px': 'html { font-size: 30px }' };

/**
 * A portal page per root font, for `serve(dist, { pages })`: `/root-10px.html`… under the
 * strict CSP, each with a widget by `src` (more-itertools' LCOV, with its controls; served by
 * `portalPages`) and one by inline JSON (dark).
 */
export function rootFontPages() {
  return Object.fromEntries(Object.entries(ROOT_FONTS).flatMap(([name, css]) => [
    [`/root-${name}.css`, { body: css }],
    [`/root-${name}.html`, {
      headers: { 'content-security-policy': PORTAL_CSP },
      body: `<!doctype html><html><head><meta charset="utf-8"><title>Portal</title>
        <link rel="stylesheet" href="/root-${name}.css"><script type="module" src="/covdash-embed.js"></script></head><body>
        <coverage-dashboard id="by-src" src="/more-itertools-before.lcov" target="25"></coverage-dashboard>
        <coverage-dashboard id="by-inline" theme="dark" sections="distance,recommendations">
          <script type="application/json">${JSON.stringify(PORTAL_DATA)}</script>
        </coverage-dashboard></body></html>`,
    }],
  ]));
}

/** Runs in the page: whether every widget on it shows its packages. */
export function widgetsShown() {
  return [...document.querySelectorAll('coverage-dashboard')]
    .every((widget) => widget.shadowRoot?.querySelector('.package [role=progressbar]'));
}

/** Runs in the page: for each widget on it, by id, every element drawn in its shadow root, as
 *  `tag.class left,top width×height`, from the widget's own corner. */
function widgetBoxes() {
  return Object.fromEntries([...document.querySelectorAll('coverage-dashboard')].map((widget) => {
    const root = widget.shadowRoot;
    const corner = root.querySelector('.covdash-host').getBoundingClientRect();
    return [widget.id, [...root.querySelectorAll('*')].filter((e) => e.checkVisibility()).map((e) => {
      const box = e.getBoundingClientRect();
      const name = `${e.tagName.toLowerCase()}${[...e.classList].map((c) => `.${c}`).join('')}`;
      const at = [box.left - corner.left, box.top - corner.top].map(Math.round).join(',');
      return `${name} ${at} ${Math.round(box.width)}×${Math.round(box.height)}`;
    })];
  }));
}

/**
 * Opens each root-font page with `visit(path)` (Playwright's or Puppeteer's page, once its
 * widgets are drawn: `widgetsShown`), and asserts that each widget's boxes are the
 * same on every portal as on the one at 16 px: a widget's text is the reader's size, and its
 * paddings, bars and columns with it, whatever the portal's root font. Names the first boxes
 * that moved.
 */
export async function assertDrawnAlikeOnEveryRootFont(visit) {
  const drawn = {};
  for (const name of Object.keys(ROOT_FONTS)) {
    drawn[name] = await (await visit(`root-${name}.html`)).evaluate(widgetBoxes);
  }
  for (const [name, widgets] of Object.entries(drawn)) {
    for (const [id, boxes] of Object.entries(widgets)) {
      const plain = drawn['16px'][id];
      const moved = boxes.map((box, i) => (box === plain[i] ? null : `${plain[i]} → ${box}`)).filter(Boolean);
      assert.deepEqual({ elements: boxes.length, moved: moved.slice(0, 6) }, { elements: plain.length, moved: [] },
        `#${id} on a portal whose root font is ${name}`);
    }
  }
}
