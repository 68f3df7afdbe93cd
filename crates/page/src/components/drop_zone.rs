//! Dropping files, or folders, anywhere on the page.

use yew::prelude::*;

use super::file_picker::files_of;
use crate::backend::Given;
use crate::browser;

#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    /// Called with the dropped files (a dropped folder's files each by its path in the drop).
    pub onfiles: Callback<Vec<Given>>,
    /// The page content; the whole of it is the drop target.
    #[prop_or_default]
    pub children: Html,
}

/// Wraps the page; while files are dragged over it, an overlay says where they will go.
#[component]
pub fn DropZone(props: &DropZoneProps) -> Html {
    // Enter and leave fire for every child crossed, so the overlay follows a depth count.
    let depth = use_mut_ref(|| 0u32);
    let dragging = use_state_eq(|| false);

    let ondragenter = {
        let (depth, dragging) = (depth.clone(), dragging.clone());
        Callback::from(move |event: DragEvent| {
            if !carries_files(&event) {
                return;
            }
            event.prevent_default();
            *depth.borrow_mut() += 1;
            dragging.set(true);
        })
    };
    let ondragover = Callback::from(|event: DragEvent| {
        if !carries_files(&event) {
            return;
        }
        // Without this the browser refuses the drop.
        event.prevent_default();
        if let Some(transfer) = event.data_transfer() {
            transfer.set_drop_effect("copy");
        }
    });
    let ondragleave = {
        let (depth, dragging) = (depth.clone(), dragging.clone());
        Callback::from(move |_: DragEvent| {
            let mut depth = depth.borrow_mut();
            *depth = depth.saturating_sub(1);
            if *depth == 0 {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let (depth, dragging) = (depth.clone(), dragging.clone());
        let onfiles = props.onfiles.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            *depth.borrow_mut() = 0;
            dragging.set(false);
            let Some(transfer) = event.data_transfer() else { return };
            // A folder is read for its files (the sources beside a coverage file), each named by
            // its path, after the drop; files alone are given as they are.
            let entries = browser::dropped_entries(&transfer);
            if entries.iter().any(|e| e.is_directory()) {
                let onfiles = onfiles.clone();
                yew::platform::spawn_local(async move {
                    let files = browser::files_in(entries).await;
                    onfiles.emit(files.into_iter().map(|(path, file)| Given::InFolder { path, file }).collect());
                });
                return;
            }
            let files = transfer.files().map(|list| files_of(&list)).unwrap_or_default();
            onfiles.emit(files.into_iter().map(Given::File).collect());
        })
    };

    html! {
        <div class="drop-zone" {ondragenter} {ondragover} {ondragleave} {ondrop}>
            {props.children.clone()}
            if *dragging {
                <div class="drop-zone__overlay" aria-hidden="true">
                    <p class="drop-zone__message">{"Drop coverage files, their sources, a folder or an archive to load them"}</p>
                </div>
            }
        </div>
    }
}

fn carries_files(event: &DragEvent) -> bool {
    event.data_transfer().is_some_and(|t| t.types().includes(&"Files".into(), 0))
}
