//! Choosing the branch or tag whose snapshots a history shows.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use covdash_protocol::{count_of, RefChoice};

/// A select of the history's `refs` with their snapshot counts, "main (30 snapshots)", the one
/// shown selected; `onchange` is called with the ref chosen, by its name in the history. A view
/// of its caller's, not a component: it holds nothing of its own.
pub fn ref_switch(refs: &[RefChoice], onchange: &Callback<String>) -> Html {
    let onchange = onchange.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    html! {
        <label class="ref-switch">
            <span class="ref-switch__label">{"Branch"}</span>
            <select {onchange}>
                for choice in refs {
                    <option key={choice.name.clone()} value={choice.name.clone()} selected={choice.selected}>
                        {format!("{} ({})", choice.label, count_of(choice.n_snapshots as u64, "snapshot"))}
                    </option>
                }
            </select>
        </label>
    }
}
