//! Packages ranked by coverage, each with its tier.

use crate::model::{sort_by, Coverage, Metric, Percent, Snapshot};

/// Where one package stands in a snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct PackageStanding<'a> {
    pub name: &'a str,
    /// `None` when the package has no figure for the metric.
    pub coverage: Option<Coverage>,
    /// `None` when the package has nothing to count.
    pub percent: Option<Percent>,
    /// How many files the package has (0 for a package known by its figure only).
    pub n_files: usize,
}

/// The packages of `snapshot` by their `metric` figure, highest first; ties by name; packages
/// with nothing to count last.
pub fn ranked_packages<'a>(snapshot: &'a Snapshot, metric: Metric) -> Vec<PackageStanding<'a>> {
    let mut standings: Vec<PackageStanding<'a>> = snapshot
        .packages
        .iter()
        .map(|p| {
            let coverage = p.coverage(metric);
            let percent = coverage.and_then(Coverage::percent);
            PackageStanding { name: &p.name, coverage, percent, n_files: p.files.len() }
        })
        .collect();
    sort_by(&mut standings, |a, b| {
        let a_value = a.percent.map_or(-1.0, Percent::value);
        let b_value = b.percent.map_or(-1.0, Percent::value);
        b_value.total_cmp(&a_value).then_with(|| a.name.cmp(b.name))
    });
    standings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Counts, Package};

    #[test]
    fn ranks_by_coverage_then_name_with_empty_last() {
        let package = |name: &str, coverage| Package::summary(name.to_owned(), Metric::Lines, coverage);
        let snapshot = Snapshot::new(
            "now".to_owned(),
            None,
            vec![
                package("empty", Coverage::Counts(Counts::new(0, 0).unwrap())),
                package("b", Coverage::Percent(Percent::new(70.0).unwrap())),
                package("a", Coverage::Counts(Counts::new(7, 10).unwrap())),
                package("top", Coverage::Percent(Percent::new(95.0).unwrap())),
            ],
        );
        let ranked = ranked_packages(&snapshot, Metric::Lines);
        let names: Vec<(&str, Option<f64>)> = ranked.iter().map(|s| (s.name, s.percent.map(Percent::value))).collect();
        assert_eq!(names, [("top", Some(95.0)), ("a", Some(70.0)), ("b", Some(70.0)), ("empty", None)]);
    }
}
