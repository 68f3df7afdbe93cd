//! The dashboard embedded in another page: the options a `<coverage-dashboard>` element or a
//! `mount()` call gives, as the app reads them.

use covdash_protocol::{Key, Overrides};

/// What an embedding page asks for. Text values are as written in HTML attributes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Embed {
    /// The address of a coverage file to fetch.
    pub src: Option<String>,
    /// Coverage data given inline (a `<script type="application/json">` child, or set from
    /// JavaScript), read as a file called `inline data`.
    pub text: Option<String>,
    /// The settings given.
    pub overrides: Overrides,
    /// The dashboard alone, without file controls, exports or settings.
    pub compact: bool,
    /// The ids of the sections to show (`progress`, `distance`…); `None` shows them all.
    pub sections: Option<Vec<String>>,
    /// What could not be read from the options.
    pub problems: Vec<String>,
    /// The address of covdash's worker (`covdash-worker_loader.js` beside the embedding
    /// script); without one, files are read on the page.
    pub worker: Option<String>,
}

/// The options as an embedding page writes them: attribute values, as text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EmbedOptions {
    pub src: Option<String>,
    pub text: Option<String>,
    /// The settings given, by their [`Key`] (`target`, `tiers`, `metric`…), as written.
    pub settings: Vec<(Key, String)>,
    /// Section ids, separated by commas or spaces.
    pub sections: Option<String>,
    pub compact: bool,
    pub worker: Option<String>,
}

impl Embed {
    /// Reads the options as the element's attributes give them; empty values count as absent.
    pub fn from_attributes(options: EmbedOptions) -> Embed {
        let EmbedOptions { src, text, settings, sections, compact, worker } = options;
        let present = |value: Option<String>| value.filter(|v| !v.trim().is_empty());
        let mut embed =
            Embed { src: present(src), text: present(text), compact, worker: present(worker), ..Embed::default() };
        for (key, value) in settings {
            if let Some(value) = present(Some(value)) {
                if let Err(problem) = key.set(&mut embed.overrides, &value) {
                    embed.problems.push(format!("{}: {problem}", key.id()));
                }
            }
        }
        embed.sections = present(sections)
            .map(|list| list.split([',', ' ']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect());
        embed
    }
}
