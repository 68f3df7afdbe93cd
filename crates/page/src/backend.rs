//! The page's side of the [`Session`]: requests sent to the session that holds the data.
//!
//! The page's module has no parser and no analysis. Those are the core's module
//! (`covdash-core.js`), which runs in covdash's Web Worker, started when first needed: the
//! person presses a key, a button or drags something over the page, or there is data to read
//! or a question the page cannot answer. Until then the page answers what it was given answered
//! ahead of time (the sample's first view, [`Prepared`]); the first question beyond that hands
//! the sample's bytes to the worker before it. Where no worker can start, the core's module is
//! imported on the page ([`local`](super::local)), and a native render is given a session.
//! Cancelling a load ends the worker (a parse cannot be stopped half way) and starts another,
//! which reads the files of the batch shown again, so that the dashboard shown stays usable.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use futures::channel::oneshot;
use wasm_bindgen::prelude::*;
use yew::Callback;

use super::local::{self, Local};
use covdash_protocol::message::{decode, envelope, field};
use covdash_protocol::sample::Prepared;
use covdash_protocol::Timestamp;
use covdash_protocol::{Failure, Input, Progress, Reply, Request};

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

/// What the page starts with.
pub enum Start {
    /// A batch whose first view was answered ahead of time, and its file, which the first
    /// session asked anything more reads.
    Prepared { prepared: Rc<Prepared>, source: Source },
    /// A session on the page holding the data to show.
    Local(Rc<dyn Local>),
    /// Nothing yet (an embedding that brings its own data).
    Nothing,
}

/// Which session holds the batch shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holder {
    /// No session yet: the page answers what was prepared (if anything), and the first other
    /// question hands the batch to a session.
    Prepared,
    Page,
    Worker,
}

/// The worker, as far as it has got.
enum WorkerLink {
    /// Not started: nothing has needed it yet.
    Idle,
    /// Started; requests wait until it says it is ready.
    Starting {
        worker: web_sys::Worker,
        queue: Vec<(u32, Request, Vec<Source>)>,
    },
    Ready(web_sys::Worker),
    /// None could start, or none was asked for: everything is answered on the page.
    Absent,
}

/// The session on the page, as far as it has got.
enum OnPage {
    Missing,
    /// The core's module is being imported; these wait for it.
    Importing(Vec<oneshot::Sender<Result<Rc<dyn Local>, String>>>),
    Ready(Rc<dyn Local>),
    Failed(String),
}

/// A handler of the worker's events.
type Listener = Closure<dyn FnMut(JsValue)>;

/// A request waiting for its answer.
/// Why a question to the core got no reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unanswered {
    /// Replaced by a newer question, or cancelled by the person: whoever did it has said so.
    Cancelled,
    /// The core could not answer: its worker stopped or none could start, its module did not
    /// load, a file could not be read; in words.
    Failed(String),
}

impl From<String> for Unanswered {
    fn from(problem: String) -> Unanswered {
        Unanswered::Failed(problem)
    }
}

impl std::fmt::Display for Unanswered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unanswered::Cancelled => f.write_str("cancelled"),
            Unanswered::Failed(problem) => f.write_str(problem),
        }
    }
}

struct Pending {
    reply: oneshot::Sender<Result<Reply, Unanswered>>,
    progress: Option<Callback<Progress>>,
}

struct Inner {
    worker_url: Option<String>,
    link: RefCell<WorkerLink>,
    /// Why the worker could not start or stopped, for the page to say.
    problem: RefCell<Option<String>>,
    next_id: Cell<u32>,
    pending: RefCell<HashMap<u32, Pending>>,
    /// The first view answered ahead of time, and the question it answers, while no session
    /// holds the batch shown.
    prepared: Option<(Request, Rc<Prepared>)>,
    /// The prepared batch's file, until a session has read it.
    unread: RefCell<Option<Source>>,
    page: RefCell<OnPage>,
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
        if let WorkerLink::Starting { worker, .. } | WorkerLink::Ready(worker) = &*self.link.borrow() {
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
    /// A backend showing what `start` gives, whose worker starts from `worker_url` when first
    /// needed (never when `None`: everything runs on the page).
    pub fn new(worker_url: Option<String>, start: Start) -> Backend {
        let (prepared, unread, page, holder) = match start {
            Start::Prepared { prepared, source } => {
                (Some((Prepared::request(&prepared.info), prepared)), Some(source), OnPage::Missing, Holder::Prepared)
            }
            Start::Local(session) => (None, None, OnPage::Ready(session), Holder::Page),
            // The first question goes where the data will be.
            Start::Nothing => (None, None, OnPage::Missing, Holder::Prepared),
        };
        let link = if worker_url.is_some() { WorkerLink::Idle } else { WorkerLink::Absent };
        Backend(Rc::new(Inner {
            worker_url,
            link: RefCell::new(link),
            problem: RefCell::new(None),
            next_id: Cell::new(1),
            pending: RefCell::new(HashMap::new()),
            prepared,
            unread: RefCell::new(unread),
            page: RefCell::new(page),
            holder: Cell::new(holder),
            worker_batch: RefCell::new(Vec::new()),
            loading: Cell::new(None),
            listeners: RefCell::new(Vec::new()),
        }))
    }

    /// Why loads run on the page rather than in a worker, when they do.
    pub fn problem(&self) -> Option<String> {
        self.0.problem.borrow().clone()
    }

    /// Starts the worker if it has not started: the person is about to need it.
    pub fn warm(&self) {
        if matches!(&*self.0.link.borrow(), WorkerLink::Idle) {
            self.start_worker();
        }
    }

    fn start_worker(&self) {
        let Some(url) = self.0.worker_url.clone() else {
            return;
        };
        // A module worker: it imports the core's module.
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
        *self.0.link.borrow_mut() = WorkerLink::Starting { worker, queue: Vec::new() };
    }

    /// No worker: what waited for one is answered on the page, in order, and the page's
    /// session holds the batch from now on.
    fn give_up(&self, problem: String) {
        *self.0.problem.borrow_mut() = Some(problem);
        let old = std::mem::replace(&mut *self.0.link.borrow_mut(), WorkerLink::Absent);
        let queue = match old {
            WorkerLink::Starting { worker, queue } => {
                worker.terminate();
                queue
            }
            WorkerLink::Ready(worker) => {
                worker.terminate();
                Vec::new()
            }
            WorkerLink::Idle | WorkerLink::Absent => Vec::new(),
        };
        self.0.loading.set(None);
        if self.0.holder.get() == Holder::Worker {
            self.0.holder.set(Holder::Page);
        }
        let backend = self.clone();
        yew::platform::spawn_local(async move {
            for (id, request, sources) in queue {
                let pending = backend.0.pending.borrow_mut().remove(&id);
                let progress = pending.as_ref().and_then(|p| p.progress.clone());
                let reply = backend.answer_on_page(request, sources, progress).await;
                if let Some(pending) = pending {
                    let _ = pending.reply.send(reply);
                }
            }
        });
    }

    fn worker_failed(&self, message: String) {
        let ready = matches!(&*self.0.link.borrow(), WorkerLink::Ready(_));
        if !ready {
            self.give_up(format!("the worker could not start ({message})"));
            return;
        }
        // It stopped while answering: those waiting hear why, and a new one takes its place.
        self.restart(Some(format!("the page's worker stopped: {message}")));
    }

    /// Ends the worker and starts another, which reads the worker's batch again.
    fn restart(&self, reason: Option<String>) {
        if let WorkerLink::Ready(worker) | WorkerLink::Starting { worker, .. } = &*self.0.link.borrow() {
            worker.terminate();
        }
        self.0.loading.set(None);
        let pending: Vec<Pending> = self.0.pending.borrow_mut().drain().map(|(_, p)| p).collect();
        for p in pending {
            let _ = p.reply.send(Err(reason.clone().map_or(Unanswered::Cancelled, Unanswered::Failed)));
        }
        self.start_worker();
        let sources = self.0.worker_batch.borrow().clone();
        if self.0.holder.get() == Holder::Worker && !sources.is_empty() {
            let names = sources.iter().map(Source::name).collect();
            let id = self.next_id();
            self.0.loading.set(Some(id));
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
                let old = std::mem::replace(&mut *self.0.link.borrow_mut(), WorkerLink::Absent);
                if let WorkerLink::Starting { worker, queue } = old {
                    *self.0.link.borrow_mut() = WorkerLink::Ready(worker);
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

    fn next_id(&self) -> u32 {
        let id = self.0.next_id.get();
        self.0.next_id.set(id.wrapping_add(1).max(1));
        id
    }

    fn register(&self, progress: Option<Callback<Progress>>) -> (u32, oneshot::Receiver<Result<Reply, Unanswered>>) {
        let id = self.next_id();
        let (reply, receiver) = oneshot::channel();
        self.0.pending.borrow_mut().insert(id, Pending { reply, progress });
        (id, receiver)
    }

    /// Sends a request to the worker, or queues it until the worker is ready (starting it if
    /// nothing has yet).
    fn post(&self, id: u32, request: Request, sources: Vec<Source>) {
        self.warm();
        let mut link = self.0.link.borrow_mut();
        match &mut *link {
            WorkerLink::Starting { queue, .. } => queue.push((id, request, sources)),
            WorkerLink::Ready(worker) => {
                let (message, buffer) = envelope(id, &request);
                let files: js_sys::Array = sources.iter().map(Source::to_js).collect();
                let _ = js_sys::Reflect::set(&message, &"files".into(), &files);
                if let Err(error) = worker.post_message_with_transfer(&message, &js_sys::Array::of1(&buffer)) {
                    drop(link);
                    if let Some(pending) = self.0.pending.borrow_mut().remove(&id) {
                        let _ = pending.reply.send(Err(Unanswered::Failed(describe(&error))));
                    }
                }
            }
            WorkerLink::Idle | WorkerLink::Absent => {
                drop(link);
                if let Some(pending) = self.0.pending.borrow_mut().remove(&id) {
                    let _ = pending.reply.send(Err(Unanswered::Failed("no worker could start".to_owned())));
                }
            }
        }
    }

    /// Hands the prepared batch to a session if none holds it yet: to the worker (its read
    /// queued before anything else is asked) or, where there is none, to the page's session
    /// (read before it answers anything else). Returns the session that holds it.
    fn hand_over(&self) -> Holder {
        if self.0.holder.get() == Holder::Prepared {
            self.warm();
            if matches!(&*self.0.link.borrow(), WorkerLink::Absent) {
                self.0.holder.set(Holder::Page);
            } else {
                if let Some(source) = self.0.unread.borrow_mut().take() {
                    let id = self.next_id();
                    self.post(id, Request::Load { names: vec![source.name()] }, vec![source.clone()]);
                    *self.0.worker_batch.borrow_mut() = vec![source];
                }
                self.0.holder.set(Holder::Worker);
            }
        }
        self.0.holder.get()
    }

    /// Loads `sources` as one batch: in the worker when there is one, on the page otherwise.
    /// `progress` hears how it goes. A batch whose files are all too large is refused before
    /// anything is read.
    pub async fn load(&self, sources: Vec<Source>, progress: Callback<Progress>) -> Result<Reply, Unanswered> {
        let total: u64 = sources.iter().map(Source::size).sum();
        let name = sources.iter().map(Source::name).collect::<Vec<_>>().join(", ");
        if let Some(refusal) = Failure::too_large(&name, total) {
            return Ok(Reply::Loaded { info: None, failures: vec![refusal] });
        }
        // A new load replaces one under way. (A diff or sources given alone join the batch a
        // session shows, never the sample: the session knows it by its bytes.)
        self.cancel();
        self.warm();
        if matches!(&*self.0.link.borrow(), WorkerLink::Absent) {
            let reply = self.answer_on_page(Request::Load { names: Vec::new() }, sources, Some(progress)).await;
            if let Ok(Reply::Loaded { info: Some(_), .. }) = &reply {
                self.0.holder.set(Holder::Page);
                self.0.unread.take();
            }
            return reply;
        }
        let names = sources.iter().map(Source::name).collect();
        let (id, receiver) = self.register(Some(progress));
        self.0.loading.set(Some(id));
        self.post(id, Request::Load { names }, sources.clone());
        let reply = receiver.await.unwrap_or(Err(Unanswered::Cancelled));
        if let Ok(Reply::Loaded { info: Some(info), .. }) = &reply {
            // Loaded on the page if the worker gave up meanwhile.
            let in_worker = !matches!(&*self.0.link.borrow(), WorkerLink::Absent);
            self.0.holder.set(if in_worker { Holder::Worker } else { Holder::Page });
            self.0.unread.take();
            if in_worker && info.joined {
                // A diff added to the batch shown: read again with it after a cancel.
                self.0.worker_batch.borrow_mut().extend(sources);
            } else if in_worker {
                *self.0.worker_batch.borrow_mut() = sources;
            }
        }
        reply
    }

    /// The answer to `request` at once: what was prepared, or the page's session's answer when
    /// it holds the batch shown.
    pub fn now(&self, request: &Request) -> Option<Reply> {
        match self.0.holder.get() {
            Holder::Prepared => {
                self.0.prepared.as_ref().filter(|(asked, _)| asked == request).map(|(_, p)| p.reply.clone())
            }
            Holder::Page if self.0.unread.borrow().is_none() => match &*self.0.page.borrow() {
                OnPage::Ready(session) => session.answer(request.clone(), Vec::new(), &mut |_| ()).ok(),
                _ => None,
            },
            _ => None,
        }
    }

    /// The answer to `request` from the session that holds the batch shown.
    pub async fn ask(&self, request: Request) -> Result<Reply, Unanswered> {
        if let Some(reply) = self.now(&request) {
            return Ok(reply);
        }
        match self.hand_over() {
            Holder::Page | Holder::Prepared => self.answer_on_page(request, Vec::new(), None).await,
            Holder::Worker => {
                let (id, receiver) = self.register(None);
                self.post(id, request, Vec::new());
                receiver.await.unwrap_or(Err(Unanswered::Cancelled))
            }
        }
    }

    /// The page's session, imported once.
    async fn on_page(&self) -> Result<Rc<dyn Local>, String> {
        let receiver = {
            let mut page = self.0.page.borrow_mut();
            match &mut *page {
                OnPage::Ready(session) => return Ok(session.clone()),
                OnPage::Failed(problem) => return Err(problem.clone()),
                OnPage::Importing(waiting) => {
                    let (sender, receiver) = oneshot::channel();
                    waiting.push(sender);
                    receiver
                }
                OnPage::Missing => {
                    let (sender, receiver) = oneshot::channel();
                    *page = OnPage::Importing(vec![sender]);
                    let backend = self.clone();
                    yew::platform::spawn_local(async move {
                        let imported = local::import()
                            .await
                            .map_err(|problem| format!("the page could not load covdash's reader: {problem}"));
                        let done = match &imported {
                            Ok(session) => OnPage::Ready(session.clone()),
                            Err(problem) => OnPage::Failed(problem.clone()),
                        };
                        if let OnPage::Importing(waiting) = std::mem::replace(&mut *backend.0.page.borrow_mut(), done) {
                            for sender in waiting {
                                let _ = sender.send(imported.clone());
                            }
                        }
                    });
                    receiver
                }
            }
        };
        receiver.await.unwrap_or_else(|_| Err("covdash's reader did not load".to_owned()))
    }

    async fn answer_on_page(
        &self,
        request: Request,
        sources: Vec<Source>,
        progress: Option<Callback<Progress>>,
    ) -> Result<Reply, Unanswered> {
        let mut inputs = Vec::new();
        let mut failures = Vec::new();
        for source in &sources {
            match source.read().await {
                Ok(input) => inputs.push(input),
                Err(failure) => failures.push(failure),
            }
        }
        let session = self.on_page().await?;
        // The prepared batch, once the page's session holds it, is read first, so that what is
        // asked is asked of it.
        let unread = if self.0.holder.get() == Holder::Page { self.0.unread.borrow_mut().take() } else { None };
        if let Some(source) = unread {
            let input = source.read().await.map_err(|failure| failure.to_string())?;
            session.answer(Request::Load { names: vec![input.name.clone()] }, vec![input], &mut |_| ())?;
        }
        let mut tell = |p: Progress| {
            if let Some(progress) = &progress {
                progress.emit(p);
            }
        };
        let mut reply = session.answer(request, inputs, &mut tell)?;
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
    /// The batch's [`crate::state::DashboardState::generation`].
    pub generation: u64,
    pub how: Rc<covdash_protocol::Combination>,
    /// `None` is the latest.
    pub snapshot: Option<usize>,
}
