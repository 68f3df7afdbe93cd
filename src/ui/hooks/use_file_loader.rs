//! Reading chosen or dropped files, parsing them, and reporting the outcome as one batch.

use std::rc::Rc;

use gloo::file::File;
use yew::prelude::*;

use crate::formats;
use crate::model::Timestamp;
use crate::ui::state::{Action, Batch, DashboardState, LoadError, Loaded};

/// Returns a callback that reads `files` at once, parses each, and dispatches one
/// [`Action::Show`] with those that could be used and the reasons for those that could not.
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
        let dispatcher = dispatcher.clone();
        yew::platform::spawn_local(async move {
            let outcomes = futures::future::join_all(files.into_iter().map(read)).await;
            let (mut loaded, mut failures) = (Vec::new(), Vec::new());
            for outcome in outcomes {
                match outcome {
                    Ok(file) => loaded.push(file),
                    Err(error) => failures.push(error),
                }
            }
            dispatcher.dispatch(Action::Show { batch: Rc::new(Batch { files: loaded }), failures });
        });
    })
}

async fn read(file: web_sys::File) -> Result<Loaded, LoadError> {
    // Milliseconds since the epoch; the browser's clock, so only good for ordering.
    let modified = Some(Timestamp::from_unix_seconds((file.last_modified() / 1000.0) as i64));
    let file = File::from(file);
    let source = AttrValue::from(file.name());
    let bytes = gloo::file::futures::read_as_bytes(&file)
        .await
        .map_err(|err| LoadError::Read { file: source.clone(), message: err.to_string() })?;
    // Grow the wasm heap once for the parse instead of in many small steps: each
    // `memory.grow` costs a fraction of a millisecond, and a large file needs thousands.
    drop(Vec::<u8>::with_capacity(bytes.len().saturating_mul(2)));
    let parsed = formats::parse(&bytes).map_err(|error| LoadError::Parse { file: source.clone(), error })?;
    Ok(Loaded { source, parsed, modified })
}
