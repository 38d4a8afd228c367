//! The last stage of `fix` and of every output ike writes: replace a file with new bytes
//! atomically, and never over a change someone else made since it was read.
//!
//! The new bytes go to a temporary file in the same folder (`.NAME.XXXXXX.ike-tmp`, so the
//! swap stays on one file system), get the original's permissions and are synced. Then:
//!
//! - where the system can swap two names atomically (Linux `renameat2(RENAME_EXCHANGE)`,
//!   macOS `renameatx_np(RENAME_SWAP)`), the temporary file and the target are swapped,
//!   and what came out of the target is compared with the bytes the plan was read from;
//!   if it differs, it is swapped back in (`exchange.rs` has the whole argument, and
//!   docs/decisions/0010-exchange-swap.md the reasons);
//! - elsewhere, the target is read again and compared just before a plain rename: a
//!   save landing in the window between the two system calls can be lost.
//!
//! Editors do not honour locks, so this guard is the only protection; it never blocks.

mod exchange;
pub(crate) mod stale;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The suffix of every temporary file ike writes (see [`stale`]).
pub(crate) const TEMP_SUFFIX: &str = ".ike-tmp";

/// What [`write_guarded`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WriteOutcome {
    /// The new bytes equal the original: nothing was written.
    Unchanged,
    /// The file was replaced (or created).
    Written,
    /// The file changed on disk after it was read: the newest bytes on disk are kept and
    /// the new bytes were not written. Run again.
    ChangedOnDisk,
}

/// Why a file could not be written. The original is intact in every case (or, for
/// [`WriteError::Kept`], both versions are on disk).
#[derive(Debug, Error)]
pub(crate) enum WriteError {
    /// The path is a symbolic link; ike never replaces a file through one.
    #[error("{}: is a symbolic link; not rewritten (fix the file it points to directly)", path.display())]
    Symlink {
        /// The path.
        path: PathBuf,
    },
    /// The path is not a regular file.
    #[error("{}: not a regular file; not rewritten", path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
    },
    /// The file exists and does not carry ike's output marker (see
    /// [`crate::output_file`]): not replaced.
    #[error("{}", crate::output_file::not_ours(path))]
    NotOurs {
        /// The path.
        path: PathBuf,
    },
    /// An I/O step failed. The OS error is part of the message (and not a separate
    /// `source`, so that an error chain prints it once).
    #[error("{}: cannot {action}: {error}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// What was being done, e.g. `write a temporary file`.
        action: &'static str,
        /// The I/O error.
        error: io::Error,
    },
    /// A step failed after the swap: the file holds one version and the other was kept
    /// beside it, under `kept`, for the user to compare.
    #[error("{}: cannot {action}: {error}; the other version is kept in {}", path.display(), kept.display())]
    Kept {
        /// The path.
        path: PathBuf,
        /// Where the other version is.
        kept: PathBuf,
        /// What was being done.
        action: &'static str,
        /// The I/O error.
        error: io::Error,
    },
}

/// The points where tests step in: change the file, or fail, at the worst moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// The temporary file is written and synced; nothing is swapped yet.
    TempWritten,
    /// Swap number `n` (0 = the first) is done; what came out is not read yet.
    Swapped(u32),
    /// What came out of swap `n` matched; ike waits to see that nobody writes into it.
    Settling(u32),
    /// What came out of swap `n` did not match; it is about to be swapped back.
    SwappingBack(u32),
}

/// Replace `path`, whose content was `original` when read, with `new`.
///
/// Does nothing when the bytes are equal. Refuses symbolic links and anything that is not
/// a regular file. A missing file whose `original` is empty is created (a file created
/// meanwhile by someone else is not replaced). Returns [`WriteOutcome::ChangedOnDisk`]
/// when the file no longer held `original` (the newest bytes on disk are then in place).
pub(crate) fn write_guarded(
    path: &Path,
    original: &[u8],
    new: &[u8],
) -> Result<WriteOutcome, WriteError> {
    write_with_hook(path, original, new, &mut |_| Ok(()))
}

/// [`write_guarded`] with `hook` called at each [`Step`].
pub(crate) fn write_with_hook(
    path: &Path,
    original: &[u8],
    new: &[u8],
    hook: &mut dyn FnMut(Step) -> io::Result<()>,
) -> Result<WriteOutcome, WriteError> {
    if original == new {
        return Ok(WriteOutcome::Unchanged);
    }
    let io_err = |action: &'static str| {
        move |error: io::Error| WriteError::Io {
            path: path.to_owned(),
            action,
            error,
        }
    };
    let existing = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(WriteError::Symlink {
                path: path.to_owned(),
            });
        }
        Ok(meta) if !meta.is_file() => {
            return Err(WriteError::NotAFile {
                path: path.to_owned(),
            });
        }
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound && original.is_empty() => None,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(WriteOutcome::ChangedOnDisk),
        Err(e) => return Err(io_err("read its metadata")(e)),
    };

    let dir = folder_of(path);
    stale::clean_once(dir);
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(io_err("create a temporary file in its folder"))?;
    stale::hold(temp.as_file());
    temp.write_all(new)
        .map_err(io_err("write a temporary file"))?;
    // tempfile creates 0600; keep the original's mode (a new file gets the usual 0644).
    let permissions = match &existing {
        Some(meta) => meta.permissions(),
        None => default_permissions(temp.as_file()).map_err(io_err("set permissions"))?,
    };
    temp.as_file()
        .set_permissions(permissions)
        .map_err(io_err("set permissions on a temporary file"))?;
    temp.as_file()
        .sync_all()
        .map_err(io_err("sync a temporary file"))?;
    hook(Step::TempWritten).map_err(io_err("write a temporary file"))?;

    let outcome = match existing {
        Some(_) => exchange::replace(path, temp, original, new, hook)?,
        None => match temp.persist_noclobber(path) {
            Ok(_) => WriteOutcome::Written,
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => WriteOutcome::ChangedOnDisk,
            Err(e) => return Err(io_err("create it")(e.error)),
        },
    };
    // Make the rename durable. Best effort: the file is already replaced, and not every
    // platform can open a folder for syncing.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(outcome)
}

/// The folder `path` is in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `.NAME.`: the temporary file's name before its random part and [`TEMP_SUFFIX`].
fn temp_prefix(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| ".ike.".into(), |n| format!(".{}.", n.to_string_lossy()))
}

/// Compare-then-rename: the guard where names cannot be swapped atomically.
fn compare_then_rename(
    path: &Path,
    temp: tempfile::TempPath,
    original: &[u8],
) -> Result<WriteOutcome, WriteError> {
    let now = match crate::safe_read::read_regular(
        path,
        original.len() as u64,
        crate::safe_read::Links::Refuse,
    ) {
        Ok(bytes) => bytes,
        Err(e) if e.is_not_found() => return Ok(WriteOutcome::ChangedOnDisk),
        Err(crate::safe_read::ReadError::Io(error)) => {
            return Err(WriteError::Io {
                path: path.to_owned(),
                action: "read it again",
                error,
            });
        }
        // Longer than what was read, a link, a special file: not what the plan was made from.
        Err(_) => return Ok(WriteOutcome::ChangedOnDisk),
    };
    if now != original {
        return Ok(WriteOutcome::ChangedOnDisk);
    }
    temp.persist(path).map_err(|e| WriteError::Io {
        path: path.to_owned(),
        action: "replace it",
        error: e.error,
    })?;
    Ok(WriteOutcome::Written)
}

#[cfg(unix)]
fn default_permissions(_file: &fs::File) -> io::Result<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(file: &fs::File) -> io::Result<fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> tempfile::TempDir {
        tempfile::tempdir().expect("temp dir")
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".ike-tmp"))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_and_skips_equal_bytes() {
        let d = dir();
        let p = d.path().join("a.md");
        fs::write(&p, "old\r\n").expect("seed");
        assert_eq!(
            write_guarded(&p, b"old\r\n", b"old\r\n").expect("write"),
            WriteOutcome::Unchanged
        );
        assert_eq!(
            write_guarded(&p, b"old\r\n", b"new\r\n").expect("write"),
            WriteOutcome::Written
        );
        assert_eq!(fs::read(&p).expect("read"), b"new\r\n");
        assert_eq!(leftovers(d.path()), Vec::<String>::new());
    }

    #[test]
    fn creates_a_missing_file_only_from_empty() {
        let d = dir();
        let p = d.path().join("archive.md");
        assert_eq!(
            write_guarded(&p, b"", b"- [x] a\n").expect("write"),
            WriteOutcome::Written
        );
        assert_eq!(fs::read(&p).expect("read"), b"- [x] a\n");
        let gone = d.path().join("gone.md");
        assert_eq!(
            write_guarded(&gone, b"x", b"y").expect("write"),
            WriteOutcome::ChangedOnDisk
        );
        assert!(!gone.exists());
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let d = dir();
        let p = d.path().join("a.md");
        fs::write(&p, "old").expect("seed");
        fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).expect("chmod");
        write_guarded(&p, b"old", b"new").expect("write");
        let mode = fs::metadata(&p).expect("meta").permissions().mode() & 0o7777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn refuses_when_changed_before_the_write() {
        let d = dir();
        let p = d.path().join("a.md");
        fs::write(&p, "saved by the editor").expect("seed");
        let got = write_guarded(&p, b"what ike read", b"ike's fix").expect("write");
        assert_eq!(got, WriteOutcome::ChangedOnDisk);
        assert_eq!(fs::read(&p).expect("read"), b"saved by the editor");
        assert_eq!(leftovers(d.path()), Vec::<String>::new());
    }

    #[test]
    fn refuses_when_changed_during_the_write() {
        let d = dir();
        let p = d.path().join("a.md");
        fs::write(&p, "read").expect("seed");
        let target = p.clone();
        let mut hook = |step| match step {
            Step::TempWritten => fs::write(&target, "saved meanwhile"),
            _ => Ok(()),
        };
        let got = write_with_hook(&p, b"read", b"fixed", &mut hook).expect("write");
        assert_eq!(got, WriteOutcome::ChangedOnDisk);
        assert_eq!(fs::read(&p).expect("read"), b"saved meanwhile");
        assert_eq!(leftovers(d.path()), Vec::<String>::new());
    }

    #[test]
    fn a_failed_write_leaves_the_original() {
        let d = dir();
        let p = d.path().join("a.md");
        fs::write(&p, "original").expect("seed");
        let mut hook = |_| Err(io::Error::from_raw_os_error(28));
        let got = write_with_hook(&p, b"original", b"fixed", &mut hook);
        assert!(matches!(got, Err(WriteError::Io { .. })), "{got:?}");
        assert_eq!(fs::read(&p).expect("read"), b"original");
        assert_eq!(leftovers(d.path()), Vec::<String>::new());
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_is_an_error() {
        use std::os::unix::fs::PermissionsExt;
        let d = dir();
        let sub = d.path().join("ro");
        fs::create_dir(&sub).expect("mkdir");
        let p = sub.join("a.md");
        fs::write(&p, "original").expect("seed");
        fs::set_permissions(&sub, fs::Permissions::from_mode(0o555)).expect("chmod");
        // Root ignores folder permissions; the fault-injected test above covers that case.
        let writable = fs::write(sub.join("probe"), "").is_ok();
        let got = write_guarded(&p, b"original", b"fixed");
        fs::set_permissions(&sub, fs::Permissions::from_mode(0o755)).expect("chmod back");
        if !writable {
            assert!(matches!(got, Err(WriteError::Io { .. })), "{got:?}");
            assert_eq!(fs::read(&p).expect("read"), b"original");
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinks() {
        let d = dir();
        let real = d.path().join("real.md");
        let link = d.path().join("link.md");
        fs::write(&real, "old").expect("seed");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        let got = write_guarded(&link, b"old", b"new");
        assert!(matches!(got, Err(WriteError::Symlink { .. })), "{got:?}");
        assert_eq!(fs::read(&real).expect("read"), b"old");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn refuses_folders() {
        let d = dir();
        let got = write_guarded(d.path(), b"x", b"y");
        assert!(matches!(got, Err(WriteError::NotAFile { .. })), "{got:?}");
    }

    /// The temporary file in `dir` (there is exactly one while a write is under way).
    #[cfg(target_os = "linux")]
    fn temp_in(dir: &Path) -> PathBuf {
        let names = leftovers(dir);
        assert_eq!(names.len(), 1, "{names:?}");
        dir.join(&names[0])
    }

    /// Write `text` into the file at `path` in place: truncate, then write, same inode.
    #[cfg(target_os = "linux")]
    fn in_place(path: &Path, text: &str) -> io::Result<()> {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(path)?;
        f.write_all(text.as_bytes())
    }

    /// Save `text` at `path` as vim does: a new file renamed over it.
    #[cfg(target_os = "linux")]
    fn by_rename(path: &Path, text: &str) -> io::Result<()> {
        let swp = path.with_extension("swp");
        fs::write(&swp, text)?;
        fs::rename(&swp, path)
    }

    /// One race: `act` runs at each step with the folder and the note's path; the
    /// outcome and the note's final text are checked, and no temporary file is left.
    #[cfg(target_os = "linux")]
    #[track_caller]
    fn race(
        act: &mut dyn FnMut(Step, &Path, &Path) -> io::Result<()>,
        want: WriteOutcome,
        want_text: &str,
    ) {
        let d = dir();
        let p = d.path().join("a.md");
        fs::write(&p, "read").expect("seed");
        let (folder, note) = (d.path().to_path_buf(), p.clone());
        let mut hook = |step| act(step, &folder, &note);
        let got = write_with_hook(&p, b"read", b"fixed", &mut hook).expect("write");
        assert_eq!(got, want);
        assert_eq!(fs::read_to_string(&p).expect("read"), want_text);
        assert_eq!(leftovers(d.path()), Vec::<String>::new());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_save_racing_the_swap_is_never_lost() {
        // A rename-save just after the swap replaces ike's version: the save stays.
        race(
            &mut |step, _, note| match step {
                Step::Swapped(0) => by_rename(note, "saved after the swap"),
                _ => Ok(()),
            },
            WriteOutcome::Written,
            "saved after the swap",
        );
        // An in-place save into the version swapped out, before the compare: swapped back.
        race(
            &mut |step, dir, _| match step {
                Step::Swapped(0) => in_place(&temp_in(dir), "saved in place"),
                _ => Ok(()),
            },
            WriteOutcome::ChangedOnDisk,
            "saved in place",
        );
        // The same, while ike settles after a matching compare.
        race(
            &mut |step, dir, _| match step {
                Step::Settling(0) => in_place(&temp_in(dir), "saved late"),
                _ => Ok(()),
            },
            WriteOutcome::ChangedOnDisk,
            "saved late",
        );
        // Swapping back finds yet another save (by rename): the newest one is kept.
        race(
            &mut |step, dir, note| match step {
                Step::Swapped(0) => in_place(&temp_in(dir), "older save"),
                Step::SwappingBack(0) => by_rename(note, "newest save"),
                _ => Ok(()),
            },
            WriteOutcome::ChangedOnDisk,
            "newest save",
        );
        // … or written in place into ike's own version: that one is newer, and stays.
        race(
            &mut |step, dir, note| match step {
                Step::Swapped(0) => {
                    in_place(&temp_in(dir), "older save")?;
                    in_place(note, "newest save, in place")
                }
                _ => Ok(()),
            },
            WriteOutcome::ChangedOnDisk,
            "newest save, in place",
        );
        // A late in-place save into the version swapped out, then one into ike's version
        // before it is swapped back: the second is the newest, and stays.
        race(
            &mut |step, dir, note| match step {
                Step::Settling(0) => in_place(&temp_in(dir), "late save"),
                Step::SwappingBack(0) => in_place(note, "newest, in place"),
                _ => Ok(()),
            },
            WriteOutcome::ChangedOnDisk,
            "newest, in place",
        );
        // The note is deleted between the swaps: it gets the save back.
        race(
            &mut |step, dir, note| match step {
                Step::Swapped(0) => in_place(&temp_in(dir), "saved, then deleted"),
                Step::SwappingBack(0) => fs::remove_file(note),
                _ => Ok(()),
            },
            WriteOutcome::ChangedOnDisk,
            "saved, then deleted",
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_failure_after_the_swap_keeps_both_versions() {
        let d = dir();
        let p = d.path().join("a.md");
        fs::write(&p, "read").expect("seed");
        let mut hook = |step| match step {
            Step::Swapped(0) => Err(io::Error::from_raw_os_error(5)),
            _ => Ok(()),
        };
        let got = write_with_hook(&p, b"read", b"fixed", &mut hook);
        let Err(WriteError::Kept { kept, .. }) = got else {
            panic!("{got:?}");
        };
        assert_eq!(fs::read_to_string(&p).expect("read"), "fixed");
        assert_eq!(fs::read_to_string(&kept).expect("kept"), "read");
        assert!(kept.to_string_lossy().ends_with(".ike-kept"), "{kept:?}");
    }

    #[test]
    fn an_os_error_is_printed_once() {
        let d = dir();
        let p = d.path().join("a.md");
        fs::write(&p, "original").expect("seed");
        let mut hook = |_| Err(io::Error::from_raw_os_error(28));
        let err = write_with_hook(&p, b"original", b"fixed", &mut hook).expect_err("fails");
        let chained = format!("{:#}", anyhow::Error::from(err));
        assert_eq!(chained.matches("os error 28").count(), 1, "{chained}");
    }
}
