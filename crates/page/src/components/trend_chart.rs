//! The overall figure over time, at the top of a dashboard of two or more snapshots.

use std::rc::Rc;

use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use super::{ref_switch, MoversList};
use covdash_protocol::decimal::{fixed, trimmed};
use covdash_protocol::{pct, Movers, RefChoice, Rows, TrendPoint, TrendView};

#[derive(Properties, PartialEq)]
pub struct TrendChartProps {
    /// The points, the target and the goal, and the sentence that sums them up.
    pub trend: Rc<TrendView>,
    /// The packages that moved most, per window.
    pub movers: Rc<[Movers]>,
    /// What the dashboard's rows are (what moved).
    pub rows: Rows,
    /// The refs of a history with several (empty otherwise).
    pub refs: Rc<[RefChoice]>,
    /// Called with the index of the snapshot chosen (a click on a point, the slider).
    pub onselect: Callback<usize>,
    /// Called with the ref chosen.
    pub onref: Callback<String>,
}

/// The drawing's size in its own units; it is stretched to the card's width, its strokes and
/// markers kept at their size (`vector-effect`, round caps on zero-length lines).
const WIDTH: f64 = 1000.0;
const HEIGHT: f64 = 300.0;
/// Room around the plot for the markers.
const PAD: f64 = 12.0;

/// A line chart of the overall figure (SVG, `role="img"` with the summary as its name), the
/// target and goal as labelled lines, and a slider that moves through the snapshots by
/// keyboard. Hovering shows a point's label, commit, time, figure and change; a click chooses
/// it. The figures are also a table for screen readers.
#[component]
pub fn TrendChart(props: &TrendChartProps) -> Html {
    let trend = &props.trend;
    let hovered = use_state(|| None::<usize>);
    let points = &trend.points;
    let y = |value: f64| {
        let share = ((value - trend.floor) / (100.0 - trend.floor)).clamp(0.0, 1.0);
        PAD + (1.0 - share) * (HEIGHT - 2.0 * PAD)
    };
    let x = |p: &TrendPoint| PAD + p.x * (WIDTH - 2.0 * PAD);
    // A coordinate in the drawing's units, to a hundredth.
    let at = |coordinate: f64| trimmed(coordinate, 2);
    // Runs of points with a figure, each one line.
    let mut runs: Vec<String> = Vec::new();
    let mut run = String::new();
    for point in points.iter() {
        match point.value {
            Some(value) => run.push_str(&format!("{},{} ", fixed(x(point), 1), fixed(y(value), 1))),
            None if !run.is_empty() => runs.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    let nearest = {
        let points = points.clone();
        move |fraction: f64| {
            let at = (fraction * WIDTH - PAD) / (WIDTH - 2.0 * PAD);
            points.iter().min_by(|a, b| (a.x - at).abs().total_cmp(&(b.x - at).abs())).map(|p| p.index)
        }
    };
    // The point under the pointer: the nearest across the hit area the event is on.
    let under = move |e: &MouseEvent| {
        let width = f64::from(e.target_unchecked_into::<HtmlElement>().client_width().max(1));
        nearest(f64::from(e.offset_x()) / width)
    };
    let onmove = {
        let (hovered, under) = (hovered.clone(), under.clone());
        Callback::from(move |e: PointerEvent| hovered.set(under(&e)))
    };
    let onleave = {
        let hovered = hovered.clone();
        Callback::from(move |_: PointerEvent| hovered.set(None))
    };
    let onclick = {
        let onselect = props.onselect.clone();
        let selectable = trend.selectable;
        Callback::from(move |e: MouseEvent| {
            if let Some(index) = under(&e).filter(|_| selectable) {
                onselect.emit(index);
            }
        })
    };
    let (one, many) = if trend.selectable { ("Snapshot", "snapshots") } else { ("Day", "days with a run") };
    let onslide = props.onselect.reform(|e: InputEvent| {
        e.target_unchecked_into::<HtmlInputElement>().value().parse::<usize>().unwrap_or_default()
    });
    let selected = points.iter().find(|p| p.selected).or(points.last());
    let shown = hovered.and_then(|i| points.get(i)).or(selected);
    let last = points.len().saturating_sub(1);
    let mid = (trend.floor + 100.0) / 2.0;
    html! {
        <section class="card trend" aria-labelledby="trend-heading">
            <div class="trend__head">
                <h2 id="trend-heading" class="card__heading">{"Coverage over time"}</h2>
                <p class="trend__meta">{format!("Overall {}, {} {many}, {}", trend.metric, points.len(), trend.spacing)}</p>
                if props.refs.len() > 1 {
                    {ref_switch(&props.refs, &props.onref)}
                }
            </div>
            <p class="trend__readout" aria-hidden="true">
                {shown.map(|p| p.description.clone()).unwrap_or_default()}
            </p>
            <div class="trend__body">
                <div class="trend__scale" aria-hidden="true">
                    <span>{"100%"}</span>
                    <span>{format!("{}%", fixed(mid, 0))}</span>
                    <span>{format!("{}%", fixed(trend.floor, 0))}</span>
                </div>
                <div class="trend__plot">
                    <svg
                        class="trend__svg"
                        viewBox={format!("0 0 {} {}", at(WIDTH), at(HEIGHT))}
                        preserveAspectRatio="none"
                        role="img"
                        aria-label={trend.summary.clone()}
                    >
                        for level in [trend.floor, mid, 100.0] {
                            <line class="trend__grid" x1="0" x2={at(WIDTH)} y1={at(y(level))} y2={at(y(level))} />
                        }
                        <line class="trend__target" x1="0" x2={at(WIDTH)} y1={at(y(trend.target))} y2={at(y(trend.target))} />
                        if let Some(goal) = trend.goal {
                            <line class="trend__goal" x1="0" x2={at(WIDTH)} y1={at(y(goal))} y2={at(y(goal))} />
                        }
                        for (i, run) in runs.iter().enumerate() {
                            <polyline key={i} class="trend__line" points={run.clone()} />
                        }
                        for point in points.iter().filter(|p| p.value.is_some()) {
                            <line
                                key={point.index}
                                class={classes!(
                                    "trend__point",
                                    point.selected.then_some("trend__point--selected"),
                                    (*hovered == Some(point.index)).then_some("trend__point--hovered"),
                                )}
                                data-index={point.index.to_string()}
                                data-value={point.value.map(|v| fixed(v, 4))}
                                x1={at(x(point))}
                                x2={at(x(point))}
                                y1={point.value.map(|v| at(y(v)))}
                                y2={point.value.map(|v| at(y(v)))}
                            />
                        }
                    </svg>
                    <div class="trend__hit" aria-hidden="true" onpointermove={onmove} onpointerleave={onleave} {onclick}></div>
                </div>
            </div>
            <div class="trend__axis" aria-hidden="true">
                <span>{trend.axis[0].clone()}</span>
                <span>{trend.axis[1].clone()}</span>
            </div>
            <ul class="trend__legend">
                <li class="trend__key trend__key--line">{"overall"}</li>
                <li class="trend__key trend__key--target">{format!("target {}", pct(trend.target))}</li>
                if let Some(goal) = trend.goal {
                    <li class="trend__key trend__key--goal">{format!("goal {}", pct(goal))}</li>
                }
            </ul>
            if trend.selectable {
            <label class="trend__slider">
                <span>{"Snapshot shown"}</span>
                <input
                    type="range"
                    min="0"
                    max={last.to_string()}
                    step="1"
                    value={selected.map_or(last, |p| p.index).to_string()}
                    aria-valuetext={selected.map(|p| p.description.clone())}
                    oninput={onslide}
                />
            </label>
            }
            // A table is as wide as its cells whatever its own width: hidden in a box that is not.
            <div class="visually-hidden">
            <table>
                <caption>{trend.summary.clone()}</caption>
                <thead>
                    <tr><th scope="col">{one}</th><th scope="col">{"Commit"}</th><th scope="col">{"Time"}</th><th scope="col">{"Coverage"}</th><th scope="col">{"Change"}</th></tr>
                </thead>
                <tbody>
                    for point in points.iter() {
                        <tr key={point.index}>
                            <th scope="row">{point.label.clone()}</th>
                            <td>{point.commit.clone().unwrap_or_default()}</td>
                            <td>{point.time.clone().unwrap_or_default()}</td>
                            <td>{point.text.clone()}</td>
                            <td>{point.change.clone().unwrap_or_default()}</td>
                        </tr>
                    }
                </tbody>
            </table>
            </div>
            if !props.movers.is_empty() {
                <MoversList movers={props.movers.clone()} rows={props.rows} />
            }
        </section>
    }
}
