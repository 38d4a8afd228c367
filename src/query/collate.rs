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
}
