//! The last stage for `list` and `check`: render values as text. Pure: strings in, strings out.

pub(crate) mod blocks;
pub mod diagnostic;
pub mod github;
pub(crate) mod iso_date;
pub mod list_json;
pub mod list_markdown;
pub mod list_table;
pub(crate) mod pretty_json;
pub(crate) mod query_markdown;
pub mod record;
pub mod style;

/// The checkbox for a status name, as a task list shows it (`[?]` for configured ones).
pub fn checkbox(status: &str) -> &'static str {
    match status {
        "done" => "[x]",
        "in_progress" => "[/]",
        "cancelled" => "[-]",
        "todo" => "[ ]",
        _ => "[?]",
    }
}
