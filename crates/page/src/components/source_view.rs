//! A file opened to its lines: the source with each line marked, or, without the source, the
//! lines to test as ranges; the source fetched from the source address when one is set.

use std::rc::Rc;

use wasm_bindgen::JsCast as _;
use yew::prelude::*;

use super::SourceLines;
use crate::backend::Data;
use crate::hooks::{use_answer, use_fetched_text, Fetched};
use covdash_protocol::{Reply, Request};
use covdash_protocol::{SourceOrigin, SourceView as View};

#[derive(Properties, PartialEq)]
pub struct SourceViewProps {
    /// Whom to ask for the file's lines, about which batch, read how, as of which snapshot.
    pub data: Data,
    /// The report's path of the file.
    pub path: AttrValue,
    /// The line to show and mark, when one was chosen.
    pub line: Option<u32>,
    /// Called with the line the person went to.
    pub ongoto: Callback<u32>,
    /// Called when the person goes back to the dashboard.
    pub onclose: Callback<()>,
}

/// The file's heading, figures and origin, then its lines.
#[component]
pub fn SourceView(props: &SourceViewProps) -> Html {
    let data = &props.data;
    // Where the source is fetched from, as the first answer said; kept while it is fetched.
    let address = use_state(|| None::<String>);
    let fetched = use_fetched_text((*address).clone());
    let text = match (&*address, &fetched) {
        (Some(url), Fetched::Text(text)) => Some((url.clone(), text.clone())),
        _ => None,
    };
    let request = Some(Request::Lines {
        how: (*data.how).clone(),
        snapshot: data.snapshot,
        path: props.path.to_string(),
        fetched: text,
    });
    let answer = use_answer(&data.backend, data.generation, request);
    let view = match answer.reply.as_deref() {
        Some(Reply::Lines(view)) => view.clone(),
        _ => None,
    };
    {
        let address = address.clone();
        let to_fetch = view.as_ref().and_then(|v| match &v.origin {
            SourceOrigin::ToFetch(url) => Some(url.clone()),
            _ => None,
        });
        use_effect_with(to_fetch, move |to_fetch| {
            if let Some(url) = to_fetch {
                address.set(Some(url.clone()));
            }
        });
    }
    let back = props.onclose.reform(|_: MouseEvent| ());
    // The first line in view, as the last scroll left it: where `n` and `p` start without a
    // line marked.
    let top = use_mut_ref(|| 1u32);
    let onscrolled = {
        let top = top.clone();
        Callback::from(move |line| *top.borrow_mut() = line)
    };
    let blocks = view.as_ref().map(|v| v.blocks.clone()).unwrap_or_else(|| Rc::from([]));
    let no_blocks = blocks.is_empty();
    // To the next block of lines not covered (`true`) or the previous one, from the line marked
    // or the first in view: `n` and `p`, or the buttons.
    let go = {
        let (ongoto, line) = (props.ongoto.clone(), props.line);
        Callback::from(move |forward: bool| {
            let from = line.unwrap_or_else(|| top.borrow().saturating_sub(1));
            if let Some(target) = next_block(&blocks, from, forward) {
                ongoto.emit(target);
            }
        })
    };
    let onkeydown = {
        let (onclose, go) = (props.onclose.clone(), go.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            match e.key().as_str() {
                "Escape" => onclose.emit(()),
                "n" => go.emit(true),
                "p" => go.emit(false),
                _ => return,
            }
            e.prevent_default();
        })
    };
    let (next, previous) = (go.reform(|_: MouseEvent| true), go.reform(|_: MouseEvent| false));
    {
        // Back on the dashboard, the focus returns to what opened the file (a file's name).
        let opener = use_mut_ref(|| None::<web_sys::HtmlElement>);
        use_effect_with((), move |()| {
            *opener.borrow_mut() = gloo::utils::document().active_element().and_then(|e| e.dyn_into().ok());
            move || {
                if let Some(element) = opener.borrow_mut().take() {
                    // After the dashboard is shown again.
                    yew::platform::spawn_local(async move {
                        let _ = element.focus();
                    });
                }
            }
        });
    }
    let heading_ref = use_node_ref();
    {
        // The heading takes the focus when the file opens, so a screen reader says where it is.
        let heading_ref = heading_ref.clone();
        use_effect_with(props.path.clone(), move |_| {
            if let Some(heading) = heading_ref.cast::<web_sys::HtmlElement>() {
                let _ = heading.focus();
            }
        });
    }
    let body = match (&view, answer.reply.is_some()) {
        (Some(view), _) => body(view, &fetched, props, onscrolled),
        (None, true) => html! {
            <p class="source__note" role="status">{"This report has no file by that name."}</p>
        },
        (None, false) => html! { <p class="source__note" role="status">{"Reading the file…"}</p> },
    };
    let name = view.as_ref().map_or_else(|| props.path.to_string(), |v| v.name.clone());
    html! {
        <section class="card source" aria-labelledby="source-heading" {onkeydown} aria-busy={(!answer.current).then_some("true")}>
            <div class="source__bar">
                <button type="button" class="button" aria-keyshortcuts="Escape" onclick={back}>
                    {"← Back to the dashboard"}<kbd class="source__key" aria-hidden="true">{"Esc"}</kbd>
                </button>
                <div class="source__jumps" role="group" aria-label="Lines not covered">
                    <span class="source__jumps-label" aria-hidden="true">{"Not covered"}</span>
                    // The two buttons wrap as one, never "Next" alone on a line.
                    <span class="source__jump-buttons">
                        <button type="button" class="button button--small" aria-keyshortcuts="p" disabled={no_blocks} onclick={previous}>
                            {"↑ Previous"}<kbd class="source__key" aria-hidden="true">{"p"}</kbd>
                        </button>
                        <button type="button" class="button button--small" aria-keyshortcuts="n" disabled={no_blocks} onclick={next}>
                            {"↓ Next"}<kbd class="source__key" aria-hidden="true">{"n"}</kbd>
                        </button>
                    </span>
                </div>
            </div>
            <h2 id="source-heading" class="card__heading source__name" tabindex="-1" ref={heading_ref} title={name.clone()}>{name}</h2>
            {body}
        </section>
    }
}

fn body(view: &Rc<View>, fetched: &Fetched, props: &SourceViewProps, onscrolled: Callback<u32>) -> Html {
    let origin = match (&view.origin, fetched) {
        (SourceOrigin::Embedded, _) => Some("Source: embedded in the coverage report".to_owned()),
        (SourceOrigin::Given(name), _) => Some(format!("Source: {name}, given with the coverage")),
        (SourceOrigin::Fetched(url), _) => Some(format!("Source: fetched from {url}")),
        (SourceOrigin::ToFetch(url), Fetched::Failed(why)) => {
            Some(format!("Could not fetch the source from {url}: {why}"))
        }
        (SourceOrigin::ToFetch(url), _) => Some(format!("Fetching the source from {url}…")),
        (SourceOrigin::Missing(why), _) => Some(format!("No source shown: {why}")),
    };
    let failed = matches!((&view.origin, fetched), (SourceOrigin::ToFetch(_), Fetched::Failed(_)));
    html! {
        <>
            <p class="source__summary">{view.summary.clone()}</p>
            if let Some(origin) = origin {
                <p class={classes!("source__origin", failed.then_some("source__origin--failed"))} role="status">{origin}</p>
            }
            if let Some(why) = &view.no_detail {
                <p class="source__note">{format!("No lines to show: {why}.")}</p>
            }
            if let Some(mismatch) = &view.mismatch {
                <p class="source__origin source__origin--failed">{format!("Careful: {mismatch}.")}</p>
            }
            if view.lines.is_empty() {
                <dl class="source__ranges">
                    if let Some(lines) = &view.uncovered_lines {
                        <dt>{"Lines not covered"}</dt><dd class="source__missing">{lines.clone()}</dd>
                    }
                    if let Some(partial) = &view.partial_branches {
                        <dt>{"Branches partly taken"}</dt><dd>{partial.clone()}</dd>
                    }
                    if let Some(uncalled) = &view.uncalled_functions {
                        <dt>{"Functions never called"}</dt><dd>{uncalled.clone()}</dd>
                    }
                </dl>
            } else {
                <ul class="source__legend" aria-label="Marks">
                    <li class="source-line--covered"><span class="source-line__mark" aria-hidden="true">{"✓"}</span>{" covered"}</li>
                    <li class="source-line--partial"><span class="source-line__mark" aria-hidden="true">{"◐"}</span>{" partly covered"}</li>
                    <li class="source-line--uncovered"><span class="source-line__mark" aria-hidden="true">{"✗"}</span>{" not covered"}</li>
                </ul>
                <SourceLines
                    name={AttrValue::from(view.name.clone())}
                    lines={view.lines.clone()}
                    counted={view.counted}
                    blocks={view.blocks.clone()}
                    line={props.line}
                    ongoto={props.ongoto.clone()}
                    {onscrolled}
                />
            }
        </>
    }
}

/// The first line of the next block of lines not covered after `from` (`forward`), or of the
/// one before it, round the ends; `None` when every line is covered.
fn next_block(blocks: &[u32], from: u32, forward: bool) -> Option<u32> {
    if forward {
        blocks.iter().copied().find(|&b| b > from).or(blocks.first().copied())
    } else {
        blocks.iter().rev().copied().find(|&b| b < from).or(blocks.last().copied())
    }
}
