//! What to test next, ranked, each with its reason and the files to start with.

use std::rc::Rc;

use yew::prelude::*;

use crate::present::RecommendationRow;

#[derive(Properties, PartialEq)]
pub struct RecommendationListProps {
    /// The strategy that ranked the list, in words.
    pub strategy: AttrValue,
    /// Ranked, first to test first.
    pub rows: Rc<[RecommendationRow]>,
}

/// An ordered list.
#[component]
pub fn RecommendationList(props: &RecommendationListProps) -> Html {
    html! {
        <>
            <p class="card__lead">{props.strategy.clone()}</p>
            <ol class="recommendations">
                for row in props.rows.iter() {
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
        </>
    }
}
