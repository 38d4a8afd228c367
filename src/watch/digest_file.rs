//! The digest file the watcher keeps: its path for a date (`{date}` expands), and a
//! guarded atomic write that happens only when the bytes change.

use crate::output_file::{OUTPUT_LIMIT, is_marked};
use crate::safe_read::{Links, read_regular};
use crate::vault::Content;
use crate::write::{WriteError, WriteOutcome, write_guarded};
use chrono::NaiveDate;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The digest output, by template.
#[derive(Debug, Clone)]
pub(super) struct DigestFile {
    template: PathBuf,
    last: Option<(PathBuf, Content)>,
}

/// What [`DigestFile::write`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum DigestWrite {
    /// The file already held these bytes.
    Unchanged,
    /// The file was replaced (or created).
    Written(PathBuf),
    /// Someone else changed the file while it was being written: left to them.
    ChangedOnDisk,
}

impl DigestFile {
    /// A digest written at `template` (absolute; `{date}` is replaced by `YYYY-MM-DD`).
    pub(super) fn new(template: PathBuf) -> Self {
        Self {
            template,
            last: None,
        }
    }

    /// The template itself (`{date}` unexpanded): every day's digest is ike's own output.
    pub(super) fn template(&self) -> &Path {
        &self.template
    }

    /// The file for `date`, with the longest existing part of it resolved through symbolic
    /// links, so that it compares equal to the paths file-system events carry.
    pub(super) fn path(&self, date: NaiveDate) -> PathBuf {
        let text = self.template.to_string_lossy();
        let expanded = if text.contains("{date}") {
            PathBuf::from(text.replace("{date}", &date.format("%Y-%m-%d").to_string()))
        } else {
            self.template.clone()
        };
        resolve(&expanded)
    }

    /// Write `text` as the digest of `date`, unless the file holds it already. Written as
    /// `ike digest --out` writes: atomically, keeping the file's permissions, and not over
    /// a change made on disk between the read and the rename (then `ChangedOnDisk`; the
    /// next update tries again).
    pub(super) fn write(&mut self, date: NaiveDate, text: &str) -> Result<DigestWrite, WriteError> {
        let marked = crate::output_file::mark_digest(text);
        let text = marked.as_str();
        let path = self.path(date);
        let fingerprint = Content::of(text.as_bytes());
        let known = self
            .last
            .as_ref()
            .is_some_and(|(p, fp)| *p == path && *fp == fingerprint);
        if known && path.is_file() {
            return Ok(DigestWrite::Unchanged);
        }
        let on_disk = match read_regular(&path, OUTPUT_LIMIT, Links::Refuse) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.is_not_found() => None,
            Err(e) => {
                return Err(WriteError::Io {
                    path,
                    action: "read it",
                    error: io::Error::other(e.to_string()),
                });
            }
        };
        if on_disk.as_deref() == Some(text.as_bytes()) {
            self.last = Some((path, fingerprint));
            return Ok(DigestWrite::Unchanged);
        }
        if on_disk.as_deref().is_some_and(|b| !is_marked(b)) {
            return Err(WriteError::NotOurs { path });
        }
        let on_disk = on_disk.unwrap_or_default();
        // The folder may have been deleted while watching.
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|source| WriteError::Io {
                path: path.clone(),
                action: "create its folder",
                error: source,
            })?;
        }
        match write_guarded(&path, &on_disk, text.as_bytes())? {
            WriteOutcome::ChangedOnDisk => Ok(DigestWrite::ChangedOnDisk),
            WriteOutcome::Written | WriteOutcome::Unchanged => {
                self.last = Some((path.clone(), fingerprint));
                Ok(DigestWrite::Written(path))
            }
        }
    }
}

/// `path` made absolute, its longest existing ancestor resolved through symbolic links.
pub(super) fn resolve(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest = Vec::new();
    let mut base = abs.as_path();
    loop {
        if let Ok(real) = base.canonicalize() {
            let mut out = real;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (base.parent(), base.components().next_back()) {
            (Some(parent), Some(Component::Normal(name))) => {
                rest.push(name.to_owned());
                base = parent;
            }
            _ => return abs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str) -> String {
        crate::output_file::mark_digest(text)
    }

    #[test]
    fn never_replaces_a_file_it_did_not_write() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("canonical");
        fs::write(
            root.join("2026-01-02.md"),
            "# My daily note
",
        )
        .expect("seed");
        let mut digest = DigestFile::new(root.join("{date}.md"));
        let got = digest.write(date("2026-01-02"), "# Digest\n");
        assert!(matches!(got, Err(WriteError::NotOurs { .. })), "{got:?}");
        assert_eq!(
            fs::read_to_string(root.join("2026-01-02.md")).expect("read"),
            "# My daily note\n"
        );
    }

    fn date(s: &str) -> NaiveDate {
        crate::parse::value::date(s).expect("date")
    }

    #[test]
    fn writes_only_changes_and_recreates_the_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("canonical");
        let mut digest = DigestFile::new(root.join("digests/{date}.md"));
        let day = date("2026-01-02");
        let path = root.join("digests/2026-01-02.md");
        assert_eq!(digest.path(day), path);

        let rows = [
            ("one", DigestWrite::Written(path.clone())),
            ("one", DigestWrite::Unchanged),
            ("two", DigestWrite::Written(path.clone())),
        ];
        for (text, want) in rows {
            assert_eq!(digest.write(day, text).expect("write"), want, "{text}");
            assert_eq!(fs::read_to_string(&path).expect("read"), marked(text));
        }

        fs::remove_dir_all(root.join("digests")).expect("remove");
        assert_eq!(
            digest.write(day, "two").expect("write"),
            DigestWrite::Written(path.clone())
        );
        assert_eq!(fs::read_to_string(&path).expect("read"), marked("two"));

        // A new run finds the same bytes on disk and leaves them.
        let mut again = DigestFile::new(root.join("digests/{date}.md"));
        assert_eq!(
            again.write(day, "two").expect("write"),
            DigestWrite::Unchanged
        );
        let leftovers = fs::read_dir(root.join("digests")).expect("dir").count();
        assert_eq!(leftovers, 1);
    }
}
