//! Choosing the branch or tag whose snapshots a history shows.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use covdash_protocol::{count_of, RefChoice};

#[derive(Properties, PartialEq)]
pub struct RefSwitchProps {
    /// The history's refs with their snapshot counts, the one shown selected.
    pub refs: Rc<[RefChoice]>,
    /// Called with the ref chosen, by its name in the history.
    pub onchange: Callback<String>,
}

/// A select of the refs, "main (30 snapshots)".
#[component]
pub fn RefSwitch(props: &RefSwitchProps) -> Html {
    let onchange = props.onchange.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    html! {
        <label class="ref-switch">
            <span class="ref-switch__label">{"Branch"}</span>
            <select {onchange}>
                for choice in props.refs.iter() {
                    <option key={choice.name.clone()} value={choice.name.clone()} selected={choice.selected}>
                        {format!("{} ({})", choice.label, count_of(choice.n_snapshots as u64, "snapshot"))}
                    </option>
                }
            </select>
        </label>
    }
}
