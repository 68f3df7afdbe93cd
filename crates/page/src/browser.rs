//! The browser effects the page's actions need: the clipboard and downloads. Called from event
//! handlers, never from the reducer.

use std::cell::Cell;

use covdash_protocol::sort::sort_by;
use wasm_bindgen::{JsCast as _, JsValue};

thread_local! {
    static COUNTERS: Cell<bool> = const { Cell::new(false) };
}

/// The properties covdash registers with `CSS.registerProperty`, as (name, syntax, inherited,
/// initial value): the integers the count-up figures animate (`styles/components.css`,
/// `.count`), and covdash's own rem, the length every size is given in
/// (`styles/tokens.css`), so that a widget's `1em` is taken at its root and inherited as a length.
const PROPERTIES: [(&str, &str, bool, &str); 4] = [
    ("--count", "<integer>", false, "0"),
    ("--count-whole", "<integer>", false, "0"),
    ("--count-tenth", "<integer>", false, "0"),
    ("--covdash-rem", "<length>", true, "16px"),
];

/// Registers covdash's [`PROPERTIES`] with `CSS.registerProperty`, once for the whole
/// document. An `@property` rule would not do: rules in a shadow root's style sheets are not
/// registered, so inside `<coverage-dashboard>` the digits would be computed from unrounded
/// text, and a widget's sizes taken from each element's own font. A property registered before
/// (by an earlier dashboard) counts as registered. Where none can be registered, figures are
/// drawn as text and a widget's sizes follow each element's font (`1em`).
pub fn register_properties() {
    let registered = (|| -> Option<bool> {
        let css = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("CSS")).ok()?;
        let register = js_sys::Reflect::get(&css, &JsValue::from_str("registerProperty")).ok()?;
        let register = register.dyn_into::<js_sys::Function>().ok()?;
        let mut all = true;
        for (name, syntax, inherits, initial) in PROPERTIES {
            let definition = js_sys::Object::new();
            for (key, value) in [
                ("name", JsValue::from_str(name)),
                ("syntax", JsValue::from_str(syntax)),
                ("inherits", JsValue::from_bool(inherits)),
                ("initialValue", JsValue::from_str(initial)),
            ] {
                js_sys::Reflect::set(&definition, &JsValue::from_str(key), &value).ok()?;
            }
            if let Err(error) = register.call1(&css, &definition) {
                let name = js_sys::Reflect::get(&error, &JsValue::from_str("name")).ok()?.as_string();
                all &= name.as_deref() == Some("InvalidModificationError");
            }
        }
        Some(all)
    })();
    COUNTERS.with(|c| c.set(registered == Some(true)));
}

/// Whether figures may count up: their properties are registered. Otherwise (and when
/// rendered outside a browser) a figure is drawn as its text.
pub fn counters_registered() -> bool {
    COUNTERS.with(Cell::get)
}

/// Puts `text` on the clipboard; `Err` with a reason a person can act on.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|_| "the browser refused access to the clipboard".to_owned())
}

/// Offers `content` as a file called `name`, as if a link to it had been followed.
pub fn download(name: &str, mime: &str, content: &str) -> Result<(), String> {
    let blob = gloo::file::Blob::new_with_options(content, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let anchor = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or("cannot create a link")?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The object URL is revoked when `url` drops; the download has started by then.
    Ok(())
}

/// The page address's fragment, without `#`; empty outside a browser.
pub fn location_fragment() -> String {
    if !cfg!(target_arch = "wasm32") {
        return String::new();
    }
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    hash.trim_start_matches('#').to_owned()
}

/// Replaces the address's fragment without adding a history entry (empty removes it).
pub fn replace_fragment(fragment: &str) {
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let base = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    let url = if fragment.is_empty() { base } else { format!("{base}#{fragment}") };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Sets `data-theme` on `<html>` (`styles/tokens.css` reads it); `None` follows the system.
pub fn set_theme(theme: Option<&str>) {
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else {
        return;
    };
    let _ = match theme {
        Some(theme) => root.set_attribute("data-theme", theme),
        None => root.remove_attribute("data-theme"),
    };
}

/// Fetches `url` as bytes; `Err` says why in words a person can act on.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| {
        "the network refused it, or the server does not let other sites read it (CORS); \
         download the file and drop it here instead"
            .to_owned()
    })?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "the answer was not a response".to_owned())?;
    if !response.ok() {
        return Err(format!("the server answered {} {}", response.status(), response.status_text()));
    }
    let buffer = response.array_buffer().map_err(|_| "the answer has no body".to_owned())?;
    let buffer = wasm_bindgen_futures::JsFuture::from(buffer)
        .await
        .map_err(|_| "the answer could not be read to the end".to_owned())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The page address's query, without `?`; empty outside a browser.
pub fn location_query() -> String {
    if !cfg!(target_arch = "wasm32") {
        return String::new();
    }
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    search.trim_start_matches('?').to_owned()
}

/// The entries of a drop (files and folders), taken while the drop event lasts: the browser
/// empties the transfer after it.
pub fn dropped_entries(transfer: &web_sys::DataTransfer) -> Vec<web_sys::FileSystemEntry> {
    let items = transfer.items();
    (0..items.length()).filter_map(|idx| items.get(idx)?.webkit_get_as_entry().ok().flatten()).collect()
}

/// Every file under `entries`, with its path inside the drop (`app/src/lib.rs`). A folder is
/// read in as many calls as it takes: Chromium gives at most 100 entries a call.
pub async fn files_in(entries: Vec<web_sys::FileSystemEntry>) -> Vec<(String, web_sys::File)> {
    let mut files = Vec::new();
    let mut pending = entries;
    while let Some(entry) = pending.pop() {
        if entry.is_file() {
            let entry: web_sys::FileSystemFileEntry = entry.unchecked_into();
            let path = entry.full_path().trim_start_matches('/').to_owned();
            let file = js_sys::Promise::new(&mut |resolve, reject| {
                entry.file_with_callback_and_callback(&resolve, &reject);
            });
            if let Ok(file) = wasm_bindgen_futures::JsFuture::from(file).await {
                files.push((path, file.unchecked_into()));
            }
        } else if entry.is_directory() && !covdash_protocol::skipped_folder(&entry.name()) {
            let reader = entry.unchecked_into::<web_sys::FileSystemDirectoryEntry>().create_reader();
            loop {
                let batch = js_sys::Promise::new(&mut |resolve, reject| {
                    if let Err(error) = reader.read_entries_with_callback_and_callback(&resolve, &reject) {
                        let _ = reject.call1(&JsValue::NULL, &error);
                    }
                });
                let Ok(batch) = wasm_bindgen_futures::JsFuture::from(batch).await else { break };
                let batch: js_sys::Array = batch.unchecked_into();
                if batch.length() == 0 {
                    break;
                }
                pending.extend(batch.iter().map(|e| e.unchecked_into::<web_sys::FileSystemEntry>()));
            }
        }
    }
    sort_by(&mut files, |a, b| a.0.cmp(&b.0));
    files
}
