//! Ticking in the digest: the box the Markdown digest puts before each open task, and the
//! reader that finds the boxes a user ticked (docs/acting.md, decision 0031).
//!
//! An entry is an item of an ordered list with `)` after its number — `3) [ ] Call Bob —
//! due … ([inbox.md:12#4f0a2c](inbox.md#L12))` — which GitHub and Obsidian show as a
//! checkbox, but which the Obsidian Tasks plugin does not read as a task: its task pattern
//! only knows `-`, `*`, `+` and `1.` before the box. The link text carries the source's
//! `PATH:LINE#HASH`, so the tick can be checked against the source before it is applied.

use crate::model::{TaskRef, TextHash};

/// What follows an entry's number: the `)` of the ordered list and an empty box.
pub const BOX: &str = ") [ ] ";

/// A box somebody ticked in a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticked {
    /// 1-based line in the digest.
    pub digest_line: usize,
    /// The character now in the box (`x`, `X`, `-`, …).
    pub mark: char,
    /// The source task's root-relative path.
    pub path: String,
    /// Its line when the digest was written.
    pub line: usize,
    /// The hash its text had then.
    pub hash: TextHash,
}

/// Every entry of `digest` whose box holds something other than a space, in order. Lines
/// that are not entries (or whose reference was edited away) are not ticks.
pub fn ticked(digest: &str) -> Vec<Ticked> {
    digest
        .lines()
        .enumerate()
        .filter_map(|(i, line)| entry(line).map(|(mark, rest)| (i, mark, rest)))
        .filter(|(_, mark, _)| *mark != ' ')
        .filter_map(|(i, mark, rest)| {
            let (path, line, hash) = reference(rest)?;
            Some(Ticked {
                digest_line: i + 1,
                mark,
                path,
                line,
                hash,
            })
        })
        .collect()
}

/// `12) [c] rest` → `(c, rest)`.
fn entry(line: &str) -> Option<(char, &str)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=9).contains(&digits) {
        return None;
    }
    let rest = line[digits..].strip_prefix(") [")?;
    let mut chars = rest.chars();
    let mark = chars.next()?;
    let rest = chars.as_str().strip_prefix("] ")?;
    Some((mark, rest))
}

/// The `PATH:LINE#HASH` of the link that ends an entry: `… ([PATH:LINE#HASH](target))`.
fn reference(rest: &str) -> Option<(String, usize, TextHash)> {
    let rest = rest.trim_end().strip_suffix("))")?;
    let text_end = rest.rfind("](")?;
    let bytes = rest.as_bytes();
    // The link text escapes `[`, `]` and `\`: its opening bracket is the nearest `[` before
    // the end that no odd run of backslashes escapes.
    let open = (0..text_end).rev().find(|&i| {
        bytes[i] == b'[' && bytes[..i].iter().rev().take_while(|b| **b == b'\\').count() % 2 == 0
    })?;
    if !rest[..open].ends_with(" (") {
        return None;
    }
    let mut text = String::with_capacity(text_end - open);
    let mut escaped = false;
    for c in rest[open + 1..text_end].chars() {
        if c == '\\' && !escaped {
            escaped = true;
            continue;
        }
        escaped = false;
        text.push(c);
    }
    let r = TaskRef::parse(&text)?;
    Some((r.path, r.line, r.hash?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mark, path, line and hash a ticked entry reads as.
    type Want<'a> = Option<(char, &'a str, usize, &'a str)>;

    #[track_caller]
    fn check(line: &str, want: Want<'_>) {
        let got = ticked(line).into_iter().next();
        let want = want.map(|(mark, path, l, hash)| Ticked {
            digest_line: 1,
            mark,
            path: path.to_owned(),
            line: l,
            hash: hash.parse().unwrap(),
        });
        assert_eq!(got, want, "{line}");
    }

    #[test]
    fn reads_ticked_entries() {
        let rows: &[(&str, Want<'_>)] = &[
            (
                "1) [x] Call Bob — due 2026-11-21 ([inbox.md:12#0a1b2c](inbox.md#L12))",
                Some(('x', "inbox.md", 12, "0a1b2c")),
            ),
            (
                "12) [X] Call ([a.md:3#abcdef](../a.md#L3))\r",
                Some(('X', "a.md", 3, "abcdef")),
            ),
            (
                "2) [-] Drop it ([a.md:3#abcdef](a.md#L3))  ",
                Some(('-', "a.md", 3, "abcdef")),
            ),
            // Escaped brackets and backslashes in the path; a link in the description.
            (
                "1) [x] See [x](y) ([a \\[b\\]\\\\c.md:4#000001](a%20%5Bb%5D%5Cc.md#L4))",
                Some(('x', "a [b]\\c.md", 4, "000001")),
            ),
            (
                "1) [x] t ([C:/n:ote.md:7#00000f](C:/n:ote.md#L7))",
                Some(('x', "C:/n:ote.md", 7, "00000f")),
            ),
            // Not ticked, not entries, or the reference edited away.
            ("1) [ ] Call ([a.md:3#abcdef](a.md#L3))", None),
            ("- [x] Call ([a.md:3#abcdef](a.md#L3))", None),
            ("1. [x] Call ([a.md:3#abcdef](a.md#L3))", None),
            (" 1) [x] Call ([a.md:3#abcdef](a.md#L3))", None),
            ("1) [x] Call ([a.md:3](a.md#L3))", None),
            ("1) [x] Call ([a.md:3#abcdeg](a.md#L3))", None),
            ("1) [x] Call ([a.md:0#abcdef](a.md#L3))", None),
            ("1) [x] Call a.md:3#abcdef", None),
            ("1234567890) [x] Call ([a.md:3#abcdef](a.md#L3))", None),
            ("1) [x]", None),
            ("1) [", None),
        ];
        for (line, want) in rows {
            check(line, *want);
        }
    }

    #[test]
    fn digest_lines_are_counted() {
        let digest = "# Digest\n\n## Do\n\n1) [ ] a ([a.md:1#000001](a.md#L1))\n2) [x] b ([b.md:2#000002](b.md#L2))\n";
        let got = ticked(digest);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].digest_line, got[0].path.as_str()), (6, "b.md"));
    }
}
