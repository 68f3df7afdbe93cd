//! A horizontal bar that shows a percentage and grows to it when it appears.

use yew::prelude::*;

use crate::hooks::use_css_vars;
use covdash_protocol::decimal::shortest;
use covdash_protocol::Tone;

/// How tall the bar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BarSize {
    #[default]
    Regular,
    Large,
}

impl BarSize {
    fn class(self) -> &'static str {
        match self {
            BarSize::Regular => "bar--regular",
            BarSize::Large => "bar--large",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ProgressBarProps {
    /// What the bar measures, read out by screen readers (`aria-label`), e.g. the package name.
    pub label: AttrValue,
    /// The percentage, 0 to 100, already rounded for display; `None` when there is nothing to
    /// count (the bar is then empty and says "n/a").
    pub value: Option<f64>,
    /// The text a screen reader reads for the value, e.g. `"68.1%, Needs work"`.
    pub value_text: AttrValue,
    /// The tier colour; `None` for a neutral bar.
    #[prop_or_default]
    pub tone: Option<Tone>,
    #[prop_or_default]
    pub size: BarSize,
    /// The bar's place in a list: each starts its animation a little after the one before.
    #[prop_or_default]
    pub index: usize,
}

/// A progress bar with `role="progressbar"` and its ARIA values. The growth is a CSS animation
/// (`styles/components.css`), off under `prefers-reduced-motion`.
#[component]
pub fn ProgressBar(props: &ProgressBarProps) -> Html {
    let width = props.value.unwrap_or(0.0).clamp(0.0, 100.0);
    let fill = use_node_ref();
    use_css_vars(
        fill.clone(),
        vec![("--value", format!("{}%", shortest(width))), ("--index", props.index.min(40).to_string())],
    );
    let classes = classes!("bar", props.size.class(), Tone::class(props.tone));
    html! {
        <div
            class={classes}
            role="progressbar"
            aria-label={props.label.clone()}
            aria-valuemin="0"
            aria-valuemax="100"
            aria-valuenow={props.value.map(|v| AttrValue::from(shortest(v)))}
            aria-valuetext={props.value_text.clone()}
        >
            <div class="bar__fill" ref={fill}></div>
        </div>
    }
}
