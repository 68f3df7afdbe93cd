//! The overall figure of the snapshot shown, and how it was obtained.

use yew::prelude::*;

use super::{tier_badge, BarSize, CountUp, ProgressBar};
use covdash_protocol::OverallView;

/// A large figure with its tier, a large bar, and a line that says how the figure was computed,
/// under the snapshot's label (`"Final"`) and its time, when known. A view of its caller's, not
/// a component: what it holds of its own (the figure counting up) is its `CountUp`'s.
pub fn overall_card(overall: &OverallView, snapshot_label: &str, snapshot_time: Option<&str>) -> Html {
    let value_text = match &overall.tier {
        Some(tier) => format!("{}, {}", overall.text, tier.name),
        None => overall.text.clone(),
    };
    html! {
        <section class="card overall" aria-labelledby="overall-heading">
            <h2 id="overall-heading" class="card__heading">{"Overall coverage"}</h2>
            <p class="overall__snapshot">
                {snapshot_label.to_owned()}
                if let Some(time) = snapshot_time {
                    {" · "}<time>{time.to_owned()}</time>
                }
            </p>
            <p class="overall__figure">
                <span class="overall__value">
                    <CountUp value={overall.value} text={AttrValue::from(overall.text.clone())} />
                </span>
                if let Some(tier) = &overall.tier {
                    {tier_badge(AttrValue::from(tier.name.clone()), tier.tone)}
                }
            </p>
            <ProgressBar
                label="Overall coverage"
                value={overall.value}
                value_text={AttrValue::from(value_text)}
                tone={overall.tier.as_ref().map(|t| t.tone)}
                size={BarSize::Large}
            />
            <p class="overall__method">{overall.method.clone()}</p>
        </section>
    }
}
