// The Web Worker covdash reads and analyses files in (src/bin/worker.rs, built by Trunk as
// covdash-worker.js and covdash-worker_bg.wasm). Both are found beside this script.
importScripts('./covdash-worker.js');
wasm_bindgen({ module_or_path: './covdash-worker_bg.wasm' });
