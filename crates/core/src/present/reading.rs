//! The person's choices applied to a report as read: which ref of a history is shown, and the
//! metric it is judged by.

use covdash_protocol::escape::visible;

use crate::history;
use crate::model::Report;
use crate::present::{Overrides, RefChoice};

/// Keeps the snapshots of the chosen ref (or of the one shown first, [`history::refs`]),
/// when `report` is a history of several; returns its refs, the one kept marked.
pub fn apply_ref(overrides: &Overrides, report: &mut Report) -> Vec<RefChoice> {
    let refs = history::refs(&report.snapshots);
    if refs.len() < 2 {
        return Vec::new();
    }
    let chosen = overrides.git_ref.as_deref().filter(|r| refs.iter().any(|(name, _)| name == r)).unwrap_or(&refs[0].0);
    let chosen = chosen.to_owned();
    history::keep_ref(report, &chosen);
    refs.into_iter()
        .map(|(name, n_snapshots)| RefChoice { selected: name == chosen, label: visible(&name), name, n_snapshots })
        .collect()
}

/// Judges `report` by the chosen metric, if the report has figures for it.
pub fn apply_metric(overrides: &Overrides, report: &mut Report) {
    if let Some(metric) = overrides.metric.filter(|m| report.recorded_metrics().contains(m)) {
        report.metric = metric;
    }
}
