//! The root component.

use std::rc::Rc;

use yew::prelude::*;

use crate::present::{self, DashboardView};
use crate::ui::components::{Banner, BannerVariant, DropZone, FilePicker, OverallCard, PackageList};
use crate::ui::hooks::use_file_loader;
use crate::ui::state::{Action, DashboardState, Loaded};

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// What to show before any file is given; the built-in sample when `None`.
    #[prop_or_default]
    pub initial: Option<Rc<Loaded>>,
}

/// The dashboard: the header with the file button, any banner, the overall figure and the
/// packages. The whole page accepts dropped files.
#[component]
pub fn App(props: &AppProps) -> Html {
    let state = {
        let initial = props.initial.clone();
        use_reducer(move || initial.map_or_else(DashboardState::with_sample, DashboardState::showing))
    };
    let load_files = use_file_loader(state.dispatcher());
    let view = use_memo(ByAddress(state.loaded.clone()), |loaded| {
        loaded.0.as_ref().map(|l| Rc::new(present::dashboard(&l.parsed, &l.settings(), &l.source)))
    });
    let dismiss = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::DismissError))
    };

    html! {
        <DropZone onfiles={load_files.clone()}>
            <div class="page">
                <header class="page__header">
                    <div class="page__titles">
                        <p class="page__brand">{"covdash"}</p>
                        <h1 class="page__title">{view.as_ref().as_ref().map_or("Coverage", |v| v.title.as_str()).to_owned()}</h1>
                        if let Some(view) = view.as_ref() {
                            <p class="page__source">{"from "}<span class="page__file">{view.source.clone()}</span></p>
                        }
                    </div>
                    <div class="page__actions">
                        <FilePicker onfiles={load_files} />
                        <p class="page__hint">{"or drop coverage files anywhere on the page"}</p>
                    </div>
                </header>
                if state.n_reading > 0 {
                    <Banner message={reading_message(state.n_reading)} />
                }
                if let Some(error) = &state.error {
                    <Banner message={AttrValue::from(error.to_string())} variant={BannerVariant::Error} ondismiss={dismiss} />
                }
                if let Some(problems) = view.as_ref().as_ref().and_then(|v| v.problems.clone()) {
                    <Banner message={AttrValue::from(problems)} variant={BannerVariant::Warning} />
                }
                if let Some(view) = view.as_ref() {
                    {dashboard(view)}
                }
            </div>
        </DropZone>
    }
}

fn dashboard(view: &Rc<DashboardView>) -> Html {
    html! {
        <main class="dashboard">
            <OverallCard
                overall={view.overall.clone()}
                snapshot_label={AttrValue::from(view.snapshot_label.clone())}
                snapshot_time={view.snapshot_time.clone().map(AttrValue::from)}
            />
            <section class="card" aria-labelledby="packages-heading">
                <h2 id="packages-heading" class="card__heading">{"Packages by coverage"}</h2>
                <PackageList rows={Rc::<[_]>::from(view.packages.clone())} />
            </section>
        </main>
    }
}

fn reading_message(n_reading: usize) -> AttrValue {
    if n_reading == 1 {
        AttrValue::Static("Reading 1 file…")
    } else {
        AttrValue::from(format!("Reading {n_reading} files…"))
    }
}

/// Compares by address, so a memo keyed on a large dataset never compares its contents.
#[derive(Clone)]
struct ByAddress(Option<Rc<Loaded>>);

impl PartialEq for ByAddress {
    fn eq(&self, other: &ByAddress) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}
