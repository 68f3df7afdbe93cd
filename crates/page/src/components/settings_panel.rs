//! The settings: target, goal, tiers, groups, win words, how recommendations are ranked, and
//! the theme. Every change goes to the URL fragment, so a copied link reproduces the view.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::{SettingKind, SettingText};

use covdash_protocol::decimal::shortest;
use covdash_protocol::{globs_text, groups_text, tiers_text, wins_text, Key, Overrides, Theme};
use covdash_protocol::{Settings, Strategy};

#[derive(Properties, PartialEq)]
pub struct SettingsPanelProps {
    /// The settings in force (the data's own, with the person's changes).
    pub settings: Settings,
    /// The theme chosen (the one setting that is the page's, not the data's).
    pub theme: Theme,
    /// Called with a setting and its value as typed, when it can be used.
    pub onchange: Callback<(Key, String)>,
    /// Called when the person puts every setting back to the data's own.
    pub onreset: Callback<()>,
}

/// A folded card with one labelled control per setting. A value that cannot be used is
/// explained next to the form and the last good value stays in force.
#[component]
pub fn SettingsPanel(props: &SettingsPanelProps) -> Html {
    let problem = use_state(|| None::<(Key, String)>);
    let s = &props.settings;

    // One handler for every control: read it as its setting reads text, then apply or explain.
    let field = |key: Key| {
        let onchange = props.onchange.clone();
        let problem = problem.clone();
        Callback::from(move |event: Event| {
            let value = if let Some(area) = event.target_dyn_into::<HtmlTextAreaElement>() {
                area.value()
            } else if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                select.value()
            } else {
                event.target_unchecked_into::<HtmlInputElement>().value()
            };
            // Checked here, to say why a value cannot be used; applied by the reducer, to the
            // settings in force when it gets there.
            match key.set(&mut Overrides::default(), &value) {
                Ok(()) => {
                    problem.set(None);
                    onchange.emit((key, value));
                }
                Err(message) => problem.set(Some((key, message))),
            }
        })
    };
    // Each reset puts every field's text back, the edits that were never applied too.
    let resets = use_state(|| 0u32);
    let on_reset = {
        let onreset = props.onreset.clone();
        let (problem, resets) = (problem.clone(), resets.clone());
        Callback::from(move |_: MouseEvent| {
            problem.set(None);
            resets.set(resets.wrapping_add(1));
            onreset.emit(());
        })
    };
    let resets = *resets;
    let message =
        (*problem).clone().map(|(key, text)| format!("{}: {text}; the previous value stays in force.", key.label()));

    html! {
        <details class="card settings">
            <summary class="settings__summary">{"Settings"}</summary>
            <form class="settings__form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label class="settings__field">
                    <span>{Key::Target.label()}</span>
                    <SettingText {resets} id="setting-target" kind={SettingKind::Percent}
                        text={shortest(s.target.value())} onchange={field(Key::Target)} />
                </label>
                <label class="settings__field">
                    <span>{Key::Goal.label()}</span>
                    <SettingText {resets} id="setting-goal" kind={SettingKind::Percent}
                        text={s.goal.map(|g| shortest(g.value())).unwrap_or_default()} onchange={field(Key::Goal)} />
                </label>
                <label class="settings__field settings__field--double">
                    <span>{Key::Strategy.label()}</span>
                    <select id="setting-strategy" onchange={field(Key::Strategy)}>
                        for strategy in Strategy::ALL {
                            <option value={strategy.id()} selected={strategy == s.strategy}>{strategy.describe()}</option>
                        }
                    </select>
                </label>
                <label class="settings__field">
                    <span>{Key::Theme.label()}</span>
                    <select id="setting-theme" onchange={field(Key::Theme)}>
                        for theme in Theme::ALL {
                            <option value={theme.id()} selected={theme == props.theme}>{theme_label(theme)}</option>
                        }
                    </select>
                </label>
                <label class="settings__field settings__field--wide">
                    <span>{Key::Tiers.label()}</span>
                    <SettingText {resets} id="setting-tiers" text={tiers_text(&s.tiers)} onchange={field(Key::Tiers)} />
                </label>
                <label class="settings__field settings__field--wide">
                    <span>{Key::Wins.label()}</span>
                    <SettingText {resets} id="setting-wins" text={wins_text(&s.wins)} onchange={field(Key::Wins)} />
                </label>
                <label class="settings__field settings__field--wide">
                    <span>{Key::Groups.label()}</span>
                    <SettingText {resets} id="setting-groups" kind={SettingKind::Lines(4)} text={groups_text(&s.groups)} onchange={field(Key::Groups)} />
                </label>
                <label class="settings__field settings__field--wide">
                    <span>{Key::Exclude.label()}</span>
                    <SettingText {resets} id="setting-exclude" placeholder="test/**, **/*.config.*"
                        text={globs_text(&s.paths.exclude)} onchange={field(Key::Exclude)} />
                </label>
                <label class="settings__field settings__field--wide">
                    <span>{Key::Include.label()}</span>
                    <SettingText {resets} id="setting-include" placeholder="src/**"
                        text={globs_text(&s.paths.include)} onchange={field(Key::Include)} />
                </label>
                <label class="settings__field settings__field--wide">
                    <span>{Key::Source.label()}</span>
                    <SettingText {resets} id="setting-source" kind={SettingKind::Url} placeholder="https://raw.githubusercontent.com/ORG/REPO/{commit}/{path}"
                        text={s.source.as_ref().map(|l| l.template.clone()).unwrap_or_default()} onchange={field(Key::Source)} />
                </label>
                <label class="settings__field settings__field--wide">
                    <span>{Key::SourceStrip.label()}</span>
                    <SettingText {resets} id="setting-source-strip" placeholder="/home/runner/work/REPO/REPO/"
                        text={s.source.as_ref().and_then(|l| l.strip.clone()).unwrap_or_default()} onchange={field(Key::SourceStrip)} />
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
