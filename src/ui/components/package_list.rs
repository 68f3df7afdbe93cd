//! The packages, highest coverage first.

use std::rc::Rc;

use yew::prelude::*;

use super::PackageRowItem;
use crate::present::PackageRow;
use crate::ui::state::SharedReport;

#[derive(Properties, PartialEq)]
pub struct PackageListProps {
    /// The rows, already sorted.
    pub rows: Rc<[PackageRow]>,
    /// The report shown, for opening a package into its files.
    pub source: SharedReport,
    /// The snapshot shown; `None` is the latest.
    pub snapshot: Option<usize>,
}

/// An ordered list of package rows, keyed by package so each bar keeps its own element.
#[component]
pub fn PackageList(props: &PackageListProps) -> Html {
    if props.rows.is_empty() {
        return html! { <p class="empty">{"This snapshot lists no packages."}</p> };
    }
    html! {
        <ol class="packages">
            for (index, row) in props.rows.iter().enumerate() {
                <PackageRowItem
                    key={row.key.clone()}
                    row={row.clone()}
                    {index}
                    source={props.source.clone()}
                    snapshot={props.snapshot}
                />
            }
        </ol>
    }
}
