//! A file's source, line by line, rendered only where it is seen: a 50,000-line file lays out
//! the few dozen lines in view, and scrolling lays out the next ones.

use std::rc::Rc;

use yew::prelude::*;

use crate::hooks::use_css_vars;
use covdash_protocol::decimal::shortest;
use covdash_protocol::{line_mark, SourceLine};

/// The height of one line in CSS pixels: `--source-row` in `styles/components.css`.
pub const ROW_PX: f64 = 20.0;
/// Lines laid out beyond those in view, above and below.
const OVERSCAN: usize = 20;
/// Lines in view before the list is measured.
const FIRST_VIEW: usize = 40;

#[derive(Properties, PartialEq)]
pub struct SourceLinesProps {
    /// The file's name, for the list's label.
    pub name: AttrValue,
    /// Every line of the file.
    pub lines: Rc<[SourceLine]>,
    /// Whether the lines say how many times each ran: without, the column of counts is not drawn.
    pub counted: bool,
    /// The first line of each block not (or partly) covered, ascending.
    pub blocks: Rc<[u32]>,
    /// The line to scroll to and mark.
    pub line: Option<u32>,
    /// Called with the line the person went to (a line's number).
    pub ongoto: Callback<u32>,
    /// Told the first line in view whenever a scroll changes it.
    pub onscrolled: Callback<u32>,
}

/// A scrolling list of the lines in view.
#[component]
pub fn SourceLines(props: &SourceLinesProps) -> Html {
    let scroller = use_node_ref();
    // The first line in view, and how many fit, as the last scroll left them.
    let view = use_state_eq(|| (0usize, FIRST_VIEW));
    let onscroll = {
        let (view, scroller, onscrolled) = (view.clone(), scroller.clone(), props.onscrolled.clone());
        Callback::from(move |_: Event| {
            if let Some(element) = scroller.cast::<web_sys::Element>() {
                let first = (f64::from(element.scroll_top()) / ROW_PX).floor() as usize;
                let fit = (f64::from(element.client_height()) / ROW_PX).ceil() as usize + 1;
                view.set((first, fit.max(1)));
                onscrolled.emit(first as u32 + 1);
            }
        })
    };
    {
        // The line chosen, when it is out of view, is scrolled into the upper third of it.
        let scroller = scroller.clone();
        use_effect_with(props.line, move |line| {
            if let (Some(line), Some(element)) = (line, scroller.cast::<web_sys::Element>()) {
                let row = (f64::from(*line) - 1.0) * ROW_PX;
                let (shown, height) = (f64::from(element.scroll_top()), f64::from(element.client_height()));
                if row < shown || row + ROW_PX > shown + height {
                    element.set_scroll_top((row - height / 3.0).max(0.0) as i32);
                }
            }
        });
    }
    let total = props.lines.len();
    let (first, fit) = *view;
    let start = first.saturating_sub(OVERSCAN).min(total);
    let end = (first + fit + OVERSCAN).min(total);
    // The lines not laid out keep their room, as padding set through the CSSOM (a strict CSP
    // allows no style attribute).
    let list = use_node_ref();
    let room = |rows: usize| format!("{}px", shortest(rows as f64 * ROW_PX));
    use_css_vars(list.clone(), vec![("--source-before", room(start)), ("--source-after", room(total - end))]);
    html! {
        <div
            class="source__scroll"
            ref={scroller}
            tabindex="0"
            role="region"
            aria-label={format!("Lines of {}", props.name)}
            {onscroll}
        >
            <ol class={classes!("source__lines", (!props.counted).then_some("source__lines--uncounted"))} ref={list}>
                for line in props.lines[start..end].iter() {
                    {row(line, props.line == Some(line.number), total, &props.ongoto)}
                }
            </ol>
        </div>
    }
}

/// One line: its number (a button that marks it and puts it in the address), its mark in
/// glyph and words, its count, its text and what the report says of it.
fn row(line: &SourceLine, current: bool, total: usize, ongoto: &Callback<u32>) -> Html {
    let number = line.number;
    let mark = line.state.map(line_mark);
    let class = classes!(
        "source-line",
        mark.map(|(class, ..)| format!("source-line--{class}")),
        current.then_some("source-line--current")
    );
    let goto = ongoto.reform(move |_: MouseEvent| number);
    html! {
        <li
            key={number}
            {class}
            aria-posinset={number.to_string()}
            aria-setsize={total.to_string()}
            aria-current={current.then_some("location")}
            data-line={number.to_string()}
        >
            <button type="button" class="source-line__number" onclick={goto} aria-label={format!("Line {number}")}>{number}</button>
            <span class="source-line__mark" title={mark.map(|(_, _, words)| words)}>
                if let Some((_, glyph, words)) = mark {
                    <span aria-hidden="true">{glyph}</span>
                    <span class="visually-hidden">{words}</span>
                }
            </span>
            <span class="source-line__hits" title={line.hits.is_some().then_some("times run")}>{line.hits.clone().unwrap_or_default()}</span>
            <code class="source-line__text">{line.text.clone()}</code>
            if line.branches.is_some() || line.note.is_some() {
                <span class="source-line__note">
                    {[line.branches.as_deref(), line.note.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" · ")}
                </span>
            }
        </li>
    }
}
