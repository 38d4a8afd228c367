//! `gen-vault`: write a deterministic synthetic Markdown vault for benchmarks and for
//! checking that ike finds exactly the tasks that were written.
//!
//! ```text
//! cargo run --release --example gen-vault -- DIR [--files N] [--seed S] [--manifest FILE]
//!     [--profile default|real]
//! ```
//!
//! Prints `files: N`, `bytes: N`, `baseline-lines: N` (lines the benchmark's ripgrep
//! regex matches, fake checkboxes included) and, last, `tasks: N`: the real tasks, as
//! CommonMark sees them. The same arguments always give the same bytes. Besides the N
//! notes it writes a few decoys that ike must skip (a hidden `.trash/` folder, a folder
//! listed in `.ignore`, one listed in `.gitignore`); they are not in any count.
//!
//! `--profile real` writes a vault shaped like a real one (`real.rs`): most notes without
//! tasks, deeper folders, attachments, template notes, many broken values. It also prints
//! `attachments: N` before `tasks:`. The default profile's bytes never change.

mod doc;
mod real;
mod rng;
mod words;

use rng::Rng;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

const USAGE: &str =
    "usage: gen-vault DIR [--files N] [--seed S] [--manifest FILE] [--profile default|real]

Writes N Markdown notes (default 1000) under DIR, which must not exist or be empty.
Same seed (default 1), same files. Prints files:, bytes:, baseline-lines: and, last,
tasks: (the number of real tasks). --manifest writes `path<TAB>tasks` per note.
--profile real: most notes without tasks, deeper folders, attachments, templates.";

struct Args {
    dir: PathBuf,
    files: usize,
    seed: u64,
    manifest: Option<PathBuf>,
    real: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut dir = None;
    let mut files = 1000;
    let mut seed = 1;
    let mut manifest = None;
    let mut real = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--files" | "-n" => {
                let v = value("--files")?;
                files = v
                    .parse()
                    .map_err(|_| format!("--files: not a number: {v}"))?;
            }
            "--seed" | "-s" => {
                let v = value("--seed")?;
                seed = v
                    .parse()
                    .map_err(|_| format!("--seed: not a number: {v}"))?;
            }
            "--manifest" => manifest = Some(PathBuf::from(value("--manifest")?)),
            "--profile" => {
                real = match value("--profile")?.as_str() {
                    "default" => false,
                    "real" => true,
                    v => return Err(format!("--profile: default or real, not {v}")),
                }
            }
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            _ if dir.is_none() => dir = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    let dir = dir.ok_or("missing DIR")?;
    Ok(Args {
        dir,
        files,
        seed,
        manifest,
        real,
    })
}

/// A folder and the note indices it holds.
struct Folder {
    rel: String,
    first: usize,
    end: usize,
}

/// Nested folders of 50–200 notes each, up to four levels deep: the first few notes at
/// the root, then areas/aK/projects/pN, projects/pN, journal/YYYY/MM, resources/rN/notes,
/// archive/YYYY/xN and areas/aK/ref-N in turn.
fn layout(seed: u64, files: usize) -> Vec<Folder> {
    let mut rng = Rng::for_item(seed ^ 0x1A70, u64::MAX);
    let mut folders = Vec::new();
    let mut first = 0;
    let mut c = 0usize;
    while first < files {
        let size = if c == 0 { 40 } else { rng.range(50, 200) };
        let rel = match (c, c % 6) {
            (0, _) => String::new(),
            (_, 0) => format!("areas/a{}/projects/p{c}", c / 6 % 9),
            (_, 1) => format!("projects/p{c}"),
            (_, 2) => format!("journal/{}/{:02}", 2000 + c / 72, c / 6 % 12 + 1),
            (_, 3) => format!("resources/r{c}/notes"),
            (_, 4) => format!("archive/{}/x{c}", 2000 + c / 60),
            _ => format!("areas/a{}/ref-{c}", c / 6 % 9),
        };
        let end = (first + size).min(files);
        folders.push(Folder { rel, first, end });
        first = end;
        c += 1;
    }
    folders
}

/// The file name of note `index`: unique (it carries the index), mostly `.md`.
fn file_name(seed: u64, index: usize) -> String {
    let mut rng = Rng::for_item(seed ^ 0x000F_11E5, index as u64);
    let ext = match rng.weighted(&[993, 5, 2]) {
        0 => "md",
        1 => "markdown",
        _ => "MD",
    };
    let verb = rng.pick(words::VERBS).to_ascii_lowercase();
    let word = rng.pick(words::WORDS);
    format!("{verb}-{word}-{index:06}.{ext}")
}

/// Notes that ike must not read: hidden, `.ignore`d and `.gitignore`d.
fn write_decoys(dir: &Path) -> std::io::Result<()> {
    let note = "# Decoy\n\n- [ ] must not be listed\n- [x] nor this\n";
    for (folder, file) in [
        (".trash", "deleted-note.md"),
        ("ignored", "skipped.md"),
        ("exports", "export.md"),
    ] {
        std::fs::create_dir_all(dir.join(folder))?;
        std::fs::write(dir.join(folder).join(file), note)?;
    }
    std::fs::write(dir.join(".ignore"), "ignored/\n")?;
    std::fs::write(dir.join(".gitignore"), "/exports/\n")?;
    Ok(())
}

#[derive(Default)]
struct Totals {
    files: usize,
    bytes: usize,
    tasks: usize,
    baseline_lines: usize,
    attachments: usize,
    manifest: Vec<(String, usize)>,
}

fn run(args: &Args) -> Result<Totals, String> {
    let dir = &args.dir;
    if let Ok(mut entries) = std::fs::read_dir(dir) {
        if entries.next().is_some() {
            return Err(format!("{} is not empty; remove it first", dir.display()));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    write_decoys(dir).map_err(|e| format!("{}: {e}", dir.display()))?;

    let folders = if args.real {
        real::layout(args.seed, args.files)
            .into_iter()
            .map(|(rel, first, end)| Folder { rel, first, end })
            .collect()
    } else {
        layout(args.seed, args.files)
    };
    let next = AtomicUsize::new(0);
    let totals = Mutex::new(Totals::default());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let want_manifest = args.manifest.is_some();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| -> Result<(), String> {
                    let mut mine = Totals::default();
                    loop {
                        let f = next.fetch_add(1, Ordering::Relaxed);
                        let Some(folder) = folders.get(f) else { break };
                        let path = dir.join(&folder.rel);
                        std::fs::create_dir_all(&path)
                            .map_err(|e| format!("{}: {e}", path.display()))?;
                        let attached = if args.real {
                            real::attachments(args.seed, f)
                        } else {
                            Vec::new()
                        };
                        for (name, bytes) in attached {
                            let sub = path.join("attachments");
                            std::fs::create_dir_all(&sub)
                                .map_err(|e| format!("{}: {e}", sub.display()))?;
                            std::fs::write(sub.join(&name), bytes)
                                .map_err(|e| format!("{name}: {e}"))?;
                            mine.attachments += 1;
                        }
                        for index in folder.first..folder.end {
                            let name = file_name(args.seed, index);
                            let doc = if args.real {
                                real::note(args.seed, args.files, index)
                            } else {
                                doc::generate(args.seed, index as u64)
                            };
                            let file = path.join(&name);
                            std::fs::write(&file, &doc.bytes)
                                .map_err(|e| format!("{}: {e}", file.display()))?;
                            mine.files += 1;
                            mine.bytes += doc.bytes.len();
                            mine.tasks += doc.tasks;
                            mine.baseline_lines += doc.regex_lines;
                            if want_manifest {
                                let rel = if folder.rel.is_empty() {
                                    name
                                } else {
                                    format!("{}/{name}", folder.rel)
                                };
                                mine.manifest.push((rel, doc.tasks));
                            }
                        }
                    }
                    let mut all = totals.lock().map_err(|_| "a worker panicked")?;
                    all.files += mine.files;
                    all.bytes += mine.bytes;
                    all.tasks += mine.tasks;
                    all.baseline_lines += mine.baseline_lines;
                    all.attachments += mine.attachments;
                    all.manifest.append(&mut mine.manifest);
                    Ok(())
                })
            })
            .collect();
        for w in workers {
            w.join().map_err(|_| "a worker panicked".to_owned())??;
        }
        Ok::<(), String>(())
    })?;
    let mut totals = totals.into_inner().map_err(|_| "a worker panicked")?;
    if let Some(path) = &args.manifest {
        totals.manifest.sort();
        let mut text = String::new();
        for (rel, tasks) in &totals.manifest {
            text.push_str(&format!("{rel}\t{tasks}\n"));
        }
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(totals)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(msg) if msg.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("gen-vault: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(t) => {
            // writeln!, not println!: a closed pipe must not panic.
            let mut out = std::io::stdout().lock();
            let _ = writeln!(
                out,
                "files: {}\nbytes: {}\nbaseline-lines: {}",
                t.files, t.bytes, t.baseline_lines
            );
            if args.real {
                let _ = writeln!(out, "attachments: {}", t.attachments);
            }
            let _ = writeln!(out, "tasks: {}", t.tasks);
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("gen-vault: {msg}");
            ExitCode::FAILURE
        }
    }
}
