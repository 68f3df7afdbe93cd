//! Globs over names and paths: the groups' patterns over package names, and the exclusions
//! over the report's file paths.

/// Glob matching over names and paths: `*` matches within one path segment, `**` across
/// segments (`a/**` matches `a/b` and `a/b/c`), `?` one character other than `/`; anything
/// else matches itself.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    // `a/**` also matches `a` itself.
    if pattern.strip_suffix("/**").is_some_and(|dir| dir == name) {
        return true;
    }
    let wild = |c: char| c == '*' || c == '?';
    // The patterns covdash makes itself (a package, or a directory and all below it) are
    // matched without the general algorithm.
    if !pattern.contains(wild) {
        return pattern == name;
    }
    if let Some(dir) = pattern.strip_suffix("/**").filter(|dir| !dir.contains(wild)) {
        return name.strip_prefix(dir).is_some_and(|rest| rest.starts_with('/'));
    }
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    // The general case costs |pattern| × |name| steps: beyond what a person's pattern and a
    // package's name need, the pattern is taken as plain text rather than let one input stall
    // the page.
    if p.len().saturating_mul(n.len() + 1) > 16_000_000 {
        return pattern == name;
    }
    matches(&p, &n)
}

/// Whether `p` matches all of `n`, by dynamic programming over positions, the pattern from its
/// end: `row(i)[j]` says whether `p[i..]` matches `n[j..]`. Each row needs only the next three,
/// so memory is four rows of the name's length and nothing is recursive.
fn matches(p: &[char], n: &[char]) -> bool {
    let width = n.len() + 1;
    let mut rows = vec![vec![false; width]; 4];
    rows[p.len() % 4][n.len()] = true;
    for i in (0..p.len()).rev() {
        let (below, row) = {
            // Rows i+1, i+2, i+3 (those past the end are never read) and row i.
            let mut next = [Vec::new(), Vec::new(), Vec::new()];
            for (k, slot) in next.iter_mut().enumerate() {
                if i + 1 + k <= p.len() {
                    *slot = std::mem::take(&mut rows[(i + 1 + k) % 4]);
                }
            }
            (next, std::mem::take(&mut rows[i % 4]))
        };
        let mut row = row;
        let [one, two, three] = &below;
        match &p[i..] {
            // `**/` matches zero or more whole segments.
            ['*', '*', '/', ..] => {
                let mut any_after_slash = false;
                for j in (0..width).rev() {
                    any_after_slash |= j < n.len() && n[j] == '/' && three[j + 1];
                    row[j] = three[j] || any_after_slash;
                }
            }
            ['*', '*', ..] => {
                let mut any = false;
                for j in (0..width).rev() {
                    any |= two[j];
                    row[j] = any;
                }
            }
            ['*', ..] => {
                for j in (0..width).rev() {
                    row[j] = one[j] || (j < n.len() && n[j] != '/' && row[j + 1]);
                }
            }
            [c, ..] => {
                for j in 0..width {
                    row[j] = j < n.len() && (if *c == '?' { n[j] != '/' } else { n[j] == *c }) && one[j + 1];
                }
            }
            [] => {}
        }
        for (k, slot) in below.into_iter().enumerate() {
            if i + 1 + k <= p.len() {
                rows[(i + 1 + k) % 4] = slot;
            }
        }
        rows[i % 4] = row;
    }
    rows[0][0]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules read straight as recursion, for checking the iterative matcher.
    fn reference(p: &[char], n: &[char]) -> bool {
        match p {
            [] => n.is_empty(),
            ['*', '*', '/', rest @ ..] => {
                reference(rest, n) || (0..n.len()).any(|k| n[k] == '/' && reference(rest, &n[k + 1..]))
            }
            ['*', '*', rest @ ..] => (0..=n.len()).any(|k| reference(rest, &n[k..])),
            ['*', rest @ ..] => {
                (0..=n.len()).take_while(|&k| k == 0 || n[k - 1] != '/').any(|k| reference(rest, &n[k..]))
            }
            ['?', rest @ ..] => n.first().is_some_and(|&c| c != '/') && reference(rest, &n[1..]),
            [c, rest @ ..] => n.first() == Some(c) && reference(rest, &n[1..]),
        }
    }

    #[test]
    fn the_matcher_agrees_with_the_rules_on_every_short_pattern_and_name() {
        let words = |alphabet: &[char], max: usize| -> Vec<Vec<char>> {
            let mut all = vec![Vec::new()];
            let mut last = vec![Vec::new()];
            for _ in 0..max {
                last = last.iter().flat_map(|w| alphabet.iter().map(move |c| [w.clone(), vec![*c]].concat())).collect();
                all.extend(last.clone());
            }
            all
        };
        let patterns = words(&['a', '/', '*', '?'], 5);
        let names = words(&['a', 'b', '/'], 5);
        for p in &patterns {
            for n in &names {
                assert_eq!(matches(p, n), reference(p, n), "{:?} {:?}", String::from_iter(p), String::from_iter(n));
            }
        }
    }

    #[test]
    fn globs() {
        let long = "a".repeat(60);
        // (pattern, name, matches)
        let cases = [
            ("sdk/cli", "sdk/cli", true),
            ("sdk/cli", "sdk/client", false),
            ("sdk/*", "sdk/cli", true),
            ("sdk/*", "sdk/cli/x", false),
            ("sdk/**", "sdk/cli/x", true),
            ("sdk/**", "sdk", true),
            ("**/storage", "storage", true),
            ("**/storage", "sdk/storage", true),
            ("**/storage", "sdk/storages", false),
            ("s?k/*", "sdk/agent", true),
            ("*", "storage", true),
            ("*", "sdk/agent", false),
            ("**", "a/b/c", true),
            ("github.com/acme/*/api", "github.com/acme/app/api", true),
            ("*a*a*a*a*a*a*a*a*a*a*a*b", long.as_str(), false),
        ];
        for (pattern, name, expected) in cases {
            assert_eq!(glob_match(pattern, name), expected, "{pattern} {name}");
        }
    }
}
