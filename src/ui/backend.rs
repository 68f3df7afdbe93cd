//! The page's side of the [`Session`]: requests sent to the Web Worker that holds the data, or
//! answered on the page where no worker could start.
//!
//! The session holding the batch shown is either the page's own (the built-in sample, data
//! given before any worker is up, or every batch when no worker can start) or the worker's
//! (every file, pasted text and `?src=` once the worker is up). A request goes to the one that
//! holds the batch; the page's own answers at once, so the first paint needs no round trip.
//! Cancelling a load ends the worker (a parse cannot be stopped half way) and starts another,
//! which reads the files of the batch shown again, so that the dashboard shown stays usable.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use futures::channel::oneshot;
use wasm_bindgen::prelude::*;
use yew::Callback;

use super::worker::{decode, envelope, field};
use crate::model::Timestamp;
use crate::session::{Batch, Failure, Input, Progress, Reply, Request, Session};

/// A file to load: one the person chose or dropped, or bytes the page already has (pasted,
/// fetched, given by an embedding page).
#[derive(Clone, Debug)]
pub enum Source {
    File(web_sys::File),
    /// A file from a dropped folder, by its path inside the drop (`app/src/lib.rs`).
    InFolder {
        path: String,
        file: web_sys::File,
    },
    Bytes {
        name: String,
        bytes: Rc<Vec<u8>>,
    },
}

impl Source {
    pub fn name(&self) -> String {
        match self {
            Source::File(file) => file.name(),
            Source::InFolder { path, .. } => path.clone(),
            Source::Bytes { name, .. } => name.clone(),
        }
    }

    fn size(&self) -> u64 {
        match self {
            Source::File(file) | Source::InFolder { file, .. } => file.size() as u64,
            Source::Bytes { bytes, .. } => bytes.len() as u64,
        }
    }

    fn to_js(&self) -> JsValue {
        match self {
            Source::File(file) | Source::InFolder { file, .. } => file.clone().into(),
            Source::Bytes { bytes, .. } => js_sys::Uint8Array::from(bytes.as_slice()).into(),
        }
    }

    /// Read on the page, where no worker could start.
    async fn read(&self) -> Result<Input, Failure> {
        match self {
            Source::File(file) | Source::InFolder { file, .. } => {
                let modified = Some(Timestamp::from_unix_seconds((file.last_modified() / 1000.0) as i64));
                let bytes = gloo::file::futures::read_as_bytes(&gloo::file::File::from(file.clone()))
                    .await
                    .map_err(|err| Failure { file: self.name(), problem: format!("could not read the file: {err}") })?;
                Ok(Input { name: self.name(), bytes, modified })
            }
            Source::Bytes { name, bytes } => Ok(Input { name: name.clone(), bytes: bytes.to_vec(), modified: None }),
        }
    }
}

/// Which session holds the batch shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holder {
    Page,
    Worker,
}

/// The worker, as far as it has got.
enum Link {
    /// Started; requests wait until it says it is ready.
    Starting {
        worker: web_sys::Worker,
        queue: Vec<(u32, Request, Vec<Source>)>,
    },
    Ready(web_sys::Worker),
    /// None could start, or none was asked for: everything is answered on the page.
    Absent,
}

/// A handler of the worker's events.
type Listener = Closure<dyn FnMut(JsValue)>;

/// A request waiting for its answer.
struct Pending {
    reply: oneshot::Sender<Result<Reply, String>>,
    progress: Option<Callback<Progress>>,
}

struct Inner {
    worker_url: Option<String>,
    link: RefCell<Link>,
    /// Why the worker could not start or stopped, for the page to say.
    problem: RefCell<Option<String>>,
    next_id: Cell<u32>,
    pending: RefCell<HashMap<u32, Pending>>,
    page: RefCell<Session>,
    holder: Cell<Holder>,
    /// The files of the worker's batch, to read again after a cancel.
    worker_batch: RefCell<Vec<Source>>,
    /// The load under way in the worker, if any.
    loading: Cell<Option<u32>>,
    /// Kept alive with the worker they listen to.
    listeners: RefCell<Vec<Listener>>,
}

impl Drop for Inner {
    /// A dashboard removed from the page (`destroy()`) ends its worker with it.
    fn drop(&mut self) {
        if let Link::Starting { worker, .. } | Link::Ready(worker) = &*self.link.borrow() {
            worker.terminate();
        }
    }
}

/// The page's handle on the sessions; cheap to clone, compared by address.
#[derive(Clone)]
pub struct Backend(Rc<Inner>);

impl PartialEq for Backend {
    fn eq(&self, other: &Backend) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Backend").field("holder", &self.0.holder.get()).finish_non_exhaustive()
    }
}

impl Backend {
    /// A backend whose page session shows `batch`, with a worker started from `worker_url`
    /// (none when `None`: everything runs on the page).
    pub fn new(worker_url: Option<String>, batch: Option<Rc<Batch>>) -> Backend {
        let backend = Backend(Rc::new(Inner {
            worker_url,
            link: RefCell::new(Link::Absent),
            problem: RefCell::new(None),
            next_id: Cell::new(1),
            pending: RefCell::new(HashMap::new()),
            page: RefCell::new(batch.map(Session::with).unwrap_or_default()),
            holder: Cell::new(Holder::Page),
            worker_batch: RefCell::new(Vec::new()),
            loading: Cell::new(None),
            listeners: RefCell::new(Vec::new()),
        }));
        backend.start_worker();
        backend
    }

    /// Why loads run on the page rather than in a worker, when they do.
    pub fn problem(&self) -> Option<String> {
        self.0.problem.borrow().clone()
    }

    /// Whether a load is under way in the worker.
    pub fn is_loading(&self) -> bool {
        self.0.loading.get().is_some()
    }

    fn start_worker(&self) {
        let Some(url) = self.0.worker_url.clone() else {
            return;
        };
        // A module worker: it imports the page's own module.
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = match web_sys::Worker::new_with_options(&url, &options) {
            Ok(worker) => worker,
            Err(error) => {
                self.give_up(format!("could not start a worker at {url}: {}", describe(&error)));
                return;
            }
        };
        let weak = Rc::downgrade(&self.0);
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            if let Some(inner) = weak.upgrade() {
                Backend(inner).receive(&field(&event, "data"));
            }
        });
        let weak = Rc::downgrade(&self.0);
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            if let Some(inner) = weak.upgrade() {
                let message = field(&event, "message").as_string().unwrap_or_else(|| "it failed to load".to_owned());
                Backend(inner).worker_failed(message);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        *self.0.listeners.borrow_mut() = vec![on_message, on_error];
        *self.0.link.borrow_mut() = Link::Starting { worker, queue: Vec::new() };
    }

    /// No worker: what waited for one is answered on the page.
    fn give_up(&self, problem: String) {
        *self.0.problem.borrow_mut() = Some(problem);
        let old = std::mem::replace(&mut *self.0.link.borrow_mut(), Link::Absent);
        let queue = match old {
            Link::Starting { worker, queue } => {
                worker.terminate();
                queue
            }
            Link::Ready(worker) => {
                worker.terminate();
                Vec::new()
            }
            Link::Absent => Vec::new(),
        };
        self.0.loading.set(None);
        for (id, request, sources) in queue {
            if let Some(pending) = self.0.pending.borrow_mut().remove(&id) {
                let backend = self.clone();
                yew::platform::spawn_local(async move {
                    let reply = backend.answer_on_page(request, sources, pending.progress.clone()).await;
                    let _ = pending.reply.send(reply);
                });
            }
        }
    }

    fn worker_failed(&self, message: String) {
        let ready = matches!(&*self.0.link.borrow(), Link::Ready(_));
        if !ready {
            self.give_up(format!("the worker could not start ({message})"));
            return;
        }
        // It stopped while answering: those waiting hear why, and a new one takes its place.
        self.restart(Some(format!("the page's worker stopped: {message}")));
    }

    /// Ends the worker and starts another, which reads the worker's batch again.
    fn restart(&self, reason: Option<String>) {
        if let Link::Ready(worker) | Link::Starting { worker, .. } = &*self.0.link.borrow() {
            worker.terminate();
        }
        self.0.loading.set(None);
        let pending: Vec<Pending> = self.0.pending.borrow_mut().drain().map(|(_, p)| p).collect();
        for p in pending {
            let _ = p.reply.send(Err(reason.clone().unwrap_or_else(|| "cancelled".to_owned())));
        }
        self.start_worker();
        let sources = self.0.worker_batch.borrow().clone();
        if self.0.holder.get() == Holder::Worker && !sources.is_empty() {
            let names = sources.iter().map(Source::name).collect();
            let (id, _) = self.register(None);
            self.post(id, Request::Load { names }, sources);
        }
    }

    /// Stops the load under way, keeping the batch shown.
    pub fn cancel(&self) {
        if self.0.loading.get().is_some() {
            self.restart(None);
        }
    }

    fn receive(&self, data: &JsValue) {
        let id = field(data, "id").as_f64().unwrap_or(0.0) as u32;
        let Some(reply) = decode::<Reply>(&field(data, "json")) else {
            return;
        };
        match reply {
            Reply::Ready => {
                let old = std::mem::replace(&mut *self.0.link.borrow_mut(), Link::Absent);
                if let Link::Starting { worker, queue } = old {
                    *self.0.link.borrow_mut() = Link::Ready(worker);
                    for (id, request, sources) in queue {
                        self.post(id, request, sources);
                    }
                } else {
                    *self.0.link.borrow_mut() = old;
                }
            }
            Reply::Progress(progress) => {
                let callback = self.0.pending.borrow().get(&id).and_then(|p| p.progress.clone());
                if let Some(callback) = callback {
                    callback.emit(progress);
                }
            }
            reply => {
                if self.0.loading.get() == Some(id) {
                    self.0.loading.set(None);
                }
                if let Some(pending) = self.0.pending.borrow_mut().remove(&id) {
                    let _ = pending.reply.send(Ok(reply));
                }
            }
        }
    }

    fn register(&self, progress: Option<Callback<Progress>>) -> (u32, oneshot::Receiver<Result<Reply, String>>) {
        let id = self.0.next_id.get();
        self.0.next_id.set(id.wrapping_add(1).max(1));
        let (reply, receiver) = oneshot::channel();
        self.0.pending.borrow_mut().insert(id, Pending { reply, progress });
        (id, receiver)
    }

    /// Sends a request to the worker, or queues it until the worker is ready.
    fn post(&self, id: u32, request: Request, sources: Vec<Source>) {
        if matches!(request, Request::Load { .. }) {
            self.0.loading.set(Some(id));
        }
        let mut link = self.0.link.borrow_mut();
        match &mut *link {
            Link::Starting { queue, .. } => queue.push((id, request, sources)),
            Link::Ready(worker) => {
                let (message, buffer) = envelope(id, &request);
                let files: js_sys::Array = sources.iter().map(Source::to_js).collect();
                let _ = js_sys::Reflect::set(&message, &"files".into(), &files);
                if let Err(error) = worker.post_message_with_transfer(&message, &js_sys::Array::of1(&buffer)) {
                    drop(link);
                    if let Some(pending) = self.0.pending.borrow_mut().remove(&id) {
                        let _ = pending.reply.send(Err(describe(&error)));
                    }
                }
            }
            Link::Absent => {}
        }
    }

    /// Loads `sources` as one batch: in the worker when there is one, on the page otherwise.
    /// `progress` hears how it goes. A batch whose files are all too large is refused before
    /// anything is read.
    pub async fn load(&self, sources: Vec<Source>, progress: Callback<Progress>) -> Result<Reply, String> {
        let total: u64 = sources.iter().map(Source::size).sum();
        let name = sources.iter().map(Source::name).collect::<Vec<_>>().join(", ");
        if let Some(refusal) = Failure::too_large(&name, total) {
            return Ok(Reply::Loaded { info: None, failures: vec![refusal] });
        }
        // A new load replaces one under way.
        self.cancel();
        let reply = if matches!(&*self.0.link.borrow(), Link::Absent) {
            let reply = self.answer_on_page(Request::Load { names: Vec::new() }, sources.clone(), Some(progress)).await;
            if let Ok(Reply::Loaded { info: Some(_), .. }) = &reply {
                self.0.holder.set(Holder::Page);
            }
            reply
        } else {
            let names = sources.iter().map(Source::name).collect();
            let (id, receiver) = self.register(Some(progress));
            self.post(id, Request::Load { names }, sources.clone());
            let reply = receiver.await.unwrap_or_else(|_| Err("cancelled".to_owned()));
            if let Ok(Reply::Loaded { info: Some(info), .. }) = &reply {
                // Loaded on the page if the worker gave up meanwhile.
                let in_worker = !matches!(&*self.0.link.borrow(), Link::Absent);
                self.0.holder.set(if in_worker { Holder::Worker } else { Holder::Page });
                if in_worker && info.joined {
                    // A diff added to the batch shown: read again with it after a cancel.
                    self.0.worker_batch.borrow_mut().extend(sources);
                } else if in_worker {
                    *self.0.worker_batch.borrow_mut() = sources;
                }
            }
            reply
        };
        reply
    }

    /// The answer to `request` at once, when the page's session holds the batch shown.
    pub fn now(&self, request: &Request) -> Option<Reply> {
        (self.0.holder.get() == Holder::Page)
            .then(|| self.0.page.borrow_mut().answer(request.clone(), Vec::new(), &mut |_| ()))
    }

    /// The answer to `request` from the session that holds the batch shown.
    pub async fn ask(&self, request: Request) -> Result<Reply, String> {
        if let Some(reply) = self.now(&request) {
            return Ok(reply);
        }
        let (id, receiver) = self.register(None);
        self.post(id, request, Vec::new());
        receiver.await.unwrap_or_else(|_| Err("cancelled".to_owned()))
    }

    async fn answer_on_page(
        &self,
        request: Request,
        sources: Vec<Source>,
        progress: Option<Callback<Progress>>,
    ) -> Result<Reply, String> {
        let mut inputs = Vec::new();
        let mut failures = Vec::new();
        for source in &sources {
            match source.read().await {
                Ok(input) => inputs.push(input),
                Err(failure) => failures.push(failure),
            }
        }
        let mut tell = |p: Progress| {
            if let Some(progress) = &progress {
                progress.emit(p);
            }
        };
        let mut reply = self.0.page.borrow_mut().answer(request, inputs, &mut tell);
        if let Reply::Loaded { failures: reasons, .. } = &mut reply {
            failures.append(reasons);
            *reasons = failures;
        }
        Ok(reply)
    }
}

/// A JavaScript error's message.
fn describe(error: &JsValue) -> String {
    field(error, "message").as_string().or_else(|| error.as_string()).unwrap_or_else(|| format!("{error:?}"))
}

/// What the parts of the page that ask about the data need: whom to ask, about which batch,
/// read how, as of which snapshot.
#[derive(Clone, Debug, PartialEq)]
pub struct Data {
    pub backend: Backend,
    /// The batch's [`crate::ui::state::DashboardState::generation`].
    pub generation: u64,
    pub how: Rc<crate::session::Combination>,
    /// `None` is the latest.
    pub snapshot: Option<usize>,
}
