//! How group names and text values are ordered: case-insensitively, runs of digits by their
//! value (`Item 9` before `Item 10`), punctuation before digits before letters. This is
//! close to, but not exactly, the locale-aware comparison the plugin uses (docs/query.md).

use std::cmp::Ordering;

/// The class of a character: punctuation and spaces, digits, then everything else.
fn class(c: char) -> u8 {
    if c.is_ascii_digit() {
        1
    } else if c.is_alphanumeric() {
        2
    } else {
        0
    }
}

/// Compare two texts as described in the module header; ties broken by the plain bytes.
pub(crate) fn natural(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (x.peek().copied(), y.peek().copied()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let (m, n) = (digits(&mut x), digits(&mut y));
                let (m0, n0) = (m.trim_start_matches('0'), n.trim_start_matches('0'));
                let by_value = m0.len().cmp(&n0.len()).then_with(|| m0.cmp(n0));
                if by_value != Ordering::Equal {
                    return by_value;
                }
            }
            (Some(c), Some(d)) => {
                let by_class = class(c).cmp(&class(d));
                if by_class != Ordering::Equal {
                    return by_class;
                }
                let (lc, ld) = (c.to_lowercase(), d.to_lowercase());
                let by_letter = lc.cmp(ld);
                if by_letter != Ordering::Equal {
                    return by_letter;
                }
                x.next();
                y.next();
            }
        }
    }
}

/// A key whose plain byte order is [`natural`]'s order up to its final tie-break: two
/// texts with different keys compare as their keys do; texts with equal keys are then
/// ordered by their bytes. Sorting many texts compares keys (plain bytes) instead of
/// re-reading characters.
///
/// The text is cut into the pieces [`natural`] compares one at a time (a run of digits, or
/// one other character); each piece is written as its class, then its value (a digit run:
/// its length and digits without leading zeros; a character: its lowercase form), every
/// number plus one, then a 0 ending the piece, so a piece that is the start of another
/// sorts before it, as it does in [`natural`]. Each number takes four bytes, most
/// significant first.
pub(crate) fn key(text: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(text.len() * 12);
    let mut put = |n: u32| key.extend_from_slice(&n.to_be_bytes());
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        put(u32::from(class(c)) + 1);
        if c.is_ascii_digit() {
            let run = digits(&mut chars);
            let value = run.trim_start_matches('0');
            put(u32::try_from(value.len()).unwrap_or(u32::MAX - 1) + 1);
            value.bytes().for_each(|b| put(u32::from(b) + 1));
        } else if c.is_ascii() {
            put(u32::from(c.to_ascii_lowercase()) + 1);
            chars.next();
        } else {
            c.to_lowercase().for_each(|l| put(u32::from(l) + 1));
            chars.next();
        }
        put(0);
    }
    key
}

/// Take the run of ASCII digits at the front of `chars`.
fn digits(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> String {
    let mut run = String::new();
    while let Some(c) = chars.next_if(char::is_ascii_digit) {
        run.push(c);
    }
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(a: &str, b: &str, expected: Ordering) {
        assert_eq!(natural(a, b), expected, "{a:?} vs {b:?}");
        assert_eq!(natural(b, a), expected.reverse(), "{b:?} vs {a:?}");
    }

    #[test]
    fn orders_like_people_read() {
        check("Item 9", "Item 10", Ordering::Less);
        check("apple", "Banana", Ordering::Less);
        check("2026-11-25 Wednesday", "No due date", Ordering::Less);
        check("%%1%%IN_PROGRESS", "%%2%%TODO", Ordering::Less);
        check("(No heading)", "Alpha", Ordering::Less);
        check("a", "a", Ordering::Equal);
        check("a", "ab", Ordering::Less);
        check("A", "a", Ordering::Less);
        check("file07", "file7", Ordering::Less);
    }

    /// The order of [`key`], then the bytes: what [`natural`] says.
    fn by_key(a: &str, b: &str) -> Ordering {
        key(a).cmp(&key(b)).then_with(|| a.cmp(b))
    }

    #[test]
    fn keys_order_like_natural_on_tricky_texts() {
        let texts = [
            "", "a", "A", "ab", "a1", "a01", "a001b", "a1b", "a10", "a9", "a 9", "a-9", "İx", "i̇x",
            "ix", "Ix", "ß", "ss", "007", "7", "70", "x٣", "x3", "%%1%%A", "(No", "é", "E",
            "a\u{0}", "9a", "09a", "a9a9", "a9a10",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(by_key(a, b), natural(a, b), "{a:?} vs {b:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn keys_order_like_natural(a in "[a-cA-C0-2 _./İß٣é-]{0,8}", b in "[a-cA-C0-2 _./İß٣é-]{0,8}") {
            proptest::prop_assert_eq!(by_key(&a, &b), natural(&a, &b));
        }
    }
}
