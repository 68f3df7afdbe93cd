//! Saying how several files given together are to be read.

use yew::prelude::*;

use covdash_protocol::Reading;

/// Two radio buttons for the `n_files` files given together: parts of one run (merged), or
/// moments of the project (snapshots); `reading` is how they are read now (covdash's suggestion
/// until the person chooses), `onchange` is called with the reading chosen. A view of its
/// caller's, not a component: it holds nothing of its own.
pub fn reading_switch(n_files: usize, reading: Reading, onchange: &Callback<Reading>) -> Html {
    let option = |this: Reading, title: &'static str, detail: &'static str| {
        let onchange = onchange.reform(move |_: Event| this);
        html! {
            <label class={classes!("reading__option", (reading == this).then_some("reading__option--checked"))}>
                <input type="radio" name="reading" checked={reading == this} {onchange} />
                <span class="reading__title">{title}</span>
                <span class="reading__detail">{detail}</span>
            </label>
        }
    };
    html! {
        <fieldset class="reading">
            <legend class="reading__legend">{format!("These {n_files} files are")}</legend>
            {option(Reading::Merged, "Parts of one run", "merged file by file into one reading")}
            {option(Reading::Snapshots, "Moments of the project", "one snapshot each, oldest first")}
        </fieldset>
    }
}
