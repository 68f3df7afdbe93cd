//! The dashboard embedded in another page: the options a `<coverage-dashboard>` element or a
//! `mount()` call gives, as the app reads them.

use covdash_protocol::{Key, Overrides, Section};

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
    /// The sections to show (`progress`, `distance`… as written); `None` shows them all.
    pub sections: Option<Vec<Section>>,
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
        if let Some(list) = present(sections) {
            let mut wanted = Vec::new();
            for id in list.split([',', ' ']).map(str::trim).filter(|s| !s.is_empty()) {
                match Section::from_id(id) {
                    Some(section) => wanted.push(section),
                    None => embed.problems.push(format!("sections: {}", unknown_section(id))),
                }
            }
            // Only unknown ids: every section, rather than none.
            embed.sections = (!wanted.is_empty()).then_some(wanted);
        }
        embed
    }
}

/// What an embedding is told of a section id that names none.
fn unknown_section(id: &str) -> String {
    let ids: Vec<&str> = Section::ALL.iter().map(|s| s.id()).collect();
    format!("{id:?} is not a section ({})", ids.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_read_by_id_and_an_unknown_one_is_a_problem() {
        /// An attribute, the sections shown, the problems said.
        type Case = (&'static str, Option<&'static [Section]>, &'static [&'static str]);
        let cases: [Case; 4] = [
            ("distance,recommendations", Some(&[Section::Distance, Section::Recommendations]), &[]),
            (" time-to-target  wins ", Some(&[Section::TimeToTarget, Section::Wins]), &[]),
            ("distanse, wins", Some(&[Section::Wins]), &["sections: \"distanse\" is not a section (change, progress,"]),
            ("Distance", None, &["sections: \"Distance\" is not a section ("]),
        ];
        for (attribute, shown, said) in cases {
            let options = EmbedOptions { sections: Some(attribute.to_owned()), ..EmbedOptions::default() };
            let embed = Embed::from_attributes(options);
            assert_eq!(embed.sections.as_deref(), shown, "{attribute}");
            assert_eq!(embed.problems.len(), said.len(), "{attribute}: {:?}", embed.problems);
            for (problem, start) in embed.problems.iter().zip(said) {
                assert!(problem.starts_with(start), "{attribute}: {problem}");
            }
        }
    }
}
