//! Colour for terminal output: ANSI styles applied only when colour is on.

use anstyle::{AnsiColor, Style};

/// Red, for errors and overdue dates.
pub const ERROR: Style = AnsiColor::Red.on_default().bold();
/// Yellow, for warnings and high priority.
pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();
/// Dim, for closed tasks and locations.
pub const DIM: Style = Style::new().dimmed();

/// `text` wrapped in `style` when `color` is on.
pub fn paint(text: &str, style: Style, color: bool) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_owned()
    }
}
