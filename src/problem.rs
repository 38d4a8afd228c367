//! A problem found in the input: where it is, how bad it is, and what to do about it.

use serde::Serialize;
use std::fmt;

/// How serious a problem is. `ike check` exits 1 when any error is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something ike had to ignore or skip.
    Error,
    /// Something worth a look that did not stop ike reading it.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One reported problem, positioned at `path:line:column` (1-based, column in characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Problem {
    /// Path relative to the scanned root, `/`-separated.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// Error or warning.
    pub severity: Severity,
    /// A short stable name for the kind of problem, e.g. `invalid-date`.
    pub code: &'static str,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl Problem {
    /// An error at a position.
    pub fn error(
        code: &'static str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            path: String::new(),
            line,
            column,
            severity: Severity::Error,
            code,
            message: message.into(),
        }
    }

    /// A warning at a position.
    pub fn warning(
        code: &'static str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, line, column, message)
        }
    }

    /// The same problem, attributed to `path`.
    pub fn at_path(mut self, path: &str) -> Self {
        self.path = path.to_owned();
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.path, self.line, self.column, self.severity, self.message
        )
    }
}
