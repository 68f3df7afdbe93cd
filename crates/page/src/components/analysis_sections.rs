//! The analysis sections, each in its card, or the reason it is not shown: "This change" above
//! the overall figure, the others below the packages.

use std::rc::Rc;

use yew::prelude::*;

use super::{achievement_list, fact_list, section_card, BarList, EtaTable, RecommendationList};
use crate::backend::Data;
use covdash_protocol::Section;
use covdash_protocol::{Ranked, SectionBody, SectionView};

/// Where on the page a set of sections goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Above the overall figure: the change a diff describes, when one was given.
    Top,
    /// Below the packages: every other section.
    Below,
}

/// One card per section of `sections` (in the order shown) that `placement` lays out here and
/// the data supports, the body following the section's kind; the sections it cannot support
/// are one short card at the end, a line each with the reason, rather than a card each that
/// says nothing else. `data` is whom to ask for what a section shows on demand (the files of
/// more recommendations). A view of its caller's, not a component: it holds nothing of its own.
pub fn analysis_sections(sections: &[SectionView], placement: Placement, data: &Data) -> Html {
    let reason = |section: &SectionView| match &section.body {
        SectionBody::Unavailable(reason) => Some(reason.clone()),
        _ => None,
    };
    let here = |section: &&SectionView| section.is(Section::Change) == (placement == Placement::Top);
    // Nothing here (no change was given, for the top): no element, which the page's grid would
    // space as if it were a card.
    if !sections.iter().any(|section| here(&section)) {
        return html! {};
    }
    let missing: Vec<(&SectionView, String)> =
        sections.iter().filter(here).filter_map(|section| reason(section).map(|r| (section, r))).collect();
    html! {
        <div class={classes!("sections", (placement == Placement::Top).then_some("sections--top"))}>
            for section in sections.iter().filter(here).filter(|s| reason(s).is_none()) {
                {section_card(section.id().into(), section.title().into(), body(&section.body, data))}
            }
            if !missing.is_empty() {
                <section key="not-shown" class="card card--quiet" aria-labelledby="not-shown-heading">
                    <h2 id="not-shown-heading" class="card__heading">{"Not shown"}</h2>
                    <ul class="missing">
                        for (section, reason) in missing {
                            <li key={section.id()} id={section.id()} class="missing__item">
                                <span class="missing__title">{section.title()}</span>
                                {" "}
                                <span class="empty">{reason}</span>
                            </li>
                        }
                    </ul>
                </section>
            }
        </div>
    }
}

fn body(body: &SectionBody, data: &Data) -> Html {
    match body {
        SectionBody::Bars { rows, footer } => {
            html! { <BarList rows={Rc::<[_]>::from(rows.clone())} footer={footer.clone().map(AttrValue::from)} /> }
        }
        SectionBody::Facts(facts) => fact_list(facts),
        SectionBody::List(items) => achievement_list(items),
        SectionBody::Eta { rows, total, method } => html! {
            <EtaTable
                rows={Rc::<[_]>::from(rows.clone())}
                total={total.clone()}
                method={AttrValue::Static(method)}
            />
        },
        SectionBody::Recommendations { strategy, rows, ranked, with_files } => html! {
            <RecommendationList
                strategy={AttrValue::from(strategy.clone())}
                rows={Rc::<[_]>::from(rows.clone())}
                with_files={*with_files}
                files={*ranked == Ranked::Files}
                data={data.clone()}
            />
        },
        SectionBody::Unavailable(reason) => html! { <p class="empty">{reason.clone()}</p> },
    }
}
