//! Time to target: an estimate per package, the total, and how it is estimated, on demand.

use std::rc::Rc;

use yew::prelude::*;

use super::{elided_name, show_more, use_shown_rows};
use covdash_protocol::{distinct_tails, Estimate, EtaRow};

/// Rows shown at first, and added by each "Show more".
const PAGE: usize = 15;

#[derive(Properties, PartialEq)]
pub struct EtaTableProps {
    /// One row per package below the target.
    pub rows: Rc<[EtaRow]>,
    /// The sum of the known estimates.
    #[prop_or_default]
    pub total: Option<Estimate>,
    /// The method, shown when the person opens "How is this estimated?".
    pub method: AttrValue,
}

/// A table of estimates with the method in a `<details>`.
#[component]
pub fn EtaTable(props: &EtaTableProps) -> Html {
    let (shown, more) = use_shown_rows(PAGE, PAGE);
    let total = props.rows.len();
    let tails = use_memo(props.rows.clone(), |rows| distinct_tails(rows.iter().map(|r| r.name.as_str())));
    html! {
        <>
            <table class="eta">
                <thead>
                    <tr>
                        <th scope="col">{"Package"}</th>
                        <th scope="col">{"Estimate"}</th>
                        <th scope="col">{"Pace"}</th>
                    </tr>
                </thead>
                <tbody>
                    for (row, tail) in props.rows.iter().zip(tails.iter()).take(shown) {
                        <tr key={row.key.clone()}>
                            <th scope="row" class="eta__name" title={row.name.clone()}>
                                {elided_name(&AttrValue::from(row.name.clone()), *tail)}
                            </th>
                            <td>{estimate(&row.estimate)}</td>
                            <td class="eta__basis">{row.basis.clone()}</td>
                        </tr>
                    }
                </tbody>
                if let Some(total) = props.total.clone() {
                    <tfoot>
                        <tr>
                            <th scope="row">{"Total"}</th>
                            <td colspan="2">{estimate(&total)}</td>
                        </tr>
                    </tfoot>
                }
            </table>
            {show_more(shown, total, PAGE, "packages", &more)}
            <details class="method">
                <summary>{"How is this estimated?"}</summary>
                <p>{props.method.clone()}</p>
            </details>
        </>
    }
}

/// An estimate's span, and its dates: each piece of them on one line.
fn estimate(estimate: &Estimate) -> Html {
    html! {
        <>
            {estimate.span.clone()}
            if let Some((first, last)) = estimate.dates.clone() {
                {", around "}
                <span class="eta__dates">{first}</span>
                if let Some(last) = last {
                    {" – "}
                    <span class="eta__dates">{last}</span>
                }
            }
        </>
    }
}
