//! A load under way: what is being read, how far it has got, and a way to stop it.

use yew::prelude::*;

use crate::hooks::use_css_vars;
use crate::state::Loading;
use covdash_protocol::decimal::shortest;
use covdash_protocol::size_of_total;
use covdash_protocol::Progress;

#[derive(Properties, PartialEq)]
pub struct LoadProgressProps {
    /// The load: the files' names and how far it has got.
    pub loading: Loading,
    /// The person pressed Cancel.
    pub oncancel: Callback<()>,
}

/// A status line with a bar: bytes read of the whole (`role="progressbar"` with values), then
/// parsing and analysing (the bar without a value: how long they take is not known), and a
/// Cancel button that keeps the dashboard shown.
#[component]
pub fn LoadProgress(props: &LoadProgressProps) -> Html {
    let names = &props.loading.names;
    let (text, value) = match props.loading.progress {
        Some(Progress::Reading { done, total }) if total > 0 => {
            let percent = (done as f64 / total as f64 * 100.0).clamp(0.0, 100.0);
            (format!("Reading {names}: {}", size_of_total(done, total)), Some(percent.floor()))
        }
        Some(Progress::Parsing) => (format!("Parsing {names}…"), None),
        Some(Progress::Analysing) => (format!("Analysing {names}…"), None),
        _ => (format!("Reading {names}…"), None),
    };
    let oncancel = props.oncancel.reform(|_: MouseEvent| ());
    let fill = use_node_ref();
    use_css_vars(fill.clone(), vec![("--value", format!("{}%", shortest(value.unwrap_or(0.0))))]);
    html! {
        <div class="loading banner banner--info" role="status">
            <p class="loading__text banner__message">{text.clone()}</p>
            <div
                class={classes!("loading__bar", value.is_none().then_some("loading__bar--busy"))}
                role="progressbar"
                aria-label="Loading"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow={value.map(shortest)}
                aria-valuetext={text}
            >
                <span class="loading__fill" ref={fill}></span>
            </div>
            <button type="button" class="button loading__cancel" onclick={oncancel}>{"Cancel"}</button>
        </div>
    }
}
