//! What to test next, ranked, each with its reason and the files to start with.

use std::rc::Rc;

use yew::prelude::*;

use super::{use_shown_rows, ShowMore};
use crate::state::Opener;
use covdash_protocol::{Place, RecommendationRow};

/// Recommendations shown at first, and added by each "Show more".
const PAGE: usize = 10;

#[derive(Properties, PartialEq)]
pub struct RecommendationListProps {
    /// The strategy that ranked the list, in words.
    pub strategy: AttrValue,
    /// Ranked, first to test first.
    pub rows: Rc<[RecommendationRow]>,
    /// The rows are files (once every package has reached the target), each opening its lines.
    pub files: bool,
}

/// An ordered list, its first items shown.
#[component]
pub fn RecommendationList(props: &RecommendationListProps) -> Html {
    let (shown, more) = use_shown_rows(PAGE, PAGE);
    let total = props.rows.len();
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
            <ol class="recommendations">
                for row in props.rows.iter().take(shown) {
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
            <ShowMore shown={shown.min(total)} {total} step={PAGE} noun="recommendations" onmore={more} />
        </>
    }
}
