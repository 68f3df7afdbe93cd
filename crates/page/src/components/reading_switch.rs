//! Saying how several files given together are to be read.

use yew::prelude::*;

use covdash_protocol::Reading;

#[derive(Properties, PartialEq)]
pub struct ReadingSwitchProps {
    /// How many files were given together.
    pub n_files: usize,
    /// How they are read now (covdash's suggestion until the person chooses).
    pub reading: Reading,
    /// Called with the reading chosen.
    pub onchange: Callback<Reading>,
}

/// Two radio buttons: parts of one run (merged), or moments of the project (snapshots).
#[component]
pub fn ReadingSwitch(props: &ReadingSwitchProps) -> Html {
    let option = |reading: Reading, title: &'static str, detail: &'static str| {
        let onchange = props.onchange.reform(move |_: Event| reading);
        html! {
            <label class={classes!("reading__option", (props.reading == reading).then_some("reading__option--checked"))}>
                <input type="radio" name="reading" checked={props.reading == reading} {onchange} />
                <span class="reading__title">{title}</span>
                <span class="reading__detail">{detail}</span>
            </label>
        }
    };
    html! {
        <fieldset class="reading">
            <legend class="reading__legend">{format!("These {} files are", props.n_files)}</legend>
            {option(Reading::Merged, "Parts of one run", "merged file by file into one reading")}
            {option(Reading::Snapshots, "Moments of the project", "one snapshot each, oldest first")}
        </fieldset>
    }
}
