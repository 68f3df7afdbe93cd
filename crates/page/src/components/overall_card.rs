//! The overall figure of the snapshot shown, and how it was obtained.

use yew::prelude::*;

use super::{BarSize, CountUp, ProgressBar, TierBadge};
use covdash_protocol::OverallView;

#[derive(Properties, PartialEq)]
pub struct OverallCardProps {
    pub overall: OverallView,
    /// The snapshot's label, e.g. `"Final"`.
    pub snapshot_label: AttrValue,
    /// The snapshot's time, when known.
    #[prop_or_default]
    pub snapshot_time: Option<AttrValue>,
}

/// A large figure with its tier, a large bar, and a line that says how the figure was computed.
#[component]
pub fn OverallCard(props: &OverallCardProps) -> Html {
    let overall = &props.overall;
    let value_text = match &overall.tier {
        Some(tier) => format!("{}, {}", overall.text, tier.name),
        None => overall.text.clone(),
    };
    html! {
        <section class="card overall" aria-labelledby="overall-heading">
            <h2 id="overall-heading" class="card__heading">{"Overall coverage"}</h2>
            <p class="overall__snapshot">
                {props.snapshot_label.clone()}
                if let Some(time) = &props.snapshot_time {
                    {" · "}<time>{time.clone()}</time>
                }
            </p>
            <p class="overall__figure">
                <span class="overall__value">
                    <CountUp value={overall.value} text={AttrValue::from(overall.text.clone())} />
                </span>
                if let Some(tier) = &overall.tier {
                    <TierBadge name={AttrValue::from(tier.name.clone())} tone={tier.tone} />
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
