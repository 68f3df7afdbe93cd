//! The packages, highest coverage first.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{use_shown_rows, PackageRowItem, ShowMore};
use crate::present::{format_count, PackageRow};
use crate::ui::backend::Data;

/// Packages shown at first, and added by each "Show more".
const PAGE: usize = 50;

#[derive(Properties, PartialEq)]
pub struct PackageListProps {
    /// The rows, already sorted.
    pub rows: Rc<[PackageRow]>,
    /// Whom to ask for a package's files when it is opened.
    pub data: Data,
}

/// An ordered list of package rows, keyed by package so each bar keeps its own element. A
/// long list shows its first rows and a filter that finds any package, shown or not (the
/// browser's find cannot see rows that are not rendered).
#[component]
pub fn PackageList(props: &PackageListProps) -> Html {
    let filter = use_state(String::new);
    let (shown, more) = use_shown_rows(PAGE, PAGE);
    if props.rows.is_empty() {
        return html! { <p class="empty">{"This snapshot lists no packages."}</p> };
    }
    let needle = filter.to_lowercase();
    let matching: Vec<(usize, &PackageRow)> = props
        .rows
        .iter()
        .enumerate()
        .filter(|(_, row)| needle.is_empty() || row.full_name.to_lowercase().contains(&needle))
        .collect();
    let total = matching.len();
    let oninput = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| filter.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    html! {
        <>
            if props.rows.len() > PAGE {
                <div class="packages__find">
                    <label class="packages__find-label" for="packages-filter">{"Find a package"}</label>
                    <input
                        id="packages-filter"
                        type="search"
                        placeholder="part of a name"
                        aria-describedby="packages-filter-hint"
                        value={(*filter).clone()}
                        {oninput}
                    />
                    <span id="packages-filter-hint" class="packages__find-hint" role="status">
                        {if needle.is_empty() {
                            format!("{} packages; the list shows the first {}, this box finds any", count(props.rows.len()), PAGE.min(props.rows.len()))
                        } else {
                            format!("{} of {} packages match", count(total), count(props.rows.len()))
                        }}
                    </span>
                </div>
            }
            <ol class="packages">
                for (position, (index, row)) in matching.iter().take(shown).enumerate() {
                    <PackageRowItem
                        key={row.key.clone()}
                        row={(*row).clone()}
                        index={*index}
                        {position}
                        of={total}
                        data={props.data.clone()}
                    />
                }
            </ol>
            <ShowMore shown={shown.min(total)} {total} step={PAGE} noun="packages" onmore={more} />
        </>
    }
}

fn count(n: usize) -> String {
    format_count(n as u64)
}
