//! Boolean combinations of filters on one line: `(not done) AND (due today)`, with `AND`,
//! `OR`, `XOR`, `NOT`, `AND NOT`, `OR NOT`, nesting, and one pair of delimiters per line
//! among `( )`, `[ ]`, `{ }` and `" "`. Operators are upper case; `NOT` binds tightest,
//! then `XOR`, then `AND`, then `OR`.

use super::filter::{self, Filter};
use chrono::NaiveDate;

/// The delimiter pairs a Boolean line may use.
const PAIRS: [(char, char); 4] = [('(', ')'), ('[', ']'), ('{', '}'), ('"', '"')];

/// Is `text` a Boolean combination (leading upper-case operators, then a delimited
/// filter, ending with the matching closing delimiter)? Returns its delimiters.
pub(crate) fn delimiters(text: &str) -> Option<(char, char)> {
    let body = text.trim_start_matches(|c: char| c.is_ascii_uppercase() || c == ' ');
    let (first, last) = (body.chars().next()?, text.trim_end().chars().last()?);
    PAIRS
        .into_iter()
        .find(|(open, close)| first == *open && last == *close && (body.len() > 1))
}

/// The error of a line that opens a Boolean combination but does not end with the
/// matching delimiter.
pub(crate) const MIXED: &str = "malformed boolean query: all filters of a Boolean instruction must be inside one pair of delimiters, the same on the whole line: (…), […], {…} or \"…\"";

/// Does `text` start like a Boolean combination (leading upper-case operators, then an
/// opening delimiter)?
pub(crate) fn looks_boolean(text: &str) -> bool {
    let body = text.trim_start_matches(|c: char| c.is_ascii_uppercase() || c == ' ');
    body.starts_with(['(', '[', '{', '"'])
}

/// An error inside a Boolean line: the message and the 0-based character offset.
pub(crate) type Located = (String, usize);

/// Parse a Boolean line with the delimiters `pair`.
pub(crate) fn parse(text: &str, pair: (char, char), today: NaiveDate) -> Result<Filter, Located> {
    let chars: Vec<char> = text.chars().collect();
    let mut p = Parser {
        chars,
        pos: 0,
        open: pair.0,
        close: pair.1,
        today,
    };
    let filter = p.or()?;
    p.space();
    if p.pos < p.chars.len() {
        return Err((
            "malformed boolean query: unexpected text after the last filter".to_owned(),
            p.pos,
        ));
    }
    Ok(filter)
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    open: char,
    close: char,
    today: NaiveDate,
}

impl Parser {
    fn space(&mut self) {
        while self.chars.get(self.pos).is_some_and(|c| c.is_whitespace()) {
            self.pos += 1;
        }
    }

    /// Consume the operator `word` (followed by a space or a delimiter) if it is next.
    fn operator(&mut self, word: &str) -> bool {
        self.space();
        let n = word.chars().count();
        let matches = self
            .chars
            .get(self.pos..self.pos + n)
            .is_some_and(|w| w.iter().copied().eq(word.chars()));
        let boundary = self
            .chars
            .get(self.pos + n)
            .is_some_and(|c| c.is_whitespace() || *c == self.open);
        if matches && boundary {
            self.pos += n;
            true
        } else {
            false
        }
    }

    fn or(&mut self) -> Result<Filter, Located> {
        let mut left = self.and()?;
        while self.operator("OR") {
            let right = self.and()?;
            left = combine("OR", left, right, |a, b| a || b);
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Filter, Located> {
        let mut left = self.xor()?;
        while self.operator("AND") {
            let right = self.xor()?;
            left = combine("AND", left, right, |a, b| a && b);
        }
        Ok(left)
    }

    fn xor(&mut self) -> Result<Filter, Located> {
        let mut left = self.unary()?;
        while self.operator("XOR") {
            let right = self.unary()?;
            left = combine("XOR", left, right, |a, b| a != b);
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Filter, Located> {
        if self.operator("NOT") {
            let inner = self.unary()?;
            let explanation = format!("NOT:\n{}", indent(&inner.explanation));
            let (reads, head) = (inner.reads_dependencies, inner.reads_head);
            return Ok(Filter::new(explanation, move |i| !inner.matches(i))
                .reading_dependencies(reads)
                .reading_head(head));
        }
        self.group()
    }

    /// A delimited part: a nested combination or one filter.
    fn group(&mut self) -> Result<Filter, Located> {
        self.space();
        if self.chars.get(self.pos) != Some(&self.open) {
            return Err((
                format!(
                    "malformed boolean query: expected `{}` here; every filter must be inside one pair of delimiters: (…), […], {{…}} or \"…\"",
                    self.open
                ),
                self.pos,
            ));
        }
        self.pos += 1;
        let start = self.pos;
        self.space();
        let nested = self.chars.get(self.pos) == Some(&self.open) && self.open != '"'
            || self.starts_with_not();
        if nested {
            let inner = self.or()?;
            self.space();
            if self.chars.get(self.pos) != Some(&self.close) {
                return Err((
                    format!("malformed boolean query: expected `{}`", self.close),
                    self.pos,
                ));
            }
            self.pos += 1;
            return Ok(inner);
        }
        let end = (start..self.chars.len())
            .find(|&i| self.chars[i] == self.close && self.ends_leaf(i + 1))
            .ok_or_else(|| {
                (
                    format!(
                        "malformed boolean query: no closing `{}` for this filter",
                        self.close
                    ),
                    start.saturating_sub(1),
                )
            })?;
        let text: String = self.chars[start..end].iter().collect();
        self.pos = end + 1;
        filter::parse(&text, self.today).map_err(|message| (message, start))
    }

    /// After a closing delimiter at `from - 1`: only spaces, closing delimiters and an
    /// operator or the end of the line follow.
    fn ends_leaf(&self, from: usize) -> bool {
        let mut i = from;
        while self
            .chars
            .get(i)
            .is_some_and(|c| c.is_whitespace() || *c == self.close)
        {
            i += 1;
        }
        if i == self.chars.len() {
            return true;
        }
        if i == from {
            return false;
        }
        let rest: String = self.chars[i..].iter().take(4).collect();
        ["AND ", "OR ", "XOR "]
            .iter()
            .any(|op| rest.starts_with(op))
    }

    fn starts_with_not(&self) -> bool {
        let rest: String = self.chars[self.pos..].iter().take(5).collect();
        rest.starts_with("NOT ") || rest.starts_with(&format!("NOT{}", self.open))
    }
}

/// `left op right`.
fn combine(op: &str, left: Filter, right: Filter, f: fn(bool, bool) -> bool) -> Filter {
    let label = match op {
        "AND" => "all of",
        "OR" => "at least one of",
        _ => "exactly one of",
    };
    let explanation = format!(
        "{op} ({label}):\n{}\n{}",
        indent(&left.explanation),
        indent(&right.explanation)
    );
    let reads = left.reads_dependencies || right.reads_dependencies;
    let head = left.reads_head && right.reads_head;
    Filter::new(explanation, move |i| f(left.matches(i), right.matches(i)))
        .reading_dependencies(reads)
        .reading_head(head)
}

/// Every line of `text` indented by two spaces.
fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
