//! Label–value pairs: test figures, momentum, the summary.

use yew::prelude::*;

use covdash_protocol::Fact;

/// A description list of `facts`, in the order given. A view of its caller's, not a component:
/// it holds nothing of its own.
pub fn fact_list(facts: &[Fact]) -> Html {
    html! {
        <dl class="facts">
            for fact in facts {
                <div key={fact.label.clone()} class="facts__item">
                    <dt class="facts__label">{fact.label.clone()}</dt>
                    <dd class="facts__value">{fact.value.clone()}</dd>
                </div>
            }
        </dl>
    }
}
