//! The root component.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::{combine, Report, Settings};
use crate::present::{self, DashboardView, SectionView};
use crate::present::{parse_link, Link, Theme};
use crate::ui::browser;
use crate::ui::components::{
    AnalysisSections, Banner, BannerVariant, DropZone, ExportMenu, FilePicker, MetricSwitch, OverallCard, PackageList,
    PasteBox, ReadingSwitch, SettingsPanel, SnapshotSwitcher,
};
use crate::ui::hooks::{use_file_loader, use_inline_source, use_remote_source, use_settings_link, use_text_loader};
use crate::ui::state::{Action, Batch, DashboardState, SharedReport};
use crate::ui::Embed;

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// What to show before any file is given; the built-in sample when `None`.
    #[prop_or_default]
    pub initial: Option<Rc<Batch>>,
    /// Set when the dashboard is embedded in another page (`<coverage-dashboard>`, `mount()`):
    /// its options replace the page address's, and the address is left alone.
    #[prop_or_default]
    pub embed: Option<Rc<Embed>>,
}

/// The combined report of a batch, with the settings and name it is shown with.
struct Shown {
    /// The report and its settings, shared with the exports.
    data: Rc<(Report, Settings)>,
    source: String,
}

/// The dashboard: the header with the file button, banners, the reading and snapshot
/// switches, the overall figure and the packages. The whole page accepts dropped files.
#[component]
pub fn App(props: &AppProps) -> Html {
    // The page address, read once: settings, layout, the file to fetch, what it could not say.
    let link = use_state(address);
    let state = {
        let initial = props.initial.clone();
        let from_link = link.overrides.clone();
        // An embedding that brings its own data shows nothing until it is read, not the sample.
        let has_data = props.embed.as_ref().is_some_and(|e| e.src.is_some() || e.text.is_some());
        use_reducer(move || {
            let state = match initial {
                Some(batch) => DashboardState::showing(batch),
                None if has_data => DashboardState::default(),
                None => DashboardState::with_sample(),
            };
            // A link's settings apply from the first paint.
            DashboardState { overrides: from_link, ..state }
        })
    };
    let embed = props.embed.clone();
    let compact = embed.as_ref().map_or(link.compact, |e| e.compact);
    let link_problems = embed.as_ref().map_or(&link.problems, |e| &e.problems);
    use_settings_link(&state.overrides, embed.is_none());
    let load_files = use_file_loader(state.dispatcher());
    let load_text = use_text_loader(state.dispatcher());
    let remote = match &embed {
        Some(embed) => embed.src.clone(),
        None => link.src.clone(),
    };
    use_remote_source(state.dispatcher(), remote);
    use_inline_source(state.dispatcher(), embed.as_ref().and_then(|e| e.text.clone()));
    // An embedding's settings are its options; the page's are the person's, kept in the address.
    // The metric switch works in both: a metric the person chose wins over the embedding's.
    let overrides = embed.as_ref().map_or_else(
        || state.overrides.clone(),
        |e| crate::present::Overrides { metric: state.overrides.metric.or(e.overrides.metric), ..e.overrides.clone() },
    );

    // Derived, never stored: the batch read as chosen, then the view of the chosen snapshot.
    let shown = use_memo(
        (ByAddress(state.batch.clone()), state.reading, overrides.clone(), state.labels.clone()),
        |(batch, reading, overrides, labels)| {
            batch.0.as_ref().map(|b| {
                let mut report = combine(&b.parts(), *reading);
                overrides.apply_metric(&mut report);
                for (index, label) in labels.iter() {
                    if let Some(snapshot) = report.snapshots.get_mut(*index) {
                        snapshot.label = label.clone();
                    }
                }
                let data = Rc::new((report, overrides.apply(&b.settings())));
                Rc::new(Shown { data, source: b.source() })
            })
        },
    );
    let view = use_memo((ByAddress((*shown).clone()), state.snapshot), |(shown, snapshot)| {
        shown.0.as_ref().map(|s| Rc::new(present::dashboard(&s.data.0, &s.data.1, &s.source, *snapshot)))
    });
    let wanted = embed.as_ref().and_then(|e| e.sections.clone());
    let sections = use_memo((ByAddress((*shown).clone()), state.snapshot, wanted), |(shown, snapshot, wanted)| {
        shown.0.as_ref().map(|s| {
            let mut sections = present::sections(&s.data.0, &s.data.1, *snapshot);
            if let Some(wanted) = wanted {
                sections.retain(|section| wanted.iter().any(|id| id == section.id));
            }
            Rc::<[_]>::from(sections)
        })
    });
    let problems = use_memo(ByAddress(state.batch.clone()), |batch| {
        batch.0.as_ref().and_then(|b| {
            let files: Vec<(&str, &crate::formats::Parsed)> =
                b.files.iter().map(|f| (f.source.as_str(), &f.parsed)).collect();
            present::problems(&files)
        })
    });

    let dispatcher = state.dispatcher();
    let dismiss = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(Action::DismissErrors))
    };
    let choose_reading = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |reading| dispatcher.dispatch(Action::ChooseReading(reading)))
    };
    let change_settings = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |overrides| dispatcher.dispatch(Action::ChangeSettings(overrides)))
    };
    let rename_snapshot = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |(index, label)| dispatcher.dispatch(Action::RenameSnapshot { index, label }))
    };
    let choose_metric = {
        let dispatcher = dispatcher.clone();
        let overrides = state.overrides.clone();
        Callback::from(move |metric| {
            let overrides = crate::present::Overrides { metric: Some(metric), ..overrides.clone() };
            dispatcher.dispatch(Action::ChangeSettings(overrides));
        })
    };
    let choose_snapshot = Callback::from(move |idx| dispatcher.dispatch(Action::ChooseSnapshot(idx)));
    let n_files = state.batch.as_ref().map_or(0, |b| b.files.len());
    let errors =
        (!state.errors.is_empty()).then(|| state.errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"));

    let page = html! {
            <div
                class={classes!("page", compact.then_some("page--compact"), embed.is_some().then_some("covdash-root"))}
                data-theme={embed.as_ref().and_then(|e| match e.overrides.theme {
                    Theme::System => None,
                    theme => Some(theme.id()),
                })}
            >
                <header class="page__header">
                    <div class="page__titles">
                        <p class="page__brand">{"covdash"}</p>
                        <h1 class="page__title">{view.as_ref().as_ref().map_or("Coverage", |v| v.title.as_str()).to_owned()}</h1>
                        if let Some(view) = view.as_ref() {
                            <p class="page__source">{"from "}<span class="page__file">{view.source.clone()}</span></p>
                        }
                    </div>
                    if !compact {
                        <div class="page__actions">
                            <FilePicker onfiles={load_files.clone()} />
                            <p class="page__hint">{"or drop coverage files anywhere on the page"}</p>
                        </div>
                    }
                </header>
                <main class="page__main">
                if state.n_reading > 0 {
                    <Banner message={reading_message(state.n_reading)} />
                }
                if let Some(errors) = errors {
                    <Banner message={AttrValue::from(errors)} variant={BannerVariant::Error} ondismiss={dismiss} />
                }
                if !link_problems.is_empty() {
                    <Banner message={AttrValue::from(link_problems.join("\n"))} variant={BannerVariant::Warning} />
                }
                if let Some(problems) = (*problems).clone() {
                    <Banner message={AttrValue::from(problems)} variant={BannerVariant::Warning} />
                }
                if let (Some(shown), false) = (shown.as_ref(), compact) {
                    <div class="toolbar">
                        <ExportMenu source={SharedReport(shown.data.clone())} />
                        <PasteBox ontext={load_text.clone()} />
                    </div>
                    if embed.is_none() {
                        <SettingsPanel settings={shown.data.1.clone()} overrides={state.overrides.clone()} onchange={change_settings} />
                    }
                }
                if n_files > 1 {
                    <ReadingSwitch {n_files} reading={state.reading} onchange={choose_reading} />
                }
                if let Some(view) = view.as_ref() {
                    if view.metrics.len() > 1 && !compact {
                        <MetricSwitch choices={Rc::<[_]>::from(view.metrics.clone())} onchange={choose_metric} />
                    }
                    if view.snapshots.len() > 1 {
                        <SnapshotSwitcher
                            tabs={Rc::<[_]>::from(view.snapshots.clone())}
                            onselect={choose_snapshot}
                            onrename={rename_snapshot}
                        />
                    }
                    {dashboard(view, (*sections).clone(), (*shown).as_ref().map(|s| SharedReport(s.data.clone())), state.snapshot)}
                }
                </main>
            </div>
    };
    // An iframe's compact layout is the dashboard alone: no drop zone around it.
    if compact {
        page
    } else {
        html! { <DropZone onfiles={load_files}>{page}</DropZone> }
    }
}

fn dashboard(
    view: &Rc<DashboardView>,
    sections: Option<Rc<[SectionView]>>,
    source: Option<SharedReport>,
    snapshot: Option<usize>,
) -> Html {
    html! {
        <div class="dashboard">
            <OverallCard
                overall={view.overall.clone()}
                snapshot_label={AttrValue::from(view.snapshot_label.clone())}
                snapshot_time={view.snapshot_time.clone().map(AttrValue::from)}
            />
            <section class="card" aria-labelledby="packages-heading">
                <h2 id="packages-heading" class="card__heading">{"Packages by coverage"}</h2>
                if let Some(source) = source {
                    <PackageList rows={Rc::<[_]>::from(view.packages.clone())} {source} {snapshot} />
                }
            </section>
            if let Some(sections) = sections {
                <AnalysisSections {sections} />
            }
        </div>
    }
}

/// The page address's settings and layout (`?target=85&compact#strategy=effect`).
fn address() -> Link {
    parse_link(&browser::location_query(), &browser::location_fragment())
}

fn reading_message(n_reading: usize) -> AttrValue {
    if n_reading == 1 {
        AttrValue::Static("Reading 1 file…")
    } else {
        AttrValue::from(format!("Reading {n_reading} files…"))
    }
}

/// Compares by address, so a memo keyed on large data never compares its contents.
struct ByAddress<T>(Option<Rc<T>>);

impl<T> PartialEq for ByAddress<T> {
    fn eq(&self, other: &ByAddress<T>) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}
