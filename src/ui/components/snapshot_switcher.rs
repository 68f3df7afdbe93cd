//! Choosing which snapshot the dashboard shows.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::present::SnapshotTab;

#[derive(Properties, PartialEq)]
pub struct SnapshotSwitcherProps {
    /// The snapshots, oldest first, one of them selected.
    pub tabs: Rc<[SnapshotTab]>,
    /// Called with the index of the snapshot chosen.
    pub onselect: Callback<usize>,
    /// Called with a snapshot's index and the label the person typed for it.
    pub onrename: Callback<(usize, String)>,
}

/// A row of buttons, one per snapshot, each with its label, overall figure and change from the
/// one before; the one shown is pressed. Switching keeps each package's row, so its bar moves
/// from the old value to the new.
#[component]
pub fn SnapshotSwitcher(props: &SnapshotSwitcherProps) -> Html {
    html! {
        <nav class="snapshots" aria-label="Snapshots">
            <ol class="snapshots__list">
                for tab in props.tabs.iter() {
                    <li key={tab.index}>
                        <button
                            type="button"
                            class={classes!("snapshot", tab.selected.then_some("snapshot--selected"))}
                            aria-pressed={if tab.selected { "true" } else { "false" }}
                            onclick={props.onselect.reform({ let index = tab.index; move |_: MouseEvent| index })}
                        >
                            <span class="snapshot__label">{tab.label.clone()}</span>
                            <span class="snapshot__figure">{tab.overall.clone()}</span>
                            if let Some(change) = &tab.change {
                                <span class="snapshot__change">{change.clone()}</span>
                            }
                            if let Some(time) = &tab.time {
                                <span class="snapshot__time">{time.clone()}</span>
                            }
                        </button>
                    </li>
                }
            </ol>
            if let Some(selected) = props.tabs.iter().find(|t| t.selected) {
                <label class="snapshots__rename">
                    <span>{"Label of the snapshot shown"}</span>
                    <input
                        key={selected.index}
                        id="snapshot-label"
                        type="text"
                        value={selected.label.clone()}
                        onchange={props.onrename.reform({
                            let index = selected.index;
                            move |e: Event| (index, e.target_unchecked_into::<HtmlInputElement>().value())
                        })}
                    />
                </label>
            }
        </nav>
    }
}
