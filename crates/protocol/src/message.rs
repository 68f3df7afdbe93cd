//! The messages between the page and the core's module (in covdash's worker, or on the page
//! where no worker can start): a `Request` or a
//! `Reply` as JSON, in a `Uint8Array`.

use wasm_bindgen::prelude::*;

/// A message as JSON, in a `Uint8Array`.
pub fn encode(message: &impl serde::Serialize) -> js_sys::Uint8Array {
    js_sys::Uint8Array::from(serde_json::to_vec(message).unwrap_or_default().as_slice())
}

/// `{id, json}`, and the buffer to transfer with it.
pub fn envelope(id: u32, message: &impl serde::Serialize) -> (js_sys::Object, js_sys::ArrayBuffer) {
    let object = js_sys::Object::new();
    let json = encode(message);
    let _ = js_sys::Reflect::set(&object, &"id".into(), &JsValue::from(id));
    let _ = js_sys::Reflect::set(&object, &"json".into(), &json);
    (object, json.buffer())
}

/// A message read back from its JSON in a `Uint8Array`.
pub fn decode<T: serde::de::DeserializeOwned>(json: &JsValue) -> Option<T> {
    let bytes = json.dyn_ref::<js_sys::Uint8Array>()?.to_vec();
    serde_json::from_slice(&bytes).ok()
}

/// `object[name]`, `undefined` when it has none.
pub fn field(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}
