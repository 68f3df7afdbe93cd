//! A tier's name with a shape that stands for it, so the tier never rests on colour alone.

use yew::prelude::*;

use covdash_protocol::Tone;

/// A small label: glyph and name, coloured by tone. `name` is the tier's, e.g. `"Excellent"`. A
/// view of its caller's, not a component: it holds nothing of its own.
pub fn tier_badge(name: AttrValue, tone: Tone) -> Html {
    let glyph = match tone {
        Tone::Top => "★",
        Tone::High => "◆",
        Tone::Middle => "●",
        Tone::Low => "▲",
        Tone::Bottom => "■",
    };
    html! {
        <span class={classes!("tier", Tone::class(Some(tone)))}>
            <span class="tier__glyph" aria-hidden="true">{glyph}</span>
            <span class="tier__name">{name}</span>
        </span>
    }
}
