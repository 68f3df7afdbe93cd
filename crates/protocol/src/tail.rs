//! Which end of a name must stay in view for a list's rows to read apart when their names are
//! cut: the page keeps a name's tail whole and shortens what comes before it, so
//! `cJSON/tests/unity/src` reads `cJ…/src` beside `cJSON/tests` and `cJSON`.

use std::collections::HashMap;

/// For each of `names`, the byte offset where its tail starts: its last `/`-separated segments,
/// as few as tell it from every other name of the list (the whole name where none do, as for
/// two equal names). Names with one segment are all tail.
pub fn distinct_tails<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<usize> {
    // One body for every caller: only the collecting is generic, so the page's module holds it once.
    tails(&names.into_iter().collect::<Vec<_>>())
}

fn tails(names: &[&str]) -> Vec<usize> {
    // Each name's segment starts, from the last segment back: `a/b/c` → [4, 2, 0].
    let starts: Vec<Vec<usize>> = names
        .iter()
        .map(|name| {
            let mut starts: Vec<usize> = name.match_indices('/').map(|(i, _)| i + 1).rev().collect();
            starts.push(0);
            starts
        })
        .collect();
    // The suffix of `k` segments (the whole name when it has fewer).
    let suffix = |i: usize, k: usize| -> &str {
        let at = starts[i].get(k - 1).copied().unwrap_or(0);
        &names[i][at..]
    };
    let mut tails: Vec<Option<usize>> = vec![None; names.len()];
    let deepest = starts.iter().map(Vec::len).max().unwrap_or(0);
    for k in 1..=deepest {
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(names.len());
        for i in 0..names.len() {
            *seen.entry(suffix(i, k)).or_default() += 1;
        }
        let mut open = false;
        for (i, tail) in tails.iter_mut().enumerate() {
            if tail.is_none() {
                if seen.get(suffix(i, k)) == Some(&1) {
                    *tail = Some(starts[i].get(k - 1).copied().unwrap_or(0));
                } else {
                    open = true;
                }
            }
        }
        if !open {
            break;
        }
    }
    tails.into_iter().map(|tail| tail.unwrap_or(0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_name_keeps_the_fewest_last_segments_that_tell_it_apart() {
        // (names, their tails)
        let cases: [(&[&str], &[&str]); 5] = [
            // cJSON's three packages.
            (&["cJSON", "cJSON/tests", "cJSON/tests/unity/src"], &["cJSON", "tests", "src"]),
            (&["a/src", "b/src", "c/lib"], &["a/src", "b/src", "lib"]),
            (&["src", "a/src"], &["src", "a/src"]),
            (&["x/y", "x/y"], &["x/y", "x/y"]),
            (&["naïve/日本語/mod", "naïve/日本語"], &["mod", "日本語"]),
        ];
        for (names, expected) in cases {
            let tails: Vec<&str> =
                distinct_tails(names.iter().copied()).iter().zip(names).map(|(&at, name)| &name[at..]).collect();
            assert_eq!(tails, expected, "{names:?}");
        }
        assert!(distinct_tails([]).is_empty());
    }
}
