//! The backend's state, and how each event changes it: which session holds the batch shown,
//! how far the worker has got, the questions waiting for an answer, and the answers kept.
//!
//! Pure: no browser call is made here. Each event returns the [`Effect`]s it calls for, in
//! order, and the edge (`backend.rs`) performs them: it starts and ends the worker, posts to
//! it, asks the page's own session, and settles the futures that wait. So every path (a worker
//! that never starts, one that stops mid-load, a cancel, the sample handed over) is tested
//! here natively, with names for files.
//!
//! The answers kept here are the page's one cache of answers: the sample's first view answered
//! ahead of time, the first view a load brings, and every answer since about the batch shown.

use covdash_protocol::{FileName, FirstView, Reply, Request};

/// Tells one question from another, between the page and the session answering it.
pub type Id = u32;

/// How many answers are kept: a few snapshots' views, their package pages and files.
const KEPT: usize = 16;

/// A file to load, as far as the machine needs to know it.
pub trait Named: Clone {
    fn name(&self) -> String;

    /// How a load's request names it: a file given alone, unless it says it came in a folder.
    fn file_name(&self) -> FileName {
        FileName { name: self.name(), in_folder: false }
    }
}

/// Why a question to the core got no reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unanswered {
    /// Replaced by a newer question, or cancelled by the person: whoever did it has said so.
    Cancelled,
    /// The core could not answer: its worker stopped or none could start, its module did not
    /// load, a file could not be read; in words.
    Failed(String),
}

impl std::fmt::Display for Unanswered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unanswered::Cancelled => f.write_str("cancelled"),
            Unanswered::Failed(problem) => f.write_str(problem),
        }
    }
}

impl From<String> for Unanswered {
    fn from(problem: String) -> Unanswered {
        Unanswered::Failed(problem)
    }
}

/// A question on its way to a session, with the files it brings.
#[derive(Debug, Clone, PartialEq)]
pub struct Job<S> {
    pub id: Id,
    pub request: Request,
    pub sources: Vec<S>,
}

/// What the edge is to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect<S> {
    /// Start the worker (it says [`Reply::Ready`] when it listens: [`Machine::ready`]).
    Start,
    /// End the worker.
    Terminate,
    /// Send a question to the worker.
    Post(Job<S>),
    /// Ask the page's own session, after it has read `before` (the batch shown, which it does
    /// not hold yet).
    OnPage { job: Job<S>, before: Vec<S> },
    /// Give a question its outcome.
    Settle { id: Id, outcome: Result<Reply, Unanswered> },
}

/// Which session holds the batch shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// None yet: what was answered ahead of time is shown, and the first other question hands
    /// the batch to a session.
    Prepared,
    Page,
    Worker,
}

/// The worker, as far as it has got.
#[derive(Debug)]
enum Link<S> {
    /// Not started: nothing has needed it yet.
    Idle,
    /// Started; questions wait until it says it is ready.
    Starting(Vec<Job<S>>),
    Ready,
    /// None could start, or none was asked for: everything is answered on the page.
    Absent,
}

/// What a question in flight was.
#[derive(Debug)]
enum Asked<S> {
    /// The person's files, to show instead of the batch shown.
    Load {
        sources: Vec<S>,
        first: Option<FirstView>,
        at: Holder,
    },
    Question(Request),
    /// The batch shown, read again by a worker that did not hold it.
    Reread,
}

/// The backend's state.
#[derive(Debug)]
pub struct Machine<S> {
    link: Link<S>,
    holder: Holder,
    /// The files of the batch shown that the session holding it has still to read: the
    /// sample's, before anything is asked of it; the worker's batch, when the page takes over.
    unread: Vec<S>,
    /// The files of the worker's batch, to read again after a cancel.
    worker_batch: Vec<S>,
    /// The load under way in the worker, if any.
    loading: Option<Id>,
    /// The questions in flight, oldest first (a few at most: a plain list).
    asked: Vec<(Id, Asked<S>)>,
    next_id: Id,
    /// Oldest first.
    kept: Vec<(Request, Reply)>,
    /// Why the worker could not start or stopped, for the page to say.
    problem: Option<String>,
}

/// The answer to a question at once, if there is one.
#[derive(Debug, PartialEq)]
pub enum Now {
    Kept(Reply),
    /// The page's session holds the batch and has read it: ask it (and [`Machine::keep`] it).
    AskPage,
    Unknown,
}

impl<S: Named> Machine<S> {
    /// A machine with nothing shown yet (an embedding that brings its own data), whose worker
    /// can start (`worker`) or not. The first question goes where the data will be.
    pub fn new(worker: bool) -> Machine<S> {
        Machine {
            link: if worker { Link::Idle } else { Link::Absent },
            holder: Holder::Prepared,
            unread: Vec::new(),
            worker_batch: Vec::new(),
            loading: None,
            asked: Vec::new(),
            next_id: 1,
            kept: Vec::new(),
            problem: None,
        }
    }

    /// A machine showing a batch whose first view was answered ahead of time (`reply` to
    /// `request`), and its file, which the first session asked anything more reads.
    pub fn prepared(worker: bool, request: Request, reply: Reply, source: S) -> Machine<S> {
        let mut machine = Machine::new(worker);
        machine.keep(request, reply);
        machine.unread = vec![source];
        machine
    }

    /// A machine whose data is held by a session on the page.
    pub fn on_page_session(worker: bool) -> Machine<S> {
        Machine { holder: Holder::Page, ..Machine::new(worker) }
    }

    pub fn holder(&self) -> Holder {
        self.holder
    }

    /// Why loads run on the page rather than in a worker, when they do.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// The answer to `request` at once: one kept, or the page's session's when it holds the
    /// batch shown.
    pub fn now(&self, request: &Request) -> Now {
        if let Some((_, reply)) = self.kept.iter().find(|(asked, _)| asked == request) {
            return Now::Kept(reply.clone());
        }
        if self.holder == Holder::Page && self.unread.is_empty() {
            Now::AskPage
        } else {
            Now::Unknown
        }
    }

    /// Keeps `reply` as the answer to `request` about the batch shown. Exports are made again
    /// when asked (they are large, and asked once).
    pub fn keep(&mut self, request: Request, reply: Reply) {
        if matches!(request, Request::Load { .. } | Request::Export { .. }) {
            return;
        }
        self.kept.retain(|(asked, _)| *asked != request);
        if self.kept.len() == KEPT {
            self.kept.remove(0);
        }
        self.kept.push((request, reply));
    }

    /// What `id` asked, no longer in flight.
    fn take_asked(&mut self, id: Id) -> Option<Asked<S>> {
        let at = self.asked.iter().position(|(asked, _)| *asked == id)?;
        Some(self.asked.remove(at).1)
    }

    fn next_id(&mut self) -> Id {
        let id = self.next_id;
        self.next_id = id.wrapping_add(1).max(1);
        id
    }

    /// The person is about to need the worker: it starts if it has not.
    pub fn warm(&mut self) -> Vec<Effect<S>> {
        if matches!(self.link, Link::Idle) {
            self.link = Link::Starting(Vec::new());
            vec![Effect::Start]
        } else {
            Vec::new()
        }
    }

    /// The worker says it listens: what waited for it is sent.
    pub fn ready(&mut self) -> Vec<Effect<S>> {
        match std::mem::replace(&mut self.link, Link::Ready) {
            Link::Starting(queue) => queue.into_iter().map(Effect::Post).collect(),
            old => {
                self.link = old;
                Vec::new()
            }
        }
    }

    /// No worker could start (`problem` says why): what waited for one is answered on the
    /// page, in order, and the page's session holds the batch from now on, reading the
    /// worker's files first if the worker held it.
    pub fn give_up(&mut self, problem: String) -> Vec<Effect<S>> {
        self.problem = Some(problem);
        let mut effects = Vec::new();
        let queue = match std::mem::replace(&mut self.link, Link::Absent) {
            Link::Starting(queue) => {
                effects.push(Effect::Terminate);
                queue
            }
            Link::Ready => {
                effects.push(Effect::Terminate);
                Vec::new()
            }
            Link::Idle | Link::Absent => Vec::new(),
        };
        self.loading = None;
        if self.holder == Holder::Worker {
            self.holder = Holder::Page;
            self.unread = std::mem::take(&mut self.worker_batch);
        }
        for job in queue {
            match self.asked.iter_mut().find(|(id, _)| *id == job.id).map(|(_, asked)| asked) {
                // The page reads the batch shown itself.
                Some(Asked::Reread) => {
                    self.take_asked(job.id);
                }
                Some(Asked::Load { at, .. }) => {
                    *at = Holder::Page;
                    effects.push(Effect::OnPage { job, before: Vec::new() });
                }
                _ => effects.push(self.on_page(job)),
            }
        }
        effects
    }

    /// The worker failed (`message`): before it was ready, none can start; after, it stopped
    /// while answering, those waiting hear why, and another takes its place.
    pub fn worker_failed(&mut self, message: &str) -> Vec<Effect<S>> {
        if matches!(self.link, Link::Ready) {
            self.restart(Some(format!("the page's worker stopped: {message}")))
        } else {
            self.give_up(format!("the worker could not start ({message})"))
        }
    }

    /// Stops the load under way, keeping the batch shown.
    pub fn cancel(&mut self) -> Vec<Effect<S>> {
        if self.loading.is_some() {
            self.restart(None)
        } else {
            Vec::new()
        }
    }

    /// Ends the worker and starts another, which reads the worker's batch again. Every question
    /// waiting hears `reason` (none: it was cancelled).
    fn restart(&mut self, reason: Option<String>) -> Vec<Effect<S>> {
        let mut effects = vec![Effect::Terminate, Effect::Start];
        self.link = Link::Starting(Vec::new());
        self.loading = None;
        let outcome = Err(reason.map_or(Unanswered::Cancelled, Unanswered::Failed));
        for (id, _) in std::mem::take(&mut self.asked) {
            effects.push(Effect::Settle { id, outcome: outcome.clone() });
        }
        if self.holder == Holder::Worker && !self.worker_batch.is_empty() {
            let id = self.next_id();
            let sources = self.worker_batch.clone();
            let request = Request::Load { names: sources.iter().map(Named::file_name).collect(), first: None };
            self.asked.push((id, Asked::Reread));
            self.loading = Some(id);
            effects.extend(self.post(Job { id, request, sources }));
        }
        effects
    }

    /// Sends `job` to the worker, or queues it until the worker is ready (starting it if
    /// nothing has yet).
    fn post(&mut self, job: Job<S>) -> Vec<Effect<S>> {
        let mut effects = self.warm();
        match &mut self.link {
            Link::Starting(queue) => queue.push(job),
            Link::Ready => effects.push(Effect::Post(job)),
            Link::Idle | Link::Absent => {
                self.take_asked(job.id);
                let outcome = Err(Unanswered::Failed("no worker could start".to_owned()));
                effects.push(Effect::Settle { id: job.id, outcome });
            }
        }
        effects
    }

    /// `job` for the page's session, which reads the batch shown first if it has not.
    fn on_page(&mut self, job: Job<S>) -> Effect<S> {
        let before = if self.holder == Holder::Page { std::mem::take(&mut self.unread) } else { Vec::new() };
        Effect::OnPage { job, before }
    }

    /// Hands the prepared batch to a session if none holds it yet: to the worker (its read
    /// queued before anything else is asked) or, where there is none, to the page's session
    /// (which reads it before it answers anything else).
    fn hand_over(&mut self) -> Vec<Effect<S>> {
        if self.holder != Holder::Prepared {
            return Vec::new();
        }
        let mut effects = self.warm();
        if matches!(self.link, Link::Absent) {
            self.holder = Holder::Page;
            return effects;
        }
        self.holder = Holder::Worker;
        let sources = std::mem::take(&mut self.unread);
        if !sources.is_empty() {
            let id = self.next_id();
            let request = Request::Load { names: sources.iter().map(Named::file_name).collect(), first: None };
            self.asked.push((id, Asked::Reread));
            self.worker_batch = sources.clone();
            effects.extend(self.post(Job { id, request, sources }));
        }
        effects
    }

    /// Asks the session that holds the batch shown; the answer settles `Id`.
    pub fn ask(&mut self, request: Request) -> (Id, Vec<Effect<S>>) {
        let id = self.next_id();
        if let Now::Kept(reply) = self.now(&request) {
            return (id, vec![Effect::Settle { id, outcome: Ok(reply) }]);
        }
        let mut effects = self.hand_over();
        self.asked.push((id, Asked::Question(request.clone())));
        let job = Job { id, request, sources: Vec::new() };
        match self.holder {
            Holder::Worker => effects.extend(self.post(job)),
            Holder::Page | Holder::Prepared => effects.push(self.on_page(job)),
        }
        (id, effects)
    }

    /// Loads `sources` as one batch (replacing a load under way), asking `first` of it: in the
    /// worker when there is one, on the page otherwise.
    pub fn load(&mut self, sources: Vec<S>, first: Option<FirstView>) -> (Id, Vec<Effect<S>>) {
        let mut effects = self.cancel();
        effects.extend(self.warm());
        let id = self.next_id();
        let request = Request::Load { names: sources.iter().map(Named::file_name).collect(), first: first.clone() };
        let job = Job { id, request, sources: sources.clone() };
        if matches!(self.link, Link::Absent) {
            self.asked.push((id, Asked::Load { sources, first, at: Holder::Page }));
            effects.push(Effect::OnPage { job, before: Vec::new() });
        } else {
            self.asked.push((id, Asked::Load { sources, first, at: Holder::Worker }));
            self.loading = Some(id);
            effects.extend(self.post(job));
        }
        (id, effects)
    }

    /// A session answered `id` (the worker, or the page's own; `Err` when it could not). A
    /// progress report is not an answer: the edge passes it on.
    pub fn answered(&mut self, id: Id, outcome: Result<Reply, Unanswered>) -> Vec<Effect<S>> {
        if self.loading == Some(id) {
            self.loading = None;
        }
        match (self.take_asked(id), &outcome) {
            (Some(Asked::Load { sources, first, at }), Ok(Reply::Loaded { info: Some(info), first: shown, .. })) => {
                // A new batch is shown: what was kept was about the one before.
                self.kept.clear();
                self.unread.clear();
                self.holder = at;
                if at == Holder::Worker {
                    if info.joined {
                        // A diff added to the batch shown: read again with it after a cancel.
                        self.worker_batch.extend(sources);
                    } else {
                        self.worker_batch = sources;
                    }
                }
                if let (Some(first), Some(shown)) = (first, shown) {
                    self.keep(first.request(info.reading), (**shown).clone());
                }
            }
            (Some(Asked::Question(request)), Ok(reply)) => self.keep(request, reply.clone()),
            _ => {}
        }
        vec![Effect::Settle { id, outcome }]
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::rc::Rc;

    use super::*;
    use covdash_protocol::{BatchInfo, Combination, Overrides, PackageRows, Reading};

    impl Named for &'static str {
        fn name(&self) -> String {
            (*self).to_owned()
        }
    }

    type M = Machine<&'static str>;

    fn info(joined: bool) -> BatchInfo {
        BatchInfo {
            n_files: 1,
            n_coverage_files: 1,
            reading: Reading::Merged,
            problems: None,
            settings: String::new(),
            joined,
            sources: None,
            read_once: None,
        }
    }

    fn show(snapshot: Option<usize>) -> Request {
        let how = Combination::new(Reading::Merged, &Overrides::default(), &BTreeMap::new());
        Request::Show { how, snapshot, sections: None }
    }

    fn rows(n_total: usize) -> Reply {
        Reply::Packages(Rc::new(PackageRows { rows: Vec::new(), n_matching: 0, n_total }))
    }

    /// A first view: the sample's, as kept beside it.
    fn shown() -> Box<Reply> {
        let reply = covdash_protocol::sample::Prepared::sample().map(|p| p.reply);
        let Ok(shown @ Reply::Shown(_)) = reply else { panic!("the sample's first view is not a view: {reply:?}") };
        Box::new(shown)
    }

    fn loaded(joined: bool, first: Option<Box<Reply>>) -> Result<Reply, Unanswered> {
        Ok(Reply::Loaded { info: Some(info(joined)), failures: Vec::new(), first })
    }

    fn load(names: &[&'static str]) -> Request {
        Request::Load { names: names.iter().map(|n| n.file_name()).collect(), first: None }
    }

    fn post(id: Id, request: Request, sources: &[&'static str]) -> Effect<&'static str> {
        Effect::Post(Job { id, request, sources: sources.to_vec() })
    }

    fn settle(id: Id, outcome: Result<Reply, Unanswered>) -> Effect<&'static str> {
        Effect::Settle { id, outcome }
    }

    fn prepared(worker: bool) -> M {
        Machine::prepared(worker, show(None), rows(1), "sample.json")
    }

    #[test]
    fn the_prepared_view_is_answered_at_once_and_the_next_question_hands_the_sample_to_the_worker() {
        let mut m = prepared(true);
        assert_eq!(m.now(&show(None)), Now::Kept(rows(1)));
        assert_eq!(m.now(&show(Some(0))), Now::Unknown);

        let (id, effects) = m.ask(show(Some(0)));
        assert_eq!(effects, [Effect::Start]);
        assert_eq!(m.holder(), Holder::Worker);
        // Queued until the worker is ready: the sample first, then the question.
        let effects = m.ready();
        let reread = id + 1;
        assert_eq!(effects, [post(reread, load(&["sample.json"]), &["sample.json"]), post(id, show(Some(0)), &[])]);
        assert_eq!(m.answered(reread, loaded(false, None)), [settle(reread, loaded(false, None))]);
        assert_eq!(m.answered(id, Ok(rows(2))), [settle(id, Ok(rows(2)))]);
        // Both answers are kept: the sample's prepared one still holds (same batch).
        assert_eq!((m.now(&show(None)), m.now(&show(Some(0)))), (Now::Kept(rows(1)), Now::Kept(rows(2))));
    }

    #[test]
    fn where_no_worker_can_start_the_page_reads_the_sample_before_its_first_question() {
        let mut m = prepared(false);
        let (id, effects) = m.ask(show(Some(0)));
        let job = Job { id, request: show(Some(0)), sources: vec![] };
        assert_eq!(effects, [Effect::OnPage { job, before: vec!["sample.json"] }]);
        assert_eq!(m.holder(), Holder::Page);
        // Read once: the next question goes to the page's session as it is.
        assert_eq!(m.now(&show(Some(1))), Now::AskPage);
    }

    #[test]
    fn a_load_brings_its_first_view_which_is_kept_and_replaces_what_was_kept_before() {
        let mut m = prepared(true);
        let first = FirstView::default();
        let (id, effects) = m.load(vec!["a.info"], Some(first.clone()));
        let request = Request::Load { names: vec!["a.info".file_name()], first: Some(first.clone()) };
        assert_eq!(effects, [Effect::Start]);
        assert_eq!(m.loading, Some(id));
        assert_eq!(m.ready(), [post(id, request, &["a.info"])]);
        m.answered(id, loaded(false, Some(shown())));
        assert_eq!(m.loading, None);
        assert_eq!(m.holder(), Holder::Worker);
        // The page's first question after the load is answered without asking.
        assert_eq!(m.now(&first.request(Reading::Merged)), Now::Kept(*shown()));
        assert_eq!(m.now(&show(Some(0))), Now::Unknown);
    }

    #[test]
    fn a_load_that_uses_no_file_keeps_the_batch_and_the_answers() {
        let mut m = prepared(true);
        let (id, _) = m.load(vec!["broken.json"], None);
        m.ready();
        let refused = Ok(Reply::Loaded { info: None, failures: Vec::new(), first: None });
        m.answered(id, refused);
        assert_eq!((m.holder(), m.now(&show(None))), (Holder::Prepared, Now::Kept(rows(1))));
    }

    #[test]
    fn a_cancel_ends_the_worker_and_the_next_one_reads_the_batch_shown_again() {
        let mut m = prepared(true);
        let (a, _) = m.load(vec!["a.info"], None);
        m.ready();
        m.answered(a, loaded(false, None));
        let (b, _) = m.load(vec!["big.info"], None);
        let effects = m.cancel();
        let reread = post(b + 1, load(&["a.info"]), &["a.info"]);
        assert_eq!(effects, [Effect::Terminate, Effect::Start, settle(b, Err(Unanswered::Cancelled))]);
        assert_eq!(m.loading, Some(b + 1), "the batch shown is being read again");
        assert_eq!(m.ready(), [reread]);
        m.answered(b + 1, loaded(false, None));
        // A diff joins it: the next worker reads both.
        let (c, _) = m.load(vec!["change.diff"], None);
        m.answered(c, loaded(true, None));
        let (d, _) = m.load(vec!["huge.info"], None);
        let effects = m.cancel();
        assert_eq!(effects[..3], [Effect::Terminate, Effect::Start, settle(d, Err(Unanswered::Cancelled))]);
        let reread =
            Job { id: d + 1, request: load(&["a.info", "change.diff"]), sources: vec!["a.info", "change.diff"] };
        assert_eq!(m.ready(), [Effect::Post(reread)]);
    }

    #[test]
    fn a_worker_that_stops_while_answering_fails_those_waiting_and_is_replaced() {
        let mut m = prepared(true);
        let (a, _) = m.load(vec!["a.info"], None);
        m.ready();
        m.answered(a, loaded(false, None));
        let (q, _) = m.ask(show(Some(0)));
        let effects = m.worker_failed("out of memory");
        let failed = Err(Unanswered::Failed("the page's worker stopped: out of memory".into()));
        assert_eq!(effects[..3], [Effect::Terminate, Effect::Start, settle(q, failed)]);
        assert_eq!(m.ready(), [post(q + 1, load(&["a.info"]), &["a.info"])]);
        assert_eq!(m.problem(), None);
    }

    #[test]
    fn a_worker_that_cannot_start_hands_everything_to_the_page_in_order() {
        let mut m = prepared(true);
        let (q, _) = m.ask(show(Some(0)));
        let (l, _) = m.load(vec!["a.info"], None);
        let effects = m.worker_failed("blocked by the page's policy");
        assert_eq!(m.problem(), Some("the worker could not start (blocked by the page's policy)"));
        assert_eq!(m.holder(), Holder::Page);
        // The sample's re-read is dropped: the page reads it itself before the question.
        let question = Job { id: q, request: show(Some(0)), sources: vec![] };
        let files = Job { id: l, request: load(&["a.info"]), sources: vec!["a.info"] };
        assert_eq!(
            effects,
            [
                Effect::Terminate,
                Effect::OnPage { job: question, before: vec!["sample.json"] },
                Effect::OnPage { job: files, before: vec![] },
            ]
        );
        m.answered(l, loaded(false, None));
        assert_eq!((m.holder(), m.now(&show(None))), (Holder::Page, Now::AskPage));
        // From now on everything is answered on the page, and nothing starts a worker.
        assert_eq!(m.warm(), []);
        let (id, effects) = m.load(vec!["b.info"], None);
        assert_eq!(
            effects,
            [Effect::OnPage { job: Job { id, request: load(&["b.info"]), sources: vec!["b.info"] }, before: vec![] }]
        );
    }

    #[test]
    fn answers_kept_are_the_latest_few_and_exports_are_not_kept() {
        let mut m: M = Machine::new(true);
        for n in 0..KEPT + 2 {
            m.keep(show(Some(n)), rows(n));
        }
        assert_eq!(m.now(&show(Some(0))), Now::Unknown);
        assert_eq!(m.now(&show(Some(KEPT + 1))), Now::Kept(rows(KEPT + 1)));
        let how = Combination::new(Reading::Merged, &Overrides::default(), &BTreeMap::new());
        let export = Request::Export { how, export: covdash_protocol::Export::Text };
        m.keep(export.clone(), Reply::Exported("x".into()));
        assert_eq!(m.now(&export), Now::Unknown);
        // A kept answer is given at once, without a session.
        let (id, effects) = m.ask(show(Some(KEPT)));
        assert_eq!(effects, [settle(id, Ok(rows(KEPT)))]);
    }
}
