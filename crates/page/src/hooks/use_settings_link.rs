//! Keeps the URL fragment and the page's theme in step with the settings the person chose,
//! so that a copied link reproduces the view.

use yew::prelude::*;

use crate::browser;
use covdash_protocol::{fragment_with, Overrides, Place};

/// Writes `overrides` and the file opened (`place`) to the address's fragment (replacing the
/// history entry, so Back still leaves the page) and applies the chosen theme, whenever they
/// change. An embedded dashboard (`enabled` false) leaves the host page's address and theme
/// alone.
#[hook]
pub fn use_settings_link(overrides: &Overrides, place: Option<&Place>, enabled: bool) {
    use_effect_with((overrides.clone(), place.cloned(), enabled), |(overrides, place, enabled)| {
        if !*enabled {
            return;
        }
        browser::replace_fragment(&fragment_with(overrides, place.as_ref()));
        browser::set_theme(overrides.theme.attribute());
    });
}
