//! Read a file an editor may be in the middle of saving.
//!
//! VS Code truncates a file and then writes it; a read between the two sees an empty or
//! shorter file. Such a read is reported as [`SettledRead::Unsettled`] and the watcher
//! reads again one debounce window later, instead of acting on half a file.

use crate::safe_read::{Links, read_regular};
use std::fs;
use std::io;
use std::path::Path;
use std::time::SystemTime;

/// The outcome of one read.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum SettledRead {
    /// The file, apparently at rest.
    Bytes(Vec<u8>),
    /// The file is gone (or is no longer a regular file).
    Missing,
    /// The file changed while it was read, or became empty when it was not: read again
    /// later.
    Unsettled,
    /// The file cannot be read.
    Failed(String),
}

/// Read `path`. `was_empty` says whether the last settled read found it empty (or there
/// was none): only then is an empty read taken at face value.
pub(super) fn read_settled(path: &Path, was_empty: bool, limit: u64) -> SettledRead {
    let before = match stat(path) {
        Ok(Some(stamp)) => stamp,
        Ok(None) => return SettledRead::Missing,
        Err(e) => return SettledRead::Failed(e.to_string()),
    };
    let bytes = match read_regular(path, limit, Links::Refuse) {
        Ok(bytes) => bytes,
        Err(e) if e.is_not_found() => return SettledRead::Missing,
        Err(e) => return SettledRead::Failed(e.to_string()),
    };
    let after = match stat(path) {
        Ok(Some(stamp)) => stamp,
        Ok(None) => return SettledRead::Missing,
        Err(e) => return SettledRead::Failed(e.to_string()),
    };
    if before != after || after.0 != bytes.len() as u64 {
        return SettledRead::Unsettled;
    }
    if bytes.is_empty() && !was_empty {
        return SettledRead::Unsettled;
    }
    SettledRead::Bytes(bytes)
}

/// Length and modification time of a regular file; `None` when it is missing or is not a
/// regular file (a folder now stands at the path, or a symbolic link).
fn stat(path: &Path) -> io::Result<Option<(u64, Option<SystemTime>)>> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() => Ok(Some((meta.len(), meta.modified().ok()))),
        Ok(_) => Ok(None),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(contents: Option<&[u8]>, was_empty: bool, want: SettledRead) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.md");
        if let Some(bytes) = contents {
            fs::write(&path, bytes).expect("write");
        }
        assert_eq!(read_settled(&path, was_empty, 1 << 20), want);
    }

    #[test]
    fn reads() {
        check(
            Some(b"- [ ] a\n"),
            false,
            SettledRead::Bytes(b"- [ ] a\n".to_vec()),
        );
        check(Some(b""), true, SettledRead::Bytes(Vec::new()));
        check(Some(b""), false, SettledRead::Unsettled);
        check(None, false, SettledRead::Missing);
    }

    #[test]
    fn a_folder_is_missing() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(
            read_settled(dir.path(), false, 1 << 20),
            SettledRead::Missing
        );
    }
}
