//! A percentage that counts up to its value as its bar grows, in CSS only.

use yew::prelude::*;

use crate::browser;
use crate::hooks::use_css_vars;

#[derive(Properties, PartialEq)]
pub struct CountUpProps {
    /// The rounded value, 0 to 100, one decimal; `None` shows `text` as it is.
    pub value: Option<f64>,
    /// The figure as text (`"81.1%"`, `"n/a"`): what assistive technology reads, and what is
    /// shown when the value is unknown.
    pub text: AttrValue,
    /// The figure's place in a list: it starts counting with its bar.
    #[prop_or_default]
    pub index: usize,
}

/// The text is in the DOM for screen readers and copying; the visible digits are a CSS counter
/// animated from 0 (`styles/components.css`, `.count`), still under `prefers-reduced-motion`.
/// When the value changes, the digits move to the new one. Where the counter's properties are
/// not registered ([`browser::counters_registered`]), the digits would be wrong, so the text is
/// shown as it is.
#[component]
pub fn CountUp(props: &CountUpProps) -> Html {
    let digits = use_node_ref();
    let tenths = props.value.map(|value| (value.clamp(0.0, 100.0) * 10.0).round() as u32);
    use_css_vars(
        digits.clone(),
        vec![("--count-to", tenths.unwrap_or(0).to_string()), ("--index", props.index.min(40).to_string())],
    );
    if tenths.is_none() || !browser::counters_registered() {
        return html! { <span class="count">{props.text.clone()}</span> };
    }
    html! {
        <span class="count">
            <span class="visually-hidden">{props.text.clone()}</span>
            <span class="count__digits" aria-hidden="true" ref={digits}></span>
        </span>
    }
}
