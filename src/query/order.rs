//! The order of a query's results, fast: every sort key of every kept task is computed
//! once, as a number whose plain order is the key's order (texts become their rank among
//! the texts of that key, by [`collate::key`]), so sorting compares rows of integers
//! instead of re-reading tasks. The last number of a row is the task's place among the
//! kept (which ascend by index), which makes the order total: a full sort gives exactly what a stable sort by [`Sorter::compare`]
//! gives. With `limit N` the keys are computed one at a time, each only for the tasks still
//! tied for the first `N` places, and only those `N` are sorted: the same first `N`.

use super::collate;
use super::date_field::DateField;
use super::item::{Item, Items, type_group_name};
use super::sort::{SortKey, Sorter, clean};
use crate::model::Priority;
use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;

/// `kept` (indexes into `items`, ascending) ordered by `sorters`, then by index; only the
/// first `limit` when given.
pub(crate) fn sorted<'a, I: Items<'a> + ?Sized>(
    sorters: &[Sorter],
    items: &I,
    kept: &[usize],
    limit: Option<usize>,
) -> Vec<usize> {
    debug_assert!(kept.is_sorted(), "kept ascends");
    if let Some(n) = limit.filter(|n| *n < kept.len()) {
        let mut first = first(sorters, items, kept, n);
        first.sort_unstable();
        return sorted(sorters, items, &first, None);
    }
    if kept.len() <= 1 {
        return kept.to_vec();
    }
    let mut rows = Packed::new(kept.len());
    for sorter in sorters {
        let mut values = column_of(sorter.key, items, kept);
        if sorter.reverse {
            values.iter_mut().for_each(|v| *v = !*v);
        }
        rows.push(values);
    }
    // The place in `kept` last, which orders as the index does (`kept` ascends) in the
    // fewest bits (an index of `Places` says where its task is): the order is total.
    let index = rows.push((0..kept.len() as u64).collect());
    let order = rows.sorted(index);
    order.into_iter().map(|k| kept[k]).collect()
}

/// The sort keys of a list of tasks, row by row, packed: each column (one key's values) is
/// stored less its least value, in as many bits as its spread needs, the first columns in
/// the high bits of 64-bit words, so that comparing words in turn compares the keys in
/// turn. A key every task shares takes no room; a million tasks alike are sorted on one
/// word each instead of one word per key (decision 0082).
struct Packed {
    rows: usize,
    /// One vector per word, each holding that word of every row.
    words: Vec<Vec<u64>>,
    /// Bits still free at the bottom of the last word.
    free: u32,
}

/// Where a column went: its word, the shift of its lowest bit, its width and least value.
#[derive(Clone, Copy)]
struct Column {
    word: usize,
    shift: u32,
    bits: u32,
    least: u64,
}

impl Packed {
    fn new(rows: usize) -> Self {
        Self {
            rows,
            words: Vec::new(),
            free: 0,
        }
    }

    /// Add the next column (one value per row): after every column before it.
    fn push(&mut self, values: Vec<u64>) -> Column {
        let least = values.iter().copied().min().unwrap_or_default();
        let most = values.iter().copied().max().unwrap_or_default();
        let bits = u64::BITS - (most - least).leading_zeros();
        if bits > self.free || self.words.is_empty() {
            self.words.push(vec![0; self.rows]);
            self.free = u64::BITS;
        }
        self.free -= bits;
        let word = self.words.len() - 1;
        if bits > 0 {
            let shift = self.free;
            for (w, v) in self.words[word].iter_mut().zip(values) {
                *w |= (v - least) << shift;
            }
        }
        Column {
            word,
            shift: self.free,
            bits,
            least,
        }
    }

    /// The values of `index` (a column unique to each row) in the rows' order.
    fn sorted(mut self, index: Column) -> Vec<usize> {
        let mask = match index.bits {
            u64::BITS => u64::MAX,
            bits => (1 << bits) - 1,
        };
        let value = |w: u64| ((w >> index.shift & mask) + index.least) as usize;
        if let [word] = self.words.as_mut_slice() {
            // Every key and the index in one word: sort the words themselves.
            word.par_sort_unstable();
            return word.iter().map(|&w| value(w)).collect();
        }
        let words = &self.words;
        let mut order: Vec<usize> = (0..self.rows).collect();
        order.par_sort_unstable_by(|&a, &b| {
            words
                .iter()
                .map(|w| w[a].cmp(&w[b]))
                .find(|o| o.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let last = &words[index.word];
        order.into_iter().map(|r| value(last[r])).collect()
    }
}

/// The first `n` of `kept` in `sorters`' order, then by index (unordered). One key at a
/// time: a task whose value comes before the n-th value is in; after it, out; only the
/// tasks tied with it go on to the next key. Most tasks are decided by the first keys,
/// so the costly text keys are computed for a few.
fn first<'a, I: Items<'a> + ?Sized>(
    sorters: &[Sorter],
    items: &I,
    kept: &[usize],
    n: usize,
) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    let mut chosen = Vec::with_capacity(n);
    // Always a part of `kept` in its order, so ascending; borrowed until a key parts it.
    let mut tied = Cow::Borrowed(kept);
    let mut wanted = n;
    for sorter in sorters {
        if tied.len() <= wanted {
            break;
        }
        let mut values = column_of(sorter.key, items, &tied);
        if sorter.reverse {
            values.iter_mut().for_each(|v| *v = !*v);
        }
        if values.iter().min() == values.iter().max() {
            // Every task ties on this key (a million tasks alike): no copy to choose in.
            continue;
        }
        let mut nth = values.clone();
        // Fewer than `wanted` tasks come before the bound, so `wanted` stays above 0.
        let bound = *nth.select_nth_unstable(wanted - 1).1;
        let mut next = Vec::new();
        for (&i, &v) in tied.iter().zip(&values) {
            if v < bound {
                chosen.push(i);
            } else if v == bound {
                next.push(i);
            }
        }
        wanted = n - chosen.len();
        tied = Cow::Owned(next);
    }
    // Still tied on every key: the first by index.
    chosen.extend(tied.iter().take(wanted));
    chosen
}

/// The value of `key` for one task, as a number in the key's order, when the key is
/// worked out from the task alone (status, urgency, priority, a date, recurring); `None`
/// for a key of text, which is a rank among the texts of all the tasks sorted.
pub(crate) fn number(key: SortKey, item: &Item<'_>) -> Option<u64> {
    Some(match key {
        SortKey::Status => u64::from(item.is_done()),
        // Highest first.
        SortKey::Urgency => urgency_number(item.urgency()),
        SortKey::Priority => !priority_rank(item.task.meta.priority),
        SortKey::Date(field) => date_rank(field, item),
        SortKey::Recurring => u64::from(item.task.meta.recurrence.is_none()),
        _ => return None,
    })
}

/// The key is worked out from the task alone, as a number ([`number`]).
pub(crate) fn is_number(key: SortKey) -> bool {
    matches!(
        key,
        SortKey::Status
            | SortKey::Urgency
            | SortKey::Priority
            | SortKey::Date(_)
            | SortKey::Recurring
    )
}

/// The value of `key` for each kept task, in `kept`'s order.
fn column_of<'a, I: Items<'a> + ?Sized>(key: SortKey, items: &I, kept: &[usize]) -> Vec<u64> {
    if is_number(key) {
        let numbers = kept.iter().map(|&i| number(key, &items.item(i)));
        return numbers.map(Option::unwrap_or_default).collect();
    }
    match key {
        SortKey::Status
        | SortKey::Urgency
        | SortKey::Priority
        | SortKey::Date(_)
        // Numbers: answered above.
        | SortKey::Recurring => Vec::new(),
        SortKey::StatusName => ranks(kept.iter().map(|&i| Some(items.item(i).status_name))),
        SortKey::StatusType => {
            let names: Vec<String> = kept
                .iter()
                .map(|&i| type_group_name(items.item(i).status_type))
                .collect();
            ranks(names.iter().map(|n| Some(n.as_str())))
        }
        SortKey::Path => ranks(kept.iter().map(|&i| Some(items.item(i).path()))),
        SortKey::Filename => ranks(kept.iter().map(|&i| Some(items.item(i).filename()))),
        SortKey::Heading => ranks(
            kept.iter()
                .map(|&i| Some(items.item(i).heading().unwrap_or_default())),
        ),
        SortKey::Description => {
            let texts: Vec<String> = kept
                .iter()
                .map(|&i| clean(&items.item(i).task.description))
                .collect();
            ranks(texts.iter().map(|t| Some(t.as_str())))
        }
        SortKey::Tag(n) => {
            let tags: Vec<Option<String>> = kept
                .iter()
                .map(|&i| items.item(i).tags().nth(n - 1))
                .collect();
            ranks(tags.iter().map(Option::as_deref))
        }
        SortKey::Id => ranks(
            kept.iter()
                .map(|&i| Some(items.item(i).task.meta.id.as_deref().unwrap_or_default())),
        ),
    }
}

/// An urgency as a number in the order of [`SortKey::Urgency`]: highest first.
pub(crate) fn urgency_number(urgency: f64) -> u64 {
    !ordered_bits(urgency)
}

/// A float as a number in [`f64::total_cmp`]'s order.
fn ordered_bits(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// A priority as a number in its order (a task without one has [`Priority::None`]).
fn priority_rank(p: Option<Priority>) -> u64 {
    let p = p.unwrap_or(Priority::None);
    Priority::ALL
        .iter()
        .position(|x| *x == p)
        .unwrap_or_default() as u64
}

/// A date in its order, a missing one last.
fn date_rank(field: DateField, item: &Item<'_>) -> u64 {
    field.value(item).map_or(u64::MAX, day_number)
}

/// The days since a fixed day long before any date chrono can hold.
fn day_number(date: NaiveDate) -> u64 {
    (i64::from(date.num_days_from_ce()) - i64::from(i32::MIN)) as u64
}

/// Each text's rank among the distinct texts, in [`collate::natural`]'s order; a missing
/// text last.
fn ranks<'t>(texts: impl Iterator<Item = Option<&'t str>>) -> Vec<u64> {
    // Each text's slot among the distinct ones; the same text often comes several times in
    // a row (the tasks of one note share its path).
    let mut slot_of: HashMap<&str, usize> = HashMap::new();
    let mut distinct: Vec<&str> = Vec::new();
    let mut previous: Option<(&str, usize)> = None;
    // A missing text's slot is `u64::MAX`, and each slot becomes its rank in place: one
    // word per task at a time (a million tasks are sorted by path).
    let mut slots: Vec<u64> = texts
        .map(|t| {
            let Some(t) = t else { return u64::MAX };
            if let Some((p, slot)) = previous {
                if p == t {
                    return slot as u64;
                }
            }
            let slot = *slot_of.entry(t).or_insert_with(|| {
                distinct.push(t);
                distinct.len() - 1
            });
            previous = Some((t, slot));
            slot as u64
        })
        .collect();
    let mut keyed: Vec<(Vec<u8>, &str, usize)> = distinct
        .par_iter()
        .enumerate()
        .map(|(slot, t)| (collate::key(t), *t, slot))
        .collect();
    keyed.par_sort_unstable();
    let mut rank = vec![0u64; distinct.len()];
    for (r, (_, _, slot)) in keyed.into_iter().enumerate() {
        rank[slot] = r as u64;
    }
    for s in slots.iter_mut().filter(|s| **s != u64::MAX) {
        *s = rank[*s as usize];
    }
    slots
}

/// The order [`sorted`] gives, by comparing two tasks key after key (the reference the
/// tests hold it to).
#[cfg(test)]
pub(crate) fn compare(
    sorters: &[Sorter],
    items: &[Item<'_>],
    a: usize,
    b: usize,
) -> std::cmp::Ordering {
    sorters
        .iter()
        .map(|s| s.compare(&items[a], &items[b]))
        .find(|o| o.is_ne())
        .unwrap_or(std::cmp::Ordering::Equal)
        .then(a.cmp(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::{ClassifySettings, Dependencies};
    use crate::model::Document;
    use crate::parse::{ParseOptions, parse_document};
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    /// Every key a sort line can name.
    fn keys() -> Vec<SortKey> {
        let mut keys = vec![
            SortKey::Status,
            SortKey::StatusName,
            SortKey::StatusType,
            SortKey::Urgency,
            SortKey::Priority,
            SortKey::Recurring,
            SortKey::Path,
            SortKey::Filename,
            SortKey::Heading,
            SortKey::Description,
            SortKey::Tag(1),
            SortKey::Tag(2),
            SortKey::Id,
        ];
        keys.extend(DateField::ALL.map(SortKey::Date));
        keys
    }

    /// A few notes of tasks drawn from `seed`: few distinct values, so many ties.
    fn notes(seed: u64) -> Vec<Document> {
        let mut state = seed;
        let mut pick = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % n
        };
        const STATUS: [&str; 5] = [" ", "x", "/", "-", "X"];
        const TEXT: [&str; 8] = [
            "Item 9",
            "Item 10",
            "item 9",
            "**Call** Bob",
            "[[Note]] x",
            "é b",
            "",
            "B 007",
        ];
        const MARK: [&str; 14] = [
            "",
            "⏫",
            "🔼",
            "🔽",
            "🔺",
            "⏬",
            "📅 2026-11-24",
            "📅 2026-12-01",
            "⏳ 2026-11-20",
            "🛫 2026-11-30",
            "#a",
            "#b/c",
            "🔁 every week",
            "🆔 t1",
        ];
        let paths = ["a.md", "A/b.md", "a/10.md", "a/9.md", "z.md"];
        let opts = ParseOptions::default();
        paths
            .iter()
            .map(|path| {
                let mut text = String::new();
                for _ in 0..pick(12) {
                    if pick(4) == 0 {
                        text.push_str(&format!("# H{}\n", pick(3)));
                    }
                    let (s, d) = (STATUS[pick(5)], TEXT[pick(8)]);
                    let (m, n) = (MARK[pick(14)], MARK[pick(14)]);
                    text.push_str(&format!("- [{s}] {d} {m} {n}\n"));
                }
                parse_document(path, text.as_bytes(), &opts)
            })
            .collect()
    }

    #[test]
    fn packed_rows_sort_as_their_columns_do() {
        let mut state = 3u64;
        let mut pick = |n: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        // (rows, each column's values: least and how many distinct) — from every key
        // shared (one word) to full-width keys (a word each).
        for (rows, columns) in [
            (50, vec![(0, 1), (7, 1), (0, 1)]),
            (50, vec![(0, 2), (100, 3), (5, 1)]),
            (200, vec![(1 << 40, 1 << 20), (0, 1 << 30), (9, 4)]),
            (100, vec![(u64::MAX - 5, 6), (0, 2), (u64::MAX - 1, 2)]),
            (300, vec![(0, u64::MAX), (3, 5)]),
            (2, vec![(0, 1)]),
        ] {
            let values: Vec<Vec<u64>> = columns
                .iter()
                .map(|&(least, distinct)| {
                    (0..rows)
                        .map(|_| least.saturating_add(pick(distinct)))
                        .collect()
                })
                .collect();
            // Indexes not in order, as `first` leaves them.
            let index: Vec<u64> = (0..rows as u64).map(|r| (r * 7919) % 1009 + 3).collect();
            let mut packed = Packed::new(rows);
            for column in &values {
                packed.push(column.clone());
            }
            let at = packed.push(index.clone());
            let one_word = packed.words.len() == 1;
            let mut want: Vec<usize> = (0..rows).collect();
            want.sort_by_key(|&r| {
                let key: Vec<u64> = values.iter().map(|c| c[r]).collect();
                (key, index[r])
            });
            let want: Vec<usize> = want.into_iter().map(|r| index[r] as usize).collect();
            assert_eq!(
                packed.sorted(at),
                want,
                "{rows} rows of {columns:?}, one word: {one_word}"
            );
        }
    }

    proptest! {
        #[test]
        fn sorted_is_a_stable_sort_then_the_limit(
            seed in any::<u64>(),
            lines in proptest::collection::vec((0usize..20, any::<bool>()), 0..4),
            limit in proptest::option::of(0usize..30),
            every in 1usize..3,
        ) {
            let docs = notes(seed);
            let deps = Dependencies::of_documents(&docs, today(), &ClassifySettings::default());
            let items: Vec<Item<'_>> = docs
                .iter()
                .flat_map(|d| d.tasks.iter().map(move |t| (d, t)))
                .map(|(d, t)| Item::new(d, t, &deps, &[], today()))
                .collect();
            let all = keys();
            let sorters: Vec<Sorter> = lines
                .iter()
                .map(|&(k, reverse)| Sorter { key: all[k % all.len()], reverse })
                .chain(super::super::sort::DEFAULT)
                .collect();
            let kept: Vec<usize> = (0..items.len()).step_by(every).collect();
            let mut expected = kept.clone();
            expected.sort_by(|&a, &b| compare(&sorters, &items, a, b));
            if let Some(n) = limit {
                expected.truncate(n);
            }
            prop_assert_eq!(sorted(&sorters, items.as_slice(), &kept, limit), expected);
        }
    }
}
