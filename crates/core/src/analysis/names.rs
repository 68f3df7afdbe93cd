//! Short display names for packages: the directory all of them share is left out.

use std::collections::HashMap;

/// What the files at the report's root are called as a package, whose name is empty.
pub const ROOT_PACKAGE: &str = "(root)";

/// A package's name as shown: [`ROOT_PACKAGE`] for the files at the report's root.
pub fn shown_package(name: &str) -> &str {
    if name.is_empty() {
        ROOT_PACKAGE
    } else {
        name
    }
}

/// Each name without the directory prefix all `names` share (`github.com/acme/app/api` →
/// `api`). A name that is the shared directory itself keeps its last segment; an empty name is
/// `(root)`.
pub fn short_names<'a>(names: impl Iterator<Item = &'a str> + Clone) -> HashMap<&'a str, String> {
    let keep = shared_depth(names.clone());
    names
        .map(|name| {
            let short = name.split('/').skip(keep).collect::<Vec<_>>().join("/");
            let short = match (short.is_empty(), name.is_empty()) {
                (true, true) => ROOT_PACKAGE.to_owned(),
                (true, false) => name.to_owned(),
                (false, _) => short,
            };
            (name, short)
        })
        .collect()
}

/// How many leading path segments all `names` share and are left out of their short names:
/// the shared directory, less its last segment when one name is that directory itself (or
/// when there is only one name), so that no short name is empty.
pub fn shared_depth<'a>(names: impl Iterator<Item = &'a str> + Clone) -> usize {
    let split = |name: &'a str| name.split('/').collect::<Vec<&str>>();
    let mut common: Vec<&str> = names.clone().next().map(split).unwrap_or_default();
    for name in names.clone() {
        let parts = split(name);
        let shared = common.iter().zip(&parts).take_while(|(a, b)| a == b).count();
        common.truncate(shared);
    }
    let n_names = names.clone().count();
    let is_root = |name: &'a str| split(name).len() == common.len();
    if n_names == 1 || names.clone().any(is_root) {
        common.len().saturating_sub(1)
    } else {
        common.len()
    }
}
