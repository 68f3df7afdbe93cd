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

/// One card per section; the body component follows the section's kind.
#[component]
pub fn AnalysisSections(props: &AnalysisSectionsProps) -> Html {
    html! {
        <div class="sections">
            for section in props.sections.iter() {
                <SectionCard key={section.id} id={section.id} title={section.title}>
                    {body(&section.body)}
                </SectionCard>
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
        SectionBody::Unavailable(reason) => html! { <p class="empty">{format!("Not shown: {reason}.")}</p> },
    }
}
