//! Exports: the Markdown summary and the text report to the clipboard, an SVG badge and the
//! normalised JSON as downloads.

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::backend::Data;
use crate::browser;
use covdash_protocol::{Export, Reply, Request};

#[derive(Properties, PartialEq)]
pub struct ExportMenuProps {
    /// Whom to ask for the exports, about the report as shown.
    pub data: Data,
}

const ALL: [Export; 4] = [Export::Markdown, Export::Text, Export::Badge, Export::Json];

/// What an export's button says.
fn label(export: Export) -> &'static str {
    match export {
        Export::Markdown => "Copy Markdown summary",
        Export::Text => "Copy text report",
        Export::Badge => "Download SVG badge",
        Export::Json => "Download JSON",
    }
}

/// A row of buttons and a live status line that says what happened.
#[component]
pub fn ExportMenu(props: &ExportMenuProps) -> Html {
    let status = use_state(|| AttrValue::Static(""));
    let run = |export: Export| {
        let data = props.data.clone();
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let (data, status) = (data.clone(), status.clone());
            spawn_local(async move {
                let request = Request::Export { how: (*data.how).clone(), export };
                let text = match data.backend.ask(request).await {
                    Ok(Reply::Exported(text)) => text,
                    Ok(_) => return,
                    Err(reason) => {
                        status.set(AttrValue::from(format!("Could not export: {reason}")));
                        return;
                    }
                };
                let (result, ok) = match export {
                    Export::Markdown | Export::Text => (browser::copy_text(&text).await, "Copied to the clipboard"),
                    Export::Badge => {
                        (browser::download("coverage-badge.svg", "image/svg+xml", &text), "Badge downloaded")
                    }
                    Export::Json => (browser::download("coverage.json", "application/json", &text), "JSON downloaded"),
                };
                status.set(match result {
                    Ok(()) => AttrValue::Static(ok),
                    Err(reason) => AttrValue::from(format!("Could not export: {reason}")),
                });
            });
        })
    };
    html! {
        <div class="exports">
            <div class="exports__buttons" role="group" aria-label="Export">
                for export in ALL {
                    <button key={label(export)} type="button" class="button" onclick={run(export)}>
                        {label(export)}
                    </button>
                }
            </div>
            <p class="exports__status" role="status" aria-live="polite">{(*status).clone()}</p>
        </div>
    }
}
