//! The race between an editor saving notes and `ike fix` rewriting them, counted.
//!
//! Each trial makes a vault of a few notes, each holding one done task without a done
//! date (so `ike fix` rewrites every note), starts `ike fix` on it, and at the same time
//! a writer that saves the notes again and again, each save a new version of the task,
//! until ike has exited or a random moment within `--window-ms` has come (so that in some
//! trials the last saves come before ike reads, and ike's edit must land). A save is **lost** when, after both are done, a note holds
//! neither the writer's last save nor that save with ike's done date appended.
//!
//! ```sh
//! cargo build --release --example race
//! target/release/examples/race --ike target/release/ike --kind rename --trials 10000 --jobs 4
//! target/release/examples/race --ike target/release/ike --kind in-place --trials 10000 --jobs 4
//! ```
//!
//! `--kind rename` saves as vim and JetBrains do (write a new file, rename it over the
//! note); `--kind in-place` as VS Code does (truncate the note, write into it).
//! `bench/race.sh` runs both.

#[path = "race/trial.rs"]
mod trial;

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use trial::{Kind, Trial, run_trial};

struct Options {
    ike: PathBuf,
    kind: Kind,
    trials: u64,
    notes: usize,
    seed: u64,
    window: Duration,
    jobs: u64,
}

fn main() {
    let opts = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!(
                "race: {e}\nusage: race --ike PATH --kind rename|in-place --trials N [--notes 5] [--seed 1] [--window-ms 150] [--jobs 1]"
            );
            std::process::exit(2);
        }
    };
    let start = Instant::now();
    let totals = Mutex::new(Totals::default());
    let next = AtomicU64::new(0);
    std::thread::scope(|scope| {
        for _ in 0..opts.jobs {
            scope.spawn(|| {
                loop {
                    let trial = next.fetch_add(1, Ordering::Relaxed);
                    if trial >= opts.trials {
                        break;
                    }
                    let t = run_trial(
                        &opts.ike,
                        opts.kind,
                        opts.notes,
                        opts.window,
                        opts.seed,
                        trial,
                    );
                    let mut totals = totals.lock().expect("totals");
                    totals.add(&t);
                    if t.lost > 0 {
                        eprintln!("trial {trial}: {} lost save(s): {}", t.lost, t.detail);
                    }
                    if totals.trials % 1000 == 0 {
                        eprintln!(
                            "{} trials, {} lost saves ({:.0} s)",
                            totals.trials,
                            totals.lost,
                            start.elapsed().as_secs_f64()
                        );
                    }
                }
            });
        }
    });
    let totals = totals.into_inner().expect("totals");
    println!(
        "kind={:?} trials={} jobs={} window_ms={} notes_per_trial={} saves={} lost_saves={} trials_with_loss={} ike_edit_kept={} ike_exit_0={} ike_exit_1={} ike_exit_other={} leftover_temps={} seconds={:.1}",
        opts.kind,
        totals.trials,
        opts.jobs,
        opts.window.as_millis(),
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
    let mut window_ms = 150;
    let mut jobs = 1;
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
            "--window-ms" => {
                window_ms = value()?.parse().map_err(|e| format!("--window-ms: {e}"))?
            }
            "--jobs" => jobs = value()?.parse().map_err(|e| format!("--jobs: {e}"))?,
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    Ok(Options {
        ike: ike.ok_or("--ike is required")?,
        kind: kind.ok_or("--kind is required")?,
        trials,
        notes,
        seed,
        window: Duration::from_millis(window_ms),
        jobs: jobs.max(1),
    })
}

#[derive(Default)]
struct Totals {
    trials: u64,
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
        self.trials += 1;
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
