//! Rows with a name, a bar and figures: progress per snapshot, wins, distances, tiers, groups.

use std::rc::Rc;

use yew::prelude::*;

use super::ProgressBar;
use crate::present::BarRow;

#[derive(Properties, PartialEq)]
pub struct BarListProps {
    /// The rows, in the order shown; keyed by `BarRow::key`.
    pub rows: Rc<[BarRow]>,
    /// A line under the rows.
    #[prop_or_default]
    pub footer: Option<AttrValue>,
}

/// A list of bars, each keyed so it animates from its own value when the rows change.
#[component]
pub fn BarList(props: &BarListProps) -> Html {
    html! {
        <>
            <ul class="bar-list">
                for (index, row) in props.rows.iter().enumerate() {
                    <li key={row.key.clone()} class="bar-list__row">
                        <span class="bar-list__name" title={row.name.clone()}>{row.name.clone()}</span>
                        <ProgressBar
                            label={AttrValue::from(row.name.clone())}
                            value={row.value}
                            value_text={AttrValue::from(row.value_text.clone())}
                            tone={row.tone}
                            {index}
                        />
                        <span class="bar-list__figure">{row.text.clone()}</span>
                        <span class="bar-list__note">
                            {row.note.clone().unwrap_or_default()}
                            if let Some(detail) = row.detail.clone() {
                                <span class="bar-list__detail">{detail}</span>
                            }
                        </span>
                    </li>
                }
            </ul>
            if let Some(footer) = props.footer.clone() {
                <p class="card__footer">{footer}</p>
            }
        </>
    }
}
