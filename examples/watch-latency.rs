//! `watch-latency`: how long after a save the digest is rewritten, on a real vault.
//!
//! ```text
//! cargo run --release --example watch-latency -- VAULT [--runs N] [--debounce-ms MS] [--in-place]
//! ```
//!
//! Runs the watch loop in this process over VAULT (which it edits: give it a copy; see
//! `bench/watch-latency.sh`), waits for the first full run, then `--runs` times (default
//! 10) adds a task to a note and later restores it, each by an editor-like save (write a
//! temporary file, rename it over the note; `--in-place`: truncate and write, as VS Code
//! does). For each save it measures the time from the save to the digest rewritten, and
//! prints the median, 90th percentile and worst of: the whole latency, the latency after
//! the debounce window, the loop's own work, and within that the digest's rendering.
//! The clock is fixed (`--today 2026-11-21`) so every run renders the same digest.

use ike::cli::Environment;
use ike::cli::args::{ColorWhen, DigestFormat, GlobalArgs};
use ike::cli::resolve::resolve;
use ike::watch::{self, EventSource, FixedClock, Options, Pipeline, Report, Update};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-21";

struct Args {
    vault: PathBuf,
    runs: usize,
    debounce: Duration,
    in_place: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut vault = None;
    let mut runs = 10;
    let mut debounce = watch::DEFAULT_DEBOUNCE;
    let mut in_place = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => {
                runs = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--runs takes a number")?;
            }
            "--debounce-ms" => {
                let ms: u64 = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--debounce-ms takes a number")?;
                debounce = Duration::from_millis(ms);
            }
            "--in-place" => in_place = true,
            _ if vault.is_none() && !arg.starts_with('-') => vault = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument `{arg}`")),
        }
    }
    let vault =
        vault.ok_or("usage: watch-latency VAULT [--runs N] [--debounce-ms MS] [--in-place]")?;
    Ok(Args {
        vault,
        runs,
        debounce,
        in_place,
    })
}

/// Markdown files under `dir`, hidden folders skipped, sorted.
fn notes(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() && !path.ends_with("digests") => notes(&path, out),
            Ok(t) if t.is_file() && path.extension().is_some_and(|e| e == "md") => out.push(path),
            _ => {}
        }
    }
}

/// Save `text` to `path` as an editor would.
fn save(path: &Path, text: &[u8], in_place: bool) -> std::io::Result<()> {
    if in_place {
        return fs::write(path, text);
    }
    let temp = path.with_file_name(".watch-latency.tmp");
    fs::write(&temp, text)?;
    fs::rename(&temp, path)
}

/// The next update, skipping troubles.
fn next_update(reports: &Receiver<Report>) -> Result<(Update, Instant), String> {
    loop {
        match reports.recv_timeout(Duration::from_secs(600)) {
            Ok(Report::Update(u)) => return Ok((u, Instant::now())),
            Ok(Report::Trouble(t)) => eprintln!("trouble: {t}"),
            Err(e) => return Err(format!("no update: {e}")),
        }
    }
}

/// Median, 90th percentile and worst, in milliseconds.
fn summary(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let at = |q: f64| {
        let i = ((samples.len() as f64 - 1.0) * q).round() as usize;
        samples
            .get(i)
            .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
    };
    format!("{:8.1} {:8.1} {:8.1}", at(0.5), at(0.9), at(1.0))
}

fn main() -> Result<(), String> {
    let args = parse_args()?;
    let root = args.vault.canonicalize().map_err(|e| e.to_string())?;
    let mut files = Vec::new();
    notes(&root, &mut files);
    files.sort();
    if files.is_empty() {
        return Err("no notes in the vault".into());
    }
    let step = (files.len() / args.runs.max(1)).max(1);
    let probes: Vec<PathBuf> = files
        .iter()
        .step_by(step)
        .take(args.runs)
        .cloned()
        .collect();
    // Break hard links (the script copies the vault with `cp -al`) before editing in place.
    for p in &probes {
        let bytes = fs::read(p).map_err(|e| e.to_string())?;
        save(p, &bytes, false).map_err(|e| e.to_string())?;
    }

    let today = ike::parse::value::date(TODAY)?;
    let global = GlobalArgs {
        today: Some(today),
        config: None,
        no_config: false,
        no_cache: true,
        exact_parser: false,
        color: ColorWhen::Never,
    };
    let env = Environment {
        local_today: today,
        no_color: true,
        stdout_is_terminal: false,
        terminal_width: None,
    };
    let settings = resolve(&global, Some(&root), &env).map_err(|e| e.to_string())?;
    let options = Options {
        out: root.join("digests/{date}.md"),
        config: Some(root.join(".ike.yaml")),
        source: EventSource::Native,
        debounce: args.debounce,
        calendar: None,
    };
    let (stop, inbox) = watch::inbox();
    let (tx, reports) = std::sync::mpsc::channel();
    let started = Instant::now();
    let loop_root = root.clone();
    let thread = std::thread::spawn(move || {
        let pipeline = Pipeline {
            reload: Box::new(move || {
                resolve(&global, Some(&loop_root), &env).map_err(|e| e.to_string())
            }),
            render: Box::new(|digest, settings, out| {
                ike::cli::digest::render_built(digest, settings, DigestFormat::Md, Some(out))
            }),
            fix: None,
            calendar: None,
        };
        watch::run(
            settings,
            &options,
            pipeline,
            &FixedClock(today),
            inbox,
            |r| {
                let _ = tx.send(r);
            },
        )
        .map_err(|e| e.to_string())
    });

    let (first, at) = next_update(&reports)?;
    println!(
        "vault: {} notes, {} tasks; first full run {:.2} s (digest {:.0} ms)",
        first.added,
        first.tasks,
        (at - started).as_secs_f64(),
        first.rendering.as_secs_f64() * 1000.0
    );

    let mut total = Vec::new();
    let mut work = Vec::new();
    let mut rendering = Vec::new();
    for (i, path) in probes.iter().enumerate() {
        let original = fs::read(path).map_err(|e| e.to_string())?;
        let mut edited = original.clone();
        edited.extend_from_slice(
            format!("\n- [ ] latency probe {i} #urgent #important\n").as_bytes(),
        );
        for text in [&edited, &original] {
            // Let the previous save's events settle, so that each save is measured alone.
            std::thread::sleep(args.debounce * 3);
            while reports.try_recv().is_ok() {}
            let saved = Instant::now();
            save(path, text, args.in_place).map_err(|e| e.to_string())?;
            let (update, at) = next_update(&reports)?;
            total.push(at - saved);
            work.push(update.elapsed);
            rendering.push(update.rendering);
        }
    }
    stop.stop();
    thread.join().map_err(|_| "the loop panicked")??;

    let after: Vec<Duration> = total
        .iter()
        .map(|d| d.saturating_sub(args.debounce))
        .collect();
    println!(
        "{} saves ({}), debounce {} ms; milliseconds:",
        total.len(),
        if args.in_place {
            "in place"
        } else {
            "write + rename"
        },
        args.debounce.as_millis()
    );
    println!("{:<36} {:>8} {:>8} {:>8}", "", "median", "p90", "max");
    println!("{:<36} {}", "save → digest rewritten", summary(total));
    println!("{:<36} {}", "  after the debounce window", summary(after));
    println!(
        "{:<36} {}",
        "  loop work (read, parse, digest)",
        summary(work)
    );
    println!(
        "{:<36} {}",
        "    of which digest render + write",
        summary(rendering)
    );
    Ok(())
}
