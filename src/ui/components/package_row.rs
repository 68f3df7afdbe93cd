//! One package: its name, bar, figure and tier.

use yew::prelude::*;

use super::{ProgressBar, TierBadge};
use crate::present::PackageRow;

#[derive(Properties, PartialEq)]
pub struct PackageRowItemProps {
    pub row: PackageRow,
    /// The row's place in the list, for the staggered animation.
    pub index: usize,
}

/// A list item laid out as a grid row.
#[component]
pub fn PackageRowItem(props: &PackageRowItemProps) -> Html {
    let row = &props.row;
    let value_text = match &row.tier {
        Some(tier) => format!("{}, {}", row.text, tier.name),
        None => row.text.clone(),
    };
    html! {
        <li class="package">
            <span class="package__name" title={row.full_name.clone()}>{row.name.clone()}</span>
            <ProgressBar
                label={AttrValue::from(row.name.clone())}
                value={row.value}
                value_text={AttrValue::from(value_text)}
                tone={row.tier.as_ref().map(|t| t.tone)}
                index={props.index}
            />
            <span class="package__figure">
                {row.text.clone()}
                if let Some(counts) = &row.counts {
                    <span class="package__counts">{counts.clone()}</span>
                }
            </span>
            if let Some(tier) = &row.tier {
                <TierBadge name={AttrValue::from(tier.name.clone())} tone={tier.tone} />
            } else {
                <span class="tier tier--none">{"no data"}</span>
            }
        </li>
    }
}
