//! The packages, highest coverage first.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::{show_more, use_shown_rows, PackageRowItem};
use crate::backend::Data;
use crate::hooks::use_answer;
use covdash_protocol::{distinct_tails, format_count, PackageRows, RowOrder, Rows, CHANGE_WINDOWS};
use covdash_protocol::{Reply, Request};

/// Packages shown at first, and added by each "Show more".
const PAGE: usize = 50;

#[derive(Properties, PartialEq)]
pub struct PackageListProps {
    /// The first rows, unfiltered, with how many there are in all.
    pub first: Rc<PackageRows>,
    /// Whom to ask for more rows, a filter's rows, and a package's files when it is opened.
    pub data: Data,
    /// What the rows are: packages, or repositories.
    pub rows: Rows,
}

/// An ordered list of package rows, keyed by package so each bar keeps its own element. A
/// long list shows its first rows and a filter that finds any package, shown or not (the
/// browser's find cannot see rows that are not rendered); the rows past the first and those a
/// filter finds are asked of the session, so the page never holds more rows than it shows.
#[component]
pub fn PackageList(props: &PackageListProps) -> Html {
    let filter = use_state(String::new);
    let order = use_state(RowOrder::default);
    // A repository's change shown over 7 days until the person chooses another window.
    let window = use_state(|| 1usize);
    let (shown, more) = use_shown_rows(PAGE, PAGE);
    let first = &props.first;
    let data = &props.data;
    // The first rows answer an empty filter in the view's order; anything else is asked for.
    let needs_more = !filter.trim().is_empty()
        || *order != RowOrder::default()
        || (shown > first.rows.len() && first.n_total > first.rows.len());
    let request = needs_more.then(|| Request::Packages {
        how: (*data.how).clone(),
        snapshot: data.snapshot,
        filter: (*filter).clone(),
        limit: shown,
        order: *order,
    });
    let answer = use_answer(&data.backend, data.generation, request);
    let asked = match answer.reply.as_deref() {
        // A stale answer stands for a filter being typed, not for the unfiltered list.
        Some(Reply::Packages(rows))
            if needs_more && (answer.current || !filter.trim().is_empty() || *order != RowOrder::default()) =>
        {
            Some(rows.clone())
        }
        _ => None,
    };
    let rows = asked.unwrap_or_else(|| first.clone());
    let (one, many) = (props.rows.singular(), props.rows.plural());
    if first.n_total == 0 {
        return html! { <p class="empty">{format!("This snapshot lists no {many}.")}</p> };
    }
    let total = rows.n_matching;
    // The rows listed are the ones whose names must read apart.
    let tails = distinct_tails(rows.rows.iter().take(shown).map(|(_, r)| r.name.as_str()));
    let oninput = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| filter.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onwindow = {
        let window = window.clone();
        Callback::from(move |e: Event| {
            let chosen = e.target_unchecked_into::<HtmlSelectElement>().value();
            window.set(chosen.parse().unwrap_or(1).min(CHANGE_WINDOWS.len() - 1));
        })
    };
    let onorder = {
        let order = order.clone();
        Callback::from(move |e: Event| {
            let id = e.target_unchecked_into::<HtmlSelectElement>().value();
            order.set(RowOrder::from_id(&id).unwrap_or_default());
        })
    };
    html! {
        <>
            if first.n_total > 1 {
                <label class="packages__order">
                    <span>{"Order"}</span>
                    <select onchange={onorder}>
                        for o in RowOrder::ALL {
                            <option key={o.id()} value={o.id()} selected={o == *order}>{o.label()}</option>
                        }
                    </select>
                </label>
            }
            if props.rows == Rows::Repositories {
                <label class="packages__order">
                    <span>{"Change"}</span>
                    <select onchange={onwindow}>
                        for (i, label) in CHANGE_WINDOWS.iter().enumerate() {
                            <option key={i} value={i.to_string()} selected={i == *window}>{*label}</option>
                        }
                    </select>
                </label>
            }
            if first.n_total > PAGE {
                <div class="packages__find">
                    <label class="packages__find-label" for="packages-filter">{format!("Find a {one}")}</label>
                    <input
                        id="packages-filter"
                        type="search"
                        placeholder="part of a name"
                        aria-describedby="packages-filter-hint"
                        value={(*filter).clone()}
                        {oninput}
                    />
                    <span id="packages-filter-hint" class="packages__find-hint" role="status">
                        {if filter.trim().is_empty() {
                            format!("{} {many}; the list shows the first {}, this box finds any", count(first.n_total), PAGE.min(first.n_total))
                        } else {
                            format!("{} of {} {many} match", count(total), count(first.n_total))
                        }}
                    </span>
                </div>
            }
            <ol class="packages" aria-busy={(!answer.current).then_some("true")}>
                for (position, ((index, row), tail)) in rows.rows.iter().zip(tails).take(shown).enumerate() {
                    <PackageRowItem
                        key={row.key.clone()}
                        row={row.clone()}
                        {tail}
                        index={*index}
                        {position}
                        of={total}
                        data={props.data.clone()}
                        window={*window}
                    />
                }
            </ol>
            {show_more(shown, total, PAGE, many, &more)}
        </>
    }
}

fn count(n: usize) -> String {
    format_count(n as u64)
}
