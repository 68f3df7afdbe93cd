//! What to test next, ranked, each with its reason and the files to start with.

use std::rc::Rc;

use yew::prelude::*;

use super::{use_shown_rows, ShowMore};
use crate::present::RecommendationRow;

/// Recommendations shown at first, and added by each "Show more".
const PAGE: usize = 10;

#[derive(Properties, PartialEq)]
pub struct RecommendationListProps {
    /// The strategy that ranked the list, in words.
    pub strategy: AttrValue,
    /// Ranked, first to test first.
    pub rows: Rc<[RecommendationRow]>,
}

/// An ordered list, its first items shown.
#[component]
pub fn RecommendationList(props: &RecommendationListProps) -> Html {
    let (shown, more) = use_shown_rows(PAGE, PAGE);
    let total = props.rows.len();
    html! {
        <>
            <p class="card__lead">{props.strategy.clone()}</p>
            <ol class="recommendations">
                for row in props.rows.iter().take(shown) {
                    <li key={row.key.clone()} class="recommendations__item">
                        <span class="recommendations__name">{row.name.clone()}</span>
                        {" "}
                        <span class="recommendations__figure">{row.percent.clone()}</span>
                        <span class="recommendations__reason">{row.reason.clone()}</span>
                        if !row.files.is_empty() {
                            <ul class="recommendations__files">
                                for file in row.files.iter() {
                                    <li key={file.clone()}>{file.clone()}</li>
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
