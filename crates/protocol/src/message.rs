//! The messages between the page and the core's module (in covdash's worker, or on the page
//! where no worker can start): a `Request` or a `Reply` encoded by postcard, in a `Uint8Array`.
//! A binary encoding rather than JSON: smaller messages, and a reader that takes the page's
//! module 44 KB (gzipped) less than serde_json's with its field-name matching
//! (docs/benchmarks.md).

use wasm_bindgen::prelude::*;

/// A message, encoded, in a `Uint8Array`.
pub fn encode(message: &impl serde::Serialize) -> js_sys::Uint8Array {
    js_sys::Uint8Array::from(postcard::to_allocvec(message).unwrap_or_default().as_slice())
}

/// `{id, message}`, and the buffer to transfer with it.
pub fn envelope(id: u32, message: &impl serde::Serialize) -> (js_sys::Object, js_sys::ArrayBuffer) {
    let object = js_sys::Object::new();
    let bytes = encode(message);
    let _ = js_sys::Reflect::set(&object, &"id".into(), &JsValue::from(id));
    let _ = js_sys::Reflect::set(&object, &"message".into(), &bytes);
    (object, bytes.buffer())
}

/// A message read back from its encoding in a `Uint8Array`.
pub fn decode<T: serde::de::DeserializeOwned>(bytes: &JsValue) -> Option<T> {
    let bytes = bytes.dyn_ref::<js_sys::Uint8Array>()?.to_vec();
    postcard::from_bytes(&bytes).ok()
}

/// `object[name]`, `undefined` when it has none.
pub fn field(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// A file as the page hands it to the core's module on its own thread:
/// `{name, bytes, modified, in_folder}`, `bytes` a `Uint8Array`, `modified` in seconds since 1970.
pub fn input_to_js(input: &crate::wire::Input) -> JsValue {
    let file = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&file, &"name".into(), &JsValue::from_str(&input.name));
    let _ = js_sys::Reflect::set(&file, &"bytes".into(), &js_sys::Uint8Array::from(input.bytes.as_slice()));
    let _ = js_sys::Reflect::set(&file, &"in_folder".into(), &JsValue::from_bool(input.in_folder));
    if let Some(modified) = input.modified {
        let _ = js_sys::Reflect::set(&file, &"modified".into(), &JsValue::from(modified.unix_seconds() as f64));
    }
    file.into()
}

/// [`input_to_js`]'s file read back.
pub fn input_of_js(file: &JsValue) -> crate::wire::Input {
    crate::wire::Input {
        name: field(file, "name").as_string().unwrap_or_default(),
        bytes: field(file, "bytes").dyn_ref::<js_sys::Uint8Array>().map(|a| a.to_vec()).unwrap_or_default(),
        modified: field(file, "modified").as_f64().map(|s| crate::Timestamp::from_unix_seconds(s as i64)),
        in_folder: field(file, "in_folder").as_bool().unwrap_or(false),
    }
}

/// Files as [`input_to_js`] writes them, in an array.
pub fn inputs_to_js(inputs: &[crate::wire::Input]) -> js_sys::Array {
    inputs.iter().map(input_to_js).collect()
}

/// [`inputs_to_js`]'s files read back (none where `files` is not an array).
pub fn inputs_of_js(files: &JsValue) -> Vec<crate::wire::Input> {
    files
        .dyn_ref::<js_sys::Array>()
        .map(|files| files.iter().map(|file| input_of_js(&file)).collect())
        .unwrap_or_default()
}
