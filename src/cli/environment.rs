//! What the process environment says (the local date, `NO_COLOR`, the terminal), read
//! once by the binary: with the parsed arguments, the raw input settings are resolved from.

use chrono::NaiveDate;

/// What the process environment says, read once by the binary.
#[derive(Debug, Clone, Copy)]
pub struct Environment {
    /// The local date (used when `--today` is not given).
    pub local_today: NaiveDate,
    /// `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
    /// Standard output is a terminal.
    pub stdout_is_terminal: bool,
    /// The terminal's width in columns: `COLUMNS`, else the size of the terminal on
    /// stdout; `None` when neither says (output to a file or pipe).
    pub terminal_width: Option<usize>,
}
