//! The one row of a name, a bar and a figure that every list of bars lays out: the sections'
//! rows, the packages, a package's files.

use yew::prelude::*;

use super::{elided_name, ProgressBar};
use covdash_protocol::Tone;

/// The list a row belongs to: the CSS block its cells are classed by (`package__figure`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A section's row (progress, wins, distance, tiers, groups).
    Section,
    /// A package.
    Package,
    /// A file of an opened package.
    File,
}

impl RowKind {
    fn block(self) -> &'static str {
        match self {
            RowKind::Section => "bar-list",
            RowKind::Package => "package",
            RowKind::File => "file",
        }
    }
}

/// A row of a list of bars, as its caller describes it: laid out by [`NamedBar::view`], a view
/// of its caller's, not a component (it holds nothing of its own; its `ProgressBar` does).
pub struct NamedBar {
    /// Which list the row is in.
    pub kind: RowKind,
    /// The name: laid out as text, with `title` as its tooltip, unless `name_cell` is given.
    pub name: AttrValue,
    /// The full name, for the tooltip (a shortened name's whole); `None` for `name` itself.
    pub title: Option<AttrValue>,
    /// Where the name's tail starts (`present::distinct_tails`): what stays in view when the
    /// name is cut. 0 keeps the whole name, cut at its end.
    pub tail: usize,
    /// A name cell of the row's own (a button that opens it), in place of the text.
    pub name_cell: Option<Html>,
    /// The percentage drawn, already rounded; `None` for nothing to count.
    pub value: Option<f64>,
    /// What a screen reader reads for the bar's value (`"68.1%, Needs work"`).
    pub value_text: AttrValue,
    /// The tier colour; `None` for a neutral bar.
    pub tone: Option<Tone>,
    /// The row's place in its list, for the staggered animation.
    pub index: usize,
    /// The figure cell's content.
    pub figure: Html,
}

impl NamedBar {
    /// The name cell, the bar (named for screen readers by `name`) and the figure cell.
    pub fn view(self) -> Html {
        let block = self.kind.block();
        let title = self.title.unwrap_or_else(|| self.name.clone());
        html! {
            <>
                if let Some(cell) = self.name_cell {
                    {cell}
                } else {
                    <span class={format!("{block}__name")} {title}>
                        {elided_name(&self.name, self.tail)}
                    </span>
                }
                <ProgressBar
                    label={self.name}
                    value={self.value}
                    value_text={self.value_text}
                    tone={self.tone}
                    index={self.index}
                />
                <span class={format!("{block}__figure")}>{self.figure}</span>
            </>
        }
    }
}
