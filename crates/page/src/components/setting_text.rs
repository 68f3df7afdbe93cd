//! One setting written as text: a percentage, tiers, globs, an address, a snapshot's label. What
//! the person types is theirs until the setting itself changes: a render in between (an answer
//! arriving, another setting applied) does not put the setting's text back over it, and a value
//! that cannot be used stays as typed, to be mended.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// What the setting's text is, and so the control that edits it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingKind {
    /// A percentage from 0 to 100, by tenths.
    Percent,
    /// A line of text.
    Line,
    /// An address.
    Url,
    /// Several lines (a text area of this many rows).
    Lines(u32),
}

#[derive(Properties, PartialEq)]
pub struct SettingTextProps {
    /// The control's id, for its label and for tests.
    pub id: AttrValue,
    /// The setting in force, as text.
    pub text: AttrValue,
    /// Called when the person commits an edit (the control's `change`).
    pub onchange: Callback<Event>,
    /// What the setting is.
    #[prop_or(SettingKind::Line)]
    pub kind: SettingKind,
    /// An example shown while the control is empty.
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// How many times the settings were reset: a reset puts every setting's text back, the
    /// person's edits with it, even where the setting was already the data's.
    #[prop_or_default]
    pub resets: u32,
}

/// An input or text area showing the person's edit over the setting it started from, and the
/// setting's text once that changes (applied, reset, or set by a link).
#[component]
pub fn SettingText(props: &SettingTextProps) -> Html {
    // The setting an edit started from (and the resets by then), and the edit: shown while the
    // setting is still that one.
    let edit = use_state(|| None::<(AttrValue, u32, String)>);
    let shown = match &*edit {
        Some((from, resets, typed)) if *from == props.text && *resets == props.resets => typed.clone(),
        _ => props.text.to_string(),
    };
    let oninput = {
        let (edit, from, resets) = (edit.clone(), props.text.clone(), props.resets);
        Callback::from(move |event: InputEvent| {
            let typed = match event.target_dyn_into::<HtmlTextAreaElement>() {
                Some(area) => area.value(),
                None => event.target_unchecked_into::<HtmlInputElement>().value(),
            };
            edit.set(Some((from.clone(), resets, typed)));
        })
    };
    let (id, onchange, placeholder) = (props.id.clone(), props.onchange.clone(), props.placeholder.clone());
    match props.kind {
        SettingKind::Lines(rows) => html! {
            <textarea {id} rows={rows.to_string()} value={shown} {oninput} {onchange} {placeholder} />
        },
        SettingKind::Percent => html! {
            <input {id} type="number" min="0" max="100" step="0.1" value={shown} {oninput} {onchange} {placeholder} />
        },
        SettingKind::Line => html! { <input {id} type="text" value={shown} {oninput} {onchange} {placeholder} /> },
        SettingKind::Url => html! { <input {id} type="url" value={shown} {oninput} {onchange} {placeholder} /> },
    }
}
