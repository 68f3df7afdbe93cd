//! The Web Worker's side: a [`Session`] answering the page's messages, off the page's thread.
//!
//! A message from the page is `{id, message, files}`: a [`Request`] as the wire encodes it
//! (`covdash_protocol::message`, in a `Uint8Array` whose buffer is transferred, not copied),
//! and for a load the files (`File`s, streamed here as the browser reads them, or
//! `Uint8Array`s). Each answer is `{id, message}`, a [`Reply`]; a load also sends [`Reply::Progress`] as it reads. Messages are answered one at a
//! time, in the order they came: one that comes while a load reads waits its turn. The worker
//! says [`Reply::Ready`] (id 0) once it listens.
//!
//! Where no worker can start, the page imports the same module and asks it directly
//! ([`answer_here`], through `covdash-core`'s `PageSession`).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use covdash::model::Timestamp;
use covdash::packed;
use covdash::session::{Failure, FileName, Input, Progress, Reply, Request, Session};
use covdash_protocol::message::{decode, encode, envelope, field, inputs_of_js, inputs_to_js};
use covdash_protocol::size_text;

/// How much of a file is read between two words of progress.
const TELL_EVERY: usize = 8 * 1024 * 1024;

/// The worker's state: the session, and the messages waiting for it.
struct Worker {
    scope: web_sys::DedicatedWorkerGlobalScope,
    session: RefCell<Session>,
    waiting: RefCell<VecDeque<JsValue>>,
    /// Whether a message is being answered (the rest wait in `waiting`).
    answering: Cell<bool>,
}

/// Listens for the page's messages in this worker; called once by the worker's entry point.
pub fn serve() {
    let worker = Rc::new(Worker {
        scope: js_sys::global().unchecked_into(),
        session: RefCell::default(),
        waiting: RefCell::default(),
        answering: Cell::new(false),
    });
    let on_message = {
        let worker = worker.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            worker.waiting.borrow_mut().push_back(event.data());
            if !worker.answering.replace(true) {
                wasm_bindgen_futures::spawn_local(worker.clone().answer_waiting());
            }
        })
    };
    worker.scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    worker.post(0, &Reply::Ready);
}

impl Worker {
    /// Answers the waiting messages in turn, until none is left.
    async fn answer_waiting(self: Rc<Worker>) {
        loop {
            let next = self.waiting.borrow_mut().pop_front();
            let Some(data) = next else { break };
            self.answer(&data).await;
        }
        self.answering.set(false);
    }

    /// Answers one message: a load's files are read first.
    async fn answer(&self, data: &JsValue) {
        let id = field(data, "id").as_f64().unwrap_or(0.0) as u32;
        let Some(request) = decode::<Request>(&field(data, "message")) else {
            return;
        };
        let mut progress = |p: Progress| self.post(id, &Reply::Progress(p));
        let (inputs, failures) = match &request {
            Request::Load { names, .. } => read_all(&field(data, "files"), names, &mut progress).await,
            _ => (Vec::new(), Vec::new()),
        };
        let mut session = self.session.borrow_mut();
        session.set_now(clock());
        // What could not be unpacked first, as the files were given.
        let reply = session.answer(request, inputs, &mut progress).with_failures_first(failures);
        self.post(id, &reply);
    }

    fn post(&self, id: u32, reply: &Reply) {
        let (message, buffer) = envelope(id, reply);
        let _ = self.scope.post_message_with_transfer(&message, &js_sys::Array::of1(&buffer));
    }
}

/// The files of a load, each read into the memory the parser reads, gzip files inflated and zip
/// archives opened into their files; a file that cannot be read is given as empty, which the
/// parser refuses with its name. Beside them, what could not be inflated or opened.
async fn read_all(
    files: &JsValue,
    names: &[FileName],
    progress: &mut dyn FnMut(Progress),
) -> (Vec<Input>, Vec<Failure>) {
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
    let (mut inputs, mut failures) = (Vec::with_capacity(blobs.len()), Vec::new());
    for (index, file) in blobs.iter().enumerate() {
        let FileName { name, in_folder } = names.get(index).cloned().unwrap_or_default();
        let modified =
            file.dyn_ref::<web_sys::File>().map(|f| Timestamp::from_unix_seconds((f.last_modified() / 1000.0) as i64));
        let bytes = match file.dyn_ref::<web_sys::Blob>() {
            Some(blob) => read_blob(blob, &mut |read| progress(Progress::Reading { done: done + read, total })).await,
            None => file.dyn_ref::<js_sys::Uint8Array>().map(|a| a.to_vec()).unwrap_or_default(),
        };
        done += size(file);
        let (files, failed) = unpacked(Input { name, bytes, modified, in_folder }).await;
        // Grow the memory once for the parse instead of in many small steps: each
        // `memory.grow` costs a fraction of a millisecond, and a large file needs thousands.
        let read: usize = files.iter().map(|input| input.bytes.len()).sum();
        drop(Vec::<u8>::with_capacity(read.saturating_mul(2)));
        inputs.extend(files);
        failures.extend(failed);
    }
    (inputs, failures)
}

/// The files `input` holds, and the archives in it in turn ([`packed::Unpacking`]), each one's
/// streams inflated by the browser first, and handed over in the order they were listed.
async fn unpacked(input: Input) -> (Vec<Input>, Vec<Failure>) {
    let mut unpacking = packed::Unpacking::new(input);
    while let Some(opened) = unpacking.next() {
        let mut inflated = Vec::new();
        for (stream, bytes) in opened.streams() {
            inflated.push(inflate_here(bytes, stream).await);
        }
        let mut inflated = inflated.into_iter();
        let next = &mut |_: &packed::Stream, _: &[u8]| {
            inflated.next().unwrap_or_else(|| Err("it was not inflated".to_owned()))
        };
        unpacking.opened(opened.unpack(next));
    }
    let unpacked = unpacking.finish();
    (unpacked.files, unpacked.failures)
}

#[wasm_bindgen]
extern "C" {
    /// The browser's inflater (`new DecompressionStream("gzip")`), declared here: web-sys has
    /// it only among its unstable APIs.
    type DecompressionStream;

    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;

    /// A `ReadableStream`, as the one thing piped through it.
    type Piped;

    #[wasm_bindgen(method, js_name = pipeThrough)]
    fn pipe_through(this: &Piped, transform: &DecompressionStream) -> web_sys::ReadableStream;
}

/// `bytes` inflated by the browser as `format` says, into room for `expected` bytes: `None` past
/// `limit` bytes, an error when they are not what `format` says.
async fn inflate(bytes: &[u8], format: &str, limit: u64, expected: u64) -> Result<Option<Vec<u8>>, JsValue> {
    let blob = web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&js_sys::Uint8Array::from(bytes)))?;
    let inflater = DecompressionStream::new(format)?;
    let reader: web_sys::ReadableStreamDefaultReader =
        blob.stream().unchecked_into::<Piped>().pipe_through(&inflater).get_reader().unchecked_into();
    // Room for what it says it holds, so that the bytes are not moved as they come.
    let mut inflated = Vec::with_capacity(expected.min(limit) as usize);
    loop {
        let chunk = JsFuture::from(reader.read()).await?;
        if field(&chunk, "done").as_bool() == Some(true) {
            return Ok(Some(inflated));
        }
        let value: js_sys::Uint8Array = field(&chunk, "value").unchecked_into();
        if (inflated.len() + value.length() as usize) as u64 > limit {
            let _ = reader.cancel();
            return Ok(None);
        }
        let at = inflated.len();
        inflated.resize(at + value.length() as usize, 0);
        value.copy_to(&mut inflated[at..]);
    }
}

/// `bytes` inflated as `stream` says.
async fn inflate_here(bytes: &[u8], stream: &packed::Stream) -> packed::Inflated {
    match inflate(bytes, stream.compression.id(), stream.limit, stream.expected).await {
        Ok(Some(inflated)) => Ok(inflated),
        Ok(None) => Err(format!("it inflates to more than {}", size_text(stream.limit))),
        Err(error) => {
            let why = js_sys::Reflect::get(&error, &"message".into()).ok().and_then(|m| m.as_string());
            let why = why.unwrap_or_else(|| "the browser did not say why".to_owned());
            Err(format!("it cannot be inflated: {}", why.trim_end_matches('.')))
        }
    }
}

/// A blob's bytes, streamed as the browser reads them, telling `read` how far it got every
/// [`TELL_EVERY`] bytes. Empty when it cannot be read, or changed size meanwhile. (A `File` of
/// 100 MB, into memory in a fresh worker: streamed 340-365 ms, in 8 MB slices of
/// `FileReaderSync` 400-530 ms, in one read 270-300 ms but with nothing to tell until it ends.)
async fn read_blob(blob: &web_sys::Blob, read: &mut dyn FnMut(u64)) -> Vec<u8> {
    let mut bytes = vec![0u8; blob.size() as usize];
    let reader: web_sys::ReadableStreamDefaultReader = blob.stream().get_reader().unchecked_into();
    let (mut at, mut told) = (0, 0);
    loop {
        let Ok(chunk) = JsFuture::from(reader.read()).await else { return Vec::new() };
        if field(&chunk, "done").as_bool() == Some(true) {
            break;
        }
        let value: js_sys::Uint8Array = field(&chunk, "value").unchecked_into();
        let Some(into) = bytes.get_mut(at..at + value.length() as usize) else { return Vec::new() };
        value.copy_to(into);
        at += into.len();
        if at - told >= TELL_EVERY {
            read(at as u64);
            told = at;
        }
    }
    if at < bytes.len() {
        return Vec::new();
    }
    read(at as u64);
    bytes
}

/// Answers a request made on the page's own thread, where no worker could start: `request` is
/// a [`Request`] in postcard's encoding, in a `Uint8Array`, `files` the load's files as the page read them
/// (`[{name, bytes, modified, in_folder}]`, `modified` in seconds since 1970), `progress` hears each
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
    let inputs = inputs_of_js(files);
    let mut tell = |p: Progress| {
        let _ = progress.call1(&JsValue::NULL, &encode(&p));
    };
    session.set_now(clock());
    encode(&session.answer(request, inputs, &mut tell))
}

/// What `files` (as [`answer_here`] takes them) hold, on the page's own thread: gzip files
/// inflated and archives opened, as the worker opens them before a load (the browser inflates
/// only asynchronously, so apart from the answer). Resolves to `{files, failures}`: `files` as
/// `answer_here` takes them, `failures` the [`Failure`]s in postcard's encoding.
pub fn unpack_here(files: &JsValue) -> js_sys::Promise {
    let inputs = inputs_of_js(files);
    wasm_bindgen_futures::future_to_promise(async move {
        let (mut files, mut failures) = (Vec::new(), Vec::new());
        for input in inputs {
            let (unpacked, failed) = unpacked(input).await;
            files.extend(unpacked);
            failures.extend(failed);
        }
        let result = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&result, &"files".into(), &inputs_to_js(&files));
        let _ = js_sys::Reflect::set(&result, &"failures".into(), &encode(&failures));
        Ok(result.into())
    })
}

/// The browser's clock, for the session (which reads none itself).
fn clock() -> Timestamp {
    Timestamp::from_unix_seconds((js_sys::Date::now() / 1000.0) as i64)
}
