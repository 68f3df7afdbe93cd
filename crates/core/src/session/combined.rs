//! A batch combined as the page reads it, and what each output makes of it.

use std::rc::Rc;

use crate::analysis::{PortfolioAnalysis, Section};
use crate::model::{Report, Settings, Sources};
use crate::present::{self, DashboardView, SectionBody, SectionView, SourceOrigin, SourceText, SourceView};
use covdash_protocol::wire::Export;

/// The batch combined: the report as shown, with the settings in force and the files' names.
#[derive(Debug, Clone, PartialEq)]
pub struct Combined {
    pub report: Report,
    pub settings: Settings,
    /// The files' names, joined: what the data is called.
    pub names: String,
    /// The refs of a history with several, the one kept in `report` selected.
    pub refs: Vec<present::RefChoice>,
    /// The organisation, when the batch is a portfolio (`report` is then empty).
    pub portfolio: Option<Rc<PortfolioAnalysis>>,
    /// The organisation's repositories whose own dashboards can be shown.
    pub openable: Vec<String>,
}

impl Combined {
    /// The file at `path` as of `snapshot` (the latest when `None`), opened to its lines, with
    /// its source: the one the page fetched, else one at hand, else where to fetch it.
    pub fn lines(
        &self,
        snapshot: Option<usize>,
        path: &str,
        sources: &Sources,
        fetched: Option<(&str, &str)>,
    ) -> Option<SourceView> {
        let n_snapshots = self.report.snapshots.len();
        let is_latest = snapshot.is_none_or(|idx| idx + 1 >= n_snapshots);
        let snapshot = snapshot.and_then(|idx| self.report.snapshots.get(idx)).or(self.report.latest())?;
        let file = snapshot.files().find(|f| f.path == path)?;
        let source = match (fetched, sources.get(path)) {
            (Some((url, text)), _) => Ok(SourceText { text, origin: SourceOrigin::Fetched(url.to_owned()) }),
            (None, Some(at_hand)) => Ok(SourceText::at_hand(at_hand)),
            (None, None) => {
                Err(present::missing_source(self.settings.source.as_ref(), snapshot.revision.commit.as_deref(), path))
            }
        };
        let mut view = present::source_view(file, self.report.metric, source);
        // The latest snapshot, measured with a diff and after another with lines: each line the
        // change touched, or whose coverage changed, says how (docs/change.md).
        let diff = self.report.change.as_deref();
        if let (true, Some((before, _))) = (is_latest, crate::analysis::compared(&self.report.snapshots, diff)) {
            if let Some(changed) = crate::analysis::file_differential(before, snapshot, diff, path) {
                present::mark_changes(&mut view, &changed);
            }
        }
        Some(view)
    }

    /// The dashboard as of `snapshot` (the latest when `None`).
    pub fn dashboard(&self, snapshot: Option<usize>) -> DashboardView {
        if let Some(portfolio) = &self.portfolio {
            return present::portfolio_dashboard(portfolio, &self.settings, &self.names, &self.openable);
        }
        present::DashboardView {
            refs: self.refs.clone(),
            ..present::dashboard(&self.report, &self.settings, &self.names, snapshot)
        }
    }

    /// The sections as of `snapshot` that are in `wanted` (all when `None`).
    pub fn sections(&self, snapshot: Option<usize>, wanted: Option<&[Section]>) -> Vec<SectionView> {
        let mut all = match &self.portfolio {
            Some(portfolio) => present::portfolio_sections(portfolio, &self.settings),
            None => present::sections(&self.report, &self.settings, snapshot),
        };
        if let Some(wanted) = wanted {
            all.retain(|section| wanted.contains(&section.section));
        }
        all
    }

    /// The recommendations as of `snapshot`, the first `with_files` with their files (an
    /// organisation's, which list no files, as its sections have them).
    pub fn recommendations(&self, snapshot: Option<usize>, with_files: usize) -> SectionBody {
        match &self.portfolio {
            Some(portfolio) => present::portfolio_sections(portfolio, &self.settings)
                .into_iter()
                .find(|section| section.is(Section::Recommendations))
                .map_or_else(|| SectionBody::Unavailable(String::new()), |section| section.body),
            None => present::recommendations_section(&self.report, &self.settings, snapshot, with_files),
        }
    }

    /// The treemap's level at `path` as of `snapshot`.
    pub fn treemap(&self, snapshot: Option<usize>, path: &[String]) -> present::TreemapView {
        match &self.portfolio {
            Some(portfolio) => present::portfolio_treemap(portfolio, &self.settings, path),
            None => present::report_treemap(&self.report, &self.settings, snapshot, path),
        }
    }

    /// What one export makes of it.
    pub fn export(&self, export: Export) -> String {
        let (report, settings) = (&self.report, &self.settings);
        if let Some(portfolio) = &self.portfolio {
            return match export {
                Export::Markdown => present::portfolio_markdown(portfolio, present::COMMENT_CHARS),
                Export::Text => present::portfolio_text(portfolio),
                Export::Json => present::portfolio_json(portfolio),
                Export::Badge => present::badge_of(portfolio.percent.and_then(crate::model::Percent::new), settings),
            };
        }
        match export {
            Export::Markdown => present::markdown_report(report, settings),
            Export::Text => present::text_report(report, settings),
            Export::Badge => present::badge_svg(report, settings),
            Export::Json => present::covdash_json(report, settings),
        }
    }
}
