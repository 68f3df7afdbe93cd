//! Facts worth celebrating, each true of the data.

use std::rc::Rc;

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AchievementListProps {
    /// One sentence each.
    pub items: Rc<[String]>,
}

/// A checked list.
#[component]
pub fn AchievementList(props: &AchievementListProps) -> Html {
    html! {
        <ul class="achievements">
            for item in props.items.iter() {
                <li key={item.clone()} class="achievements__item">
                    <span class="achievements__mark" aria-hidden="true">{"✓"}</span>
                    {item.clone()}
                </li>
            }
        </ul>
    }
}
