//! Stable `UID`s: the same task keeps its calendar entry across runs and across edits of
//! other lines, so a subscribed calendar moves an entry instead of adding a new one.
//!
//! A task with an id (`🆔 abc`, `[id:: abc]`) is known by its id alone: it may move to
//! another line or file, and its text may change. Any other task is known by its file's
//! path and its description with runs of whitespace made one space and letters made
//! lowercase (dates, priority and other metadata are not part of the description). See
//! `docs/calendar.md` for what changes a UID.

use xxhash_rust::xxh3::xxh3_64;

/// The domain part of every UID.
const DOMAIN: &str = "ike.invalid";

/// The part of a UID that names the task (what kind of entry it is is added after).
pub(crate) fn task_key(id: Option<&str>, path: &str, description: &str) -> String {
    match id.map(str::trim).filter(|id| !id.is_empty()) {
        Some(id) => format!("id-{:016x}", xxh3_64(id.as_bytes())),
        None => {
            let mut text = String::with_capacity(path.len() + description.len() + 1);
            text.push_str(path);
            // A path cannot hold NUL: the two parts cannot run into each other.
            text.push('\0');
            for (i, word) in description.split_whitespace().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                text.extend(word.chars().flat_map(char::to_lowercase));
            }
            format!("task-{:016x}", xxh3_64(text.as_bytes()))
        }
    }
}

/// The UID of an entry: the task's key, a suffix for the entry's kind (`""` for the
/// task's own date), and `-2`, `-3`… for the second and later tasks with the same key.
pub(super) fn uid(key: &str, kind: &str, nth: usize) -> String {
    let mut out = String::with_capacity(key.len() + kind.len() + DOMAIN.len() + 8);
    out.push_str(key);
    out.push_str(kind);
    if nth > 1 {
        out.push('-');
        out.push_str(&nth.to_string());
    }
    out.push('@');
    out.push_str(DOMAIN);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn same(a: (Option<&str>, &str, &str), b: (Option<&str>, &str, &str), want: bool) {
        assert_eq!(
            task_key(a.0, a.1, a.2) == task_key(b.0, b.1, b.2),
            want,
            "{a:?} vs {b:?}"
        );
    }

    #[test]
    fn what_changes_a_key() {
        let plain = (None, "a.md", "Call the bank");
        same(plain, (None, "a.md", "  call   THE bank "), true);
        same(plain, (None, "b.md", "Call the bank"), false);
        same(plain, (None, "a.md", "Call the bank today"), false);
        let with_id = (Some("x1"), "a.md", "Call the bank");
        same(with_id, (Some("x1"), "other/b.md", "Something else"), true);
        same(with_id, (Some("x2"), "a.md", "Call the bank"), false);
        same(with_id, plain, false);
        same((Some("  "), "a.md", "Call the bank"), plain, true);
        // Path and text cannot trade characters.
        same((None, "ab", "c"), (None, "a", "bc"), false);
    }

    #[test]
    fn uids() {
        assert_eq!(uid("task-00ff", "", 1), "task-00ff@ike.invalid");
        assert_eq!(
            uid("task-00ff", "-followup", 1),
            "task-00ff-followup@ike.invalid"
        );
        assert_eq!(uid("id-0a", "", 3), "id-0a-3@ike.invalid");
    }
}
