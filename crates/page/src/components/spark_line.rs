//! A package's recent figures as a small line.

use yew::prelude::*;

use covdash_protocol::decimal::fixed;

/// An inline SVG line over 0–100% of `values` (oldest first, in percent; `None` where the
/// package had none), with its first and last figures as its accessible name, `name` saying
/// whose they are. A view of its caller's, not a component: it holds nothing of its own.
pub fn spark_line(values: &[Option<f32>], name: &str) -> Html {
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
            format!("{name}: {}% to {}% over the last {n} snapshots", tenths(*first), tenths(*last))
        }
        _ => format!("{name}: no figures in the last {n} snapshots"),
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
