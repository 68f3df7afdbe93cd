// The Web Worker covdash reads and analyses files in: a module worker that runs the core's
// module (covdash-core.js and its wasm, found beside this script) and answers the page's
// requests (crates/worker/src/serve.rs). The page starts it when first needed.
import init, { serve } from './covdash-core.js';

// The worker's start, as a promise: what a caller that must not count it waits for.
self.covdashStarted = init({ module_or_path: new URL('./covdash-core_bg.wasm', import.meta.url) }).then(serve);
