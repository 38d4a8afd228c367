//! Replacing a file without losing a save that races the write: swap, compare, swap back.
//!
//! The plan was made from `original`. The new bytes are in a temporary file `P` beside the
//! target `N`. One `renameat2(RENAME_EXCHANGE)` (macOS: `renameatx_np(RENAME_SWAP)`) swaps
//! the two names atomically: `N` now holds the new version and `P` holds whatever `N` held
//! at that instant. Then ike reads `P`:
//!
//! - it holds `original`: nobody saved since the read, the swap was right. ike waits a
//!   short settle time and checks `P` again (size, times and content): an editor that
//!   writes in place (truncate, then write the same inode, as VS Code does) and had opened
//!   the file just before the swap writes into `P`, and that is seen here. Unchanged:
//!   `P` is removed, the outcome is `Written`.
//! - it differs: someone saved after the read, and that save is newer than ike's version.
//!   The names are swapped again, so `N` holds the save, and `P` whatever `N` held at that
//!   second instant. That should be ike's own version, untouched; if it is not (another
//!   rename-save landed between the two swaps, or someone wrote into ike's version in
//!   place), what came out is newer than what went in, and it is swapped back in again,
//!   and so on. Each version that comes out is compared with the version ike put in
//!   by the swap before (same inode, same length, same xxh3-128 of the bytes).
//!
//! Why no save is lost: a swap only ever exchanges `N` with `P`, so nothing is deleted
//! by it. Every version that comes out of `N` either is the one ike expected (the
//! original, or the version ike put in one swap earlier, unchanged after the settle
//! time), and then it is superseded by what `N` holds, which is newer; or it is newer
//! than what went in, and it goes back into `N`. The loop ends when the expected
//! version comes out; so `N` always ends with the newest save, and only a version that
//! a newer one has replaced is removed. A target deleted between two swaps gets back the
//! version ike holds (without replacing a file created meanwhile). After 16 swaps (a
//! writer saving faster than ike can swap) ike stops and keeps the version it holds
//! beside the file, as `.NAME.XXXXXX.ike-kept`, and says so.
//!
//! What remains: a writer that opened the file before the swap and writes into it later
//! than the settle time writes into the version ike removes. An editor that truncates at
//! open is seen (the file it holds is then empty or partial, not the original); a
//! program that keeps a note open and writes into it at any moment (a sync client
//! holding it, say) is not covered, by ike or by any editor that saves by rename.

/// Where names cannot be swapped atomically: compare-then-rename.
#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
pub(super) fn replace(
    path: &std::path::Path,
    temp: tempfile::NamedTempFile,
    original: &[u8],
    _new: &[u8],
    _hook: &mut dyn FnMut(super::Step) -> std::io::Result<()>,
) -> Result<super::WriteOutcome, super::WriteError> {
    super::compare_then_rename(path, temp.into_temp_path(), original)
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
pub(super) use swap::replace;

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
mod swap {
    use crate::write::{Step, WriteError, WriteOutcome};
    use rustix::fd::OwnedFd;
    use rustix::fs::{AtFlags, Mode, OFlags, RenameFlags};
    use rustix::io::Errno;
    use std::ffi::{OsStr, OsString};
    use std::fs::File;
    use std::io;
    use std::os::unix::fs::{FileExt, MetadataExt};
    use std::path::Path;
    use std::time::Duration;
    use xxhash_rust::xxh3::Xxh3;

    /// How long a swapped-out version is watched for a late in-place write.
    pub(crate) const SETTLE: Duration = Duration::from_millis(5);

    /// Swaps after which ike gives up and keeps the version it holds beside the file.
    const MAX_SWAPS: u32 = 16;

    /// One version of the file, as it came out of (or went into) the target name.
    struct Version {
        /// Open on the version itself (`None` for a link or special file).
        file: Option<File>,
        /// Device and inode.
        id: (u64, u64),
        /// Length and xxh3-128 of the bytes (`None` when not a regular file).
        content: Option<(u64, u128)>,
    }

    impl Version {
        fn same_as(&self, other: &Version) -> bool {
            self.id == other.id && self.content == other.content
        }
    }

    /// What the version at the temporary name should be after a swap.
    enum Expected<'a> {
        /// The bytes the plan was read from (the first swap).
        Original(&'a [u8]),
        /// The version ike put into the target by the swap before.
        Version(Version),
    }

    /// The folder, the two names in it, and the test hook.
    struct Names<'a> {
        dir: OwnedFd,
        target: &'a OsStr,
        temp: OsString,
        path: &'a Path,
        hook: &'a mut dyn FnMut(Step) -> io::Result<()>,
    }

    pub(in crate::write) fn replace(
        path: &Path,
        temp: tempfile::NamedTempFile,
        original: &[u8],
        new: &[u8],
        hook: &mut dyn FnMut(Step) -> io::Result<()>,
    ) -> Result<WriteOutcome, WriteError> {
        let io_err = |action: &'static str| {
            move |error: io::Error| WriteError::Io {
                path: path.to_owned(),
                action,
                error,
            }
        };
        let Some(target) = path.file_name() else {
            return Err(WriteError::NotAFile {
                path: path.to_owned(),
            });
        };
        let dir = rustix::fs::open(
            crate::write::folder_of(path),
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| io_err("open its folder")(e.into()))?;
        let (file, temp_path) = temp.into_parts();
        let Some(temp_name) = temp_path.file_name().map(OsStr::to_owned) else {
            return Err(io_err("name a temporary file")(
                io::ErrorKind::InvalidInput.into(),
            ));
        };
        let ours = version_and_compare(file, Some(new)).map_err(io_err("read a temporary file"))?;
        let mut names = Names {
            dir,
            target,
            temp: temp_name,
            path,
            hook,
        };
        match names.swap() {
            Ok(()) => {}
            // The target was removed or renamed after the read: nothing to replace.
            Err(Errno::NOENT) => return Ok(WriteOutcome::ChangedOnDisk),
            // The file system cannot swap (some network and FUSE file systems).
            Err(e)
                if [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP, Errno::NOTSUP].contains(&e) =>
            {
                return crate::write::compare_then_rename(path, temp_path, original);
            }
            Err(e) => return Err(io_err("swap it with the new version")(e.into())),
        }
        // From here on the temporary name holds a version of the user's file: it is never
        // removed unless it is known to be superseded.
        let _ = temp_path.keep();
        names.settle_swaps(original, ours.0)
    }

    impl Names<'_> {
        fn swap(&self) -> Result<(), Errno> {
            rustix::fs::renameat_with(
                &self.dir,
                &self.temp,
                &self.dir,
                self.target,
                RenameFlags::EXCHANGE,
            )
        }

        /// Compare what each swap took out with what was expected, and swap back while it
        /// is newer. `ours` is what the first swap put into the target.
        fn settle_swaps(
            &mut self,
            original: &[u8],
            ours: Version,
        ) -> Result<WriteOutcome, WriteError> {
            let mut expected = Expected::Original(original);
            let mut in_target = ours;
            let mut swaps = 0;
            loop {
                self.step(Step::Swapped(swaps))?;
                let out = self.read_out(&expected)?;
                let matches = match &expected {
                    Expected::Original(_) => out.1,
                    Expected::Version(v) => out.0.same_as(v),
                };
                let mut out = out;
                if matches && self.unchanged_after_settle(&mut out.0, swaps)? {
                    self.remove_temp(&out.0);
                    return Ok(if swaps == 0 {
                        WriteOutcome::Written
                    } else {
                        WriteOutcome::ChangedOnDisk
                    });
                }
                if swaps + 1 >= MAX_SWAPS {
                    return Err(self.keep(
                        "stop a writer saving it faster than ike can swap",
                        io::Error::other("too many concurrent saves"),
                    ));
                }
                self.step(Step::SwappingBack(swaps))?;
                // `out` is newer than `in_target`: put it back.
                loop {
                    match self.swap() {
                        Ok(()) => break,
                        // The target was deleted meanwhile: give it back the version held
                        // here, unless a new file appeared at its name (then swap with it).
                        Err(Errno::NOENT) => match rustix::fs::renameat_with(
                            &self.dir,
                            &self.temp,
                            &self.dir,
                            self.target,
                            RenameFlags::NOREPLACE,
                        ) {
                            Ok(()) => return Ok(WriteOutcome::ChangedOnDisk),
                            Err(Errno::EXIST) => continue,
                            Err(e) => return Err(self.keep("put it back", e.into())),
                        },
                        Err(e) => return Err(self.keep("swap it back", e.into())),
                    }
                }
                swaps += 1;
                expected = Expected::Version(in_target);
                in_target = out.0;
            }
        }

        fn step(&mut self, step: Step) -> Result<(), WriteError> {
            (self.hook)(step).map_err(|e| self.keep("write it", e))
        }

        /// The version now at the temporary name, and whether its bytes are `original`.
        fn read_out(&self, expected: &Expected<'_>) -> Result<(Version, bool), WriteError> {
            let compare = match expected {
                Expected::Original(bytes) => Some(*bytes),
                Expected::Version(_) => None,
            };
            let st = rustix::fs::statat(&self.dir, &self.temp, AtFlags::SYMLINK_NOFOLLOW)
                .map_err(|e| self.keep("look at the swapped-out version", e.into()))?;
            #[allow(clippy::unnecessary_cast, clippy::useless_conversion)]
            let id = (st.st_dev as u64, st.st_ino as u64);
            let flags = OFlags::RDONLY
                | OFlags::NOFOLLOW
                | OFlags::NONBLOCK
                | OFlags::CLOEXEC
                | OFlags::NOCTTY;
            let file = match rustix::fs::openat(&self.dir, &self.temp, flags, Mode::empty()) {
                Ok(fd) => File::from(fd),
                // A link put at the target: not a version with bytes.
                Err(Errno::LOOP) => return Ok((special(id), false)),
                Err(e) => return Err(self.keep("read the swapped-out version", e.into())),
            };
            let meta = file
                .metadata()
                .map_err(|e| self.keep("read the swapped-out version", e))?;
            if !meta.is_file() || (meta.dev(), meta.ino()) != id {
                return Ok((special((meta.dev(), meta.ino())), false));
            }
            crate::write::stale::hold(&file);
            let (version, equal) = version_and_compare(file, compare)
                .map_err(|e| self.keep("read the swapped-out version", e))?;
            Ok((version, equal))
        }

        /// Wait [`SETTLE`] and check that nobody wrote into `out` meanwhile. When someone
        /// did, `out`'s content is read again: it goes back into the target as it is now,
        /// and must come out that way for the loop to end.
        fn unchanged_after_settle(
            &mut self,
            out: &mut Version,
            swaps: u32,
        ) -> Result<bool, WriteError> {
            let Some(file) = &out.file else {
                return Ok(true);
            };
            let watch = "watch the swapped-out version";
            let before = stamp(file).map_err(|e| self.keep(watch, e))?;
            self.step(Step::Settling(swaps))?;
            std::thread::sleep(SETTLE);
            let after = stamp(file).map_err(|e| self.keep(watch, e))?;
            let content = digest(file, None).map_err(|e| self.keep(watch, e))?.0;
            let unchanged = before == after && Some(content) == out.content;
            out.content = Some(content);
            Ok(unchanged)
        }

        /// Remove the superseded version at the temporary name (if it is still `out`).
        fn remove_temp(&self, out: &Version) {
            let still = rustix::fs::statat(&self.dir, &self.temp, AtFlags::SYMLINK_NOFOLLOW)
                .is_ok_and(|st| {
                    #[allow(clippy::unnecessary_cast, clippy::useless_conversion)]
                    let id = (st.st_dev as u64, st.st_ino as u64);
                    id == out.id
                });
            if still {
                let _ = rustix::fs::unlinkat(&self.dir, &self.temp, AtFlags::empty());
            }
        }

        /// Give up: keep the version at the temporary name under a name no cleanup
        /// removes, and say where.
        fn keep(&self, action: &'static str, error: io::Error) -> WriteError {
            let kept_name = kept_name(&self.temp);
            let kept = match rustix::fs::renameat_with(
                &self.dir,
                &self.temp,
                &self.dir,
                &kept_name,
                RenameFlags::NOREPLACE,
            ) {
                Ok(()) => kept_name,
                Err(_) => self.temp.clone(),
            };
            WriteError::Kept {
                path: self.path.to_owned(),
                kept: crate::write::folder_of(self.path).join(kept),
                action,
                error,
            }
        }
    }

    /// `.NAME.XXXXXX.ike-kept` for `.NAME.XXXXXX.ike-tmp`.
    fn kept_name(temp: &OsStr) -> OsString {
        let text = temp.to_string_lossy();
        let stem = text
            .strip_suffix(crate::write::TEMP_SUFFIX)
            .unwrap_or(&text);
        OsString::from(format!("{stem}.ike-kept"))
    }

    fn special(id: (u64, u64)) -> Version {
        Version {
            file: None,
            id,
            content: None,
        }
    }

    fn version_and_compare(file: File, compare: Option<&[u8]>) -> io::Result<(Version, bool)> {
        let meta = file.metadata()?;
        let (content, equal) = digest(&file, compare)?;
        Ok((
            Version {
                id: (meta.dev(), meta.ino()),
                file: Some(file),
                content: Some(content),
            },
            equal,
        ))
    }

    /// Length and xxh3-128 of a file's bytes (read from the start, in pieces: a version
    /// is never held in memory), and whether they equal `compare`.
    fn digest(file: &File, compare: Option<&[u8]>) -> io::Result<((u64, u128), bool)> {
        let mut hasher = Xxh3::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut pos: u64 = 0;
        let mut equal = compare.is_some();
        loop {
            let n = match file.read_at(&mut buf, pos) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            let chunk = &buf[..n];
            hasher.update(chunk);
            if let Some(want) = compare {
                let start = usize::try_from(pos).unwrap_or(usize::MAX);
                equal &= want.get(start..start.saturating_add(n)) == Some(chunk);
            }
            pos += n as u64;
        }
        if let Some(want) = compare {
            equal &= want.len() as u64 == pos;
        }
        Ok(((pos, hasher.digest128()), equal))
    }

    /// What changes when anyone writes into a file: size, modification and change times.
    fn stamp(file: &File) -> io::Result<(u64, i64, i64, i64, i64)> {
        let m = file.metadata()?;
        Ok((
            m.size(),
            m.mtime(),
            m.mtime_nsec(),
            m.ctime(),
            m.ctime_nsec(),
        ))
    }
}
