//! A package's recent figures as a small line.

use std::rc::Rc;

use yew::prelude::*;

use covdash_protocol::decimal::fixed;

#[derive(Properties, PartialEq)]
pub struct SparkLineProps {
    /// The figures, oldest first, in percent; `None` where the package had none.
    pub values: Rc<[Option<f32>]>,
    /// Whose figures they are, for the accessible name.
    pub name: AttrValue,
}

/// An inline SVG line over 0–100%, with its first and last figures as its accessible name.
#[component]
pub fn SparkLine(props: &SparkLineProps) -> Html {
    let values = &props.values;
    let n = values.len();
    if n < 2 {
        return html! {};
    }
    let points: String = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            Some(format!("{},{} ", tenths(i as f32 * 100.0 / (n - 1) as f32), tenths(22.0 - (*v)? * 0.2)))
        })
        .collect();
    let known: Vec<f32> = values.iter().flatten().copied().collect();
    let label = match (known.first(), known.last()) {
        (Some(first), Some(last)) => {
            format!("{}: {}% to {}% over the last {n} snapshots", props.name, tenths(*first), tenths(*last))
        }
        _ => format!("{}: no figures in the last {n} snapshots", props.name),
    };
    html! {
        <svg class="spark" viewBox="0 0 100 24" preserveAspectRatio="none" role="img" aria-label={label}>
            <polyline class="spark__line" points={points} />
        </svg>
    }
}

/// `value` to one decimal, as the figures beside the line are written.
fn tenths(value: f32) -> String {
    fixed(f64::from(value), 1)
}
