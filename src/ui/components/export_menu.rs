//! Exports: the Markdown summary and the text report to the clipboard, an SVG badge and the
//! normalised JSON as downloads.

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::present;
use crate::ui::browser;
use crate::ui::state::SharedReport;

#[derive(Properties, PartialEq)]
pub struct ExportMenuProps {
    /// The report as shown, with its settings.
    pub source: SharedReport,
}

/// One kind of export.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Export {
    Markdown,
    Text,
    Badge,
    Json,
}

impl Export {
    const ALL: [Export; 4] = [Export::Markdown, Export::Text, Export::Badge, Export::Json];

    fn label(self) -> &'static str {
        match self {
            Export::Markdown => "Copy Markdown summary",
            Export::Text => "Copy text report",
            Export::Badge => "Download SVG badge",
            Export::Json => "Download JSON",
        }
    }
}

/// A row of buttons and a live status line that says what happened.
#[component]
pub fn ExportMenu(props: &ExportMenuProps) -> Html {
    let status = use_state(|| AttrValue::Static(""));
    let run = |export: Export| {
        let source = props.source.0.clone();
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let (report, settings) = &*source;
            let done = |result: Result<(), String>, ok: &'static str| match result {
                Ok(()) => AttrValue::Static(ok),
                Err(reason) => AttrValue::from(format!("Could not export: {reason}")),
            };
            match export {
                Export::Markdown | Export::Text => {
                    let text = if export == Export::Markdown {
                        present::markdown_report(report, settings)
                    } else {
                        present::text_report(report, settings)
                    };
                    let status = status.clone();
                    spawn_local(async move {
                        status.set(done(browser::copy_text(&text).await, "Copied to the clipboard"));
                    });
                }
                Export::Badge => {
                    let svg = present::badge_svg(report, settings);
                    status
                        .set(done(browser::download("coverage-badge.svg", "image/svg+xml", &svg), "Badge downloaded"));
                }
                Export::Json => {
                    let json = present::covdash_json(report, settings);
                    status.set(done(browser::download("coverage.json", "application/json", &json), "JSON downloaded"));
                }
            }
        })
    };
    html! {
        <div class="exports">
            <div class="exports__buttons" role="group" aria-label="Export">
                for export in Export::ALL {
                    <button key={export.label()} type="button" class="button" onclick={run(export)}>
                        {export.label()}
                    </button>
                }
            </div>
            <p class="exports__status" role="status" aria-live="polite">{(*status).clone()}</p>
        </div>
    }
}
