//! A percentage that counts up to its value as its bar grows, in CSS only.

use yew::prelude::*;

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
/// When the value changes, the digits move to the new one.
#[component]
pub fn CountUp(props: &CountUpProps) -> Html {
    let Some(value) = props.value else {
        return html! { <span class="count">{props.text.clone()}</span> };
    };
    let tenths = (value.clamp(0.0, 100.0) * 10.0).round() as u32;
    let style = format!("--count-to: {tenths}; --index: {}", props.index.min(40));
    html! {
        <span class="count">
            <span class="visually-hidden">{props.text.clone()}</span>
            <span class="count__digits" aria-hidden="true" {style}></span>
        </span>
    }
}
