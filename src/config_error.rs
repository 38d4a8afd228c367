//! What is wrong with a `.ike.yaml`, said once, in the user's words: the file, line,
//! column and key, and what was expected. Every config check ends here — YAML syntax,
//! wrong types (told by serde), unknown keys, and ranges serde cannot know — so that
//! each message has one form.

use crate::yaml;
use std::path::PathBuf;

/// Why a config file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{}: cannot read the config file: {reason}", path.display())]
    Read {
        /// The config file.
        path: PathBuf,
        /// Why (the OS error, or the file is not a regular file, too large, not UTF-8).
        reason: String,
    },
    /// The file is not valid YAML, or a key or value is wrong.
    #[error("{}:{}:{}: {}", path.display(), at.line, at.column, at.describe())]
    Invalid {
        /// The config file.
        path: PathBuf,
        /// Where and what.
        at: Mistake,
    },
}

/// One mistake in config text: where, under which key, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mistake {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The key, dotted from the top (`digest.vital_few_share`); empty when not known.
    pub key: String,
    /// What is wrong, in the user's words.
    pub message: String,
}

impl Mistake {
    /// `key: message`, or the message alone.
    pub fn describe(&self) -> String {
        if self.key.is_empty() {
            self.message.clone()
        } else {
            format!("{}: {}", self.key, self.message)
        }
    }

    /// The mistake of a YAML or serde error met while reading `text`.
    pub fn of_yaml(err: &serde_saphyr::Error, text: &str) -> Self {
        let (line, column, message) = yaml::describe_error(err);
        let keys = KeyLines::of(text);
        let key = keys.key_at(line);
        let mut message = plain_words(&message);
        // The key is named once, before the message.
        if let Some(rest) = message.strip_prefix("unknown key `") {
            if !key.is_empty() && key.ends_with(rest.split('`').next().unwrap_or_default()) {
                message = format!("unknown key{}", rest.split_once('`').map_or("", |(_, r)| r));
            }
        }
        Self {
            line,
            column,
            message,
            key,
        }
    }

    /// A value that parsed but is out of range: at `key`'s value in `text`.
    pub fn at_key(text: &str, key: &str, message: String) -> Self {
        let (line, column) = KeyLines::of(text).find(key).unwrap_or((1, 1));
        Self {
            line,
            column,
            key: key.to_owned(),
            message,
        }
    }
}

/// The parser's message in the user's words. The parser's own phrases (serde types, Rust
/// hints, option names) mean nothing to someone editing a config file.
fn plain_words(message: &str) -> String {
    let m = message.trim();
    let m = m.strip_prefix("error: ").unwrap_or(m);
    // "line 2 column 14: invalid u64" → "invalid u64": the position is given once, before.
    let m = match m.strip_prefix("line ") {
        Some(rest) => rest.split_once(": ").map_or(m, |(_, msg)| msg),
        None => m,
    };
    if let Some(rest) = m.strip_prefix("unknown field `") {
        let (name, rest) = rest.split_once('`').unwrap_or((rest, ""));
        let known = rest
            .split_once("expected one of ")
            .map(|(_, k)| k.replace('`', ""))
            .or_else(|| {
                rest.split_once("expected ")
                    .map(|(_, k)| k.replace('`', ""))
            });
        return match known {
            Some(known) => format!("unknown key `{name}`; the keys here are: {known}"),
            None => format!("unknown key `{name}`"),
        };
    }
    if m.starts_with("duplicate mapping key") {
        return "set twice; keep one".to_owned();
    }
    if m.contains("multiple found") {
        return "a second YAML document (`---`): the config is one document".to_owned();
    }
    if let Some(rest) = m.strip_prefix("unknown variant `") {
        let (name, rest) = rest.split_once('`').unwrap_or((rest, ""));
        let known = rest
            .split_once("expected one of ")
            .or_else(|| rest.split_once("expected "))
            .map(|(_, k)| k.replace('`', ""))
            .unwrap_or_default();
        return format!("`{name}` is not one of: {known}");
    }
    let words: &[(&str, &str)] = &[
        ("invalid u", "expected a whole number, 0 or more"),
        ("invalid i", "expected a whole number"),
        ("invalid f", "expected a number"),
        ("invalid boolean", "expected true or false"),
        ("expected sequence", "expected a list, e.g. `[a, b]`"),
        (
            "expected mapping",
            "expected keys and values, one `key: value` per line",
        ),
        ("expected string", "expected text"),
        ("cannot deserialize null", "expected a value, found nothing"),
        ("invalid type: unit", "expected a value, found nothing"),
        ("missing field", "a required key is missing"),
    ];
    for (start, plain) in words {
        if m.starts_with(start) {
            return (*plain).to_owned();
        }
    }
    if m.contains("limits breached") || m.contains("too large or too complex") {
        return "too large or too complex (nesting deeper than 32 levels, heavy alias reuse, or \
                over 4 MiB of text)"
            .to_owned();
    }
    m.to_owned()
}

/// The block-style keys of a YAML text by line: each `key:` with its indentation, the
/// dotted path of the keys above it, and where its value starts. Config files are written
/// in block style; a key inside a flow mapping (`{a: 1}`) is not found, and the key above
/// it is named instead.
struct KeyLines {
    /// (line, indentation, path, column of the value).
    keys: Vec<(usize, usize, String, usize)>,
    /// Indentation of every line (usize::MAX for blank and comment lines).
    indents: Vec<usize>,
}

impl KeyLines {
    fn of(text: &str) -> Self {
        let mut keys: Vec<(usize, usize, String, usize)> = Vec::new();
        let mut indents = Vec::new();
        let mut stack: Vec<(usize, String)> = Vec::new();
        for (i, line) in text.split(['\n', '\r']).enumerate() {
            let body = line.trim_start_matches([' ', '\t']);
            let indent = line.len() - body.len();
            if body.is_empty() || body.starts_with('#') {
                indents.push(usize::MAX);
                continue;
            }
            indents.push(indent);
            let Some((name, value_col)) = key_of(body) else {
                continue;
            };
            while stack.last().is_some_and(|(d, _)| *d >= indent) {
                stack.pop();
            }
            stack.push((indent, name));
            let path: Vec<&str> = stack.iter().map(|(_, n)| n.as_str()).collect();
            let column = line[..indent].chars().count() + value_col + 1;
            keys.push((i + 1, indent, path.join("."), column));
        }
        Self { keys, indents }
    }

    /// The key of 1-based `line`: the key written there, else the nearest key above it
    /// with less indentation (the list or mapping the line belongs to).
    fn key_at(&self, line: usize) -> String {
        if let Some(k) = self.keys.iter().find(|k| k.0 == line) {
            return k.2.clone();
        }
        let indent = self.indents.get(line.wrapping_sub(1)).copied().unwrap_or(0);
        self.keys
            .iter()
            .rev()
            .find(|k| k.0 < line && k.1 < indent)
            .map(|k| k.2.clone())
            .unwrap_or_default()
    }

    /// Line and column of the value of the dotted `key`.
    fn find(&self, key: &str) -> Option<(usize, usize)> {
        self.keys.iter().find(|k| k.2 == key).map(|k| (k.0, k.3))
    }
}

/// `name: value` → (name without quotes, character column where the value starts, 0-based,
/// relative to `body`). `None` for list items and lines without a key.
fn key_of(body: &str) -> Option<(String, usize)> {
    if body.starts_with("- ") || body == "-" || body.starts_with(['{', '[']) {
        return None;
    }
    let colon = body
        .char_indices()
        .find(|&(i, c)| c == ':' && body[i + 1..].chars().next().is_none_or(char::is_whitespace))
        .map(|(i, _)| i)?;
    let name = body[..colon].trim().trim_matches(['"', '\'']).to_owned();
    if name.is_empty() {
        return None;
    }
    let after = &body[colon + 1..];
    let value_start = colon + 1 + (after.len() - after.trim_start().len());
    Some((name, body[..value_start].chars().count()))
}
