//! The Web Worker's side: a [`Session`] answering the page's messages, off the page's thread.
//!
//! A message from the page is `{id, json, files}`: a [`Request`] as JSON (UTF-8 in a
//! `Uint8Array`, whose buffer is transferred, not copied), and for a load the files (`File`s,
//! read here in slices, or `Uint8Array`s). Each answer is `{id, json}`, a [`Reply`]; a load
//! also sends [`Reply::Progress`] as it reads. The worker says
//! [`Reply::Ready`] (id 0) once it listens.
//!
//! Where no worker can start, the page imports the same module and asks it directly
//! ([`answer_here`], through `covdash-core`'s `PageSession`).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use covdash::model::Timestamp;
use covdash::session::{Input, Progress, Reply, Request, Session};
use covdash_protocol::message::{decode, encode, envelope, field};

/// How much of a file is read at a time, so that progress can be told as it goes.
const SLICE: f64 = 8.0 * 1024.0 * 1024.0;

/// Listens for the page's messages in this worker; called once by the worker's entry point.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let session = Rc::new(RefCell::new(Session::default()));
    let post = {
        let scope = scope.clone();
        move |id: u32, reply: &Reply| {
            let (message, buffer) = envelope(id, reply);
            let _ = scope.post_message_with_transfer(&message, &js_sys::Array::of1(&buffer));
        }
    };
    let post = Rc::new(post);
    let on_message = {
        let post = post.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            let id = field(&data, "id").as_f64().unwrap_or(0.0) as u32;
            let Some(request) = decode::<Request>(&field(&data, "message")) else {
                return;
            };
            let mut progress = |p: Progress| post(id, &Reply::Progress(p));
            let inputs = match &request {
                Request::Load { names, .. } => read_all(&field(&data, "files"), names, &mut progress),
                _ => Vec::new(),
            };
            session.borrow_mut().set_now(clock());
            let reply = session.borrow_mut().answer(request, inputs, &mut progress);
            post(id, &reply);
        })
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post(0, &Reply::Ready);
}

/// The files of a load, read in slices straight into the memory the parser reads; a file
/// that cannot be read is given as empty, which the parser refuses with its name.
fn read_all(files: &JsValue, names: &[String], progress: &mut dyn FnMut(Progress)) -> Vec<Input> {
    let files: js_sys::Array = files.clone().dyn_into().unwrap_or_default();
    let blobs: Vec<JsValue> = files.iter().collect();
    let size = |file: &JsValue| -> u64 {
        match file.dyn_ref::<web_sys::Blob>() {
            Some(blob) => blob.size() as u64,
            None => file.dyn_ref::<js_sys::Uint8Array>().map_or(0, |a| u64::from(a.length())),
        }
    };
    let total: u64 = blobs.iter().map(size).sum();
    let mut done = 0;
    progress(Progress::Reading { done, total });
    let reader = web_sys::FileReaderSync::new().ok();
    blobs
        .iter()
        .enumerate()
        .map(|(index, file)| {
            let name = names.get(index).cloned().unwrap_or_default();
            let modified = file
                .dyn_ref::<web_sys::File>()
                .map(|f| Timestamp::from_unix_seconds((f.last_modified() / 1000.0) as i64));
            let bytes = match (file.dyn_ref::<web_sys::Blob>(), &reader) {
                (Some(blob), Some(reader)) => {
                    let mut bytes = vec![0u8; blob.size() as usize];
                    let mut at = 0.0;
                    while at < blob.size() {
                        let end = (at + SLICE).min(blob.size());
                        let slice = blob.slice_with_f64_and_f64(at, end).ok();
                        let Some(buffer) = slice.and_then(|s| reader.read_as_array_buffer(&s).ok()) else {
                            bytes.clear();
                            break;
                        };
                        js_sys::Uint8Array::new(&buffer).copy_to(&mut bytes[at as usize..end as usize]);
                        done += (end - at) as u64;
                        at = end;
                        progress(Progress::Reading { done, total });
                    }
                    bytes
                }
                _ => file.dyn_ref::<js_sys::Uint8Array>().map(|a| a.to_vec()).unwrap_or_default(),
            };
            // Grow the memory once for the parse instead of in many small steps: each
            // `memory.grow` costs a fraction of a millisecond, and a large file needs thousands.
            drop(Vec::<u8>::with_capacity(bytes.len().saturating_mul(2)));
            Input { name, bytes, modified }
        })
        .collect()
}

/// Answers a request made on the page's own thread, where no worker could start: `request` is
/// a [`Request`] as JSON in a `Uint8Array`, `files` the load's files as the page read them
/// (`[{name, bytes, modified}]`, `modified` in seconds since 1970), `progress` hears each
/// [`Progress`] the same way. Returns the [`Reply`] the same way.
pub fn answer_here(
    session: &mut Session,
    request: &JsValue,
    files: &JsValue,
    progress: &js_sys::Function,
) -> js_sys::Uint8Array {
    let Some(request) = decode::<Request>(request) else {
        return js_sys::Uint8Array::new_with_length(0);
    };
    let files: js_sys::Array = files.clone().dyn_into().unwrap_or_default();
    let inputs = files
        .iter()
        .map(|file| Input {
            name: field(&file, "name").as_string().unwrap_or_default(),
            bytes: field(&file, "bytes").dyn_ref::<js_sys::Uint8Array>().map(|a| a.to_vec()).unwrap_or_default(),
            modified: field(&file, "modified").as_f64().map(|s| Timestamp::from_unix_seconds(s as i64)),
        })
        .collect();
    let mut tell = |p: Progress| {
        let _ = progress.call1(&JsValue::NULL, &encode(&p));
    };
    session.set_now(clock());
    encode(&session.answer(request, inputs, &mut tell))
}

/// The browser's clock, for the session (which reads none itself).
fn clock() -> Timestamp {
    Timestamp::from_unix_seconds((js_sys::Date::now() / 1000.0) as i64)
}
