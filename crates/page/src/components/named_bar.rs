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

#[derive(Properties, PartialEq)]
pub struct NamedBarProps {
    /// Which list the row is in.
    pub kind: RowKind,
    /// The name: laid out as text, with `title` as its tooltip, unless `name_cell` is given.
    pub name: AttrValue,
    /// The full name, for the tooltip (a shortened name's whole).
    #[prop_or_default]
    pub title: Option<AttrValue>,
    /// Where the name's tail starts (`present::distinct_tails`): what stays in view when the
    /// name is cut. 0 keeps the whole name, cut at its end.
    #[prop_or_default]
    pub tail: usize,
    /// A name cell of the row's own (a button that opens it), in place of the text.
    #[prop_or_default]
    pub name_cell: Option<Html>,
    /// The percentage drawn, already rounded; `None` for nothing to count.
    pub value: Option<f64>,
    /// What a screen reader reads for the bar's value (`"68.1%, Needs work"`).
    pub value_text: AttrValue,
    /// The tier colour; `None` for a neutral bar.
    #[prop_or_default]
    pub tone: Option<Tone>,
    /// The row's place in its list, for the staggered animation.
    pub index: usize,
    /// The figure cell's content.
    pub children: Html,
}

/// The name cell, the bar (named for screen readers by `name`) and the figure cell.
#[component]
pub fn NamedBar(props: &NamedBarProps) -> Html {
    let block = props.kind.block();
    let title = props.title.clone().unwrap_or_else(|| props.name.clone());
    html! {
        <>
            if let Some(cell) = props.name_cell.clone() {
                {cell}
            } else {
                <span class={format!("{block}__name")} {title}>
                    {elided_name(&props.name, props.tail)}
                </span>
            }
            <ProgressBar
                label={props.name.clone()}
                value={props.value}
                value_text={props.value_text.clone()}
                tone={props.tone}
                index={props.index}
            />
            <span class={format!("{block}__figure")}>{props.children.clone()}</span>
        </>
    }
}
