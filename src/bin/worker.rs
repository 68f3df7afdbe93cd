//! The Web Worker's entry point, built by Trunk (`data-type="worker"` in index.html): the page
//! sends it files to read and questions about them (`covdash::session`), so that reading,
//! parsing and analysing never hold up the page.

fn main() {
    #[cfg(target_arch = "wasm32")]
    console_error_panic_hook::set_once();
    covdash::ui::worker::serve();
}
