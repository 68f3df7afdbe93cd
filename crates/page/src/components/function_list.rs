//! A file's functions, behind a disclosure: laid out only once opened, the first rows first.

use std::rc::Rc;

use yew::prelude::*;

use super::{show_more, use_shown_rows};
use covdash_protocol::FunctionRow;

/// Functions laid out at first, and added by each "Show more".
const PAGE: usize = 50;

#[derive(Properties, PartialEq)]
pub struct FunctionListProps {
    /// `"3 functions"`: the disclosure's summary.
    pub label: AttrValue,
    /// In name order.
    pub functions: Rc<[FunctionRow]>,
}

/// A `<details>` whose list is rendered when it is opened (a closed one costs one element, not
/// one per function), each function marked covered or missed by glyph and by text.
#[component]
pub fn FunctionList(props: &FunctionListProps) -> Html {
    let open = use_state(|| false);
    let (shown, more) = use_shown_rows(PAGE, PAGE);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| open.set(e.target_unchecked_into::<web_sys::HtmlDetailsElement>().open()))
    };
    let total = props.functions.len();
    html! {
        <details class="file__functions" {ontoggle}>
            <summary>{props.label.clone()}</summary>
            if *open {
                <ul>
                    for function in props.functions.iter().take(shown) {
                        <li key={function.name.clone()} class={classes!("function", (!function.covered).then_some("function--missed"))}>
                            <span class="function__mark" aria-hidden="true">{if function.covered { "✓" } else { "✗" }}</span>
                            <code>{function.name.clone()}</code>
                            {" — "}{function.calls.clone()}
                        </li>
                    }
                </ul>
                {show_more(shown, total, PAGE, "functions", &more)}
            }
        </details>
    }
}
