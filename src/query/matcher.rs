//! Text conditions of filters: `includes` (a case-insensitive substring) and
//! `regex matches` (a `/pattern/flags` regular expression), each with its negation.

use regex::{Regex, RegexBuilder};

/// How a text is tested.
#[derive(Debug, Clone)]
pub(crate) enum Matcher {
    /// Holds this text, ignoring case (kept in lower case).
    Includes(String),
    /// Matches this regular expression.
    Regex(Regex),
}

impl Matcher {
    /// True when `value` passes the test.
    pub(crate) fn matches(&self, value: &str) -> bool {
        match self {
            Self::Includes(needle) => value.to_lowercase().contains(needle.as_str()),
            Self::Regex(re) => re.is_match(value),
        }
    }

    /// A substring test.
    pub(crate) fn includes(text: &str) -> Self {
        Self::Includes(text.to_lowercase())
    }

    /// A regular expression written `/pattern/flags`: flags `i` (ignore case), `m`
    /// (multi-line), `s` (dot matches line breaks) and `u` (always on) are understood;
    /// `g` and `y` change nothing for a yes/no test.
    pub(crate) fn regex(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let body = text
            .strip_prefix('/')
            .and_then(|rest| rest.rfind('/').map(|end| (&rest[..end], &rest[end + 1..])));
        let Some((pattern, flags)) = body else {
            return Err(format!(
                "cannot parse regex (pattern); check your leading and trailing slashes for your query: `{text}`"
            ));
        };
        let mut builder = RegexBuilder::new(pattern);
        builder.size_limit(1 << 20).dfa_size_limit(1 << 20);
        for flag in flags.chars() {
            match flag {
                'i' => builder.case_insensitive(true),
                'm' => builder.multi_line(true),
                's' => builder.dot_matches_new_line(true),
                'u' | 'g' | 'y' => &mut builder,
                other => return Err(format!("unknown regex flag `{other}` in `{text}`")),
            };
        }
        builder
            .build()
            .map(Self::Regex)
            .map_err(|e| format!("regex `{pattern}` is not one ike can run: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(matcher: &str, value: &str, expected: bool) {
        let m = if matcher.starts_with('/') {
            Matcher::regex(matcher).unwrap()
        } else {
            Matcher::includes(matcher)
        };
        assert_eq!(m.matches(value), expected, "{matcher:?} on {value:?}");
    }

    #[test]
    fn substrings_and_regexes() {
        check("Groceries", "buy groceries today", true);
        check("milk", "buy bread", false);
        check("/^buy/", "buy bread", true);
        check("/^Buy/", "buy bread", false);
        check("/^Buy/i", "buy bread", true);
        check("/a.b/s", "a\nb", true);
        check("/a/b/", "xa/by", true);
    }

    #[test]
    fn bad_regexes_are_errors() {
        for text in ["no slashes", "/unclosed", "/(/", "/a/q", "/(?=x)/"] {
            assert!(Matcher::regex(text).is_err(), "{text:?}");
        }
    }
}
