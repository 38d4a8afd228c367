//! The last stage of `fix`: replace a file with new bytes atomically, and never over a
//! change someone else made since it was read.
//!
//! The new bytes go to a temporary file in the same folder (so the rename stays on one
//! file system), get the original's permissions and are synced; then the target is read
//! again and compared with the bytes the plan was made from, and only if it is unchanged
//! is the temporary file renamed over it. Editors do not honour locks, so this
//! compare-then-rename is the guard; the window left between the compare and the rename
//! is a single system call wide.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// What [`write_guarded`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    /// The new bytes equal the original: nothing was written.
    Unchanged,
    /// The file was replaced (or created).
    Written,
    /// The file changed on disk after it was read: it was left untouched. Run again.
    ChangedOnDisk,
}

/// Why a file could not be written. The original is intact in every case.
#[derive(Debug, Error)]
pub enum WriteError {
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
    /// An I/O step failed.
    #[error("{}: cannot {action}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// What was being done, e.g. `write a temporary file`.
        action: &'static str,
        /// The I/O error.
        source: io::Error,
    },
}

/// Replace `path`, whose content was `original` when read, with `new`.
///
/// Does nothing when the bytes are equal. Refuses symbolic links. A missing file whose
/// `original` is empty is created (a file created meanwhile by someone else is not
/// replaced). Returns [`WriteOutcome::ChangedOnDisk`], touching nothing, when the file no
/// longer holds `original` just before the rename.
pub fn write_guarded(path: &Path, original: &[u8], new: &[u8]) -> Result<WriteOutcome, WriteError> {
    write_with_hook(path, original, new, &mut || Ok(()))
}

/// [`write_guarded`] with `hook` run after the temporary file is written and before the
/// re-read: tests use it to change the file or fail the write at the worst moment.
fn write_with_hook(
    path: &Path,
    original: &[u8],
    new: &[u8],
    hook: &mut dyn FnMut() -> io::Result<()>,
) -> Result<WriteOutcome, WriteError> {
    if original == new {
        return Ok(WriteOutcome::Unchanged);
    }
    let io_err = |action: &'static str| {
        move |source: io::Error| WriteError::Io {
            path: path.to_owned(),
            action,
            source,
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

    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| ".ike".into(), |n| format!(".{}.", n.to_string_lossy()));
    let mut temp = tempfile::Builder::new()
        .prefix(&name)
        .suffix(".ike-tmp")
        .tempfile_in(dir)
        .map_err(io_err("create a temporary file in its folder"))?;
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
    hook().map_err(io_err("write a temporary file"))?;

    // The guard: a concurrent save since the read wins, and this run reports it.
    match existing {
        Some(_) => {
            match fs::symlink_metadata(path) {
                Ok(meta) if meta.is_file() => {}
                Ok(_) | Err(_) => return Ok(WriteOutcome::ChangedOnDisk),
            }
            let now = match fs::read(path) {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Ok(WriteOutcome::ChangedOnDisk);
                }
                Err(e) => return Err(io_err("read it again")(e)),
            };
            if now != original {
                return Ok(WriteOutcome::ChangedOnDisk);
            }
            temp.persist(path)
                .map_err(|e| io_err("replace it")(e.error))?;
        }
        None => match temp.persist_noclobber(path) {
            Ok(_) => {}
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => {
                return Ok(WriteOutcome::ChangedOnDisk);
            }
            Err(e) => return Err(io_err("create it")(e.error)),
        },
    }
    // Make the rename itself durable. Best effort: the file is already replaced, and not
    // every platform can open a folder for syncing.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
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
        let mut hook = || fs::write(&target, "saved meanwhile");
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
        let mut hook = || Err(io::Error::other("disk full"));
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
}
