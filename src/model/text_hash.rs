//! A task's text hash: a short, stable fingerprint that tells whether the task a line holds
//! is still the one somebody was shown (`ike list`, the digest) when they ask to close it.

use crate::span::Span;
use memchr::memmem;
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

/// Six hexadecimal digits (24 bits) of the task's text, written `PATH:LINE#HASH` after a
/// location (see docs/acting.md).
///
/// The text hashed is the task's own text after its checkbox, with two things left out so
/// that closing a task does not change it: the done-date and cancelled-date tokens, and
/// runs of whitespace (collapsed to one space; the ends trimmed). The status character is
/// not part of it either. Every other byte counts: a changed word, date, tag or field
/// makes a different hash — and so does the next occurrence of a recurring task, whose
/// dates have moved. The function is xxh3-64 (a fixed, documented algorithm), so a hash
/// printed by one version of ike is read the same by the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TextHash(u32);

/// The number of hexadecimal digits written.
const DIGITS: usize = 6;

impl TextHash {
    /// How many characters the hash takes when shown (always the same: the value has 24
    /// bits, written as six zero-padded hexadecimal digits).
    pub const SHOWN_LEN: usize = DIGITS;

    /// The hash of the task text `text` in `src`, leaving out the bytes of `skip` (the
    /// done/cancelled date tokens; spans outside `text` are ignored).
    pub fn of(src: &str, text: Span, skip: &[Span]) -> Self {
        // The normalised text is built in one buffer and hashed at once: the same value
        // as xxh3's streaming form fed word by word, at a fraction of the cost for the
        // short texts tasks have.
        let mut normal = Vec::with_capacity(text.len());
        let mut pieces: Vec<Span> = skip
            .iter()
            .copied()
            .filter(|s| s.start >= text.start && s.end <= text.end && s.start <= s.end)
            .collect();
        pieces.sort_by_key(|s| s.start);
        let mut at = text.start;
        for s in pieces {
            if s.start >= at {
                push_words(&mut normal, src.get(at..s.start).unwrap_or_default());
                // A token leaves a word break behind, so `a ✅ d b` reads as `a b`.
                at = s.end;
            }
        }
        push_words(&mut normal, src.get(at..text.end).unwrap_or_default());
        Self((xxhash_rust::xxh3::xxh3_64(&normal) >> 40) as u32)
    }

    /// The raw value (24 bits), for the cache.
    pub fn to_bits(self) -> u32 {
        self.0
    }

    /// From a raw value; `None` when it has more than 24 bits.
    pub fn from_bits(bits: u32) -> Option<Self> {
        (bits < 1 << (4 * DIGITS)).then_some(Self(bits))
    }

    /// Append the hash as it is displayed (six lowercase hexadecimal digits), without
    /// the formatter: a table writes one a row.
    pub fn push_to(self, out: &mut String) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        // The value has at most 24 bits (every constructor checks), so six digits hold it.
        out.extend(
            (0..DIGITS)
                .rev()
                .map(|k| char::from(HEX[(self.0 >> (4 * k)) as usize & 15])),
        );
    }
}

/// Append the words of `text` (split at Unicode whitespace, as `str::split_whitespace`
/// does) to `out`, one space before each word but the buffer's first.
fn push_words(out: &mut Vec<u8>, text: &str) {
    // Spaces at the ends only separate words (a piece before a done token ends with one).
    let inner = text.trim_matches(' ');
    if is_normal(inner.as_bytes()) {
        // Most task texts: words already one space apart, copied at once.
        push_word(out, inner.as_bytes());
    } else if text.is_ascii() {
        // The ASCII characters `char::is_whitespace` holds true for (vertical tab included,
        // which `u8::is_ascii_whitespace` leaves out).
        let space = |b: &u8| matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ');
        for word in text.as_bytes().split(space).filter(|w| !w.is_empty()) {
            push_word(out, word);
        }
    } else {
        for word in text.split_whitespace() {
            push_word(out, word.as_bytes());
        }
    }
}

/// True when `text` is its own normal form: not empty, no white space at its ends, none
/// but single ASCII spaces inside (the caller has cut the spaces at its ends). Asked with a few vectorised searches (each well under
/// an instruction a byte) instead of a test per byte, which costs more than the word
/// split it would save (decisions 0078, 0088). It may say no to a text that is normal:
/// any byte that starts a non-ASCII white space character is enough, and the split
/// decides.
fn is_normal(text: &[u8]) -> bool {
    static TWO_SPACES: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new(b"  "));
    let (Some(&first), Some(&last)) = (text.first(), text.last()) else {
        return false;
    };
    first != b' '
        && last != b' '
        // The ASCII white space `char::is_whitespace` knows but the space.
        && memchr::memchr3(b'\t', b'\n', b'\r', text).is_none()
        && memchr::memchr2(0x0B, 0x0C, text).is_none()
        && TWO_SPACES.find(text).is_none()
        && !may_hold_unicode_space(text)
}

/// True when `text` holds a lead byte of a non-ASCII white space character: C2 (U+0085,
/// U+00A0), E1 (U+1680), E3 (U+3000), or E2 followed by 80 or 81 (U+2000–U+205F). Other
/// characters with those lead bytes (`©`, `⏫`) only send the text to the word split.
fn may_hold_unicode_space(text: &[u8]) -> bool {
    memchr::memchr3(0xC2, 0xE1, 0xE3, text).is_some()
        || memchr::memchr_iter(0xE2, text).any(|i| matches!(text.get(i + 1), Some(0x80 | 0x81)))
}

fn push_word(out: &mut Vec<u8>, word: &[u8]) {
    if !out.is_empty() {
        out.push(b' ');
    }
    out.extend_from_slice(word);
}

impl fmt::Display for TextHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:06x}", self.0)
    }
}

/// A `HASH` that is not six hexadecimal digits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a task hash (six hexadecimal digits, as `ike list` prints them)")]
pub struct BadHash(pub String);

impl FromStr for TextHash {
    type Err = BadHash;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() != DIGITS || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(BadHash(s.to_owned()));
        }
        u32::from_str_radix(s, 16)
            .map(Self)
            .map_err(|_| BadHash(s.to_owned()))
    }
}

impl serde::Serialize for TextHash {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn same(a: &str, b: &str, want: bool) {
        let h = |s: &str| TextHash::of(s, Span::new(0, s.len()), &[]);
        assert_eq!(h(a) == h(b), want, "{a:?} vs {b:?}");
    }

    #[test]
    fn whitespace_does_not_count_words_do() {
        for (a, b, want) in [
            ("Call Bob 📅 2026-11-21", "Call  Bob\t📅 2026-11-21 ", true),
            ("Call Bob", "Call\n  Bob", true),
            ("Call Bob", "Call Rob", false),
            ("Call Bob 📅 2026-11-21", "Call Bob 📅 2026-11-22", false),
            ("Call Bob #work", "Call Bob", false),
        ] {
            same(a, b, want);
        }
    }

    #[test]
    fn done_tokens_left_out() {
        let open = "Call Bob 📅 2026-11-21";
        let done = "Call Bob ✅ 2026-11-21 📅 2026-11-21";
        let token = Span::new(9, 9 + "✅ 2026-11-21".len());
        assert_eq!(
            TextHash::of(done, Span::new(0, done.len()), &[token]),
            TextHash::of(open, Span::new(0, open.len()), &[]),
        );
        // A span outside the text is ignored.
        assert_eq!(
            TextHash::of(open, Span::new(0, 8), &[Span::new(9, 12)]),
            TextHash::of("Call Bob", Span::new(0, 8), &[]),
        );
    }

    #[test]
    fn six_hex_digits_round_trip() {
        let h = TextHash::of("Call Bob", Span::new(0, 8), &[]);
        let s = h.to_string();
        assert_eq!(s.len(), 6, "{s}");
        assert_eq!(s.parse::<TextHash>(), Ok(h));
        assert_eq!(TextHash::from_bits(h.to_bits()), Some(h));
        assert_eq!(TextHash::from_bits(1 << 24), None);
        for bad in ["", "12345", "1234567", "12345g", "+12345"] {
            assert!(bad.parse::<TextHash>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_value_is_pinned() {
        // Printed hashes outlive a run: a change of function breaks `PATH:LINE#HASH`s
        // people kept. This value must never change.
        assert_eq!(
            TextHash::of("Call Bob", Span::new(0, 8), &[]).to_string(),
            PINNED
        );
    }

    const PINNED: &str = "3527a4";

    /// The definition, as first written: every word streamed into the hasher.
    fn streamed(text: &str) -> TextHash {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for (k, word) in text.split_whitespace().enumerate() {
            if k > 0 {
                hasher.update(b" ");
            }
            hasher.update(word.as_bytes());
        }
        TextHash((hasher.digest() >> 40) as u32)
    }

    #[test]
    fn built_at_once_equals_streamed() {
        let long = "word \u{3000}mot\u{a0}".repeat(40);
        for text in [
            "",
            " ",
            "a",
            "  a  ",
            "Call Bob 📅 2026-11-21",
            "a\u{0B}b\u{0C}c\rd\te\nf",
            "a\u{85}b\u{a0}c\u{2028}d\u{3000}e\u{1680}f",
            "\u{200b}zero width is no space\u{feff}",
            "ünïcödé wörds ✅ 🔁 every day",
            &long,
            // Normal already, and near misses of each test of `is_normal`.
            "Call Bob ⏫ 📅 2026-11-21 © ok",
            "Call Bob ",
            " Call Bob",
            "Call  Bob",
            "  Call Bob  ",
            "   ",
            " \tCall Bob ",
            "Call\u{2002}Bob",
            "Call\u{205f}Bob",
            "Call\u{202f}Bob ⏫",
            "Call\u{1680}Bob",
            "x",
            "a\u{0B}",
            "\u{0C}a",
        ] {
            let at_once = TextHash::of(text, Span::new(0, text.len()), &[]);
            assert_eq!(at_once, streamed(text), "{text:?}");
        }
    }

    #[test]
    fn normal_texts_are_told_apart() {
        for (text, normal) in [
            ("Call Bob", true),
            ("Call Bob ✅ 2026-11-21", true),
            ("Call Bob ⏫ 📅 2026-11-21 ✅ 🔁", true),
            ("a", true),
            ("", false),
            (" a", false),
            ("a ", false),
            ("a  b", false),
            ("a\tb", false),
            ("a\nb", false),
            ("a\rb", false),
            ("a\u{0B}b", false),
            ("a\u{0C}b", false),
            ("a\u{a0}b", false),
            ("a\u{85}b", false),
            ("a\u{3000}b", false),
            ("a\u{1680}b", false),
            ("a\u{2000}b", false),
            ("a\u{205f}b", false),
            // Not white space, but a lead byte the check stops at: the split decides.
            ("© 2026", false),
        ] {
            assert_eq!(is_normal(text.as_bytes()), normal, "{text:?}");
        }
    }
}
