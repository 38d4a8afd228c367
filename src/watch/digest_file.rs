//! The digest file the watcher keeps: its path for a date (`{date}` expands), and an
//! atomic write that happens only when the bytes change.

use super::fingerprint::Fingerprint;
use chrono::NaiveDate;
use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// The digest output, by template.
#[derive(Debug, Clone)]
pub struct DigestFile {
    template: PathBuf,
    last: Option<(PathBuf, Fingerprint)>,
}

/// What [`DigestFile::write`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// The file already held these bytes.
    Unchanged,
    /// The file was replaced (or created).
    Written(PathBuf),
}

impl DigestFile {
    /// A digest written at `template` (absolute; `{date}` is replaced by `YYYY-MM-DD`).
    pub fn new(template: PathBuf) -> Self {
        Self {
            template,
            last: None,
        }
    }

    /// The file for `date`, with the longest existing part of it resolved through symbolic
    /// links, so that it compares equal to the paths file-system events carry.
    pub fn path(&self, date: NaiveDate) -> PathBuf {
        let text = self.template.to_string_lossy();
        let expanded = if text.contains("{date}") {
            PathBuf::from(text.replace("{date}", &date.format("%Y-%m-%d").to_string()))
        } else {
            self.template.clone()
        };
        resolve(&expanded)
    }

    /// Write `text` as the digest of `date`, unless the file holds it already.
    pub fn write(&mut self, date: NaiveDate, text: &str) -> io::Result<Written> {
        let path = self.path(date);
        let fingerprint = Fingerprint::of(text.as_bytes());
        let known = self
            .last
            .as_ref()
            .is_some_and(|(p, fp)| *p == path && *fp == fingerprint);
        // First write of this path: the file may hold these bytes from an earlier run.
        let on_disk = !known && fs::read(&path).is_ok_and(|b| b == text.as_bytes());
        if (known && path.is_file()) || on_disk {
            self.last = Some((path, fingerprint));
            return Ok(Written::Unchanged);
        }
        write_atomic(&path, text.as_bytes())?;
        self.last = Some((path.clone(), fingerprint));
        Ok(Written::Written(path))
    }
}

/// Replace `path` with `bytes` through a temporary file in the same folder, creating the
/// folder when it is missing (it may have been deleted while watching).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "digest".into(), |n| n.to_string_lossy().into_owned());
    // Hidden, so that the watcher (and discovery) never take it for a note.
    let temp = dir.join(format!(".{name}.{}.ike-tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// `path` made absolute, its longest existing ancestor resolved through symbolic links.
pub fn resolve(path: &Path) -> PathBuf {
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
            ("one", Written::Written(path.clone())),
            ("one", Written::Unchanged),
            ("two", Written::Written(path.clone())),
        ];
        for (text, want) in rows {
            assert_eq!(digest.write(day, text).expect("write"), want, "{text}");
            assert_eq!(fs::read_to_string(&path).expect("read"), text);
        }

        fs::remove_dir_all(root.join("digests")).expect("remove");
        assert_eq!(
            digest.write(day, "two").expect("write"),
            Written::Written(path.clone())
        );
        assert_eq!(fs::read_to_string(&path).expect("read"), "two");

        // A new run finds the same bytes on disk and leaves them.
        let mut again = DigestFile::new(root.join("digests/{date}.md"));
        assert_eq!(again.write(day, "two").expect("write"), Written::Unchanged);
        let leftovers = fs::read_dir(root.join("digests")).expect("dir").count();
        assert_eq!(leftovers, 1);
    }
}
