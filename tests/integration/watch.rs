//! `ike watch` against real file-system events in temporary folders. Every wait is bounded
//! (the digest is polled until it matches, 15 s at most); a sleep is only ever used to play
//! an editor's pause or to let a quiet period pass, never as the assertion.

use crate::harness::{copy_dir, fixtures};
use assert_cmd::Command;
use ike::cli::Environment;
use ike::cli::args::{ColorWhen, GlobalArgs};
use ike::cli::resolve::resolve;
use ike::watch::{
    self, Cause, EventSource, FixedClock, Options, Pipeline, Report, StopHandle, Update,
};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-21";
const DEBOUNCE: Duration = Duration::from_millis(100);
const PATIENCE: Duration = Duration::from_secs(15);

/// A watch loop running in a thread over a scratch copy of a vault.
struct Watching {
    _dir: tempfile::TempDir,
    root: PathBuf,
    digest: PathBuf,
    stop: StopHandle,
    reports: Receiver<Report>,
    /// How many times the digest was rendered.
    renders: Arc<AtomicUsize>,
    thread: Option<JoinHandle<Result<(), watch::WatchError>>>,
}

fn global() -> GlobalArgs {
    GlobalArgs {
        today: ike::parse::value::date(TODAY).ok(),
        config: None,
        no_config: false,
        no_cache: true,
        exact_parser: false,
        color: ColorWhen::Never,
    }
}

/// [`global`], with the persistent cache on or off.
fn global_cached(cache: bool) -> GlobalArgs {
    GlobalArgs {
        no_cache: !cache,
        ..global()
    }
}

fn env() -> Environment {
    Environment {
        local_today: ike::parse::value::date(TODAY).expect("date"),
        no_color: true,
        stdout_is_terminal: false,
        terminal_width: None,
    }
}

impl Watching {
    /// Watch a copy of `fixtures/demo`, natively.
    fn demo() -> Self {
        Self::start(EventSource::Native, |root| {
            copy_dir(&fixtures().join("demo"), root)
        })
    }

    /// Watch a folder prepared by `setup`; returns once the first full run is reported.
    fn start(source: EventSource, setup: impl FnOnce(&Path)) -> Self {
        Self::start_with(source, false, setup).0
    }

    /// … with `--fix` or not; also returns the first update.
    fn start_with(source: EventSource, fix: bool, setup: impl FnOnce(&Path)) -> (Self, Update) {
        Self::start_full(source, fix, false, setup)
    }

    /// … and with the persistent cache or without.
    fn start_full(
        source: EventSource,
        fix: bool,
        cache: bool,
        setup: impl FnOnce(&Path),
    ) -> (Self, Update) {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("canonical");
        setup(&root);
        let settings = resolve(&global_cached(cache), Some(&root), &env()).expect("settings");
        let options = Options {
            out: root.join("digests/{date}.md"),
            config: Some(root.join(".ike.yaml")),
            source,
            debounce: DEBOUNCE,
            calendar: None,
        };
        let (stop, inbox) = watch::inbox();
        let (tx, reports) = std::sync::mpsc::channel();
        let loop_root = root.clone();
        let template = root.join("digests/{date}.md");
        let renders = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&renders);
        let thread = std::thread::spawn(move || {
            let global = global_cached(cache);
            let env = env();
            let pipeline = Pipeline {
                reload: Box::new(|| {
                    resolve(&global, Some(&loop_root), &env).map_err(|e| e.to_string())
                }),
                render: Box::new(|digest, settings, out| {
                    counter.fetch_add(1, Ordering::SeqCst);
                    ike::cli::digest::render_built(
                        digest,
                        settings,
                        ike::cli::args::DigestFormat::Md,
                        Some(out),
                    )
                }),
                fix: fix
                    .then(|| Box::new(ike::cli::watch_fixer(template)) as Box<watch::Fixer<'_>>),
                calendar: None,
            };
            let clock = FixedClock(ike::parse::value::date(TODAY).expect("date"));
            watch::run(settings, &options, pipeline, &clock, inbox, |r| {
                let _ = tx.send(r);
            })
        });
        let w = Self {
            _dir: dir,
            digest: root.join(format!("digests/{TODAY}.md")),
            root,
            stop,
            reports,
            renders,
            thread: Some(thread),
        };
        let first = w.next_update();
        assert_eq!(first.cause, Cause::Start);
        (w, first)
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }

    /// The next update (troubles are collected on the way).
    #[track_caller]
    fn next_update(&self) -> Update {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.reports.recv_timeout(left) {
                Ok(Report::Update(u)) => return u,
                Ok(Report::Trouble(t)) => eprintln!("trouble: {t}"),
                Err(e) => panic!("no update within {PATIENCE:?}: {e}"),
            }
        }
    }

    /// Every report until none has come for a quiet period of several debounce windows.
    fn reports_until_quiet(&self) -> Vec<Report> {
        let mut all = Vec::new();
        loop {
            match self.reports.recv_timeout(DEBOUNCE * 5) {
                Ok(r) => all.push(r),
                Err(RecvTimeoutError::Timeout) => return all,
                Err(RecvTimeoutError::Disconnected) => panic!("the loop ended"),
            }
        }
    }

    fn digest_text(&self) -> String {
        fs::read_to_string(&self.digest).unwrap_or_default()
    }

    /// Does a fresh `ike digest` agree with the digest on disk?
    fn fresh_agrees(&self) -> bool {
        Command::cargo_bin("ike")
            .expect("binary")
            .args(["digest", "--today", TODAY, "--color", "never", "--out"])
            .arg(&self.digest)
            .arg(&self.root)
            .arg("--check")
            .output()
            .expect("run ike digest")
            .status
            .success()
    }

    /// Wait until the digest on disk equals a fresh `ike digest`.
    #[track_caller]
    fn wait_fresh(&self) {
        let deadline = Instant::now() + PATIENCE;
        while !self.fresh_agrees() {
            assert!(
                Instant::now() < deadline,
                "the digest never matched a fresh `ike digest`:\n{}",
                self.digest_text()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Wait until the digest on disk satisfies `ok`.
    #[track_caller]
    fn wait_digest(&self, what: &str, ok: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !ok(&self.digest_text()) {
            assert!(
                Instant::now() < deadline,
                "the digest never {what}:\n{}",
                self.digest_text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn finish(mut self) -> Vec<Report> {
        self.stop.stop();
        let result = self
            .thread
            .take()
            .expect("thread")
            .join()
            .expect("loop thread");
        assert!(result.is_ok(), "{result:?}");
        self.reports.try_iter().collect()
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        self.stop.stop();
    }
}

fn updates(reports: &[Report]) -> Vec<&Update> {
    reports
        .iter()
        .filter_map(|r| match r {
            Report::Update(u) => Some(u),
            Report::Trouble(_) => None,
        })
        .collect()
}

#[test]
fn the_first_run_writes_what_ike_digest_writes() {
    let w = Watching::demo();
    assert!(w.fresh_agrees(), "{}", w.digest_text());
    w.finish();
}

#[test]
fn the_start_reads_through_the_cache_and_knows_its_files() {
    let (w, _) = Watching::start_full(EventSource::Native, false, true, |root| {
        copy_dir(&fixtures().join("demo"), root);
        // A warm cache, then one note changed after it was written.
        Command::cargo_bin("ike")
            .expect("binary")
            .args(["digest", "--today", TODAY])
            .arg(root)
            .output()
            .expect("run ike digest");
        assert!(
            root.join(".ike/cache").is_dir(),
            "ike digest wrote no cache"
        );
        fs::write(
            root.join("someday.md"),
            "- [ ] Learn the accordion #learn\n",
        )
        .expect("write");
    });
    assert!(w.digest_text().contains("Learn the accordion"));
    assert!(w.fresh_agrees(), "{}", w.digest_text());
    // The cache's hashes are the files' fingerprints: the events of reading the files
    // (the check above) and saving the same bytes are no change.
    let quiet = w.reports_until_quiet();
    assert!(
        updates(&quiet).is_empty(),
        "reads were an update: {quiet:?}"
    );
    let same = fs::read(w.path("inbox.md")).expect("read");
    fs::write(w.path("inbox.md"), &same).expect("write");
    let after = w.reports_until_quiet();
    assert!(
        updates(&after).is_empty(),
        "an unchanged save was an update: {after:?}"
    );
    w.write(
        "inbox.md",
        "- [ ] Renew the zebra licence #urgent #important\n",
    );
    let u = w.next_update();
    assert_eq!((u.added, u.modified, u.removed), (0, 1, 0));
    w.wait_fresh();
    w.finish();
}

#[test]
fn an_edit_updates_the_digest() {
    let w = Watching::demo();
    w.write(
        "inbox.md",
        "- [ ] Renew the zebra licence #urgent #important\n",
    );
    let u = w.next_update();
    assert_eq!((u.added, u.modified, u.removed), (0, 1, 0));
    w.wait_digest("showed the new task", |d| d.contains("zebra licence"));
    w.wait_fresh();
    w.finish();
}

#[test]
fn save_by_rename_like_vim_and_jetbrains() {
    let w = Watching::demo();
    // vim: write a backup, write the new file beside, rename it over the old one.
    fs::write(w.path("inbox.md~"), "old").expect("backup");
    fs::write(w.path(".inbox.md.swp"), "swap").expect("swap");
    fs::write(
        w.path("inbox.md___jb_tmp___"),
        "- [ ] Feed the axolotl #urgent #important\n",
    )
    .expect("temp");
    fs::rename(w.path("inbox.md___jb_tmp___"), w.path("inbox.md")).expect("rename");
    w.wait_digest("showed the renamed-in task", |d| {
        d.contains("Feed the axolotl")
    });
    w.wait_fresh();
    w.finish();
}

#[test]
fn truncate_then_write_like_vs_code_never_shows_the_empty_file() {
    let w = Watching::demo();
    w.reports_until_quiet();
    let file = fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(w.path("inbox.md"))
        .expect("truncate");
    // The editor's pause between the truncation and the write, longer than the debounce
    // window, so that the watcher does see the empty file.
    std::thread::sleep(DEBOUNCE + DEBOUNCE / 2);
    drop(file);
    let full = fs::read_to_string(fixtures().join("demo/inbox.md")).expect("inbox");
    fs::write(
        w.path("inbox.md"),
        full.replace("expense report", "expense REPORT"),
    )
    .expect("write");
    w.wait_digest("showed the edit", |d| d.contains("expense REPORT"));
    w.wait_fresh();
    let reports = w.finish();
    // The edit keeps the vault's 100 tasks; an update that saw the empty inbox had 92.
    let seen = updates(&reports);
    assert!(!seen.is_empty());
    for u in seen {
        assert_eq!(u.tasks, 100, "an update saw the truncated file: {u:?}");
    }
}

#[test]
fn an_own_write_causes_no_second_rebuild() {
    let w = Watching::demo();
    w.write("someday.md", "- [ ] Learn the accordion #learn\n");
    let first = w.next_update();
    assert_eq!((first.added, first.modified, first.removed), (0, 1, 0));
    assert!(first.written.is_some(), "the digest changed");
    let renders = w.renders.load(Ordering::SeqCst);
    let after = w.reports_until_quiet();
    assert!(
        updates(&after).is_empty(),
        "rebuilt after its own write: {after:?}"
    );
    assert_eq!(
        w.renders.load(Ordering::SeqCst),
        renders,
        "rendered again after its own write"
    );
    // A marker edit: the next update is that edit's, nothing in between.
    w.write("someday.md", "- [ ] Learn the banjo #learn\n");
    let marker = w.next_update();
    assert_eq!((marker.added, marker.modified, marker.removed), (0, 1, 0));
    w.wait_fresh();
    w.finish();
}

#[test]
fn a_burst_of_two_thousand_files_then_deleting_them() {
    let w = Watching::demo();
    for i in 0..2000 {
        w.write(
            &format!("burst/{:02}/note-{i:04}.md", i % 20),
            &format!("- [ ] Burst task {i} 📅 2026-11-{:02}\n", 20 + i % 10),
        );
    }
    w.wait_fresh();
    let burst = w.reports_until_quiet();
    w.wait_fresh();
    fs::remove_dir_all(w.path("burst")).expect("remove");
    w.wait_fresh();
    let removal = w.reports_until_quiet();
    w.wait_fresh();
    let reports = w.finish();
    let rebuilds = updates(&burst).len() + updates(&removal).len() + updates(&reports).len();
    // Thousands of events coalesce into a handful of rebuilds: 2 to 6 on an idle machine,
    // more when the writing is slowed by a loaded one. Rebuilding once per debouncer
    // delivery, the failure this guards against, made 68 on an idle machine.
    assert!(
        rebuilds <= 30,
        "{rebuilds} rebuilds for a burst of 2,000 files"
    );
}

#[test]
fn an_invalid_file_is_reported_and_watching_goes_on() {
    let w = Watching::demo();
    w.write("broken.md", "- [ ] Pay the plumber 📅 2026-13-45\n");
    let u = w.next_update();
    assert_eq!(u.added, 1);
    assert!(
        u.problems.iter().any(|p| p.path == "broken.md"),
        "{:?}",
        u.problems
    );
    w.write("broken.md", "- [ ] Pay the plumber 📅 2026-11-25\n");
    let u = w.next_update();
    assert_eq!(u.modified, 1);
    assert!(u.problems.is_empty(), "{:?}", u.problems);
    w.wait_fresh();
    w.finish();
}

#[test]
fn a_config_change_is_reloaded_and_a_broken_one_is_survived() {
    let w = Watching::demo();
    let config = fs::read_to_string(w.path(".ike.yaml")).expect("config");
    w.write(
        ".ike.yaml",
        &config.replace("- \"templates/**\"", "- \"templates/**\"\n  - projects"),
    );
    let u = w.next_update();
    assert_eq!(u.cause, Cause::Settings);
    assert!(u.removed > 0, "{u:?}");
    w.wait_fresh();

    w.write(".ike.yaml", "exclude: [unclosed\n");
    let mut trouble = None;
    let deadline = Instant::now() + PATIENCE;
    while trouble.is_none() && Instant::now() < deadline {
        if let Ok(Report::Trouble(t)) = w.reports.recv_timeout(PATIENCE) {
            trouble = Some(t);
        }
    }
    let trouble = trouble.expect("the broken config is reported");
    assert!(trouble.contains(".ike.yaml"), "{trouble}");
    // Still watching, with the last good settings.
    w.write("inbox.md", "- [ ] Still here #urgent #important\n");
    w.wait_digest("showed the edit", |d| d.contains("Still here"));
    w.finish();
}

#[test]
fn a_folder_deleted_and_re_created() {
    let w = Watching::demo();
    let projects = fixtures().join("demo/projects");
    fs::remove_dir_all(w.path("projects")).expect("remove");
    w.wait_fresh();
    copy_dir(&projects, &w.path("projects"));
    w.wait_fresh();
    w.write(
        "projects/new.md",
        "- [ ] A task in the re-created folder #urgent #important\n",
    );
    w.wait_digest("showed the new task", |d| d.contains("re-created folder"));
    w.wait_fresh();
    w.finish();
}

#[test]
fn the_digest_folder_removed_is_restored() {
    let w = Watching::demo();
    let before = w.digest_text();
    // Later than the debounce window after the digest was created: the debouncer drops a
    // path created and removed within one window.
    w.reports_until_quiet();
    fs::remove_dir_all(w.path("digests")).expect("remove");
    w.wait_digest("came back", |d| d == before);
    w.write(
        "inbox.md",
        "- [ ] After the digest folder went #urgent #important\n",
    );
    w.wait_digest("showed the edit", |d| d.contains("digest folder went"));
    w.finish();
}

#[test]
fn polling_sees_an_edit() {
    let w = Watching::start(EventSource::Poll(Duration::from_millis(100)), |root| {
        copy_dir(&fixtures().join("demo"), root)
    });
    w.write("inbox.md", "- [ ] Polled task #urgent #important\n");
    w.wait_digest("showed the polled edit", |d| d.contains("Polled task"));
    w.wait_fresh();
    w.finish();
}

/// The binary: one line per update on stderr, Ctrl-C exits 0.
#[cfg(unix)]
#[test]
fn the_binary_prints_one_line_per_update_and_exits_0_on_ctrl_c() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;

    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("canonical");
    copy_dir(&fixtures().join("demo"), &root);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ike"))
        .args([
            "watch",
            "--today",
            TODAY,
            "--color",
            "never",
            "--debounce-ms",
            "100",
        ])
        .arg(&root)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn ike watch");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, lines) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let next_line = || lines.recv_timeout(PATIENCE).expect("a line on stderr");
    let pattern = |l: &str| {
        let Some(rest) = l.strip_prefix('+') else {
            return false;
        };
        rest.contains(" ~") && rest.contains(" \u{2212}") && rest.ends_with(" ms")
    };
    let first = next_line();
    assert!(pattern(&first), "{first}");
    assert!(
        first.starts_with("+16 ~0 \u{2212}0, 100 tasks, "),
        "{first}"
    );

    fs::write(root.join("inbox.md"), "- [ ] One task #urgent\n").expect("write");
    let second = next_line();
    assert!(
        second.starts_with("+0 ~1 \u{2212}0, 93 tasks, "),
        "{second}"
    );

    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let deadline = Instant::now() + PATIENCE;
    let code = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status.code();
        }
        assert!(
            Instant::now() < deadline,
            "ike watch did not stop on Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(code, Some(0));
    reader.join().expect("reader");
    assert!(root.join(format!("digests/{TODAY}.md")).is_file());
}

#[test]
fn fix_completes_a_done_task_and_its_own_write_is_not_an_edit() {
    let (w, first) = Watching::start_with(EventSource::Native, true, |root| {
        fs::create_dir_all(root).expect("mkdir");
        fs::write(
            root.join("todo.md"),
            "- [ ] Water the ficus\n- [ ] Call the bank\n",
        )
        .expect("write");
        fs::write(root.join("done.md"), "- [x] Already done\n").expect("write");
    });
    // The first run fixes what needs it.
    assert_eq!(first.fixed, ["done.md"]);
    assert_eq!(
        fs::read_to_string(w.path("done.md")).expect("done.md"),
        format!("- [x] Already done ✅ {TODAY}\n")
    );
    w.reports_until_quiet();

    let renders = w.renders.load(Ordering::SeqCst);
    w.write("todo.md", "- [x] Water the ficus\n- [ ] Call the bank\n");
    let u = w.next_update();
    assert_eq!((u.added, u.modified, u.removed), (0, 1, 0), "{u:?}");
    assert_eq!(u.fixed, ["todo.md"]);
    assert_eq!(
        fs::read_to_string(w.path("todo.md")).expect("todo.md"),
        format!("- [x] Water the ficus ✅ {TODAY}\n- [ ] Call the bank\n")
    );
    // The fix's own write: no update, no second render.
    let after = w.reports_until_quiet();
    assert!(updates(&after).is_empty(), "{after:?}");
    assert_eq!(w.renders.load(Ordering::SeqCst), renders + 1);
    w.wait_fresh();
    w.finish();
}

#[test]
fn fix_closes_a_task_ticked_in_the_digest() {
    let (w, _first) = Watching::start_with(EventSource::Native, true, |root| {
        fs::create_dir_all(root).expect("mkdir");
        fs::write(
            root.join("todo.md"),
            "- [ ] Water the ficus\n- [ ] Call the bank\n",
        )
        .expect("write");
    });
    w.reports_until_quiet();
    let digest = w.digest_text();
    let at = digest.find(") [ ] Call the bank").expect("an entry") + 3;
    let mut ticked = digest.clone();
    ticked.replace_range(at..at + 1, "x");
    fs::write(&w.digest, &ticked).expect("tick");
    w.wait_digest("the task closed", |d| {
        !d.contains("[ ] Call the bank") && !d.contains("[x] Call the bank")
    });
    assert_eq!(
        fs::read_to_string(w.path("todo.md")).expect("todo.md"),
        format!("- [ ] Water the ficus\n- [x] Call the bank ✅ {TODAY}\n")
    );
    w.wait_fresh();
    w.finish();
}

#[test]
fn a_changed_note_changes_a_query_section() {
    let w = Watching::start(EventSource::Native, |root| {
        fs::write(
            root.join(".ike.yaml"),
            "digest:\n  sections:\n    - title: Phone calls\n      query: |\n        not done\n        tags include #phone\n",
        )
        .expect("config");
        fs::write(root.join("calls.md"), "- [ ] Call the bank #phone\n").expect("note");
    });
    w.wait_digest("showed the query section", |d| {
        d.contains("## Phone calls") && d.contains("Call the bank")
    });
    w.write(
        "calls.md",
        "- [x] Call the bank #phone ✅ 2026-11-21\n- [ ] Call the zebra keeper #phone\n",
    );
    w.wait_digest("followed the edit", |d| {
        let section = d.split("## Phone calls").nth(1).unwrap_or_default();
        section.contains("Call the zebra keeper") && !section.contains("Call the bank")
    });
    w.wait_fresh();
    w.finish();
}
