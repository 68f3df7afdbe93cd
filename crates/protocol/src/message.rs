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
