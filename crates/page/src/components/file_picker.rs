//! The "Choose files" and "Choose a folder" buttons.

use yew::prelude::*;

use crate::backend::Given;

/// What the button chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Choose {
    /// Files, any number.
    #[default]
    Files,
    /// A folder, with everything in it: the sources beside a coverage file, for those who
    /// cannot drag one.
    Folder,
}

#[derive(Properties, PartialEq)]
pub struct FilePickerProps {
    /// Called with the files the user chose (a folder's each by its path in the folder).
    pub onfiles: Callback<Vec<Given>>,
    /// Files or a folder.
    #[prop_or_default]
    pub choose: Choose,
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
    let folder = props.choose == Choose::Folder;
    let onchange = props.onfiles.reform(move |event: Event| {
        let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() else {
            return Vec::new();
        };
        let files = input.files().map(|list| files_of(&list)).unwrap_or_default();
        // Choosing the same file again must fire `change` again.
        input.set_value("");
        if !folder {
            return files.into_iter().map(Given::File).collect();
        }
        files
            .into_iter()
            .map(|file| (relative_path(&file), file))
            .filter(|(path, _)| {
                !path.rsplit_once('/').is_some_and(|(dirs, _)| dirs.split('/').any(covdash_protocol::skipped_folder))
            })
            .map(|(path, file)| Given::InFolder { path, file })
            .collect()
    });
    let (label, test_id) = if folder { ("Choose a folder", "folder-input") } else { ("Choose files", "file-input") };
    let class = if folder { "button" } else { "button button--primary" };
    html! {
        <>
            <button type="button" {class} onclick={open}>{label}</button>
            <input
                ref={input}
                type="file"
                multiple=true
                class="visually-hidden"
                tabindex="-1"
                aria-hidden="true"
                webkitdirectory={folder}
                data-testid={test_id}
                {onchange}
            />
        </>
    }
}

/// A chosen folder's file's path inside it (`webkitRelativePath`: `app/src/lib.rs`), or its
/// name.
fn relative_path(file: &web_sys::File) -> String {
    js_sys::Reflect::get(file, &"webkitRelativePath".into())
        .ok()
        .and_then(|path| path.as_string())
        .filter(|path| !path.is_empty())
        .unwrap_or_else(|| file.name())
}

/// The files of a `FileList`, in order.
pub(crate) fn files_of(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|idx| list.get(idx)).collect()
}
