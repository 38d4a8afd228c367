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

/// The kind of a problem. Its [`code`](ProblemKind::code), a short stable name, is what
/// output shows (`ike check`, JSON, GitHub annotations); the cache stores the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// `archive-not-appendable`: An archive target exists but cannot be appended to.
    ArchiveNotAppendable,
    /// `archive-not-movable`: A finished task cannot be moved to the archive.
    ArchiveNotMovable,
    /// `bad-exclude-glob`: An `exclude` glob of the config does not compile.
    BadExcludeGlob,
    /// `bad-obsidian-settings`: The Obsidian settings ike reads are malformed.
    BadObsidianSettings,
    /// `changed-on-disk`: A file changed between reading and writing it.
    ChangedOnDisk,
    /// `close-failed`: Closing a task failed.
    CloseFailed,
    /// `dependency-cycle`: Tasks wait for each other in a circle.
    DependencyCycle,
    /// `duplicate-field`: A task gives the same field twice.
    DuplicateField,
    /// `duplicate-id`: Two tasks have the same id.
    DuplicateId,
    /// `file-too-large`: A note is over the size limit and is skipped.
    FileTooLarge,
    /// `fix-failed`: A fix could not be applied.
    FixFailed,
    /// `front-matter-not-mapping`: The front matter is not a mapping.
    FrontMatterNotMapping,
    /// `internal-error`: ike hit a state it should never reach (a bug; the file is left alone).
    InternalError,
    /// `invalid-date`: A date field's value is not a date.
    InvalidDate,
    /// `invalid-front-matter-value`: A front matter key has a value of the wrong kind.
    InvalidFrontMatterValue,
    /// `invalid-value`: A (non-date) field's value is not valid.
    InvalidValue,
    /// `malformed-yaml`: The front matter is not valid YAML.
    MalformedYaml,
    /// `missing-followup`: A delegated task has no follow-up date.
    MissingFollowup,
    /// `not-closed`: A task named to close could not be closed.
    NotClosed,
    /// `not-ike-output`: A file ike would overwrite was not written by ike.
    NotIkeOutput,
    /// `not-utf8`: A note is not valid UTF-8.
    NotUtf8,
    /// `obsidian-compat`: A setting differs from what Obsidian Tasks does.
    ObsidianCompat,
    /// `outside-root`: A path lies outside the scanned folder.
    OutsideRoot,
    /// `parser-panic`: The Markdown parser failed on a note.
    ParserPanic,
    /// `recurrence-not-copyable`: The next occurrence of a recurring task cannot be written safely.
    RecurrenceNotCopyable,
    /// `recurrence-out-of-range`: The next occurrence would be out of the date range.
    RecurrenceOutOfRange,
    /// `recurrence-token-order`: The metadata of a recurring task is in an order the next occurrence cannot keep.
    RecurrenceTokenOrder,
    /// `recurrence-without-date`: A recurring task has no date to recur from.
    RecurrenceWithoutDate,
    /// `unknown-dependency`: A task waits for an id no task has.
    UnknownDependency,
    /// `unknown-recurrence`: A recurrence rule is not understood.
    UnknownRecurrence,
    /// `unknown-status`: A checkbox holds a status symbol ike does not know.
    UnknownStatus,
    /// `unknown-tick`: A tick names no task.
    UnknownTick,
    /// `unreadable`: A file or folder cannot be read.
    Unreadable,
    /// `would-fix`: `ike fix --check` found something to fix.
    WouldFix,
    /// `write-failed`: Writing a file failed.
    WriteFailed,
}

impl ProblemKind {
    /// Every kind, in declaration order (the cache stores a kind as its index here).
    pub const ALL: [ProblemKind; 35] = [
        ProblemKind::ArchiveNotAppendable,
        ProblemKind::ArchiveNotMovable,
        ProblemKind::BadExcludeGlob,
        ProblemKind::BadObsidianSettings,
        ProblemKind::ChangedOnDisk,
        ProblemKind::CloseFailed,
        ProblemKind::DependencyCycle,
        ProblemKind::DuplicateField,
        ProblemKind::DuplicateId,
        ProblemKind::FileTooLarge,
        ProblemKind::FixFailed,
        ProblemKind::FrontMatterNotMapping,
        ProblemKind::InternalError,
        ProblemKind::InvalidDate,
        ProblemKind::InvalidFrontMatterValue,
        ProblemKind::InvalidValue,
        ProblemKind::MalformedYaml,
        ProblemKind::MissingFollowup,
        ProblemKind::NotClosed,
        ProblemKind::NotIkeOutput,
        ProblemKind::NotUtf8,
        ProblemKind::ObsidianCompat,
        ProblemKind::OutsideRoot,
        ProblemKind::ParserPanic,
        ProblemKind::RecurrenceNotCopyable,
        ProblemKind::RecurrenceOutOfRange,
        ProblemKind::RecurrenceTokenOrder,
        ProblemKind::RecurrenceWithoutDate,
        ProblemKind::UnknownDependency,
        ProblemKind::UnknownRecurrence,
        ProblemKind::UnknownStatus,
        ProblemKind::UnknownTick,
        ProblemKind::Unreadable,
        ProblemKind::WouldFix,
        ProblemKind::WriteFailed,
    ];

    /// The short stable name, e.g. `invalid-date`.
    pub fn code(self) -> &'static str {
        match self {
            ProblemKind::ArchiveNotAppendable => "archive-not-appendable",
            ProblemKind::ArchiveNotMovable => "archive-not-movable",
            ProblemKind::BadExcludeGlob => "bad-exclude-glob",
            ProblemKind::BadObsidianSettings => "bad-obsidian-settings",
            ProblemKind::ChangedOnDisk => "changed-on-disk",
            ProblemKind::CloseFailed => "close-failed",
            ProblemKind::DependencyCycle => "dependency-cycle",
            ProblemKind::DuplicateField => "duplicate-field",
            ProblemKind::DuplicateId => "duplicate-id",
            ProblemKind::FileTooLarge => "file-too-large",
            ProblemKind::FixFailed => "fix-failed",
            ProblemKind::FrontMatterNotMapping => "front-matter-not-mapping",
            ProblemKind::InternalError => "internal-error",
            ProblemKind::InvalidDate => "invalid-date",
            ProblemKind::InvalidFrontMatterValue => "invalid-front-matter-value",
            ProblemKind::InvalidValue => "invalid-value",
            ProblemKind::MalformedYaml => "malformed-yaml",
            ProblemKind::MissingFollowup => "missing-followup",
            ProblemKind::NotClosed => "not-closed",
            ProblemKind::NotIkeOutput => "not-ike-output",
            ProblemKind::NotUtf8 => "not-utf8",
            ProblemKind::ObsidianCompat => "obsidian-compat",
            ProblemKind::OutsideRoot => "outside-root",
            ProblemKind::ParserPanic => "parser-panic",
            ProblemKind::RecurrenceNotCopyable => "recurrence-not-copyable",
            ProblemKind::RecurrenceOutOfRange => "recurrence-out-of-range",
            ProblemKind::RecurrenceTokenOrder => "recurrence-token-order",
            ProblemKind::RecurrenceWithoutDate => "recurrence-without-date",
            ProblemKind::UnknownDependency => "unknown-dependency",
            ProblemKind::UnknownRecurrence => "unknown-recurrence",
            ProblemKind::UnknownStatus => "unknown-status",
            ProblemKind::UnknownTick => "unknown-tick",
            ProblemKind::Unreadable => "unreadable",
            ProblemKind::WouldFix => "would-fix",
            ProblemKind::WriteFailed => "write-failed",
        }
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Problems sort by code, as they always have, not by declaration order.
impl Ord for ProblemKind {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.code().cmp(other.code())
    }
}

impl PartialOrd for ProblemKind {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for ProblemKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
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
    /// The kind of problem; output shows its code, a short stable name such as
    /// `invalid-date` (the JSON key is `code`).
    #[serde(rename = "code")]
    pub kind: ProblemKind,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl Problem {
    /// An error at a position.
    pub fn error(
        kind: ProblemKind,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            path: String::new(),
            line,
            column,
            severity: Severity::Error,
            kind,
            message: message.into(),
        }
    }

    /// A warning at a position.
    pub fn warning(
        kind: ProblemKind,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(kind, line, column, message)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_listed_once_in_order_with_its_own_code() {
        let mut codes = std::collections::BTreeSet::new();
        for (i, kind) in ProblemKind::ALL.iter().enumerate() {
            // The cache stores a kind as its index in `ALL`.
            assert_eq!(*kind as usize, i, "{kind:?}");
            assert!(codes.insert(kind.code()), "{kind:?}: code used twice");
            let code = kind.code();
            assert!(
                !code.is_empty()
                    && code
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{code}"
            );
            assert_eq!(kind.to_string(), code);
        }
    }

    #[test]
    fn kinds_sort_and_serialise_by_code() {
        let (a, b) = (ProblemKind::WouldFix, ProblemKind::ArchiveNotMovable);
        assert!(b < a, "archive-… sorts before would-…");
        let json = serde_json::to_string(&ProblemKind::InvalidDate).unwrap_or_default();
        assert_eq!(json, "\"invalid-date\"");
    }
}
