//! Range look-ups in ascending lists, for ranges asked mostly in text order.
//!
//! Several stages ask one sorted list for the items in range after range: the
//! entity rules their start tokens per sentence, claims the marked words,
//! entities and quantities of each sentence or claim. The ranges mostly come
//! in text order, so stepping forward from where the last answer was is
//! cheaper than two binary searches per range; one function does that for all
//! of them, falling back to the binary search whenever a range lies before the
//! starting point.

use std::ops::Range;

/// The positions of the items of `list` (ascending by `key`) whose key lies in
/// `from..to`: what `partition_point` gives for `from` and `to`, found by
/// stepping forward from position `hint` (for instance the start or end of the
/// previous answer). Any `hint` gives the same answer; a hint past items with a
/// key at or after `from` falls back to the binary search. An empty or
/// reversed range gives an empty range.
pub(crate) fn range_from<T>(
    list: &[T],
    key: impl Fn(&T) -> usize,
    from: usize,
    to: usize,
    hint: usize,
) -> Range<usize> {
    let mut lo = hint.min(list.len());
    if lo > 0 && key(&list[lo - 1]) >= from {
        lo = list.partition_point(|x| key(x) < from);
    }
    while list.get(lo).is_some_and(|x| key(x) < from) {
        lo += 1;
    }
    let mut hi = lo;
    while list.get(hi).is_some_and(|x| key(x) < to) {
        hi += 1;
    }
    lo..hi
}

#[cfg(test)]
mod tests {
    use super::range_from;

    /// Every range over a list with repeated keys, from every hint, answers as
    /// the two binary searches of the standard library do.
    #[test]
    fn agrees_with_partition_point_from_any_hint() {
        let keys = [0, 2, 3, 3, 7, 8, 9, 9, 9, 15, 20, 21];
        for from in 0..24 {
            for to in 0..24 {
                let lo = keys.partition_point(|&k| k < from);
                let want = lo..keys.partition_point(|&k| k < to).max(lo);
                for hint in 0..keys.len() + 3 {
                    let got = range_from(&keys, |&k| k, from, to, hint);
                    assert_eq!(got, want, "{from}..{to} from {hint}");
                }
            }
        }
        assert_eq!(range_from(&[] as &[usize], |&k| k, 0, 5, 3), 0..0);
    }
}
