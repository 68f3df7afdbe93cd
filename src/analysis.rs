//! Judging a report: overall figures, package standings and tiers.
//!
//! Pure functions over the [`model`](crate::model): no I/O, no clock (times are arguments), no
//! formatting (that is [`present`](crate::present)'s job).

mod overall;
mod packages;

pub use overall::{overall, Overall, OverallMethod};
pub use packages::{ranked_packages, PackageStanding};
