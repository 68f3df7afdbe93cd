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
//!
//! What happens on each of these events is decided by a pure state machine
//! ([`machine::Machine`], tested natively); this file is its edge, which makes the browser
//! calls it asks for.

mod machine;

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;
use wasm_bindgen::prelude::*;
use yew::Callback;

use super::local::{self, Local};
use covdash_protocol::message::{decode, envelope, field};
use covdash_protocol::sample::Prepared;
use covdash_protocol::Timestamp;
use covdash_protocol::{Failure, FileName, FirstView, Input, Progress, Reply, Request};
pub use machine::Unanswered;
use machine::{Effect, Id, Job, Machine, Named, Now};

/// A file to load: one the person chose or dropped, or bytes the page already has (pasted,
/// fetched, given by an embedding page).
#[derive(Clone, Debug)]
pub enum Given {
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

impl Given {
    pub fn name(&self) -> String {
        match self {
            Given::File(file) => file.name(),
            Given::InFolder { path, .. } => path.clone(),
            Given::Bytes { name, .. } => name.clone(),
        }
    }

    /// It came in a chosen or dropped folder.
    fn in_folder(&self) -> bool {
        matches!(self, Given::InFolder { .. })
    }

    fn size(&self) -> u64 {
        match self {
            Given::File(file) | Given::InFolder { file, .. } => file.size() as u64,
            Given::Bytes { bytes, .. } => bytes.len() as u64,
        }
    }

    fn to_js(&self) -> JsValue {
        match self {
            Given::File(file) | Given::InFolder { file, .. } => file.clone().into(),
            Given::Bytes { bytes, .. } => js_sys::Uint8Array::from(bytes.as_slice()).into(),
        }
    }

    /// Read on the page, where no worker could start.
    async fn read(&self) -> Result<Input, Failure> {
        match self {
            Given::File(file) | Given::InFolder { file, .. } => {
                let modified = Some(Timestamp::from_unix_seconds((file.last_modified() / 1000.0) as i64));
                let bytes = gloo::file::futures::read_as_bytes(&gloo::file::File::from(file.clone()))
                    .await
                    .map_err(|err| Failure { file: self.name(), problem: format!("could not read the file: {err}") })?;
                Ok(Input { name: self.name(), bytes, modified, in_folder: self.in_folder() })
            }
            Given::Bytes { name, bytes } => {
                Ok(Input { name: name.clone(), bytes: bytes.to_vec(), modified: None, in_folder: false })
            }
        }
    }
}

impl Named for Given {
    fn name(&self) -> String {
        Given::name(self)
    }

    fn file_name(&self) -> FileName {
        FileName { name: self.name(), in_folder: self.in_folder() }
    }
}

/// What the page starts with.
pub enum Start {
    /// A batch whose first view was answered ahead of time, and its file, which the first
    /// session asked anything more reads.
    Prepared { prepared: Rc<Prepared>, source: Given },
    /// A session on the page holding the data to show.
    Local(Rc<dyn Local>),
    /// Nothing yet (an embedding that brings its own data).
    Nothing,
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

/// A question waiting for its answer, and who hears how a load goes.
struct Waiting {
    id: Id,
    reply: oneshot::Sender<Result<Reply, Unanswered>>,
    progress: Option<Callback<Progress>>,
}

struct Inner {
    worker_url: Option<String>,
    machine: RefCell<Machine<Given>>,
    worker: RefCell<Option<web_sys::Worker>>,
    /// Kept alive with the worker they listen to.
    listeners: RefCell<Vec<Listener>>,
    /// A few at most: a plain list.
    waiting: RefCell<Vec<Waiting>>,
    page: RefCell<OnPage>,
}

impl Drop for Inner {
    /// A dashboard removed from the page (`destroy()`) ends its worker with it.
    fn drop(&mut self) {
        if let Some(worker) = self.worker.get_mut().take() {
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
        f.debug_struct("Backend").field("holder", &self.0.machine.borrow().holder()).finish_non_exhaustive()
    }
}

impl Backend {
    /// A backend showing what `start` gives, whose worker starts from `worker_url` when first
    /// needed (never when `None`: everything runs on the page).
    pub fn new(worker_url: Option<String>, start: Start) -> Backend {
        let worker = worker_url.is_some();
        let (machine, page) = match start {
            Start::Prepared { prepared, source } => {
                let request = Prepared::request(&prepared.info);
                (Machine::prepared(worker, request, prepared.reply.clone(), source), OnPage::Missing)
            }
            Start::Local(session) => (Machine::on_page_session(worker), OnPage::Ready(session)),
            Start::Nothing => (Machine::new(worker), OnPage::Missing),
        };
        Backend(Rc::new(Inner {
            machine: RefCell::new(machine),
            worker_url,
            worker: RefCell::new(None),
            listeners: RefCell::new(Vec::new()),
            waiting: RefCell::new(Vec::new()),
            page: RefCell::new(page),
        }))
    }

    /// Why loads run on the page rather than in a worker, when they do.
    pub fn problem(&self) -> Option<String> {
        self.0.machine.borrow().problem().map(str::to_owned)
    }

    /// Starts the worker if it has not started: the person is about to need it.
    pub fn warm(&self) {
        let effects = self.0.machine.borrow_mut().warm();
        self.perform(effects);
    }

    /// Stops the load under way, keeping the batch shown.
    pub fn cancel(&self) {
        let effects = self.0.machine.borrow_mut().cancel();
        self.perform(effects);
    }

    /// Makes the browser calls the machine asks for, in order. (The machine is never borrowed
    /// meanwhile: an effect may lead to another event.)
    fn perform(&self, effects: Vec<Effect<Given>>) {
        for effect in effects {
            match effect {
                Effect::Start => self.start_worker(),
                Effect::Terminate => {
                    if let Some(worker) = self.0.worker.borrow_mut().take() {
                        worker.terminate();
                    }
                }
                Effect::Post(job) => self.post(job),
                Effect::OnPage { job, before } => {
                    let backend = self.clone();
                    yew::platform::spawn_local(async move {
                        let id = job.id;
                        let outcome = backend.answer_on_page(job, before).await;
                        let effects = backend.0.machine.borrow_mut().answered(id, outcome);
                        backend.perform(effects);
                    });
                }
                Effect::Settle { id, outcome } => {
                    let mut all = self.0.waiting.borrow_mut();
                    if let Some(at) = all.iter().position(|w| w.id == id) {
                        let _ = all.swap_remove(at).reply.send(outcome);
                    }
                }
            }
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
                let effects = self
                    .0
                    .machine
                    .borrow_mut()
                    .give_up(format!("could not start a worker at {url}: {}", describe(&error)));
                self.perform(effects);
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
                let effects = inner.machine.borrow_mut().worker_failed(&message);
                Backend(inner).perform(effects);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        *self.0.listeners.borrow_mut() = vec![on_message, on_error];
        *self.0.worker.borrow_mut() = Some(worker);
    }

    /// A message from the worker: ready, a load's progress, or an answer.
    fn receive(&self, data: &JsValue) {
        let id = field(data, "id").as_f64().unwrap_or(0.0) as Id;
        let Some(reply) = decode::<Reply>(&field(data, "message")) else {
            return;
        };
        let effects = match reply {
            Reply::Ready => self.0.machine.borrow_mut().ready(),
            Reply::Progress(progress) => {
                let callback = self.progress_of(id);
                if let Some(callback) = callback {
                    callback.emit(progress);
                }
                Vec::new()
            }
            reply => self.0.machine.borrow_mut().answered(id, Ok(reply)),
        };
        self.perform(effects);
    }

    /// Sends `job` to the worker, its files beside it.
    fn post(&self, job: Job<Given>) {
        let sent = match &*self.0.worker.borrow() {
            Some(worker) => {
                let (message, buffer) = envelope(job.id, &job.request);
                let files: js_sys::Array = job.sources.iter().map(Given::to_js).collect();
                let _ = js_sys::Reflect::set(&message, &"files".into(), &files);
                worker.post_message_with_transfer(&message, &js_sys::Array::of1(&buffer)).map_err(|e| describe(&e))
            }
            None => Err("no worker could start".to_owned()),
        };
        if let Err(problem) = sent {
            let effects = self.0.machine.borrow_mut().answered(job.id, Err(Unanswered::Failed(problem)));
            self.perform(effects);
        }
    }

    /// Who hears how the load `id` goes.
    fn progress_of(&self, id: Id) -> Option<Callback<Progress>> {
        self.0.waiting.borrow().iter().find(|w| w.id == id).and_then(|w| w.progress.clone())
    }

    /// Waits for the answer to `id`.
    fn wait(&self, id: Id, progress: Option<Callback<Progress>>) -> oneshot::Receiver<Result<Reply, Unanswered>> {
        let (reply, receiver) = oneshot::channel();
        self.0.waiting.borrow_mut().push(Waiting { id, reply, progress });
        receiver
    }

    /// Loads `sources` as one batch, with `first` answered about it: in the worker when there
    /// is one, on the page otherwise. `progress` hears how it goes. A batch whose files are
    /// all too large is refused before anything is read.
    pub async fn load(
        &self,
        sources: Vec<Given>,
        first: FirstView,
        progress: Callback<Progress>,
    ) -> Result<Reply, Unanswered> {
        let total: u64 = sources.iter().map(Given::size).sum();
        let name = sources.iter().map(Given::name).collect::<Vec<_>>().join(", ");
        if let Some(refusal) = Failure::too_large(&name, total) {
            return Ok(Reply::Loaded { info: None, failures: vec![refusal], first: None });
        }
        let (id, effects) = self.0.machine.borrow_mut().load(sources, Some(first));
        let receiver = self.wait(id, Some(progress));
        self.perform(effects);
        receiver.await.unwrap_or(Err(Unanswered::Cancelled))
    }

    /// The answer to `request` at once: one kept, or the page's session's when it holds the
    /// batch shown.
    pub fn now(&self, request: &Request) -> Option<Reply> {
        let now = self.0.machine.borrow().now(request);
        match now {
            Now::Kept(reply) => Some(reply),
            Now::AskPage => {
                let session = match &*self.0.page.borrow() {
                    OnPage::Ready(session) => session.clone(),
                    _ => return None,
                };
                let reply = session.answer(request.clone(), Vec::new(), &mut |_| ()).ok()?;
                self.0.machine.borrow_mut().keep(request.clone(), reply.clone());
                Some(reply)
            }
            Now::Unknown => None,
        }
    }

    /// The answer to `request` from the session that holds the batch shown.
    pub async fn ask(&self, request: Request) -> Result<Reply, Unanswered> {
        if let Some(reply) = self.now(&request) {
            return Ok(reply);
        }
        let (id, effects) = self.0.machine.borrow_mut().ask(request);
        let receiver = self.wait(id, None);
        self.perform(effects);
        receiver.await.unwrap_or(Err(Unanswered::Cancelled))
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

    /// Answers `job` with the page's session, which reads `before` first (the batch shown).
    async fn answer_on_page(&self, job: Job<Given>, before: Vec<Given>) -> Result<Reply, Unanswered> {
        let progress = self.progress_of(job.id);
        let session = self.on_page().await?;
        if !before.is_empty() {
            let mut inputs = Vec::new();
            for source in &before {
                inputs.push(source.read().await.map_err(|failure| failure.to_string())?);
            }
            let (inputs, _) = session.unpack(inputs).await;
            let names = before.iter().map(Named::file_name).collect();
            session.answer(Request::Load { names, first: None }, inputs, &mut |_| ())?;
        }
        let (mut inputs, mut failures) = (Vec::new(), Vec::new());
        for source in &job.sources {
            match source.read().await {
                Ok(input) => inputs.push(input),
                Err(failure) => failures.push(failure),
            }
        }
        // Gzip files inflated and archives opened, as the worker does before it reads them.
        let (inputs, failed) = session.unpack(inputs).await;
        failures.extend(failed);
        let mut tell = |p: Progress| {
            if let Some(progress) = &progress {
                progress.emit(p);
            }
        };
        Ok(session.answer(job.request, inputs, &mut tell)?.with_failures_first(failures))
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
