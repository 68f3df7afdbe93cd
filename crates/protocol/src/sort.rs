//! One stable sort for every list covdash orders.
//!
//! `slice::sort_by` is generic over the item and the comparison: each of the core's ~40 orders
//! (files by path, packages by name, standings, advice, snapshots by time…) brought its own
//! copy of the standard library's sorting code into the core's module for the browser, about a
//! sixth of its code (and the page's few orders, theirs). Here the standard sort runs once, on
//! indices, with the comparison behind a `dyn` call; what stays generic per order is the short
//! loop that moves the items into place. Lists already in order (the usual case for what a
//! tool writes) are only checked, so the parsers' per-file orders use it too.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in the order they came (as `sort_by`).
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if let Some(order) = sorted_indices(items.len(), &mut |a, b| compare(&items[a], &items[b])) {
        permute(items, order);
    }
}

/// Sorts `items` in their own order, keeping equal items in the order they came.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Sorts `items` by the key `key` gives, keeping equal items in the order they came.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in the order `compare` gives them (stable), or none if they are in
/// order already (tools mostly write lines, blocks and files in order: checking costs one
/// comparison per item, sorting many). The one place the standard sort is instantiated.
fn sorted_indices(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Option<Vec<usize>> {
    if (1..len).all(|at| compare(at - 1, at).is_le()) {
        return None;
    }
    let mut order: Vec<usize> = (0..len).collect();
    #[allow(clippy::disallowed_methods, reason = "the one instance of the standard sort")]
    order.sort_by(|&a, &b| compare(a, b));
    Some(order)
}

/// Moves each item to its place: afterwards `items[i]` is the item that was at `order[i]`.
/// Follows each cycle of the permutation with swaps, marking each place as it is filled.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Against the standard library's own stable sort, on lists with many ties (the second
    /// field records the order items came in, so a reordered tie shows).
    #[test]
    #[allow(clippy::disallowed_methods, reason = "the standard sort is the oracle")]
    fn orders_as_the_standard_stable_sort() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for len in [0, 1, 2, 3, 7, 20, 33, 100, 1000] {
            let items: Vec<(u64, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (seed % 9, i)
                })
                .collect();
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut standard = items.clone();
            standard.sort_by_key(|item| item.0);
            assert_eq!(ours, standard, "{len} items");
            let mut by_key = items;
            sort_by_key(&mut by_key, |item| std::cmp::Reverse(item.0));
            standard.sort_by_key(|item| std::cmp::Reverse(item.0));
            assert_eq!(by_key, standard, "{len} items, by key");
            // Already in order (the check alone), and in the opposite order.
            let mut ascending: Vec<u64> = by_key.iter().map(|item| item.0).rev().collect();
            let expected = ascending.clone();
            sort(&mut ascending);
            assert_eq!(ascending, expected, "{len} items in order");
            let mut descending: Vec<u64> = expected.iter().rev().copied().collect();
            sort(&mut descending);
            assert_eq!(descending, expected, "{len} items in the opposite order");
        }
    }
}
