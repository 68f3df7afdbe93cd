// The Web Worker covdash reads and analyses files in: a module worker that runs the page's own
// module (covdash-web.js and its wasm, found beside this script, so a browser that has the page
// has the worker too) and answers the page's requests (src/ui/worker.rs).
import init, { serve } from './covdash-web.js';

// The worker's start, as a promise: what a caller that must not count it waits for.
self.covdashStarted = init({ module_or_path: new URL('./covdash-web_bg.wasm', import.meta.url) }).then(serve);
