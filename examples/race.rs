//! The race between an editor saving notes and `ike fix` rewriting them, counted.
//!
//! Each trial makes a vault of a few notes, each holding one done task without a done
//! date (so `ike fix` rewrites every note), starts `ike fix` on it, and at the same time
//! a writer that saves the notes again and again, each save a new version of the task,
//! until ike has exited. A save is **lost** when, after both are done, a note holds
//! neither the writer's last save nor that save with ike's done date appended.
//!
//! ```sh
//! cargo build --release --example race
//! target/release/examples/race --ike target/release/ike --kind rename --trials 10000
//! target/release/examples/race --ike target/release/ike --kind in-place --trials 10000
//! ```
//!
//! `--kind rename` saves as vim and JetBrains do (write a new file, rename it over the
//! note); `--kind in-place` as VS Code does (truncate the note, write into it).
//! `bench/race.sh` runs both.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-21";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Rename,
    InPlace,
}

struct Options {
    ike: PathBuf,
    kind: Kind,
    trials: u64,
    notes: usize,
    seed: u64,
}

fn main() {
    let opts = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!(
                "race: {e}\nusage: race --ike PATH --kind rename|in-place --trials N [--notes 5] [--seed 1]"
            );
            std::process::exit(2);
        }
    };
    let start = Instant::now();
    let mut totals = Totals::default();
    for trial in 0..opts.trials {
        let t = run_trial(&opts, trial);
        totals.add(&t);
        if t.lost > 0 {
            eprintln!("trial {trial}: {} lost save(s): {}", t.lost, t.detail);
        }
        if (trial + 1) % 1000 == 0 {
            eprintln!(
                "{} trials, {} lost saves ({:.0} s)",
                trial + 1,
                totals.lost,
                start.elapsed().as_secs_f64()
            );
        }
    }
    println!(
        "kind={:?} trials={} notes_per_trial={} saves={} lost_saves={} trials_with_loss={} ike_edit_kept={} ike_exit_0={} ike_exit_1={} ike_exit_other={} leftover_temps={} seconds={:.1}",
        opts.kind,
        opts.trials,
        opts.notes,
        totals.saves,
        totals.lost,
        totals.trials_with_loss,
        totals.edit_kept,
        totals.exit0,
        totals.exit1,
        totals.exit_other,
        totals.leftovers,
        start.elapsed().as_secs_f64()
    );
    if totals.lost > 0 || totals.exit_other > 0 {
        std::process::exit(1);
    }
}

fn options() -> Result<Options, String> {
    let mut ike = None;
    let mut kind = None;
    let mut trials = 100;
    let mut notes = 5;
    let mut seed = 1;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--ike" => ike = Some(PathBuf::from(value()?)),
            "--kind" => {
                kind = Some(match value()?.as_str() {
                    "rename" => Kind::Rename,
                    "in-place" => Kind::InPlace,
                    k => return Err(format!("unknown kind {k}")),
                })
            }
            "--trials" => trials = value()?.parse().map_err(|e| format!("--trials: {e}"))?,
            "--notes" => notes = value()?.parse().map_err(|e| format!("--notes: {e}"))?,
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    Ok(Options {
        ike: ike.ok_or("--ike is required")?,
        kind: kind.ok_or("--kind is required")?,
        trials,
        notes,
        seed,
    })
}

#[derive(Default)]
struct Totals {
    saves: u64,
    lost: u64,
    trials_with_loss: u64,
    edit_kept: u64,
    exit0: u64,
    exit1: u64,
    exit_other: u64,
    leftovers: u64,
}

impl Totals {
    fn add(&mut self, t: &Trial) {
        self.saves += t.saves;
        self.lost += t.lost;
        self.trials_with_loss += u64::from(t.lost > 0);
        self.edit_kept += t.edit_kept;
        match t.exit {
            Some(0) => self.exit0 += 1,
            Some(1) => self.exit1 += 1,
            _ => self.exit_other += 1,
        }
        self.leftovers += t.leftovers;
    }
}

struct Trial {
    saves: u64,
    lost: u64,
    edit_kept: u64,
    exit: Option<i32>,
    leftovers: u64,
    detail: String,
}

/// A note's text at version `v`.
fn version(note: usize, v: u64) -> String {
    format!("# Note {note}\n\n- [x] Task {note} version {v}\n")
}

/// The same text with ike's fix: the done date appended.
fn fixed(note: usize, v: u64) -> String {
    format!("# Note {note}\n\n- [x] Task {note} version {v} ✅ {TODAY}\n")
}

fn run_trial(opts: &Options, trial: u64) -> Trial {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_path_buf();
    let paths: Vec<PathBuf> = (0..opts.notes)
        .map(|i| root.join(format!("n{i}.md")))
        .collect();
    for (i, p) in paths.iter().enumerate() {
        fs::write(p, version(i, 0)).expect("seed note");
    }
    let done = Arc::new(AtomicBool::new(false));
    let writer = {
        let done = Arc::clone(&done);
        let paths = paths.clone();
        let kind = opts.kind;
        let mut rng = Rng(opts.seed ^ (trial.wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1);
        std::thread::spawn(move || {
            let mut last = vec![0u64; paths.len()];
            let mut saves = 0u64;
            let mut v = 0u64;
            // Save while ike runs; at least one round so every trial races.
            while !done.load(Ordering::Acquire) || v == 0 {
                v += 1;
                for (i, p) in paths.iter().enumerate() {
                    save(kind, p, &version(i, v));
                    last[i] = v;
                    saves += 1;
                    let pause = rng.next() % 400;
                    if pause > 0 {
                        std::thread::sleep(Duration::from_micros(pause));
                    }
                }
            }
            (last, saves)
        })
    };
    let status = Command::new(&opts.ike)
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
