//! A name that may not fit its cell: its tail (the last segments that tell it from the other
//! names of its list, `present::distinct_tails`) stays whole, and what comes before it is cut
//! with an ellipsis, so that `cJSON/tests/unity/src` reads `cJ…/src` beside `cJSON/tests`.

use yew::prelude::*;

/// The head and the tail of `text` (the name as shown, already made safe as text) in spans of
/// their own, its tail starting at byte `tail` (0 keeps the whole name as the tail, cut at its
/// end): the head gives way first, and a tail wider than the cell is cut at its end with an
/// ellipsis. A name with no head is its text alone, cut at its end by its cell (one element
/// fewer in a long list's rows; a package's chevron is drawn by CSS). The whole name stays in
/// the text, so a screen reader reads all of it, and the cell's `title` shows it to a pointer.
/// Focus on the row lets it wrap whole (`styles/components.css`). A view of its caller's, not a
/// component: it holds nothing of its own.
pub fn elided_name(text: &AttrValue, tail: usize) -> Html {
    elided(text, tail, false)
}

/// [`elided_name`] for a name that is a flex item of its cell (a package's toggle, a
/// repository's opener beside its hint): a name with no head is then a span of its own, which
/// is cut with an ellipsis where a flex container's bare text would be cut without one.
pub fn elided_item(text: &AttrValue, tail: usize) -> Html {
    elided(text, tail, true)
}

fn elided(whole: &AttrValue, tail: usize, item: bool) -> Html {
    let text = whole.as_str();
    let at = if text.is_char_boundary(tail) { tail } else { 0 };
    // The separator before the tail goes with it: `cJ…/src`.
    let at = if text[..at].ends_with('/') { at - 1 } else { at };
    if at == 0 && item {
        return html! { <span class="elided__whole">{whole.clone()}</span> };
    }
    if at == 0 {
        return html! { {whole.clone()} };
    }
    let (head, tail) = text.split_at(at);
    html! {
        <span class="elided">
            <span class="elided__head">{head.to_owned()}</span>
            <span class="elided__tail">{tail.to_owned()}</span>
        </span>
    }
}
