//! Facts worth celebrating, each true of the data.

use yew::prelude::*;

/// A checked list of `items`, one sentence each. A view of its caller's, not a component: it
/// holds nothing of its own (a component is code of its own in the page's module).
pub fn achievement_list(items: &[String]) -> Html {
    html! {
        <ul class="achievements">
            for item in items {
                <li key={item.clone()} class="achievements__item">
                    <span class="achievements__mark" aria-hidden="true">{"✓"}</span>
                    {item.clone()}
                </li>
            }
        </ul>
    }
}
