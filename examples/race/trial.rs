//! One race between an editor saving notes and `ike fix` (see `examples/race.rs`): shared
//! by the race example and its short version in the integration tests.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The date every trial fixes with.
pub(crate) const TODAY: &str = "2026-11-21";

/// How the writer saves.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    /// Write a new file and rename it over the note (vim, JetBrains).
    Rename,
    /// Truncate the note and write into it (VS Code).
    InPlace,
}

/// What one trial found.
pub(crate) struct Trial {
    /// Saves the writer made.
    pub saves: u64,
    /// Notes whose last save was lost.
    pub lost: u64,
    /// Notes that ended with the last save plus ike's edit.
    pub edit_kept: u64,
    /// ike's exit code.
    pub exit: Option<i32>,
    /// ike's temporary files left in the vault.
    pub leftovers: u64,
    /// What was lost, for the report.
    pub detail: String,
}

/// A note's text at version `v`.
fn version(note: usize, v: u64) -> String {
    format!("# Note {note}\n\n- [x] Task {note} version {v}\n")
}

/// The same text with ike's fix: the done date appended.
fn fixed(note: usize, v: u64) -> String {
    format!("# Note {note}\n\n- [x] Task {note} version {v} ✅ {TODAY}\n")
}

/// Run trial number `trial`: `notes` notes, the writer saving them by `kind` while
/// `ike fix` runs.
/// The writer also stops at a random moment within `window` of the start, so that in some
/// trials its last saves come before ike reads the notes (and ike's edit must land).
pub(crate) fn run_trial(
    ike: &Path,
    kind: Kind,
    notes: usize,
    window: Duration,
    seed: u64,
    trial: u64,
) -> Trial {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_path_buf();
    let paths: Vec<PathBuf> = (0..notes).map(|i| root.join(format!("n{i}.md"))).collect();
    for (i, p) in paths.iter().enumerate() {
        fs::write(p, version(i, 0)).expect("seed note");
    }
    let done = Arc::new(AtomicBool::new(false));
    let writer = {
        let done = Arc::clone(&done);
        let paths = paths.clone();
        let mut rng = Rng((seed ^ trial.wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1);
        std::thread::spawn(move || {
            let window_us = u64::try_from(window.as_micros()).unwrap_or(u64::MAX).max(1);
            let deadline = Instant::now() + Duration::from_micros(rng.next() % window_us);
            let mut last = vec![0u64; paths.len()];
            let mut saves = 0u64;
            let mut v = 0u64;
            // Save while ike runs (at least one round, so that every trial races), and
            // stop as soon as it has exited: the notes saved last before that may or may
            // not have been read by ike.
            'saving: loop {
                v += 1;
                for (i, p) in paths.iter().enumerate() {
                    if v > 1 && (done.load(Ordering::Acquire) || Instant::now() > deadline) {
                        break 'saving;
                    }
                    save(kind, p, &version(i, v));
                    last[i] = v;
                    saves += 1;
                    let pause = rng.next() % 2000;
                    if pause > 0 {
                        std::thread::sleep(Duration::from_micros(pause));
                    }
                }
            }
            (last, saves)
        })
    };
    let status = Command::new(ike)
        .arg("fix")
        .arg(&root)
        .args(["--today", TODAY, "--no-cache", "--no-config"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run ike");
    done.store(true, Ordering::Release);
    let (last, saves) = writer.join().expect("writer");
    let mut lost = 0;
    let mut edit_kept = 0;
    let mut detail = String::new();
    for (i, p) in paths.iter().enumerate() {
        let now = fs::read_to_string(p).unwrap_or_else(|e| format!("<unreadable: {e}>"));
        if now == fixed(i, last[i]) {
            edit_kept += 1;
        } else if now != version(i, last[i]) {
            lost += 1;
            detail.push_str(&format!(
                "n{i}.md: last save was version {}, file holds {:?}; ",
                last[i], now
            ));
        }
    }
    let leftovers = fs::read_dir(&root)
        .map(|d| {
            d.flatten()
                .filter(|e| e.file_name().to_string_lossy().contains(".ike-"))
                .count() as u64
        })
        .unwrap_or(0);
    Trial {
        saves,
        lost,
        edit_kept,
        exit: status.code(),
        leftovers,
        detail,
    }
}

fn save(kind: Kind, path: &Path, text: &str) {
    match kind {
        Kind::Rename => {
            let tmp = path.with_extension("md.swp");
            fs::write(&tmp, text).expect("write swap file");
            fs::rename(&tmp, path).expect("rename over the note");
        }
        Kind::InPlace => {
            let mut f = fs::File::create(path).expect("truncate the note");
            f.write_all(text.as_bytes()).expect("write the note");
        }
    }
}

/// xorshift64: reproducible pauses per trial.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}
