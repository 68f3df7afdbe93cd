//! Pasting coverage as text: an LCOV or Go profile copied from a terminal or a CI log.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PasteBoxProps {
    /// Called with the pasted text when the person asks for it to be read.
    pub ontext: Callback<String>,
}

/// A folded text area and a button; the text is read as a file would be.
#[component]
pub fn PasteBox(props: &PasteBoxProps) -> Html {
    let area = use_node_ref();
    let onclick = {
        let (area, ontext) = (area.clone(), props.ontext.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                ontext.emit(area.value());
                area.set_value("");
            }
        })
    };
    html! {
        <details class="paste">
            <summary>{"Paste coverage text"}</summary>
            <label class="paste__label" for="paste-text">{"Any format covdash reads: LCOV, a Go profile, go test output, JSON, XML"}</label>
            <textarea id="paste-text" ref={area} rows="6" spellcheck="false" />
            <button type="button" class="button" {onclick}>{"Read pasted text"}</button>
        </details>
    }
}
