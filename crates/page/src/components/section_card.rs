//! A section of the dashboard: a card with a heading that names it for assistive technology.

use yew::prelude::*;

/// `<section>` labelled by its `<h2>`: `id` stable (the heading's is `{id}-heading`, and it keys
/// the section among its siblings), `title` the heading, `body` what follows it. A view of its
/// caller's, not a component: it holds nothing of its own.
pub fn section_card(id: AttrValue, title: AttrValue, body: Html) -> Html {
    let heading = format!("{id}-heading");
    html! {
        <section key={id.as_str()} class="card" id={id} aria-labelledby={heading.clone()}>
            <h2 id={heading} class="card__heading">{title}</h2>
            {body}
        </section>
    }
}
