//! Coverage that does not come as a file: pasted text, and the `?src=` address a link or an
//! embedding page gives.

use std::rc::Rc;

use yew::prelude::*;

use crate::formats;
use crate::ui::browser;
use crate::ui::state::{Action, Batch, DashboardState, LoadError, Loaded};

/// Parses `bytes` as the file `name` and dispatches the outcome, as a file would.
fn show(dispatcher: &UseReducerDispatcher<DashboardState>, name: AttrValue, bytes: &[u8]) {
    let (files, failures) = match formats::parse(bytes) {
        Ok(parsed) => (vec![Loaded { source: name, parsed, modified: None }], vec![]),
        Err(error) => (vec![], vec![LoadError::Parse { file: name, error }]),
    };
    dispatcher.dispatch(Action::Show { batch: Rc::new(Batch { files }), failures });
}

/// Returns a callback that reads pasted text as a coverage file.
#[hook]
pub fn use_text_loader(dispatcher: UseReducerDispatcher<DashboardState>) -> Callback<String> {
    use_callback(dispatcher, |text: String, dispatcher| {
        if text.trim().is_empty() {
            return;
        }
        dispatcher.dispatch(Action::BeginReading(1));
        show(dispatcher, AttrValue::Static("pasted text"), text.as_bytes());
    })
}

/// Fetches `url` whenever it changes (the page address's `?src=`, or an embedding's `src`).
#[hook]
pub fn use_remote_source(dispatcher: UseReducerDispatcher<DashboardState>, url: Option<String>) {
    use_effect_with(url, move |url| {
        if let Some(url) = url.clone() {
            dispatcher.dispatch(Action::BeginReading(1));
            yew::platform::spawn_local(async move {
                let name = AttrValue::from(url.rsplit('/').find(|s| !s.is_empty()).unwrap_or(&url).to_owned());
                match browser::fetch_bytes(&url).await {
                    Ok(bytes) => show(&dispatcher, name, &bytes),
                    Err(message) => dispatcher.dispatch(Action::Show {
                        batch: Rc::new(Batch { files: vec![] }),
                        failures: vec![LoadError::Fetch { url: AttrValue::from(url), message }],
                    }),
                }
            });
        }
    });
}

/// Reads coverage given inline by an embedding page whenever it changes.
#[hook]
pub fn use_inline_source(dispatcher: UseReducerDispatcher<DashboardState>, text: Option<String>) {
    use_effect_with(text, move |text| {
        if let Some(text) = text {
            dispatcher.dispatch(Action::BeginReading(1));
            show(&dispatcher, AttrValue::Static("inline data"), text.as_bytes());
        }
    });
}
