//! A package opened: its files with bars, sortable and filterable, each file opening into
//! its functions where the format records them.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::{elided_name, FunctionList, NamedBar, RowKind};
use crate::backend::Data;
use crate::hooks::use_answer;
use crate::state::Opener;
use covdash_protocol::{count_of, distinct_tails, format_count, FileSort, Place};
use covdash_protocol::{Reply, Request};

#[derive(Properties, PartialEq)]
pub struct PackageDetailProps {
    /// Whom to ask for the files, about which batch, read how, as of which snapshot.
    pub data: Data,
    /// The package's full name.
    pub package: AttrValue,
    /// For ids that tie the controls to their labels.
    pub id: AttrValue,
}

/// The controls and the file list; the files are asked for when the package is opened and
/// when the sort or the filter changes.
#[component]
pub fn PackageDetail(props: &PackageDetailProps) -> Html {
    let sort = use_state(FileSort::default);
    let filter = use_state(String::new);
    let data = &props.data;
    let request = Some(Request::Files {
        how: (*data.how).clone(),
        snapshot: data.snapshot,
        package: props.package.to_string(),
        sort: *sort,
        filter: (*filter).clone(),
    });
    let answer = use_answer(&data.backend, data.generation, request);
    let opener = use_context::<Opener>();
    let on_sort = {
        let sort = sort.clone();
        Callback::from(move |e: Event| {
            let id = e.target_unchecked_into::<HtmlSelectElement>().value();
            sort.set(FileSort::from_id(&id).unwrap_or_default());
        })
    };
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| filter.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let (sort_id, filter_id) = (format!("{}-sort", props.id), format!("{}-filter", props.id));
    let busy = !answer.current;
    let Some(Reply::Files(files)) = answer.reply.as_deref() else {
        return html! { <p class="files__count" role="status">{"Reading the files…"}</p> };
    };
    let shown = files.rows.len();
    let tails = distinct_tails(files.rows.iter().map(|r| r.name.as_str()));
    let summary = if files.n_matching == files.n_files {
        count_of(files.n_files as u64, "file")
    } else {
        format!("{} of {} match", format_count(files.n_matching as u64), count_of(files.n_files as u64, "file"))
    };
    html! {
        <div class="files">
            <div class="files__controls">
                <label for={filter_id.clone()}>{"Filter"}</label>
                <input id={filter_id} type="search" placeholder="part of a path" value={(*filter).clone()} oninput={on_filter} />
                <label for={sort_id.clone()}>{"Sort"}</label>
                <select id={sort_id} onchange={on_sort}>
                    for option in FileSort::ALL {
                        <option value={option.id()} selected={option == *sort}>{option.label()}</option>
                    }
                </select>
                <span class="files__count" role="status">{summary}</span>
            </div>
            <ul class="files__list" aria-busy={busy.then_some("true")}>
                for (index, (row, tail)) in files.rows.iter().zip(tails.iter().copied()).enumerate() {
                    <li key={row.key.clone()} class="file">
                        {NamedBar {
                            kind: RowKind::File,
                            name: AttrValue::from(row.name.clone()),
                            title: Some(AttrValue::from(row.key.clone())),
                            tail,
                            name_cell: opener.as_ref().map(|Opener(open)| {
                                let place = Place { file: row.key.clone(), line: None };
                                html! {
                                    <button
                                        type="button"
                                        class="file__name link-button"
                                        title={format!("Open the lines of {}", row.key)}
                                        onclick={open.reform(move |_: MouseEvent| place.clone())}
                                    >
                                        {elided_name(&AttrValue::from(row.name.clone()), tail)}
                                    </button>
                                }
                            }),
                            value: row.value,
                            value_text: AttrValue::from(row.text.clone()),
                            tone: None,
                            index,
                            figure: html! {
                                <>
                                    {row.text.clone()}
                                    if let Some(counts) = &row.counts {
                                        <span class="file__counts">{counts.clone()}</span>
                                    }
                                </>
                            },
                        }.view()}
                        if let Some(lines) = &row.uncovered_lines {
                            <p class="file__missing">
                                <span class="file__missing-label">{"Uncovered lines: "}</span>
                                <span class="file__missing-lines">{lines.clone()}</span>
                            </p>
                        }
                        if let Some(partial) = &row.partial_branches {
                            <p class="file__missing">
                                <span class="file__missing-label">{"Branches partly taken: "}</span>
                                <span class="file__partial-lines">{partial.clone()}</span>
                            </p>
                        }
                        if !row.functions.is_empty() {
                            <FunctionList label={AttrValue::from(row.functions_label.clone())} functions={row.functions.clone()} />
                        }
                    </li>
                }
            </ul>
            if shown < files.n_matching {
                <p class="files__more">{format!("Showing {shown} of {}: filter to narrow.", files.n_matching)}</p>
            }
        </div>
    }
}
