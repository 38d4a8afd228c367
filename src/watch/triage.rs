//! Sort a batch of changed paths into what the loop must do: reload the settings, walk
//! the tree again, re-read some Markdown files, drop the documents under a vanished
//! folder, or look at the digest file.
//!
//! Only paths are looked at here (and whether a folder now stands at one); reading and
//! the discovery rules are [`LiveVault`](super::live_vault::LiveVault)'s job.

use crate::vault::{is_markdown, relative};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The paths that mean something special to the watcher, all absolute.
#[derive(Debug, Clone)]
pub(super) struct Landmarks {
    /// The watched root.
    pub root: PathBuf,
    /// The config file, read again when it changes (`None` with `--no-config`).
    pub config: Option<PathBuf>,
    /// The digest file the loop writes: never a source.
    pub digest: PathBuf,
}

/// What a batch of paths asks for.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Triage {
    /// The config file changed.
    pub reload_settings: bool,
    /// The discovery rules or the folder tree changed (an ignore file, a folder created or
    /// moved in, the root itself): walk again.
    pub rediscover: bool,
    /// Markdown files to read again, by root-relative path.
    pub files: BTreeMap<String, PathBuf>,
    /// Root-relative paths that no longer exist: documents at or under them go.
    pub gone: BTreeSet<String>,
    /// The digest file or one of its folders was touched: check it is still there.
    pub digest_touched: bool,
}

/// Sort `paths`.
pub(super) fn triage(paths: impl IntoIterator<Item = PathBuf>, marks: &Landmarks) -> Triage {
    let mut t = Triage::default();
    for path in paths {
        if marks.config.as_deref() == Some(path.as_path()) {
            t.reload_settings = true;
            continue;
        }
        if marks.digest.starts_with(&path) {
            t.digest_touched = true;
            if path == marks.digest {
                continue;
            }
        }
        let Ok(inside) = path.strip_prefix(&marks.root) else {
            continue;
        };
        if inside.as_os_str().is_empty() {
            t.rediscover = true;
            continue;
        }
        if is_ignore_file(inside) {
            t.rediscover = true;
            continue;
        }
        if is_hidden(inside) {
            continue;
        }
        let rel = relative(&marks.root, &path);
        // One stat per path: events do not say reliably whether a path is a folder.
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                t.rediscover = true;
                // A folder may stand where a Markdown file was.
                if is_markdown(&path) {
                    t.gone.insert(rel);
                }
            }
            Ok(_) if is_markdown(&path) => {
                t.files.insert(rel, path);
            }
            Ok(_) => {}
            Err(_) => {
                t.gone.insert(rel);
            }
        }
    }
    t
}

/// `.gitignore` and `.ignore` anywhere, and `.git/info/exclude`: files that change which
/// files discovery admits.
fn is_ignore_file(inside: &Path) -> bool {
    let name = inside.file_name().and_then(|n| n.to_str());
    matches!(name, Some(".gitignore" | ".ignore")) || inside.ends_with(".git/info/exclude")
}

/// A path with a hidden component (`.obsidian/…`, `.git/…`, `.draft.md`) is never read.
fn is_hidden(inside: &Path) -> bool {
    inside
        .components()
        .any(|c| c.as_os_str().to_str().is_some_and(|s| s.starts_with('.')))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Vault {
        dir: tempfile::TempDir,
    }

    impl Vault {
        fn new() -> Self {
            let dir = tempfile::tempdir().expect("temp dir");
            for folder in ["notes", "digests", ".obsidian"] {
                std::fs::create_dir_all(dir.path().join(folder)).expect("mkdir");
            }
            for file in ["notes/a.md", "notes/b.txt", ".ike.yaml"] {
                std::fs::write(dir.path().join(file), "x").expect("write");
            }
            Self { dir }
        }

        fn marks(&self) -> Landmarks {
            Landmarks {
                root: self.dir.path().to_owned(),
                config: Some(self.dir.path().join(".ike.yaml")),
                digest: self.dir.path().join("digests/2026-01-02.md"),
            }
        }

        #[track_caller]
        fn check(&self, paths: &[&str], want: Triage) {
            let abs = paths.iter().map(|p| self.dir.path().join(p));
            let mut got = triage(abs, &self.marks());
            // Compare the absolute paths of `files` by their relative names only.
            for (rel, path) in &mut got.files {
                assert_eq!(path, &self.dir.path().join(rel));
                *path = PathBuf::new();
            }
            assert_eq!(got, want, "{paths:?}");
        }
    }

    fn files(rels: &[&str]) -> BTreeMap<String, PathBuf> {
        rels.iter()
            .map(|r| (r.to_string(), PathBuf::new()))
            .collect()
    }

    fn gone(rels: &[&str]) -> BTreeSet<String> {
        rels.iter().map(|r| r.to_string()).collect()
    }

    #[test]
    fn batches() {
        let v = Vault::new();
        v.check(
            &["notes/a.md", "notes/b.txt"],
            Triage {
                files: files(&["notes/a.md"]),
                ..Triage::default()
            },
        );
        v.check(
            &[".ike.yaml"],
            Triage {
                reload_settings: true,
                ..Triage::default()
            },
        );
        v.check(
            &[".obsidian/workspace.json", "notes/.a.md.swp"],
            Triage::default(),
        );
        for ignore in ["notes/.gitignore", ".ignore", ".git/info/exclude"] {
            v.check(
                &[ignore],
                Triage {
                    rediscover: true,
                    ..Triage::default()
                },
            );
        }
        v.check(
            &["notes"],
            Triage {
                rediscover: true,
                ..Triage::default()
            },
        );
        // The root holds the digest's folder too.
        v.check(
            &[""],
            Triage {
                rediscover: true,
                digest_touched: true,
                ..Triage::default()
            },
        );
        v.check(
            &["old", "notes/gone.md"],
            Triage {
                gone: gone(&["old", "notes/gone.md"]),
                ..Triage::default()
            },
        );
        v.check(
            &["digests/2026-01-02.md"],
            Triage {
                digest_touched: true,
                ..Triage::default()
            },
        );
        v.check(
            &["digests"],
            Triage {
                digest_touched: true,
                rediscover: true,
                ..Triage::default()
            },
        );
    }
}
