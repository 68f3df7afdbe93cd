//! The end of a list that grows with the data: how much of it is shown, and a button for more.
//! Lists render only the rows shown, so a report of a thousand packages costs what a screenful
//! costs; the filter boxes search every row, shown or not.

use yew::prelude::*;

/// Nothing when every row is shown; otherwise "Showing 50 of 1,136 packages" (`shown` of
/// `total` rows, `noun` what they are in the plural) and a button that calls `onmore` to show
/// the next `step`. A view of its caller's, not a component: what it shows comes from
/// [`use_shown_rows`], its caller's.
pub fn show_more(shown: usize, total: usize, step: usize, noun: &str, onmore: &Callback<()>) -> Html {
    let shown = shown.min(total);
    if shown >= total {
        return html! {};
    }
    let next = step.min(total - shown);
    let onclick = onmore.reform(|_: MouseEvent| ());
    html! {
        <p class="show-more">
            <span class="show-more__count">
                {format!(
                    "Showing {} of {} {noun}",
                    covdash_protocol::format_count(shown as u64),
                    covdash_protocol::format_count(total as u64),
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
