//! Rows with a name, a bar and figures: progress per snapshot, wins, distances, tiers, groups.

use std::rc::Rc;

use yew::prelude::*;

use super::{show_more, use_shown_rows, NamedBar, RowKind};
use covdash_protocol::{distinct_tails, BarRow};

/// Rows shown at first, and added by each "Show more".
const PAGE: usize = 15;

#[derive(Properties, PartialEq)]
pub struct BarListProps {
    /// The rows, in the order shown; keyed by `BarRow::key`.
    pub rows: Rc<[BarRow]>,
    /// A line under the rows.
    #[prop_or_default]
    pub footer: Option<AttrValue>,
}

/// A list of bars, each keyed so it animates from its own value when the rows change. A long
/// list (the distance of a thousand packages to the target) shows its first rows.
#[component]
pub fn BarList(props: &BarListProps) -> Html {
    let (shown, more) = use_shown_rows(PAGE, PAGE);
    let total = props.rows.len();
    let tails = use_memo(props.rows.clone(), |rows| distinct_tails(rows.iter().map(|r| r.name.as_str())));
    html! {
        <>
            <ul class="bar-list">
                for (index, row) in props.rows.iter().enumerate().take(shown) {
                    <li
                        key={row.key.clone()}
                        class="bar-list__row"
                        aria-posinset={(index + 1).to_string()}
                        aria-setsize={total.to_string()}
                    >
                        {NamedBar {
                            kind: RowKind::Section,
                            name: AttrValue::from(row.name.clone()),
                            title: None,
                            tail: tails.get(index).copied().unwrap_or(0),
                            name_cell: None,
                            value: row.value,
                            value_text: AttrValue::from(row.value_text.clone()),
                            tone: row.tone,
                            index,
                            figure: html! { {row.text.clone()} },
                        }.view()}
                        // No note, no cell: in a narrow list an empty one would be a row of its own.
                        if row.note.is_some() || row.detail.is_some() {
                            <span class="bar-list__note">
                                {row.note.clone().unwrap_or_default()}
                                if let Some(detail) = row.detail.clone() {
                                    <span class="bar-list__detail">{detail}</span>
                                }
                            </span>
                        }
                    </li>
                }
            </ul>
            {show_more(shown, total, PAGE, "rows", &more)}
            if let Some(footer) = props.footer.clone() {
                <p class="card__footer">{footer}</p>
            }
        </>
    }
}
