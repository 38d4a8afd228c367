//! `--poll`: find changes by walking the tree every interval and comparing each file's
//! size, modification time and identity with the previous walk.
//!
//! For file systems that send no events (network drives, some containers and virtual
//! machines) and for when the inotify limit is reached. notify 8's own `PollWatcher` is
//! not used: it compares modification times in whole seconds and ignores the size, so
//! two saves within one second go unseen, and it walks hidden folders such as `.git`.
//! This walk is discovery's own ([`crate::vault::walk_builder`]: hidden and git-ignored
//! entries skipped, links not followed), but it also looks at the
//! files that change the rules: `.gitignore`, `.ignore`, `.git/info/exclude` and the
//! config file.

use super::message::Message;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

/// What identifies one state of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    /// The inode on Unix: a file replaced by a rename is a new file even when its size
    /// and time match.
    id: u64,
}

/// The polling thread; dropping it stops the polling.
#[derive(Debug)]
pub(super) struct Poller {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Poller {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Take a first snapshot of `root` (and `config`), then compare every `interval` in a
/// thread, sending the paths that changed to `tx`.
pub(super) fn start(
    root: &Path,
    config: Option<&Path>,
    interval: Duration,
    tx: Sender<Message>,
) -> std::io::Result<Poller> {
    let root = root.to_path_buf();
    let config = config.map(Path::to_path_buf);
    let mut before = snapshot(&root, config.as_deref());
    let (stop, stopped) = mpsc::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("ike poll".into())
        .spawn(move || {
            loop {
                match stopped.recv_timeout(interval) {
                    Err(RecvTimeoutError::Timeout) => {}
                    Ok(()) | Err(RecvTimeoutError::Disconnected) => return,
                }
                let now = snapshot(&root, config.as_deref());
                let changed = diff(&before, &now);
                before = now;
                if !changed.is_empty() && tx.send(Message::Changed(changed)).is_err() {
                    return;
                }
            }
        })?;
    Ok(Poller {
        stop: Some(stop),
        thread: Some(thread),
    })
}

/// Every file discovery could read under `root`, with the files that change its rules.
fn snapshot(root: &Path, config: Option<&Path>) -> BTreeMap<PathBuf, Stamp> {
    let mut files = BTreeMap::new();
    let mut look = |path: PathBuf| {
        if let Some(stamp) = stamp(&path) {
            files.insert(path, stamp);
        }
    };
    look(root.join(".git/info/exclude"));
    if let Some(config) = config {
        look(config.to_path_buf());
    }
    let walker = crate::vault::walk_builder(root, false).build();
    for entry in walker.filter_map(Result::ok) {
        let Some(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            look(entry.path().join(".gitignore"));
            look(entry.path().join(".ignore"));
        } else if kind.is_file() {
            look(entry.into_path());
        }
    }
    files
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    #[cfg(unix)]
    let id = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let id = 0;
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        id,
    })
}

/// Paths added, removed or changed between two snapshots.
fn diff(before: &BTreeMap<PathBuf, Stamp>, after: &BTreeMap<PathBuf, Stamp>) -> Vec<PathBuf> {
    let mut changed: Vec<PathBuf> = after
        .iter()
        .filter(|(path, stamp)| before.get(*path) != Some(stamp))
        .map(|(path, _)| path.clone())
        .collect();
    changed.extend(
        before
            .keys()
            .filter(|path| !after.contains_key(*path))
            .cloned(),
    );
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn snapshots_see_same_second_edits_renames_and_rule_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        fs::create_dir_all(root.join(".obsidian")).expect("mkdir");
        fs::write(root.join("a.md"), "one").expect("write");
        fs::write(root.join(".obsidian/app.json"), "{}").expect("write");
        let config = root.join(".ike.yaml");
        let first = snapshot(root, Some(&config));
        assert_eq!(first.keys().collect::<Vec<_>>(), [&root.join("a.md")]);

        // (what happens, the paths the next snapshot reports)
        type Step<'a> = (&'a dyn Fn(), Vec<PathBuf>);
        let steps: [Step<'_>; 5] = [
            (
                &|| fs::write(root.join("a.md"), "two!").expect("write"),
                vec![root.join("a.md")],
            ),
            (
                &|| {
                    fs::write(root.join("b.tmp"), "three").expect("write");
                    fs::rename(root.join("b.tmp"), root.join("a.md")).expect("rename");
                },
                vec![root.join("a.md")],
            ),
            (
                &|| fs::write(root.join(".gitignore"), "x\n").expect("write"),
                vec![root.join(".gitignore")],
            ),
            (
                &|| fs::write(&config, "me: ana\n").expect("write"),
                vec![config.clone()],
            ),
            (
                &|| fs::remove_file(root.join("a.md")).expect("rm"),
                vec![root.join("a.md")],
            ),
        ];
        let mut before = first;
        for (i, (act, want)) in steps.into_iter().enumerate() {
            act();
            let now = snapshot(root, Some(&config));
            assert_eq!(diff(&before, &now), want, "step {i}");
            before = now;
        }
    }
}
