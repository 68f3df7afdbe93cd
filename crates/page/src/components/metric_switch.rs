//! Choosing the metric the dashboard judges by, when the data has several.

use yew::prelude::*;

use covdash_protocol::Metric;
use covdash_protocol::MetricChoice;

/// Radio buttons, one per metric of `choices` (the metrics the data has figures for, with the
/// overall figure by each; one selected), each with the overall figure it gives: every figure
/// on the page (bars, tiers, distance, recommendations) follows the choice, which `onchange`
/// is called with. A view of its caller's, not a component: it holds nothing of its own.
pub fn metric_switch(choices: &[MetricChoice], onchange: &Callback<Metric>) -> Html {
    html! {
        <fieldset class="metric">
            <legend class="metric__legend">{"Judge coverage by"}</legend>
            for choice in choices {
                <label
                    key={choice.metric.plural()}
                    class={classes!("metric__option", choice.selected.then_some("metric__option--checked"))}
                >
                    <input
                        type="radio"
                        name="metric"
                        value={choice.metric.plural()}
                        checked={choice.selected}
                        onchange={onchange.reform({
                            let metric = choice.metric;
                            move |_: Event| metric
                        })}
                    />
                    <span class="metric__name">{choice.label.clone()}</span>
                    <span class="metric__figure">{choice.overall.clone()}</span>
                </label>
            }
        </fieldset>
    }
}
