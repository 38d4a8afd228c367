//! The one error type of the query language: what is wrong, and where (1-based line and
//! column of the query's text).

/// A query that cannot be run: a line that is not understood, a value out of range, or an
/// instruction ike does not support.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub(crate) struct QueryError {
    /// 1-based line of the query's text (the first line of a continued instruction).
    pub line: usize,
    /// 1-based character column.
    pub column: usize,
    /// What is wrong, in words.
    pub message: String,
}

impl QueryError {
    /// An error at `line`, `column`.
    pub(crate) fn new(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            line,
            column,
            message: message.into(),
        }
    }
}
