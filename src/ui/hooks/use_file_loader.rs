//! Reading dropped or chosen files, parsing them, and reporting the outcome.

use std::rc::Rc;

use gloo::file::File;
use yew::prelude::*;

use crate::formats;
use crate::ui::state::{Action, DashboardState, LoadError, Loaded};

/// Returns a callback that reads `files`, parses each, and dispatches [`Action::Show`] or
/// [`Action::Fail`] for it, in the order the reads finish.
///
/// # Arguments
///
/// * `dispatcher` - the dashboard reducer's dispatcher.
///
/// # Example
///
/// ```text
/// let load_files = use_file_loader(state.dispatcher());
/// html! { <FilePicker onfiles={load_files} /> }
/// ```
#[hook]
pub fn use_file_loader(dispatcher: UseReducerDispatcher<DashboardState>) -> Callback<Vec<web_sys::File>> {
    use_callback(dispatcher, |files: Vec<web_sys::File>, dispatcher| {
        if files.is_empty() {
            return;
        }
        dispatcher.dispatch(Action::BeginReading(files.len()));
        for file in files {
            let dispatcher = dispatcher.clone();
            yew::platform::spawn_local(async move {
                let file = File::from(file);
                let name = AttrValue::from(file.name());
                let action = match gloo::file::futures::read_as_bytes(&file).await {
                    Ok(bytes) => match formats::parse(&bytes) {
                        Ok(parsed) => Action::Show(Rc::new(Loaded { source: name, parsed })),
                        Err(error) => Action::Fail(Rc::new(LoadError::Parse { file: name, error })),
                    },
                    Err(err) => Action::Fail(Rc::new(LoadError::Read { file: name, message: err.to_string() })),
                };
                dispatcher.dispatch(action);
            });
        }
    })
}
