//! The one way ike opens a file to read it: without blocking, only if it is a regular
//! file, and never more than a bounded number of bytes.
//!
//! A vault can hold anything a synced or cloned folder can: a FIFO (opening one for
//! reading blocks until a writer comes), a link to `/dev/zero` (endless), a device. Every
//! read of a note, a config file, a cache shard, an output file or the archive goes
//! through [`read_regular`], which opens with `O_NONBLOCK` (so opening a FIFO returns at
//! once), checks the handle's own type with `fstat` (no race between a check and the
//! open), refuses anything that is not a regular file, and reads at most `limit` bytes.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// How to treat a symbolic link at the path itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Links {
    /// Follow it (notes found with `follow_links`, a `--config` given by the user).
    Follow,
    /// Refuse it: the path must be the file itself (cache shards, output files).
    Refuse,
}

/// Why a file was not read. The `Display` form is the whole reason, OS error included,
/// and has no `source()`: an error chain prints it once.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Opening or reading failed (missing, permission, I/O).
    #[error("{0}")]
    Io(io::Error),
    /// The path is a symbolic link and [`Links::Refuse`] was asked.
    #[error("is a symbolic link; not followed")]
    Symlink,
    /// The path is a FIFO, socket, device or folder.
    #[error("is {0}, not a regular file; not read")]
    NotRegular(&'static str),
    /// The file holds more than the limit.
    #[error("is over the {0} byte limit; not read")]
    TooLarge(u64),
}

impl ReadError {
    /// True when the file does not exist (a missing output or cache shard is normal).
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

/// Read the regular file at `path`, at most `limit` bytes (more is [`ReadError::TooLarge`]).
pub(crate) fn read_regular(path: &Path, limit: u64, links: Links) -> Result<Vec<u8>, ReadError> {
    let mut buf = Vec::new();
    read_regular_into(path, limit, links, &mut buf)?;
    Ok(buf)
}

/// [`read_regular`] into `buf` (cleared first), so that a caller can reuse one buffer.
pub(crate) fn read_regular_into(
    path: &Path,
    limit: u64,
    links: Links,
    buf: &mut Vec<u8>,
) -> Result<(), ReadError> {
    buf.clear();
    let file = open_regular(path, links)?;
    read_bounded(&file, limit, buf)
}

/// Open `path` for reading without blocking and check that the handle is a regular file.
pub(crate) fn open_regular(path: &Path, links: Links) -> Result<File, ReadError> {
    let file = open_nonblocking(path, links)?;
    let kind = file.metadata().map_err(ReadError::Io)?.file_type();
    match describe(&kind) {
        None => Ok(file),
        Some(what) => Err(ReadError::NotRegular(what)),
    }
}

/// Read all of `file` from where it is, at most `limit` bytes, into `buf`.
pub(crate) fn read_bounded(file: &File, limit: u64, buf: &mut Vec<u8>) -> Result<(), ReadError> {
    if let Ok(meta) = file.metadata() {
        let hint = meta.len().min(limit);
        buf.reserve(usize::try_from(hint).unwrap_or(0));
    }
    let reader = file;
    reader
        .take(limit.saturating_add(1))
        .read_to_end(buf)
        .map_err(ReadError::Io)?;
    if buf.len() as u64 > limit {
        buf.clear();
        return Err(ReadError::TooLarge(limit));
    }
    Ok(())
}

/// What a file type is, in words, when it is not a regular file.
fn describe(kind: &std::fs::FileType) -> Option<&'static str> {
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    if kind.is_symlink() {
        return Some("a symbolic link");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
    }
    Some("a special file")
}

#[cfg(unix)]
fn open_nonblocking(path: &Path, links: Links) -> Result<File, ReadError> {
    use rustix::fs::{Mode, OFlags};
    let mut flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY;
    if links == Links::Refuse {
        flags |= OFlags::NOFOLLOW;
    }
    match rustix::fs::open(path, flags, Mode::empty()) {
        Ok(fd) => Ok(File::from(fd)),
        Err(rustix::io::Errno::LOOP) if links == Links::Refuse => Err(ReadError::Symlink),
        Err(e) => Err(ReadError::Io(e.into())),
    }
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path, links: Links) -> Result<File, ReadError> {
    if links == Links::Refuse
        && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
    {
        return Err(ReadError::Symlink);
    }
    File::open(path).map_err(ReadError::Io)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[track_caller]
    fn refused(path: &Path, links: Links, want: &str) {
        let start = Instant::now();
        let got = read_regular(path, 1024, links);
        assert!(start.elapsed() < Duration::from_secs(5), "took too long");
        match got {
            Err(e) => assert_eq!(e.to_string(), want, "{}", path.display()),
            Ok(bytes) => panic!("{} read {} bytes", path.display(), bytes.len()),
        }
    }

    #[test]
    fn reads_regular_files_up_to_the_limit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.md");
        std::fs::write(&path, "12345").expect("write");
        let rows: [(u64, Option<&str>); 3] = [(5, Some("12345")), (100, Some("12345")), (4, None)];
        for (limit, want) in rows {
            let got = read_regular(&path, limit, Links::Refuse);
            match want {
                Some(text) => assert_eq!(got.expect("read"), text.as_bytes(), "{limit}"),
                None => assert!(matches!(got, Err(ReadError::TooLarge(4))), "{got:?}"),
            }
        }
        assert!(
            read_regular(&dir.path().join("gone.md"), 10, Links::Follow)
                .unwrap_err()
                .is_not_found()
        );
    }

    #[cfg(unix)]
    #[test]
    fn refuses_special_files_without_blocking() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("fifo.md");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(status.success());
        let zero = dir.path().join("zero.md");
        std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
        refused(
            &fifo,
            Links::Follow,
            "is a FIFO, not a regular file; not read",
        );
        refused(
            &zero,
            Links::Follow,
            "is a device, not a regular file; not read",
        );
        refused(&zero, Links::Refuse, "is a symbolic link; not followed");
        refused(
            Path::new("/dev/zero"),
            Links::Follow,
            "is a device, not a regular file; not read",
        );
        refused(
            dir.path(),
            Links::Follow,
            "is a folder, not a regular file; not read",
        );
    }
}
