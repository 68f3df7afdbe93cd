//! Choosing which snapshot the dashboard shows.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use covdash_protocol::SnapshotTab;

use super::SettingText;

/// Past this many snapshots, the buttons give way to a list to choose from, with the one
/// before and after a press away: a history of 500 runs must not make 500 buttons.
const MAX_BUTTONS: usize = 8;

/// A row of buttons, one per snapshot of `tabs` (oldest first, one of them selected), each with
/// its label, overall figure and change from the one before; the one shown is pressed.
/// Switching keeps each package's row, so its bar moves from the old value to the new. Many
/// snapshots are a select between "earlier" and "later". `onselect` is called with the index
/// of the snapshot chosen, `onrename` with a snapshot's index and the label the person typed
/// for it. A view of its caller's, not a component: what it holds of its own (the label being
/// typed) is its `SettingText`'s.
pub fn snapshot_switcher(
    tabs: &[SnapshotTab],
    onselect: &Callback<usize>,
    onrename: &Callback<(usize, String)>,
) -> Html {
    let selected = tabs.iter().position(|t| t.selected).unwrap_or(tabs.len().saturating_sub(1));
    let step = |to: Option<usize>| {
        let onselect = onselect.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(to) = to {
                onselect.emit(to);
            }
        })
    };
    let many = tabs.len() > MAX_BUTTONS;
    let earlier = selected.checked_sub(1);
    let later = (selected + 1 < tabs.len()).then_some(selected + 1);
    html! {
        <nav class="snapshots" aria-label="Snapshots">
            if many {
                <div class="snapshots__compact">
                    <button type="button" class="button button--small snapshots__step" disabled={earlier.is_none()} onclick={step(earlier)}>
                        <span aria-hidden="true">{"◀ "}</span>{"Earlier"}
                    </button>
                    <label class="snapshots__choose">
                        <span class="visually-hidden">{"Snapshot shown"}</span>
                        <select onchange={onselect.reform(|e: Event| {
                            e.target_unchecked_into::<HtmlSelectElement>().value().parse::<usize>().unwrap_or_default()
                        })}>
                            for tab in tabs.iter() {
                                <option key={tab.index} value={tab.index.to_string()} selected={tab.selected}>
                                    {option_text(tab)}
                                </option>
                            }
                        </select>
                    </label>
                    <button type="button" class="button button--small snapshots__step" disabled={later.is_none()} onclick={step(later)}>
                        {"Later"}<span aria-hidden="true">{" ▶"}</span>
                    </button>
                    <span class="snapshots__position">{format!("{} of {}", selected + 1, tabs.len())}</span>
                </div>
            } else {
            <ol class="snapshots__list">
                for tab in tabs.iter() {
                    <li key={tab.index}>
                        <button
                            type="button"
                            class={classes!("snapshot", tab.selected.then_some("snapshot--selected"))}
                            aria-pressed={if tab.selected { "true" } else { "false" }}
                            onclick={onselect.reform({ let index = tab.index; move |_: MouseEvent| index })}
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
            }
            if let Some(selected) = tabs.iter().find(|t| t.selected) {
                <label class="snapshots__rename">
                    <span>{"Label of the snapshot shown"}</span>
                    <SettingText
                        key={selected.index}
                        id="snapshot-label"
                        text={selected.label.clone()}
                        onchange={onrename.reform({
                            let index = selected.index;
                            move |e: Event| (index, e.target_unchecked_into::<HtmlInputElement>().value())
                        })}
                    />
                </label>
            }
        </nav>
    }
}

/// "a1b2c3d — 81.3% (+0.4 pts), 2026-03-02 10:00 UTC".
fn option_text(tab: &SnapshotTab) -> String {
    let mut text = format!("{} — {}", tab.label, tab.overall);
    if let Some(change) = &tab.change {
        text.push_str(&format!(" ({change})"));
    }
    if let Some(time) = &tab.time {
        text.push_str(&format!(", {time}"));
    }
    text
}
