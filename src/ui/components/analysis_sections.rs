//! Every analysis section below the packages, each in its card, or the reason it is not shown.

use std::rc::Rc;

use yew::prelude::*;

use super::{AchievementList, BarList, EtaTable, FactList, RecommendationList, SectionCard};
use crate::present::{SectionBody, SectionView};

#[derive(Properties, PartialEq)]
pub struct AnalysisSectionsProps {
    /// The sections, in the order shown.
    pub sections: Rc<[SectionView]>,
}

/// One card per section the data supports, the body component following the section's kind;
/// the sections it cannot support are one short card at the end, a line each with the reason,
/// rather than a card each that says nothing else.
#[component]
pub fn AnalysisSections(props: &AnalysisSectionsProps) -> Html {
    let reason = |section: &SectionView| match &section.body {
        SectionBody::Unavailable(reason) => Some(reason.clone()),
        _ => None,
    };
    let missing: Vec<(&SectionView, String)> =
        props.sections.iter().filter_map(|section| reason(section).map(|r| (section, r))).collect();
    html! {
        <div class="sections">
            for section in props.sections.iter().filter(|s| reason(s).is_none()) {
                <SectionCard key={section.id} id={section.id} title={section.title}>
                    {body(&section.body)}
                </SectionCard>
            }
            if !missing.is_empty() {
                <section key="not-shown" class="card card--quiet" aria-labelledby="not-shown-heading">
                    <h2 id="not-shown-heading" class="card__heading">{"Not shown"}</h2>
                    <ul class="missing">
                        for (section, reason) in missing {
                            <li key={section.id} id={section.id} class="missing__item">
                                <span class="missing__title">{section.title}</span>
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

fn body(body: &SectionBody) -> Html {
    match body {
        SectionBody::Bars { rows, footer } => {
            html! { <BarList rows={Rc::<[_]>::from(rows.clone())} footer={footer.clone().map(AttrValue::from)} /> }
        }
        SectionBody::Facts(facts) => html! { <FactList facts={Rc::<[_]>::from(facts.clone())} /> },
        SectionBody::List(items) => html! { <AchievementList items={Rc::<[_]>::from(items.clone())} /> },
        SectionBody::Eta { rows, total, method } => html! {
            <EtaTable
                rows={Rc::<[_]>::from(rows.clone())}
                total={total.clone().map(AttrValue::from)}
                method={AttrValue::Static(method)}
            />
        },
        SectionBody::Recommendations { strategy, rows } => html! {
            <RecommendationList strategy={AttrValue::from(strategy.clone())} rows={Rc::<[_]>::from(rows.clone())} />
        },
        SectionBody::Unavailable(reason) => html! { <p class="empty">{reason.clone()}</p> },
    }
}
