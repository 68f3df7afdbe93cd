//! A section of the dashboard: a card with a heading that names it for assistive technology.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SectionCardProps {
    /// A stable id; the heading's id is `{id}-heading`.
    pub id: AttrValue,
    /// The heading.
    pub title: AttrValue,
    /// The section's body.
    #[prop_or_default]
    pub children: Html,
}

/// `<section>` labelled by its `<h2>`.
#[component]
pub fn SectionCard(props: &SectionCardProps) -> Html {
    let heading = format!("{}-heading", props.id);
    html! {
        <section class="card" id={props.id.clone()} aria-labelledby={heading.clone()}>
            <h2 id={heading} class="card__heading">{props.title.clone()}</h2>
            {props.children.clone()}
        </section>
    }
}
