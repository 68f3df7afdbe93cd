//! Where the uncovered code is: one level of the report (its packages, then a package's files)
//! or of the organisation (its repositories, then a repository's packages) as rectangles
//! whose areas are the items measured, coloured and patterned by tier.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::backend::Data;
use crate::hooks::use_answer;
use covdash_protocol::decimal::fixed;
use covdash_protocol::{Reply, Request, Rows, Tone, TreemapCell, TREEMAP_HEIGHT, TREEMAP_WIDTH};

#[derive(Properties, PartialEq)]
pub struct TreemapProps {
    /// Whom to ask for each level, about which batch, read how, as of which snapshot.
    pub data: Data,
    /// What the top level's rectangles are (packages, repositories), for the card's words.
    pub rows: Rows,
}

/// A card that opens to the map (asked of the session then, so a first look at the page asks
/// nothing): breadcrumbs, the rectangles as buttons (one tab stop: the arrow keys move between
/// them, largest first; Enter opens one; Backspace goes up a level), and the same cells as a
/// table on demand.
#[component]
pub fn Treemap(props: &TreemapProps) -> Html {
    let open = use_state(|| false);
    let path = use_state(Vec::<String>::new);
    let focused = use_state(|| 0usize);
    let as_table = use_state(|| false);
    let map_ref = use_node_ref();
    let data = &props.data;
    {
        // Another batch starts at the top.
        let (path, focused) = (path.clone(), focused.clone());
        use_effect_with(data.generation, move |_| {
            path.set(Vec::new());
            focused.set(0);
        });
    }
    let request =
        (*open).then(|| Request::Treemap { how: (*data.how).clone(), snapshot: data.snapshot, path: (*path).clone() });
    let answer = use_answer(&data.backend, data.generation, request);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let heading = "Where the uncovered code is";
    let head = html! {
        <div class="treemap__head">
            <h2 id="treemap-heading" class="card__heading">{heading}</h2>
            <button type="button" class="treemap__toggle" aria-expanded={if *open { "true" } else { "false" }} aria-controls="treemap-body" onclick={toggle}>
                {if *open { "Hide the map" } else { "Show the map" }}
            </button>
        </div>
    };
    let view = match answer.reply.as_deref() {
        Some(Reply::Treemap(view)) if *open => view.clone(),
        _ => {
            let said = if *open {
                "Drawing the map…".to_owned()
            } else {
                format!("The {} by the items they measure, coloured by tier.", props.rows.plural())
            };
            return html! {
                <section class="card treemap" aria-labelledby="treemap-heading">
                    {head}
                    <p class="treemap__note" role="status">{said}</p>
                </section>
            };
        }
    };
    let go = {
        let (path, focused) = (path.clone(), focused.clone());
        Callback::from(move |to: Vec<String>| {
            path.set(to);
            focused.set(0);
        })
    };
    let cells = &view.cells;
    let n = cells.len();
    let at = (*focused).min(n.saturating_sub(1));
    let onkeydown = {
        let (focused, go, map_ref) = (focused.clone(), go.clone(), map_ref.clone());
        let (cells, crumbs) = (cells.clone(), view.crumbs.clone());
        Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                "ArrowRight" | "ArrowDown" => Some((at + 1).min(n.saturating_sub(1))),
                "ArrowLeft" | "ArrowUp" => Some(at.saturating_sub(1)),
                "Home" => Some(0),
                "End" => Some(n.saturating_sub(1)),
                "Backspace" if crumbs.len() > 1 => {
                    e.prevent_default();
                    go.emit(crumbs[crumbs.len() - 2].path.clone());
                    return;
                }
                "Enter" | " " => {
                    if let Some(cell) = cells.get(at).filter(|c| c.opens) {
                        e.prevent_default();
                        let mut deeper = crumbs.last().map(|c| c.path.clone()).unwrap_or_default();
                        deeper.push(cell.key.clone());
                        go.emit(deeper);
                    }
                    return;
                }
                _ => None,
            };
            if let Some(next) = next {
                e.prevent_default();
                focused.set(next);
                focus_cell(&map_ref, next);
            }
        })
    };
    let here = view.crumbs.last().map(|c| c.path.clone()).unwrap_or_default();
    let toggle_table = {
        let as_table = as_table.clone();
        Callback::from(move |_: MouseEvent| as_table.set(!*as_table))
    };
    html! {
        <section class="card treemap" aria-labelledby="treemap-heading">
            {head}
            <div id="treemap-body" class="treemap__body" aria-busy={(!answer.current).then_some("true")}>
                <nav class="treemap__crumbs" aria-label="Map level">
                    <ol>
                        for (i, crumb) in view.crumbs.iter().enumerate() {
                            <li key={i}>
                                if i + 1 == view.crumbs.len() {
                                    <span aria-current="location">{crumb.label.clone()}</span>
                                } else {
                                    <button type="button" class="treemap__crumb" onclick={{
                                        let (go, to) = (go.clone(), crumb.path.clone());
                                        Callback::from(move |_: MouseEvent| go.emit(to.clone()))
                                    }}>{crumb.label.clone()}</button>
                                }
                            </li>
                        }
                    </ol>
                </nav>
                <p class="treemap__note" id="treemap-summary">{view.summary.clone()}</p>
                <div class="treemap__map" role="group" aria-labelledby="treemap-summary" aria-describedby="treemap-keys" ref={map_ref.clone()} {onkeydown}>
                    for (i, cell) in cells.iter().enumerate() {
                        {cell_html(cell, i, i == at, &here, &go)}
                    }
                </div>
                <p class="treemap__keys" id="treemap-keys">{"Arrow keys move between the rectangles, largest first; Enter opens one; Backspace goes up a level."}</p>
                <button type="button" class="treemap__table-toggle" aria-expanded={if *as_table { "true" } else { "false" }} onclick={toggle_table}>
                    {if *as_table { "Hide the table" } else { "Show as a table" }}
                </button>
                if *as_table {
                    <table class="treemap__table">
                        <caption>{view.summary.clone()}</caption>
                        <thead><tr><th scope="col">{capitalised(&view.noun)}</th><th scope="col">{"Coverage"}</th><th scope="col">{"Measured, not covered"}</th></tr></thead>
                        <tbody>
                            for cell in cells.iter() {
                                <tr key={cell.key.clone()}>
                                    <th scope="row">{cell.name.clone()}</th>
                                    <td>{cell.text.clone()}</td>
                                    <td>{cell.description.split_once(", ").map_or(String::new(), |(_, rest)| rest.to_owned())}</td>
                                </tr>
                            }
                        </tbody>
                    </table>
                }
            </div>
        </section>
    }
}

/// One rectangle: a button placed in the map's box, its tier a class (colour and pattern), its
/// name written inside when it has the room.
fn cell_html(cell: &TreemapCell, i: usize, focusable: bool, here: &[String], go: &Callback<Vec<String>>) -> Html {
    let pct = |v: f32, of: f32| format!("{}%", fixed(f64::from(v * 100.0 / of), 3));
    let style = format!(
        "left:{};top:{};width:{};height:{}",
        pct(cell.x, TREEMAP_WIDTH),
        pct(cell.y, TREEMAP_HEIGHT),
        pct(cell.width, TREEMAP_WIDTH),
        pct(cell.height, TREEMAP_HEIGHT)
    );
    let tone = match cell.tone {
        Some(Tone::Top) => "treemap__cell--top",
        Some(Tone::High) => "treemap__cell--high",
        Some(Tone::Middle) => "treemap__cell--middle",
        Some(Tone::Low) => "treemap__cell--low",
        Some(Tone::Bottom) => "treemap__cell--bottom",
        None => "treemap__cell--none",
    };
    // Room for a name: a twentieth of the width and a twelfth of the height.
    let labelled = cell.width > TREEMAP_WIDTH / 20.0 && cell.height > TREEMAP_HEIGHT / 12.0;
    let onclick = cell.opens.then(|| {
        let (go, mut deeper) = (go.clone(), here.to_vec());
        deeper.push(cell.key.clone());
        Callback::from(move |_: MouseEvent| go.emit(deeper.clone()))
    });
    let label = if cell.opens { format!("{}; opens", cell.description) } else { cell.description.clone() };
    html! {
        <button
            key={cell.key.clone()}
            type="button"
            class={classes!("treemap__cell", tone, cell.other.then_some("treemap__cell--other"), cell.opens.then_some("treemap__cell--opens"))}
            {style}
            data-index={i.to_string()}
            tabindex={if focusable { "0" } else { "-1" }}
            aria-label={label}
            aria-disabled={(!cell.opens).then_some("true")}
            title={cell.description.clone()}
            {onclick}
        >
            if labelled {
                <span class="treemap__name">{cell.name.clone()}</span>{" "}
                <span class="treemap__figure">{cell.text.clone()}</span>
            }
        </button>
    }
}

/// Moves the focus to the map's rectangle `index`.
fn focus_cell(map: &NodeRef, index: usize) {
    let Some(map) = map.cast::<web_sys::Element>() else { return };
    if let Ok(Some(cell)) = map.query_selector(&format!("[data-index=\"{index}\"]")) {
        if let Ok(cell) = cell.dyn_into::<web_sys::HtmlElement>() {
            let _ = cell.focus();
        }
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or(String::new(), |c| c.to_uppercase().collect::<String>() + chars.as_str())
}
