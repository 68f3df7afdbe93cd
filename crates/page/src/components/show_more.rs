//! The end of a list that grows with the data: how much of it is shown, and a button for more.
//! Lists render only the rows shown, so a report of a thousand packages costs what a screenful
//! costs; the filter boxes search every row, shown or not.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShowMoreProps {
    /// How many rows are shown.
    pub shown: usize,
    /// How many rows the list has.
    pub total: usize,
    /// How many more one press shows.
    pub step: usize,
    /// What the rows are, in the plural ("packages").
    pub noun: AttrValue,
    /// Called when the person asks for more.
    pub onmore: Callback<()>,
}

/// Nothing when every row is shown; otherwise "Showing 50 of 1,136 packages" and a button that
/// shows the next `step`.
#[component]
pub fn ShowMore(props: &ShowMoreProps) -> Html {
    if props.shown >= props.total {
        return html! {};
    }
    let next = props.step.min(props.total - props.shown);
    let onclick = props.onmore.reform(|_: MouseEvent| ());
    html! {
        <p class="show-more">
            <span class="show-more__count">
                {format!(
                    "Showing {} of {} {}",
                    covdash_protocol::format_count(props.shown as u64),
                    covdash_protocol::format_count(props.total as u64),
                    props.noun
                )}
            </span>
            <button type="button" class="button show-more__button" {onclick}>
                {format!("Show {} more", covdash_protocol::format_count(next as u64))}
            </button>
        </p>
    }
}

/// How many rows of a list to show: `first` at the start, `step` more each time the returned
/// callback is called.
#[hook]
pub fn use_shown_rows(first: usize, step: usize) -> (usize, Callback<()>) {
    let shown = use_state_eq(|| first);
    let more = {
        let shown = shown.clone();
        Callback::from(move |()| shown.set(*shown + step))
    };
    (*shown, more)
}
