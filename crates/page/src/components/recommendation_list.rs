//! What to test next, ranked, each with its reason and the files to start with.

use std::rc::Rc;

use yew::prelude::*;

use super::{show_more, use_shown_rows};
use crate::backend::Data;
use crate::hooks::use_answer;
use crate::state::Opener;
use covdash_protocol::{Place, RecommendationRow, Reply, Request, SectionBody, RECOMMENDATIONS_SHOWN};

#[derive(Properties, PartialEq)]
pub struct RecommendationListProps {
    /// The strategy that ranked the list, in words.
    pub strategy: AttrValue,
    /// Ranked, first to test first.
    pub rows: Rc<[RecommendationRow]>,
    /// How many of the first rows list their files: those of the rows shown past them are
    /// asked of the session as "Show more" shows them.
    pub with_files: usize,
    /// The rows are files (once every package has reached the target), each opening its lines.
    pub files: bool,
    /// Whom to ask for the files of the rows shown past `with_files`.
    pub data: Data,
}

/// An ordered list, its first items shown. A monorepo may have a thousand packages to
/// recommend: the page holds the files of those it shows, not of all of them.
#[component]
pub fn RecommendationList(props: &RecommendationListProps) -> Html {
    let (shown, more) = use_shown_rows(RECOMMENDATIONS_SHOWN, RECOMMENDATIONS_SHOWN);
    let total = props.rows.len();
    let data = &props.data;
    let request = (shown > props.with_files && props.with_files < total).then(|| Request::Recommendations {
        how: (*data.how).clone(),
        snapshot: data.snapshot,
        with_files: shown,
    });
    let answer = use_answer(&data.backend, data.generation, request.clone());
    // The rows asked for; while more are on their way, the last ones asked stand if they are
    // these rows (the same packages, figures and reasons), so the files shown stay shown.
    let same = |rows: &[RecommendationRow]| {
        rows.len() == total
            && rows
                .iter()
                .zip(props.rows.iter())
                .all(|(a, b)| (&a.key, &a.percent, &a.reason) == (&b.key, &b.percent, &b.reason))
    };
    let asked = match answer.reply.as_deref() {
        Some(Reply::Recommendations(body)) if request.is_some() => match &**body {
            SectionBody::Recommendations { rows, .. } if answer.current || same(rows) => Some(rows.as_slice()),
            _ => None,
        },
        _ => None,
    };
    let rows = asked.unwrap_or(&props.rows);
    let opener = use_context::<Opener>();
    // A file's name opens its lines where the page can open them; elsewhere it is text.
    let file = |path: &str, text: &str| match &opener {
        Some(Opener(open)) => {
            let place = Place { file: path.to_owned(), line: None };
            let onclick = open.reform(move |_: MouseEvent| place.clone());
            html! { <button type="button" class="link-button" {onclick}>{text.to_owned()}</button> }
        }
        None => html! { {text.to_owned()} },
    };
    html! {
        <>
            <p class="card__lead">{props.strategy.clone()}</p>
            <ol class="recommendations" aria-busy={(!answer.current).then_some("true")}>
                for row in rows.iter().take(shown) {
                    <li key={row.key.clone()} class="recommendations__item">
                        <span class="recommendations__name">
                            if props.files { {file(&row.key, &row.name)} } else { {row.name.clone()} }
                        </span>
                        {" "}
                        <span class="recommendations__figure">{row.percent.clone()}</span>
                        <span class="recommendations__reason">{row.reason.clone()}</span>
                        if !row.files.is_empty() {
                            <ul class="recommendations__files">
                                for item in row.files.iter() {
                                    <li key={item.path.clone()}>{file(&item.path, &item.text)}</li>
                                }
                            </ul>
                        }
                    </li>
                }
            </ol>
            {show_more(shown, total, RECOMMENDATIONS_SHOWN, "recommendations", &more)}
        </>
    }
}
