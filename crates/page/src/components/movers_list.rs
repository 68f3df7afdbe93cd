//! The packages whose figures moved most over the last few snapshots.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::elided_name;
use covdash_protocol::{distinct_tails, Mover, Movers, Rows};

#[derive(Properties, PartialEq)]
pub struct MoversListProps {
    /// One set of movers per window the snapshots reach, shortest first.
    pub movers: Rc<[Movers]>,
    /// What moved: packages, or repositories.
    pub rows: Rows,
}

/// Two lists, up and down, over a window the person chooses (the last snapshot, the last 5,
/// 10, 30, or all of them); each move is a glyph and words, never colour alone.
#[component]
pub fn MoversList(props: &MoversListProps) -> Html {
    // The window chosen, by its length; the five-snapshot one (or the longest short of it) first.
    let over = use_state(|| None::<usize>);
    let chosen = over
        .and_then(|n| props.movers.iter().find(|m| m.over == n))
        .or_else(|| props.movers.iter().rev().find(|m| m.over <= 5))
        .or(props.movers.first());
    let Some(chosen) = chosen else { return html! {} };
    let onchange = {
        let over = over.clone();
        Callback::from(move |e: Event| over.set(e.target_unchecked_into::<HtmlSelectElement>().value().parse().ok()))
    };
    let list = |movers: &[Mover], class: &'static str, glyph: &'static str, none: String| {
        let tails = distinct_tails(movers.iter().map(|m| m.name.as_str()));
        html! {
            <ul class={classes!("movers__list", class)}>
                for (m, tail) in movers.iter().zip(tails) {
                    <li key={m.full_name.clone()} class="movers__item">
                        <span class="movers__glyph" aria-hidden="true">{glyph}</span>
                        <span class="movers__name" title={m.full_name.clone()}>
                            {elided_name(&AttrValue::from(m.name.clone()), tail)}
                        </span>
                        <span class="movers__change">{m.change.clone()}</span>
                        <span class="movers__figures">{m.figures.clone()}</span>
                    </li>
                }
                if movers.is_empty() {
                    <li class="movers__none">{none}</li>
                }
            </ul>
        }
    };
    html! {
        <div class="movers">
            <div class="movers__head">
                <h3 class="movers__heading" id="movers-heading">{"Movers"}</h3>
                <label class="movers__window">
                    <span>{"over the last"}</span>
                    <select onchange={onchange} aria-describedby="movers-since">
                        for m in props.movers.iter() {
                            <option key={m.over} value={m.over.to_string()} selected={m.over == chosen.over}>
                                {m.label.clone()}
                            </option>
                        }
                    </select>
                </label>
                <span class="movers__since" id="movers-since">{chosen.since.clone()}</span>
            </div>
            <div class="movers__columns">
                <section aria-label="Up most">
                    <h4 class="movers__direction">{"Up"}</h4>
                    {list(&chosen.up, "movers__list--up", "▲", format!("no {} rose", props.rows.singular()))}
                </section>
                <section aria-label="Down most">
                    <h4 class="movers__direction">{"Down"}</h4>
                    {list(&chosen.down, "movers__list--down", "▼", format!("no {} fell", props.rows.singular()))}
                </section>
            </div>
        </div>
    }
}
