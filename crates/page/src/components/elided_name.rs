//! A name that may not fit its cell: its tail (the last segments that tell it from the other
//! names of its list, `present::distinct_tails`) stays whole, and what comes before it is cut
//! with an ellipsis, so that `cJSON/tests/unity/src` reads `cJ…/src` beside `cJSON/tests`.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ElidedNameProps {
    /// The name as shown (already made safe as text).
    pub text: AttrValue,
    /// Where its tail starts, in bytes; 0 keeps the whole name as the tail, cut at its end.
    pub tail: usize,
    /// Whether the name is a flex item of its cell (a package's toggle, a repository's opener
    /// beside its hint). A name with no head is then a span of its own, which is cut with an
    /// ellipsis where a flex container's bare text would be cut without one. Elsewhere it is
    /// the cell's own text, which the cell cuts: one element fewer in a long list's rows.
    #[prop_or_default]
    pub item: bool,
}

/// The head and the tail in spans of their own: the head gives way first, and a tail wider
/// than the cell is cut at its end with an ellipsis. A name with no head is its text alone, cut
/// at its end by its cell, or a span where it is a flex item (three elements at most: a list's
/// rows count, and a package's chevron is drawn by CSS). The whole name stays in the text, so
/// a screen reader reads all of it, and the cell's `title` shows it to a pointer. Focus on the
/// row lets it wrap whole (`styles/components.css`).
#[component]
pub fn ElidedName(props: &ElidedNameProps) -> Html {
    let text = props.text.as_str();
    let at = if text.is_char_boundary(props.tail) { props.tail } else { 0 };
    // The separator before the tail goes with it: `cJ…/src`.
    let at = if text[..at].ends_with('/') { at - 1 } else { at };
    if at == 0 && props.item {
        return html! { <span class="elided__whole">{props.text.clone()}</span> };
    }
    if at == 0 {
        return html! { {props.text.clone()} };
    }
    let (head, tail) = text.split_at(at);
    html! {
        <span class="elided">
            <span class="elided__head">{head.to_owned()}</span>
            <span class="elided__tail">{tail.to_owned()}</span>
        </span>
    }
}
