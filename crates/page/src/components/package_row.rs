//! One package: its name, bar, figure and tier.

use yew::prelude::*;

use super::{elided_item, spark_line, tier_badge, CountUp, NamedBar, PackageDetail, RowKind};
use crate::backend::Data;
use crate::state::RepositoryOpener;
use covdash_protocol::PackageRow;

#[derive(Properties, PartialEq)]
pub struct PackageRowItemProps {
    /// What the row shows.
    pub row: PackageRow,
    /// Where the name's tail starts: what stays in view when it is cut.
    pub tail: usize,
    /// The row's place in the whole list (for the staggered animation and the ids).
    pub index: usize,
    /// Its place among the rows listed (a filter lists some), from 0, and how many there are:
    /// a screen reader says "3 of 1,136" though only some rows are rendered.
    pub position: usize,
    pub of: usize,
    /// Whom to ask for the package's files when it is opened.
    pub data: Data,
    /// For a repository: which of its changes to show (an index into
    /// [`covdash_protocol::CHANGE_WINDOWS`]).
    #[prop_or_default]
    pub window: usize,
}

/// A list item laid out as a grid row. A package with files has a button that opens it.
#[component]
pub fn PackageRowItem(props: &PackageRowItemProps) -> Html {
    let open = use_state(|| false);
    let row = &props.row;
    let detail_id = format!("files-{}", props.index);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let value_text = match &row.tier {
        Some(tier) => format!("{}, {}", row.text, tier.name),
        None => row.text.clone(),
    };
    // A repository whose history was given opens into its own dashboard, by its name.
    let repository_opener = use_context::<RepositoryOpener>();
    let open_repository = repository_opener.and_then(|RepositoryOpener { open, by_address }| {
        let address = match (row.dashboard, &row.history) {
            (true, _) => None,
            (false, Some(history)) if by_address => Some(history.clone()),
            _ => return None,
        };
        let name = row.key.clone();
        Some(Callback::from(move |_: MouseEvent| open.emit((name.clone(), address.clone()))))
    });
    // A package with files is opened by its name.
    let name_cell = if let Some(onclick) = open_repository {
        Some(html! {
            <button type="button" class="package__name package__toggle package__open" title={row.full_name.clone()} {onclick}>
                {elided_item(&AttrValue::from(row.name.clone()), props.tail)}
                <span class="package__open-hint">{" dashboard ›"}</span>
            </button>
        })
    } else {
        (row.n_files > 0).then(|| {
            html! {
                <button
                    type="button"
                    class="package__name package__toggle"
                    title={row.full_name.clone()}
                    aria-expanded={if *open { "true" } else { "false" }}
                    aria-controls={detail_id.clone()}
                    onclick={toggle}
                >
                    {elided_item(&AttrValue::from(row.name.clone()), props.tail)}
                </button>
            }
        })
    };
    html! {
        <li class="package" aria-posinset={(props.position + 1).to_string()} aria-setsize={props.of.to_string()}>
            {NamedBar {
                kind: RowKind::Package,
                name: AttrValue::from(row.name.clone()),
                title: Some(AttrValue::from(row.full_name.clone())),
                tail: props.tail,
                name_cell,
                value: row.value,
                value_text: AttrValue::from(value_text),
                tone: row.tier.as_ref().map(|t| t.tone),
                index: props.index,
                figure: html! {
                    <>
                        <CountUp value={row.value} text={AttrValue::from(row.text.clone())} index={props.index} />
                        if let Some(counts) = &row.counts {
                            <span class="package__counts">
                                if let Some(change) = row.changes.get(props.window).filter(|c| !c.is_empty()) {
                                    <span class="package__change">{format!("{change} {}", covdash_protocol::CHANGE_WINDOWS[props.window])}</span>{" · "}
                                }
                                {counts.clone()}
                            </span>
                        }
                        if let Some(spark) = &row.spark {
                            {spark_line(spark, &row.name)}
                        }
                    </>
                },
            }.view()}
            if let Some(tier) = &row.tier {
                {tier_badge(AttrValue::from(tier.name.clone()), tier.tone)}
            } else {
                <span class="tier tier--none">{"no data"}</span>
            }
            if *open {
                <div class="package__detail" id={detail_id.clone()}>
                    <PackageDetail
                        data={props.data.clone()}
                        package={AttrValue::from(row.full_name.clone())}
                        id={AttrValue::from(detail_id)}
                    />
                </div>
            }
        </li>
    }
}
