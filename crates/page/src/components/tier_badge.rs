//! A tier's name with a shape that stands for it, so the tier never rests on colour alone.

use yew::prelude::*;

use covdash_protocol::Tone;

#[derive(Properties, PartialEq)]
pub struct TierBadgeProps {
    /// The tier's name, e.g. `"Excellent"`.
    pub name: AttrValue,
    pub tone: Tone,
}

/// A small label: glyph and name, coloured by tone.
#[component]
pub fn TierBadge(props: &TierBadgeProps) -> Html {
    let glyph = match props.tone {
        Tone::Top => "★",
        Tone::High => "◆",
        Tone::Middle => "●",
        Tone::Low => "▲",
        Tone::Bottom => "■",
    };
    html! {
        <span class={classes!("tier", Tone::class(Some(props.tone)))}>
            <span class="tier__glyph" aria-hidden="true">{glyph}</span>
            <span class="tier__name">{props.name.clone()}</span>
        </span>
    }
}
