//! The settings: target, goal, tiers, groups, win words, how recommendations are ranked, and
//! the theme. Every change goes to the URL fragment, so a copied link reproduces the view.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::model::{Settings, Strategy};
use crate::present::{
    groups_text, parse_groups, parse_percent, parse_tiers, parse_wins, tiers_text, wins_text, Overrides, Theme,
};

#[derive(Properties, PartialEq)]
pub struct SettingsPanelProps {
    /// The settings in force (the data's own, with the person's changes).
    pub settings: Settings,
    /// The person's changes, which the panel edits.
    pub overrides: Overrides,
    /// Called with the new changes when a field is changed to something valid.
    pub onchange: Callback<Overrides>,
}

/// Which field a message is about.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Target,
    Goal,
    Tiers,
    Groups,
    Wins,
}

/// A folded card with one labelled control per setting. A value that cannot be used is
/// explained next to the form and the last good value stays in force.
#[component]
pub fn SettingsPanel(props: &SettingsPanelProps) -> Html {
    let problem = use_state(|| None::<(Field, String)>);
    let s = &props.settings;

    // One handler per text field: parse, then either apply or explain.
    let text_field = |field: Field| {
        let overrides = props.overrides.clone();
        let onchange = props.onchange.clone();
        let problem = problem.clone();
        Callback::from(move |event: Event| {
            let value = match event.target_dyn_into::<HtmlTextAreaElement>() {
                Some(area) => area.value(),
                None => event.target_unchecked_into::<HtmlInputElement>().value(),
            };
            let mut next = overrides.clone();
            let result = match field {
                Field::Target => parse_percent(&value).map(|p| next.target = Some(p)),
                Field::Goal => parse_percent(&value).map(|p| next.goal = Some(p)),
                Field::Tiers => parse_tiers(&value).map(|t| next.tiers = Some(t)),
                Field::Groups => parse_groups(&value).map(|g| next.groups = Some(g)),
                Field::Wins => parse_wins(&value).map(|w| next.wins = Some(w)),
            };
            match result {
                Ok(()) => {
                    problem.set(None);
                    onchange.emit(next);
                }
                Err(message) => problem.set(Some((field, message))),
            }
        })
    };
    let on_strategy = {
        let overrides = props.overrides.clone();
        let onchange = props.onchange.clone();
        Callback::from(move |event: Event| {
            let id = event.target_unchecked_into::<HtmlSelectElement>().value();
            onchange.emit(Overrides { strategy: Strategy::from_id(&id), ..overrides.clone() });
        })
    };
    let on_theme = {
        let overrides = props.overrides.clone();
        let onchange = props.onchange.clone();
        Callback::from(move |event: Event| {
            let id = event.target_unchecked_into::<HtmlSelectElement>().value();
            onchange.emit(Overrides { theme: Theme::from_id(&id).unwrap_or_default(), ..overrides.clone() });
        })
    };
    let on_reset = {
        let onchange = props.onchange.clone();
        let problem = problem.clone();
        Callback::from(move |_: MouseEvent| {
            problem.set(None);
            onchange.emit(Overrides::default());
        })
    };
    let number = |value: f64| format!("{value}");
    let message = (*problem).clone().map(|(field, text)| {
        let name = match field {
            Field::Target => "Target",
            Field::Goal => "Goal",
            Field::Tiers => "Tiers",
            Field::Groups => "Groups",
            Field::Wins => "Win words",
        };
        format!("{name}: {text}; the previous value stays in force.")
    });

    html! {
        <details class="card settings">
            <summary class="settings__summary">{"Settings"}</summary>
            <form class="settings__form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label class="settings__field">
                    <span>{"Target per package (%)"}</span>
                    <input id="setting-target" type="number" min="0" max="100" step="0.1"
                        value={number(s.target.value())} onchange={text_field(Field::Target)} />
                </label>
                <label class="settings__field">
                    <span>{"Overall goal (%)"}</span>
                    <input id="setting-goal" type="number" min="0" max="100" step="0.1"
                        value={s.goal.map(|g| number(g.value())).unwrap_or_default()} onchange={text_field(Field::Goal)} />
                </label>
                <label class="settings__field">
                    <span>{"Recommendations"}</span>
                    <select id="setting-strategy" onchange={on_strategy}>
                        for strategy in Strategy::ALL {
                            <option value={strategy.id()} selected={strategy == s.strategy}>{strategy.describe()}</option>
                        }
                    </select>
                </label>
                <label class="settings__field">
                    <span>{"Theme"}</span>
                    <select id="setting-theme" onchange={on_theme}>
                        for theme in Theme::ALL {
                            <option value={theme.id()} selected={theme == props.overrides.theme}>{theme_label(theme)}</option>
                        }
                    </select>
                </label>
                <label class="settings__field settings__field--wide">
                    <span>{"Tiers (name=from %, …)"}</span>
                    <input id="setting-tiers" type="text" value={tiers_text(&s.tiers)} onchange={text_field(Field::Tiers)} />
                </label>
                <label class="settings__field settings__field--wide">
                    <span>{"Win words (word=points, …)"}</span>
                    <input id="setting-wins" type="text" value={wins_text(&s.wins)} onchange={text_field(Field::Wins)} />
                </label>
                <label class="settings__field settings__field--wide">
                    <span>{"Groups (name=glob, glob — one a line; empty: one per top directory)"}</span>
                    <textarea id="setting-groups" rows="4" value={groups_text(&s.groups)} onchange={text_field(Field::Groups)} />
                </label>
                <div class="settings__actions">
                    <button type="button" class="button" onclick={on_reset}>{"Reset to the data's settings"}</button>
                    <p class="settings__note">{"These settings are kept in the page address: copy it to share this view. The data stays in your browser."}</p>
                </div>
                if let Some(message) = message {
                    <p class="settings__problem" role="alert">{message}</p>
                }
            </form>
        </details>
    }
}

fn theme_label(theme: Theme) -> &'static str {
    match theme {
        Theme::System => "As the system",
        Theme::Light => "Light",
        Theme::Dark => "Dark",
    }
}
