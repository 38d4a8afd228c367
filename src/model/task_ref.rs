//! A written reference to one task: `PATH:LINE` or `PATH:LINE#HASH`, as `ike list` and the
//! digest print them and `ike done` reads them.

use super::TextHash;
use std::fmt;

/// A task named by its place, and optionally by the hash of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRef {
    /// Root-relative, `/`-separated path.
    pub path: String,
    /// 1-based line of the checkbox.
    pub line: usize,
    /// The hash the task's text had when it was shown.
    pub hash: Option<TextHash>,
}

impl TaskRef {
    /// Read `PATH:LINE` or `PATH:LINE#HASH`; `None` when `s` is neither (an id, then). The
    /// path may itself hold `:` and `#`: the line is after the last `:`.
    pub fn parse(s: &str) -> Option<Self> {
        let (place, hash) = match s.rsplit_once('#') {
            Some((place, hash)) if hash.parse::<TextHash>().is_ok() => {
                (place, hash.parse::<TextHash>().ok())
            }
            _ => (s, None),
        };
        let (path, line) = place.rsplit_once(':')?;
        if path.is_empty() || line.is_empty() || !line.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let line = line.parse::<usize>().ok().filter(|l| *l > 0)?;
        Some(Self {
            path: path.to_owned(),
            line,
            hash,
        })
    }
}

impl fmt::Display for TaskRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path, self.line)?;
        if let Some(hash) = self.hash {
            write!(f, "#{hash}")?;
        }
        Ok(())
    }
}

/// `PATH:LINE#HASH`: the one way a location with its hash is written.
pub fn located(path: &str, line: usize, hash: TextHash) -> String {
    let mut out = String::new();
    push_located(&mut out, path, line, hash);
    out
}

/// [`located`] appended to `out` (a table writes one per row into a reused buffer).
pub fn push_located(out: &mut String, path: &str, line: usize, hash: TextHash) {
    out.push_str(path);
    out.push(':');
    // Without the formatter: a table writes one location a row.
    out.push_str(itoa::Buffer::new().format(line));
    out.push('#');
    hash.push_to(out);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A location written digit by digit is what the formatter writes.
    #[test]
    fn push_located_writes_what_the_formatter_writes() {
        let hashes = [0, 1, 0xabc, 0x0f_00f0, 0xff_ffff].map(|b| TextHash::from_bits(b).unwrap());
        let lines = [
            0,
            1,
            9,
            10,
            99,
            100,
            12_345,
            999_999,
            4_294_967_295,
            usize::MAX,
        ];
        for path in ["", "a.md", "dir/ünï cödé.md"] {
            for line in lines {
                for hash in hashes {
                    let mut got = String::from("x");
                    push_located(&mut got, path, line, hash);
                    assert_eq!(
                        got,
                        format!("x{path}:{line}#{hash}"),
                        "{path} {line} {hash}"
                    );
                }
            }
        }
    }

    #[track_caller]
    fn check(s: &str, want: Option<(&str, usize, Option<&str>)>) {
        let got = TaskRef::parse(s);
        let want = want.map(|(path, line, hash)| TaskRef {
            path: path.to_owned(),
            line,
            hash: hash.map(|h| h.parse().unwrap()),
        });
        assert_eq!(got, want, "{s}");
        if let Some(r) = got {
            assert_eq!(r.to_string(), s, "round trip");
        }
    }

    #[test]
    fn places_and_hashes() {
        check("inbox.md:12", Some(("inbox.md", 12, None)));
        check("a/b c.md:3#0f9a1c", Some(("a/b c.md", 3, Some("0f9a1c"))));
        check("C:/notes/a.md:7", Some(("C:/notes/a.md", 7, None)));
        check(
            "notes#1.md:2#abcdef",
            Some(("notes#1.md", 2, Some("abcdef"))),
        );
        check("inbox.md", None);
        check("inbox.md:", None);
        check(":3", None);
        check("inbox.md:0", None);
        check("inbox.md:x1", None);
        check("inbox.md:+1", None);
        check("abc123", None);
        check("inbox.md:3#zz", None);
    }
}
