//! The root component.

use std::rc::Rc;

use yew::prelude::*;

use crate::backend::{Backend, Data, Given, Start};
use crate::browser;
use crate::components::{
    analysis_sections, banner, metric_switch, overall_card, reading_switch, snapshot_switcher, BannerVariant, Choose,
    DropZone, ExportMenu, FilePicker, LoadProgress, PackageList, PasteBox, Placement, SettingsPanel, SourceView,
    Treemap, TrendChart,
};
use crate::hooks::{use_answer, use_inline_source, use_loader, use_remote_source, use_settings_link, use_text_loader};
use crate::local::Initial;
use crate::state::{Action, DashboardState, Opener, RepositoryOpener};
use crate::Embed;
use covdash_protocol::sample::{self, Prepared};
use covdash_protocol::{parse_link, Link, Overrides};
use covdash_protocol::{BatchInfo, Combination, Failure, FirstView, Reply, Request};
use covdash_protocol::{DashboardView, PackageRows, SectionView};

/// Where the page finds its worker, beside the page itself.
const WORKER: &str = "covdash-worker_loader.js";

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// What to show before any file is given, held by a session on the page; the built-in
    /// sample's prepared view when `None`.
    #[prop_or_default]
    pub initial: Option<Initial>,
    /// Set when the dashboard is embedded in another page (`<coverage-dashboard>`, `mount()`):
    /// its options replace the page address's, and the address is left alone.
    #[prop_or_default]
    pub embed: Option<Rc<Embed>>,
}

/// What the page starts with: `initial`, the sample's prepared view, or (for an embedding that
/// brings its own data) nothing; with the batch shown and what could not be read.
fn start(initial: Option<Initial>, has_data: bool) -> (Start, Option<BatchInfo>, Vec<Failure>) {
    match initial {
        Some(initial) => (Start::Local(initial.session), Some(initial.info), Vec::new()),
        None if has_data => (Start::Nothing, None, Vec::new()),
        None => match Prepared::sample() {
            Ok(prepared) => {
                let info = prepared.info.clone();
                let bytes = Rc::new(sample::JSON.to_vec());
                let source = Given::Bytes { name: sample::FILE_NAME.to_owned(), bytes };
                (Start::Prepared { prepared: Rc::new(prepared), source }, Some(info), Vec::new())
            }
            Err(error) => {
                (Start::Nothing, None, vec![Failure { file: sample::FILE_NAME.to_owned(), problem: error.to_string() }])
            }
        },
    }
}

/// The dashboard: the header with the file button, banners, the reading and snapshot
/// switches, the overall figure and the packages. The whole page accepts dropped files.
#[component]
pub fn App(props: &AppProps) -> Html {
    // The page address, read once: settings, layout, the file to fetch, what it could not say.
    let link = use_state(address);
    let embed = props.embed.clone();
    let has_data = embed.as_ref().is_some_and(|e| e.src.is_some() || e.text.is_some());
    let (backend, state) = {
        // The data the page starts with and the worker beside the page (or beside the
        // embedding script; none in native renders), read once.
        let start = {
            let (initial, embed) = (props.initial.clone(), embed.clone());
            use_memo((), move |()| {
                let (start, info, errors) = start(initial, has_data);
                let worker = match &embed {
                    Some(embed) => embed.worker.clone(),
                    None => Some(WORKER.to_owned()),
                }
                .filter(|_| cfg!(target_arch = "wasm32"));
                (Backend::new(worker, start), info, errors)
            })
        };
        let from_link = link.overrides.clone();
        let (info, errors) = (start.1.clone(), start.2.clone());
        // A link's settings apply from the first paint.
        // A link's file opens once its data is shown (an embedding's page keeps its own address).
        let place = if embed.is_none() { link.place.clone() } else { None };
        let state = use_reducer(move || DashboardState {
            overrides: from_link,
            opened_by_link: place.is_some(),
            opened: place,
            ..DashboardState::showing(info, errors)
        });
        (start.0.clone(), state)
    };
    let compact = embed.as_ref().map_or(link.compact, |e| e.compact);
    let link_problems = embed.as_ref().map_or(&link.problems, |e| &e.problems);
    use_settings_link(&state.overrides, state.opened.as_ref(), embed.is_none());
    // An embedding's settings are its options; the page's are the person's, kept in the address.
    // The metric and ref switches work in both: what the person chose wins over the embedding's.
    let overrides = embed.as_ref().map_or_else(
        || state.overrides.clone(),
        |e| {
            let chosen = Overrides {
                metric: state.overrides.metric,
                git_ref: state.overrides.git_ref.clone(),
                ..Overrides::default()
            };
            chosen.over(e.overrides.clone())
        },
    );

    let wanted = embed.as_ref().and_then(|e| e.sections.clone());
    // A load answers the first question the page will ask about its batch.
    let load = use_loader(backend.clone(), state.dispatcher(), FirstView::new(&overrides, wanted.clone()));
    let load_text = use_text_loader(load.clone());
    let remote = match &embed {
        Some(embed) => embed.src.clone(),
        None => link.src.clone(),
    };
    // A repository of a fetched organisation, opened: its history's address, fetched instead
    // until the person goes back.
    let followed = use_state(|| None::<String>);
    use_remote_source(state.dispatcher(), load.clone(), (*followed).clone().or_else(|| remote.clone()));
    use_inline_source(load.clone(), embed.as_ref().and_then(|e| e.text.clone()));

    // Derived, never stored: the batch read as chosen, then the view of the chosen snapshot,
    // answered by the session that holds the batch.
    let how = Rc::new(Combination::new(state.reading, &overrides, &state.labels).within(state.repository.clone()));
    let shown = use_answer(
        &backend,
        state.generation,
        Some(Request::Show { how: (*how).clone(), snapshot: state.snapshot, sections: wanted }),
    );
    // Busy while a load is under way or the view shown answers an older question.
    let busy = !shown.current || state.loading.is_some();
    let shown = shown.reply.and_then(|reply| match &*reply {
        Reply::Shown(shown) => Some(shown.clone()),
        _ => None,
    });
    let view = shown.as_ref().map(|s| (s.view.clone(), s.packages.clone()));
    let sections = shown.as_ref().map(|s| s.sections.clone());
    // The settings in force, read from the batch's fragment once per batch and change, not on
    // every render (a load re-renders on each step of its progress).
    let settings = (*use_memo((state.batch.clone(), overrides.clone()), |(batch, overrides)| {
        batch.as_ref().map(|b| overrides.apply(&b.settings()))
    }))
    .clone();
    let problems = state.batch.as_ref().and_then(|b| b.problems.clone());

    let dispatcher = state.dispatcher();
    let dismiss = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(Action::DismissErrors))
    };
    let cancel = {
        let (dispatcher, backend) = (dispatcher.clone(), backend.clone());
        Callback::from(move |()| {
            backend.cancel();
            dispatcher.dispatch(Action::CancelLoading);
        })
    };
    let choose_reading = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |reading| dispatcher.dispatch(Action::ChooseReading(reading)))
    };
    let change_setting = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |(key, value)| dispatcher.dispatch(Action::ChangeSetting { key, value }))
    };
    let reset_settings = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(Action::ResetSettings))
    };
    let rename_snapshot = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |(index, label)| dispatcher.dispatch(Action::RenameSnapshot { index, label }))
    };
    let choose_metric = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |metric| dispatcher.dispatch(Action::ChooseMetric(metric)))
    };
    let choose_ref = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |git_ref| dispatcher.dispatch(Action::ChooseRef(git_ref)))
    };
    let opener = {
        let dispatcher = dispatcher.clone();
        Opener(Callback::from(move |place| dispatcher.dispatch(Action::OpenFile(place))))
    };
    let open_repository = {
        let (dispatcher, followed, base) = (dispatcher.clone(), followed.clone(), remote.clone());
        RepositoryOpener {
            open: Callback::from(move |(name, address): (String, Option<String>)| match address {
                Some(address) => followed.set(Some(resolve(base.as_deref().unwrap_or(""), &address))),
                None => dispatcher.dispatch(Action::OpenRepository(name)),
            }),
            by_address: remote.is_some(),
        }
    };
    let close_repository = {
        let (dispatcher, followed) = (dispatcher.clone(), followed.clone());
        Callback::from(move |_: MouseEvent| {
            if followed.is_some() {
                followed.set(None);
            } else {
                dispatcher.dispatch(Action::CloseRepository);
            }
        })
    };
    let in_repository = state.repository.is_some() || followed.is_some();
    let go_to_line = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |line| dispatcher.dispatch(Action::GoToLine(line)))
    };
    let close_file = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |()| dispatcher.dispatch(Action::CloseFile))
    };
    let choose_snapshot = Callback::from(move |idx| dispatcher.dispatch(Action::ChooseSnapshot(idx)));
    // How several coverage files are read together; test results beside one are not a choice.
    let n_files = state.batch.as_ref().map_or(0, |b| b.n_coverage_files);
    let errors =
        (!state.errors.is_empty()).then(|| state.errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"));
    let worker_problem =
        backend.problem().map(|p| format!("Files are read on this page rather than in the background: {p}."));
    let data =
        Data { backend: backend.clone(), generation: state.generation, how: how.clone(), snapshot: state.snapshot };

    // The worker starts when the person does something (a key, a press, something dragged in):
    // most of what they can do asks it, and a first look downloads nothing more.
    let (onpointerdown, onkeydown, ondragenter) = {
        let warm = backend.clone();
        let warm = Callback::from(move |()| warm.warm());
        (warm.reform(|_: PointerEvent| ()), warm.reform(|_: KeyboardEvent| ()), warm.reform(|_: DragEvent| ()))
    };
    // Embedded, the dashboard is a part of the portal's page, which has its own main landmark.
    let main_tag = if embed.is_some() { "div" } else { "main" };
    let page = html! {
            <div
                class={classes!("page", compact.then_some("page--compact"), embed.is_some().then_some("covdash-root"))}
                aria-busy={busy.then_some("true")}
                {onpointerdown}
                {onkeydown}
                {ondragenter}
                data-theme={embed.as_ref().and_then(|e| e.overrides.theme.attribute())}
            >
                <header class="page__header">
                    <div class="page__titles">
                        <p class="page__brand">{"covdash"}</p>
                        if in_repository {
                            <button type="button" class="page__back" onclick={close_repository}>{"← All repositories"}</button>
                        }
                        <h1 class="page__title">{view.as_ref().map_or("Coverage", |(v, _)| v.title.as_str()).to_owned()}</h1>
                        if let Some((view, _)) = view.as_ref() {
                            <p class="page__source">{"from "}<span class="page__file">{view.names.clone()}</span></p>
                            if let Some(left_out) = &view.left_out {
                                <p class="page__left-out">{left_out.clone()}</p>
                            }
                        }
                    </div>
                    if !compact {
                        <div class="page__actions">
                            <div class="page__pickers">
                                <FilePicker onfiles={load.clone()} />
                                <FilePicker onfiles={load.clone()} choose={Choose::Folder} />
                            </div>
                            <p class="page__hint">{"or drop coverage files, with their sources, anywhere on the page"}</p>
                        </div>
                    }
                </header>
                <@{main_tag} class="page__main">
                if let Some(loading) = state.loading.clone() {
                    <LoadProgress {loading} oncancel={cancel} />
                }
                if let Some(errors) = errors {
                    {banner(&errors, BannerVariant::Error, Some(&dismiss))}
                }
                if !link_problems.is_empty() {
                    {banner(&link_problems.join("\n"), BannerVariant::Warning, None)}
                }
                if let Some(problem) = worker_problem {
                    {banner(&problem, BannerVariant::Warning, None)}
                }
                if let Some(problems) = problems {
                    {banner(&problems, BannerVariant::Warning, None)}
                }
                if let Some(read_once) = state.batch.as_ref().and_then(|b| b.read_once.clone()) {
                    <p class="page__sources" role="status">{read_once}</p>
                }
                if let Some(sources) = state.batch.as_ref().and_then(|b| b.sources.clone()) {
                    <p class="page__sources" role="status">{sources}</p>
                }
                if let Some(place) = state.opened.clone() {
                    <SourceView
                        key={place.file.clone()}
                        data={data.clone()}
                        path={AttrValue::from(place.file.clone())}
                        line={place.line}
                        ongoto={go_to_line}
                        onclose={close_file}
                    />
                }
                <ContextProvider<Opener> context={opener}>
                <ContextProvider<RepositoryOpener> context={open_repository}>
                <div class="page__dashboard" hidden={state.opened.is_some()}>
                if let (Some(settings), false) = (settings, compact) {
                    <div class="toolbar">
                        <ExportMenu data={data.clone()} />
                        <PasteBox ontext={load_text.clone()} />
                    </div>
                    if embed.is_none() {
                        <SettingsPanel {settings} theme={state.overrides.theme} onchange={change_setting} onreset={reset_settings} />
                    }
                }
                if n_files > 1 {
                    {reading_switch(n_files, state.reading, &choose_reading)}
                }
                if let Some((view, packages)) = view.as_ref() {
                    if view.metrics.len() > 1 && !compact {
                        {metric_switch(&view.metrics, &choose_metric)}
                    }
                    if let Some(trend) = view.trend.clone() {
                        <TrendChart
                            trend={Rc::new(trend)}
                            movers={Rc::<[_]>::from(view.movers.clone())}
                            rows={view.rows}
                            refs={Rc::<[_]>::from(view.refs.clone())}
                            onselect={choose_snapshot.clone()}
                            onref={choose_ref}
                        />
                    }
                    if view.snapshots.len() > 1 {
                        {snapshot_switcher(&view.snapshots, &choose_snapshot, &rename_snapshot)}
                    }
                    {dashboard(view, packages.clone(), sections, data)}
                }
                </div>
                </ContextProvider<RepositoryOpener>>
                </ContextProvider<Opener>>
                </@>
            </div>
    };
    // An iframe's compact layout is the dashboard alone: no drop zone around it.
    if compact {
        page
    } else {
        html! { <DropZone onfiles={load}>{page}</DropZone> }
    }
}

fn dashboard(
    view: &Rc<DashboardView>,
    packages: Rc<PackageRows>,
    sections: Option<Rc<[SectionView]>>,
    data: Data,
) -> Html {
    html! {
        <div class="dashboard">
            if let Some(sections) = sections.clone() {
                {analysis_sections(&sections, Placement::Top, &data)}
            }
            {overall_card(&view.overall, &view.snapshot_label, view.snapshot_time.as_deref())}
            <section class="card" aria-labelledby="packages-heading">
                <h2 id="packages-heading" class="card__heading">{view.rows.heading()}</h2>
                <PackageList first={packages} data={data.clone()} rows={view.rows} />
            </section>
            <Treemap data={data.clone()} rows={view.rows} />
            if let Some(sections) = sections {
                {analysis_sections(&sections, Placement::Below, &data)}
            }
        </div>
    }
}

/// The page address's settings and layout (`?target=85&compact#strategy=effect`).
fn address() -> Link {
    parse_link(&browser::location_query(), &browser::location_fragment())
}

/// `address` as fetched from the page that fetched `base`: itself when absolute (a scheme or
/// a leading `/`), else beside `base`.
fn resolve(base: &str, address: &str) -> String {
    if address.contains("://") || address.starts_with('/') {
        return address.to_owned();
    }
    match base.rfind('/') {
        Some(at) => format!("{}{address}", &base[..=at]),
        None => address.to_owned(),
    }
}
