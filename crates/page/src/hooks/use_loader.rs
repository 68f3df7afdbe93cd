//! Loading files, pasted text and fetched or inline data, through the [`Backend`].

use std::rc::Rc;

use yew::prelude::*;

use crate::backend::{Backend, Given, Unanswered};
use crate::browser;
use crate::state::{Action, DashboardState};
use covdash_protocol::{Failure, FirstView, Reply};

/// Returns a callback that loads `sources` as one batch and dispatches the outcome: the load's
/// progress as it goes, then one [`Action::Show`] with the batch (if any file could be used)
/// and the reasons for those that could not. A load replaced by a newer one or cancelled
/// dispatches nothing more. The load also answers `first`, the page's first question about
/// the batch, so that its first view needs no second round trip.
///
/// # Example
///
/// ```text
/// let load = use_loader(backend.clone(), state.dispatcher(), FirstView::new(&overrides, None));
/// html! { <FilePicker onfiles={load.reform(|files| files.into_iter().map(Given::File).collect())} /> }
/// ```
#[hook]
pub fn use_loader(
    backend: Backend,
    dispatcher: UseReducerDispatcher<DashboardState>,
    first: FirstView,
) -> Callback<Vec<Given>> {
    // Counts the loads begun: only the latest one's outcome is shown.
    let latest = use_mut_ref(|| 0u64);
    use_callback((backend, dispatcher, first), move |sources: Vec<Given>, (backend, dispatcher, first)| {
        load(backend.clone(), dispatcher.clone(), latest.clone(), sources, first.clone());
    })
}

fn load(
    backend: Backend,
    dispatcher: UseReducerDispatcher<DashboardState>,
    latest: Rc<std::cell::RefCell<u64>>,
    sources: Vec<Given>,
    first: FirstView,
) {
    if sources.is_empty() {
        return;
    }
    *latest.borrow_mut() += 1;
    let this = *latest.borrow();
    let names = sources.iter().map(Given::name).collect::<Vec<_>>().join(", ");
    dispatcher.dispatch(Action::BeginLoading { names: names.clone() });
    let progress = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |progress| dispatcher.dispatch(Action::Advance(progress)))
    };
    yew::platform::spawn_local(async move {
        let outcome = backend.load(sources, first, progress).await;
        // A newer load began meanwhile (on the page, where a load cannot be stopped): it speaks.
        if *latest.borrow() != this {
            return;
        }
        match outcome {
            Ok(Reply::Loaded { info, failures, .. }) => dispatcher.dispatch(Action::Show { batch: info, failures }),
            Ok(_) => {}
            // Replaced by a newer load, or cancelled: whoever did it has said so.
            Err(Unanswered::Cancelled) => {}
            Err(Unanswered::Failed(problem)) => {
                dispatcher.dispatch(Action::Show { batch: None, failures: vec![Failure { file: names, problem }] })
            }
        }
    });
}

/// Returns a callback that loads pasted text as a coverage file.
#[hook]
pub fn use_text_loader(load: Callback<Vec<Given>>) -> Callback<String> {
    use_callback(load, |text: String, load| {
        if !text.trim().is_empty() {
            load.emit(vec![Given::Bytes { name: "pasted text".to_owned(), bytes: Rc::new(text.into_bytes()) }]);
        }
    })
}

/// Fetches `url` whenever it changes (the page address's `?src=`, or an embedding's `src`),
/// then loads it.
#[hook]
pub fn use_remote_source(
    dispatcher: UseReducerDispatcher<DashboardState>,
    load: Callback<Vec<Given>>,
    url: Option<String>,
) {
    let fetches = use_mut_ref(|| 0u64);
    use_effect_with(url, move |url| {
        if let Some(url) = url.clone() {
            let name = url.rsplit('/').find(|s| !s.is_empty()).unwrap_or(&url).to_owned();
            dispatcher.dispatch(Action::BeginLoading { names: name.clone() });
            *fetches.borrow_mut() += 1;
            let this = *fetches.borrow();
            yew::platform::spawn_local(async move {
                let fetched = browser::fetch_bytes(&url).await;
                // An address given after this one is the one to show.
                if *fetches.borrow() != this {
                    return;
                }
                match fetched {
                    Ok(bytes) => load.emit(vec![Given::Bytes { name, bytes: Rc::new(bytes) }]),
                    Err(message) => dispatcher.dispatch(Action::Show {
                        batch: None,
                        failures: vec![Failure { file: url, problem: format!("could not fetch it: {message}") }],
                    }),
                }
            });
        }
    });
}

/// Loads coverage given inline by an embedding page whenever it changes.
#[hook]
pub fn use_inline_source(load: Callback<Vec<Given>>, text: Option<String>) {
    use_effect_with(text, move |text| {
        if let Some(text) = text {
            load.emit(vec![Given::Bytes { name: "inline data".to_owned(), bytes: Rc::new(text.clone().into_bytes()) }]);
        }
    });
}
