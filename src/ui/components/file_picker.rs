//! The "Choose files" button.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FilePickerProps {
    /// Called with the files the user chose.
    pub onfiles: Callback<Vec<web_sys::File>>,
    /// The button's text.
    #[prop_or(AttrValue::Static("Choose files"))]
    pub label: AttrValue,
}

/// A real button (reachable by keyboard) that opens a hidden `<input type="file" multiple>`.
#[component]
pub fn FilePicker(props: &FilePickerProps) -> Html {
    let input = use_node_ref();
    let open = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input.cast::<web_sys::HtmlInputElement>() {
                input.click();
            }
        })
    };
    let onchange = props.onfiles.reform(|event: Event| {
        let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() else {
            return Vec::new();
        };
        let files = input.files().map(|list| files_of(&list)).unwrap_or_default();
        // Choosing the same file again must fire `change` again.
        input.set_value("");
        files
    });
    html! {
        <>
            <button type="button" class="button button--primary" onclick={open}>{props.label.clone()}</button>
            <input
                ref={input}
                type="file"
                multiple=true
                class="visually-hidden"
                tabindex="-1"
                aria-hidden="true"
                data-testid="file-input"
                {onchange}
            />
        </>
    }
}

/// The files of a `FileList`, in order.
pub(crate) fn files_of(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|idx| list.get(idx)).collect()
}
