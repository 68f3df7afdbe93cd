//! Label–value pairs: test figures, momentum, the summary.

use std::rc::Rc;

use yew::prelude::*;

use covdash_protocol::Fact;

#[derive(Properties, PartialEq)]
pub struct FactListProps {
    /// The facts, in the order shown.
    pub facts: Rc<[Fact]>,
}

/// A description list.
#[component]
pub fn FactList(props: &FactListProps) -> Html {
    html! {
        <dl class="facts">
            for fact in props.facts.iter() {
                <div key={fact.label.clone()} class="facts__item">
                    <dt class="facts__label">{fact.label.clone()}</dt>
                    <dd class="facts__value">{fact.value.clone()}</dd>
                </div>
            }
        </dl>
    }
}
