// The <coverage-dashboard> element and the mount() API, for docs portals.
//
//   <script type="module" src="https://docs.example.com/covdash/covdash-embed.js"></script>
//   <coverage-dashboard src="coverage.info" target="80" theme="auto"></coverage-dashboard>
//
// Each element renders inside its own Shadow DOM with covdash's style sheets, so the host
// page's CSS does not reach in and covdash's does not leak out. No inline script or style is
// used: the page needs only `script-src 'self' 'wasm-unsafe-eval'` (see docs/embedding.md).

import init, { mount as mountIn } from './covdash-web.js';

const base = new URL('.', import.meta.url);
const ready = init({ module_or_path: new URL('covdash-web_bg.wasm', base) });
const STYLES = ['tokens.css', 'base.css', 'components.css'];
// Files are read and analysed in a worker beside this script, off the page's thread.
const WORKER = new URL('covdash-worker_loader.js', base).href;

/** Adds covdash's style sheets and a container to `root`; returns the container. */
function prepare(root) {
  for (const name of STYLES) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL(name, base).href;
    root.append(link);
  }
  const container = document.createElement('div');
  container.className = 'covdash-host';
  root.append(container);
  return container;
}

/**
 * Mounts a dashboard in `element` (inside a shadow root of its own). `options`: `src` (a URL),
 * `data` (covdash JSON as an object, or any coverage file as text), the settings of the page's
 * links under the same names (`target`, `goal`, `tiers`, `groups`, `wins`, `strategy`, `theme`:
 * `light`, `dark`, `auto`; `metric`: `lines`, `statements`, `branches`, `functions`; `ref`; `source`, an
 * address with `{path}` and `{commit}` a file's source is fetched from, and `source-strip`; `exclude`
 * and `include`, globs over the files' paths separated by commas), `sections`
 * (ids, comma-separated), `compact`. Resolves to a handle
 * with `update(options)` and `destroy()`.
 */
export async function mount(element, options = {}) {
  await ready;
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const container = prepare(root);
  let dashboard = mountIn(container, { worker: WORKER, ...options });
  return {
    update(next) {
      dashboard?.update(next);
    },
    destroy() {
      dashboard?.destroy();
      dashboard?.free();
      dashboard = null;
      root.replaceChildren();
    },
  };
}

// The settings are the page's link settings, under the same names.
const SETTINGS = ['target', 'goal', 'tiers', 'groups', 'wins', 'strategy', 'theme', 'metric', 'ref', 'source', 'source-strip', 'exclude', 'include'];
const ATTRIBUTES = ['src', ...SETTINGS, 'sections', 'compact'];

class CoverageDashboard extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  #handle = null;
  #data = undefined;
  #pending = null;

  /** Data set from JavaScript: covdash JSON as an object, or any coverage file as text. */
  get data() {
    return this.#data;
  }

  set data(value) {
    this.#data = value;
    this.#render();
  }

  connectedCallback() {
    this.#render();
  }

  disconnectedCallback() {
    this.#pending = null;
    this.#handle?.destroy();
    this.#handle = null;
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#render();
  }

  #options() {
    const options = {};
    for (const name of ATTRIBUTES) {
      if (this.hasAttribute(name)) options[name] = name === 'compact' ? true : this.getAttribute(name);
    }
    const inline = this.querySelector('script[type="application/json"]');
    const data = this.#data ?? inline?.textContent;
    if (data !== undefined) options.data = data;
    return options;
  }

  async #render() {
    const options = this.#options();
    if (this.#handle) {
      this.#handle.update(options);
      return;
    }
    if (this.#pending) return;
    this.#pending = mount(this, options);
    const handle = await this.#pending;
    if (this.#pending === null) {
      handle.destroy(); // disconnected while loading
      return;
    }
    this.#pending = null;
    this.#handle = handle;
    // Anything that changed while loading.
    handle.update(this.#options());
  }
}

if (!customElements.get('coverage-dashboard')) {
  customElements.define('coverage-dashboard', CoverageDashboard);
}
