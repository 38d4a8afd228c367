//! Settings stage: the vault a scanned folder belongs to. `ike digest meetings/` run inside
//! a vault takes its settings, `.obsidian/` settings, cache and relative output paths from
//! the vault root, and scans only `meetings/` (docs/configuration.md, "The vault root").

use std::path::{Path, PathBuf};

/// The name of ike's settings file, looked up from the scanned folder up to the vault root.
pub(crate) const CONFIG_FILE: &str = ".ike.yaml";

/// Where a scanned folder sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VaultRoot {
    /// The vault root: the nearest folder at or above the scanned one holding `.obsidian/`
    /// or `.git`; without one, the folder of the nearest `.ike.yaml`; else the scanned
    /// folder itself.
    pub dir: PathBuf,
    /// The nearest `.ike.yaml` at or above the scanned folder, up to the vault root.
    pub config: Option<PathBuf>,
}

/// Find the vault of `root`. Walks up from `root` (made absolute, symbolic links kept as
/// written) and stops at the first folder holding `.obsidian/` or `.git` (a folder, or a
/// file as in git worktrees and submodules).
pub(crate) fn find(root: &Path) -> VaultRoot {
    let start = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let mut config: Option<PathBuf> = None;
    let mut config_dir: Option<PathBuf> = None;
    // `root` as given for the scanned folder itself (so output keeps the user's spelling),
    // then its absolute ancestors.
    let mut here = Some(start.as_path());
    let mut first = true;
    while let Some(dir) = here {
        let shown = if first {
            root.to_path_buf()
        } else {
            dir.to_path_buf()
        };
        first = false;
        let candidate = dir.join(CONFIG_FILE);
        // Anything at that name is read (a FIFO or device is then refused, not skipped).
        if config.is_none() && candidate.symlink_metadata().is_ok() {
            config = Some(shown.join(CONFIG_FILE));
            config_dir = Some(shown.clone());
        }
        if dir.join(".obsidian").is_dir() || dir.join(".git").exists() {
            return VaultRoot { dir: shown, config };
        }
        here = dir.parent();
    }
    VaultRoot {
        dir: config_dir.unwrap_or_else(|| root.to_path_buf()),
        config,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A folder tree from `(path, is_file)`; paths ending in `/` are folders.
    fn tree(entries: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        for e in entries {
            let path = dir.path().join(e.trim_end_matches('/'));
            if e.ends_with('/') {
                fs::create_dir_all(&path).expect("mkdir");
            } else {
                fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                fs::write(&path, "").expect("write");
            }
        }
        dir
    }

    #[track_caller]
    fn check(entries: &[&str], scan: &str, want_dir: &str, want_config: Option<&str>) {
        let t = tree(entries);
        let base = t.path();
        let got = find(&base.join(scan));
        let rel = |p: &Path| {
            let abs = std::path::absolute(p).expect("absolute");
            abs.strip_prefix(base)
                .map(|r| r.to_string_lossy().into_owned())
                .unwrap_or_else(|_| format!("outside: {}", abs.display()))
        };
        assert_eq!(
            rel(&got.dir),
            want_dir,
            "vault root of {scan} in {entries:?}"
        );
        assert_eq!(
            got.config.as_deref().map(rel).as_deref(),
            want_config,
            "config of {scan} in {entries:?}"
        );
    }

    #[test]
    fn finds_the_vault_root() {
        // (tree, scanned folder, vault root, config)
        check(&["v/.obsidian/", "v/meetings/"], "v/meetings", "v", None);
        check(
            &["v/.obsidian/", "v/.ike.yaml", "v/meetings/deep/"],
            "v/meetings/deep",
            "v",
            Some("v/.ike.yaml"),
        );
        check(
            &["v/.git/", "v/.ike.yaml", "v/a/"],
            "v/a",
            "v",
            Some("v/.ike.yaml"),
        );
        // A worktree's `.git` is a file.
        check(&["v/.git", "v/a/"], "v/a", "v", None);
        // The nearest config wins, even below the vault root.
        check(
            &["v/.obsidian/", "v/.ike.yaml", "v/a/.ike.yaml"],
            "v/a",
            "v",
            Some("v/a/.ike.yaml"),
        );
        // The walk stops at the vault root: a config above it is not the vault's.
        check(&[".ike.yaml", "v/.obsidian/", "v/a/"], "v/a", "v", None);
        // The scanned folder is a vault root itself.
        check(
            &["v/.obsidian/", "v/.ike.yaml"],
            "v",
            "v",
            Some("v/.ike.yaml"),
        );
        // No marker: the nearest config's folder.
        check(&[".ike.yaml", "a/b/"], "a/b", "", Some(".ike.yaml"));
        // A `.obsidian` file (not a folder) is no marker.
        check(
            &["v/.obsidian", "v/.ike.yaml", "v/a/"],
            "v/a",
            "v",
            Some("v/.ike.yaml"),
        );
    }
}
