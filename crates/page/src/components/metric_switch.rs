//! Choosing the metric the dashboard judges by, when the data has several.

use std::rc::Rc;

use yew::prelude::*;

use covdash_protocol::Metric;
use covdash_protocol::MetricChoice;

#[derive(Properties, PartialEq)]
pub struct MetricSwitchProps {
    /// The metrics the data has figures for, with the overall figure by each; one selected.
    pub choices: Rc<[MetricChoice]>,
    /// Called with the metric chosen.
    pub onchange: Callback<Metric>,
}

/// Radio buttons, one per metric, each with the overall figure it gives: every figure on the
/// page (bars, tiers, distance, recommendations) follows the choice.
#[component]
pub fn MetricSwitch(props: &MetricSwitchProps) -> Html {
    html! {
        <fieldset class="metric">
            <legend class="metric__legend">{"Judge coverage by"}</legend>
            for choice in props.choices.iter() {
                <label
                    key={choice.metric.plural()}
                    class={classes!("metric__option", choice.selected.then_some("metric__option--checked"))}
                >
                    <input
                        type="radio"
                        name="metric"
                        value={choice.metric.plural()}
                        checked={choice.selected}
                        onchange={props.onchange.reform({
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
