//! The core's entry point (`covdash-core.js`): the parsers, the analysis and the view model,
//! behind a [`Session`]. covdash's Web Worker (`covdash-worker_loader.js`) loads it and calls
//! [`serve`]; where no worker can start, the page imports it and asks a [`PageSession`].

mod serve;

use wasm_bindgen::prelude::*;

use covdash::session::Session;

fn main() {
    #[cfg(target_arch = "wasm32")]
    console_error_panic_hook::set_once();
}

/// Answers the page's messages: called by covdash's worker once the module is loaded there.
#[wasm_bindgen]
pub fn serve() {
    serve::serve();
}

/// A session on the page's own thread, for a page where no worker could start.
#[wasm_bindgen]
pub struct PageSession(Session);

#[wasm_bindgen]
impl PageSession {
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> PageSession {
        PageSession(Session::default())
    }

    /// Answers `request` (a request in postcard's encoding) with `files` (`[{name, bytes, modified}]`);
    /// `progress` hears how a load goes. Returns the reply, encoded the same way.
    pub fn answer(&mut self, request: &JsValue, files: &JsValue, progress: &js_sys::Function) -> js_sys::Uint8Array {
        serve::answer_here(&mut self.0, request, files, progress)
    }

    /// What `files` (as `answer` takes them) hold: gzip files inflated, archives opened. A
    /// promise of `{files, failures}`, `failures` in postcard's encoding.
    pub fn unpack(&self, files: &JsValue) -> js_sys::Promise {
        serve::unpack_here(files)
    }
}
