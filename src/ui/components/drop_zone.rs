//! Dropping files anywhere on the page.

use yew::prelude::*;

use super::file_picker::files_of;

#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    /// Called with the dropped files.
    pub onfiles: Callback<Vec<web_sys::File>>,
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
            let files = event.data_transfer().and_then(|t| t.files()).map(|list| files_of(&list)).unwrap_or_default();
            onfiles.emit(files);
        })
    };

    html! {
        <div class="drop-zone" {ondragenter} {ondragover} {ondragleave} {ondrop}>
            {props.children.clone()}
            if *dragging {
                <div class="drop-zone__overlay" aria-hidden="true">
                    <p class="drop-zone__message">{"Drop coverage files to load them"}</p>
                </div>
            }
        </div>
    }
}

fn carries_files(event: &DragEvent) -> bool {
    event.data_transfer().is_some_and(|t| t.types().includes(&"Files".into(), 0))
}
