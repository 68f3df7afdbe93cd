//! The overall coverage of a snapshot, and how it was obtained.

use crate::model::{sort_by, Counts, Coverage, Metric, Package, Percent, Snapshot};

/// The overall figure of one snapshot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overall {
    /// `None` when no package has a figure.
    pub percent: Option<Percent>,
    pub method: OverallMethod,
}

/// How an overall figure was obtained, so the page can say so.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OverallMethod {
    /// Every package has counts: the sum of covered over the sum of totals.
    Weighted { metric: Metric, counts: Counts, n_packages: usize },
    /// Some packages have only a percentage: the unweighted mean of the packages' percentages.
    /// Packages with nothing to count are left out of `n_packages`.
    MeanOfPackages { metric: Metric, n_packages: usize, n_without_counts: usize },
    /// The snapshot has no package with a figure.
    NoData,
}

/// Weighted by counts when every package has them, the mean of the packages otherwise.
pub fn overall(snapshot: &Snapshot, metric: Metric) -> Overall {
    overall_of(snapshot.packages.iter(), metric)
}

/// [`overall`] of some packages (a group's, say).
pub fn overall_of<'a>(packages: impl IntoIterator<Item = &'a Package>, metric: Metric) -> Overall {
    // Packages with no figure for `metric` take no part.
    let figures: Vec<Coverage> = packages.into_iter().filter_map(|p| p.coverage(metric)).collect();
    let all_counts: Option<Vec<Counts>> = figures.iter().map(|c| c.counts()).collect();
    if let Some(all_counts) = all_counts {
        let counts = all_counts.iter().fold(Counts::default(), |sum, c| sum.saturating_add(*c));
        if counts.total() > 0 {
            let method = OverallMethod::Weighted { metric, counts, n_packages: figures.len() };
            return Overall { percent: counts.percent(), method };
        }
        return Overall { percent: None, method: OverallMethod::NoData };
    }
    let mut percents: Vec<f64> = figures.iter().filter_map(|c| c.percent()).map(Percent::value).collect();
    // Summed in a fixed order, so that the mean (and its rounding) does not depend on the
    // order the packages come in.
    sort_by(&mut percents, f64::total_cmp);
    let n_without_counts = figures.iter().filter(|c| c.counts().is_none()).count();
    if percents.is_empty() {
        return Overall { percent: None, method: OverallMethod::NoData };
    }
    let mean = percents.iter().sum::<f64>() / percents.len() as f64;
    Overall {
        // A mean of values within 0..=100 stays within it, up to rounding at the edges.
        percent: Percent::new(mean.clamp(0.0, 100.0)),
        method: OverallMethod::MeanOfPackages { metric, n_packages: percents.len(), n_without_counts },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(packages: &[(&str, Coverage)]) -> Snapshot {
        let packages = packages
            .iter()
            .map(|(name, coverage)| Package::summary((*name).to_owned(), Metric::Lines, *coverage))
            .collect();
        Snapshot::new("now".to_owned(), None, packages)
    }

    fn counts(covered: u64, total: u64) -> Coverage {
        Coverage::Counts(Counts::new(covered, total).unwrap())
    }

    fn pct(value: f64) -> Coverage {
        Coverage::Percent(Percent::new(value).unwrap())
    }

    #[test]
    fn counts_are_weighted() {
        let res =
            overall(&snapshot(&[("a", counts(1, 10)), ("b", counts(89, 90)), ("c", counts(0, 0))]), Metric::Lines);
        assert_eq!(res.percent, Percent::new(90.0));
        assert_eq!(
            res.method,
            OverallMethod::Weighted { metric: Metric::Lines, counts: Counts::new(90, 100).unwrap(), n_packages: 3 }
        );
    }

    #[test]
    fn percentages_alone_give_the_mean_of_packages() {
        let res = overall(&snapshot(&[("a", pct(50.0)), ("b", counts(3, 4)), ("c", counts(0, 0))]), Metric::Lines);
        assert_eq!(res.percent, Percent::new(62.5));
        assert_eq!(
            res.method,
            OverallMethod::MeanOfPackages { metric: Metric::Lines, n_packages: 2, n_without_counts: 1 }
        );
    }

    #[test]
    fn nothing_to_count_is_no_data() {
        for packages in [vec![], vec![("a", counts(0, 0))]] {
            let res = overall(&snapshot(&packages), Metric::Lines);
            assert_eq!(res, Overall { percent: None, method: OverallMethod::NoData });
        }
    }
}
