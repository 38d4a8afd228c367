//! Stage `watch`: build everything once, then follow file-system events and keep the
//! digest current, re-reading only the files that changed.
//!
//! ```text
//! events (notify + debouncer) ─► inbox ─► triage ─► live vault (re-read what changed)
//!                                                   ─► fix (--fix) ─► render ─► digest file
//! ```
//! The loop owns the parsed vault; everything it waits for (event batches, Ctrl-C, the
//! re-check of a file caught mid-save, midnight) arrives on one channel or as that
//! channel's timeout. What it does is reported through a callback, so the loop runs and is
//! tested without the binary. See `docs/watch.md`.

mod clock;
mod digest_file;
mod error;
mod events;
mod live_vault;
mod message;
mod poll;
mod settled_read;
mod triage;
mod update;

#[cfg(test)]
mod tests;

pub use clock::{Clock, FixedClock, ManualClock, SystemClock};
use digest_file::{DigestFile, DigestWrite, resolve};
pub use error::WatchError;
pub use events::EventSource;
use live_vault::{Delta, LiveVault};
pub use message::{Inbox, Message, StopHandle, inbox};
pub use update::{Cause, Report, Update};

use crate::digest::{Digest, Ledger};
use crate::model::Vault;
use crate::problem::Problem;
use crate::settings::Settings;
use crate::vault::SourceFile;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant, SystemTime};
use triage::{Landmarks, triage};

/// The default debounce window: long enough to see a save-by-rename as one change, short
/// enough to feel immediate.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(200);

/// A batch with more paths than this is taken for a burst (a `git checkout`, a sync, a
/// script): the loop waits for the rest of it before rebuilding, so that thousands of
/// events make one rebuild. An editor's save names one to three paths.
const BURST: usize = 8;

/// The longest the loop keeps gathering a burst before it rebuilds anyway.
const MAX_GATHER: Duration = Duration::from_secs(2);

/// How to watch.
#[derive(Debug, Clone)]
pub struct Options {
    /// The digest file; `{date}` expands to the day's `YYYY-MM-DD`.
    pub out: PathBuf,
    /// The config file to follow (`None` with `--no-config`); it need not exist yet.
    pub config: Option<PathBuf>,
    /// Native events or polling.
    pub source: EventSource,
    /// The debounce window.
    pub debounce: Duration,
    /// A calendar file to keep current too (`ike watch --calendar`); `{date}` expands.
    pub calendar: Option<PathBuf>,
}

/// Renders the text of a digest (built by the loop, from the rows it keeps); the last
/// argument is the digest file (links in it are relative to its folder).
pub type Render<'a> = dyn Fn(&Digest<'_>, &Settings, &Path) -> String + 'a;

/// Renders a calendar file from the parsed vault (`settings.today` is the day).
pub type CalendarRender<'a> = dyn Fn(&Vault, &Settings) -> String + 'a;

/// `--fix`: applies the fixes to the given files and writes them, guarded as `ike fix`
/// does.
pub type Fixer<'a> = dyn FnMut(&[SourceFile], NaiveDate, &Settings) -> FixOutcome + 'a;

/// What a [`Fixer`] did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FixOutcome {
    /// Root-relative paths of the files rewritten (an archive file included).
    pub written: Vec<String>,
    /// Fixes not made and files not written, and why.
    pub problems: Vec<Problem>,
}

/// The parts of the pipeline the loop calls.
pub struct Pipeline<'a> {
    /// Resolve the settings again (after the config file changed).
    pub reload: Box<dyn FnMut() -> Result<Settings, String> + 'a>,
    /// The digest.
    pub render: Box<Render<'a>>,
    /// `--fix`: the fixes, for each changed file.
    pub fix: Option<Box<Fixer<'a>>>,
    /// The calendar, written to [`Options::calendar`] after each update.
    pub calendar: Option<Box<CalendarRender<'a>>>,
}

/// Watch `settings.root` until `inbox` receives a stop, reporting every rebuild to
/// `on_report`. Fails only when watching cannot start.
pub fn run(
    settings: Settings,
    options: &Options,
    pipeline: Pipeline<'_>,
    clock: &dyn Clock,
    inbox: Inbox,
    on_report: impl FnMut(Report),
) -> Result<(), WatchError> {
    let root = settings
        .root
        .canonicalize()
        .map_err(|source| WatchError::Root {
            path: settings.root.clone(),
            source,
        })?;
    let config = options.config.as_deref().map(resolve);
    // Events first, then the full run: a change made during the run is not lost.
    let stream = events::start(
        &root,
        config.as_deref(),
        options.source,
        options.debounce,
        inbox.tx.clone(),
    )?;
    let today = clock.today();
    let digest = DigestFile::new(resolve(&options.out));
    let marks = Landmarks {
        root: root.clone(),
        config,
        digest: digest.path(today),
    };
    let mut state = State {
        live: {
            let mut live = LiveVault::new(root, settings.discover.clone(), settings.parse.clone());
            // The vault's cache (its root resolved like ROOT, so the two compare).
            let vault = settings
                .vault
                .canonicalize()
                .unwrap_or(settings.vault.clone());
            live.set_store(crate::vault::Store::new(&vault, &marks.root));
            live
        },
        ledger: Ledger::new(),
        settings,
        today,
        digest,
        calendar: options
            .calendar
            .as_deref()
            .map(|p| DigestFile::new(resolve(p))),
        marks,
        pipeline,
        pending: BTreeMap::new(),
        debounce: options.debounce,
        on_report,
    };
    state.configure();
    let started = Instant::now();
    let refresh = if state.settings.cache {
        let (refresh, cache_error) = state.live.load_cached(SystemTime::now());
        if let Some(e) = cache_error {
            (state.on_report)(Report::Trouble(format!("cannot write the cache: {e}")));
        }
        refresh
    } else {
        state.live.rescan(false)
    };
    state.queue(refresh.unsettled);
    state.finish(Cause::Start, refresh.delta, started, true);

    'watch: loop {
        let wait = state.wait(clock.next_check());
        let first = match wait {
            Some(d) => inbox.rx.recv_timeout(d),
            None => inbox.rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let mut batch = Vec::new();
        match first {
            Ok(m) => batch.push(m),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        gather(&inbox, &mut batch, options.debounce);
        let started = Instant::now();
        let mut paths = Vec::new();
        let mut rescan = false;
        for message in batch {
            match message {
                Message::Stop => break 'watch,
                Message::Changed(p) => paths.extend(p),
                Message::Rescan => rescan = true,
                Message::Trouble(t) => (state.on_report)(Report::Trouble(t)),
            }
        }
        if rescan || !paths.is_empty() {
            state.handle(paths, rescan, started);
        }
        let now_today = clock.today();
        if now_today != state.today {
            state.today = now_today;
            state.configure();
            let refresh = state.live.rediscover();
            state.queue(refresh.unsettled);
            state.finish(Cause::Midnight, refresh.delta, Instant::now(), true);
        }
        state.retry_due();
    }
    drop(stream);
    Ok(())
}

/// Take every message already waiting; when the batch is a burst, also wait for the rest
/// of it: until the debouncer has delivered nothing for half a debounce window (four of
/// its ticks).
fn gather(inbox: &Inbox, batch: &mut Vec<Message>, debounce: Duration) {
    let count = |b: &[Message]| {
        b.iter()
            .map(|m| match m {
                Message::Changed(p) => p.len(),
                _ => 0,
            })
            .sum::<usize>()
    };
    batch.extend(inbox.rx.try_iter());
    let start = Instant::now();
    let quiet = (debounce / 2).max(Duration::from_millis(10));
    while count(batch) > BURST && start.elapsed() < MAX_GATHER && !batch.contains(&Message::Stop) {
        match inbox.rx.recv_timeout(quiet) {
            Ok(m) => {
                batch.push(m);
                batch.extend(inbox.rx.try_iter());
            }
            Err(_) => break,
        }
    }
}

/// The loop's state between messages.
struct State<'a, R: FnMut(Report)> {
    settings: Settings,
    today: NaiveDate,
    live: LiveVault,
    /// The classified rows of every document, kept between updates.
    ledger: Ledger,
    digest: DigestFile,
    /// `--calendar`: the calendar file, written as the digest is.
    calendar: Option<DigestFile>,
    marks: Landmarks,
    pipeline: Pipeline<'a>,
    /// Files caught mid-save, and when to read them again.
    pending: BTreeMap<String, (PathBuf, Instant)>,
    debounce: Duration,
    on_report: R,
}

impl<R: FnMut(Report)> State<'_, R> {
    /// Hand the current settings and date to the parts that depend on them.
    fn configure(&mut self) {
        self.settings.today = self.today;
        // Resolved like the digest path, so that the digest's links are right.
        self.settings.root = self.marks.root.clone();
        let digest = self.digest.path(self.today);
        let mut discover = self.settings.discover.clone();
        discover.own_outputs.push(digest.clone());
        discover
            .own_outputs
            .push(self.digest.template().to_path_buf());
        if let Some(calendar) = &self.calendar {
            discover.own_outputs.push(calendar.template().to_path_buf());
        }
        self.marks.digest = digest;
        self.live.configure(discover, self.settings.parse.clone());
    }

    /// How long the loop may wait: until the clock's next check or the earliest re-read.
    fn wait(&self, clock: Option<Duration>) -> Option<Duration> {
        let now = Instant::now();
        let retry = self
            .pending
            .values()
            .map(|(_, at)| at.saturating_duration_since(now))
            .min();
        match (clock, retry) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn queue(&mut self, unsettled: Vec<SourceFile>) {
        let at = Instant::now() + self.debounce;
        for file in unsettled {
            self.pending.insert(file.rel, (file.path, at));
        }
    }

    /// One batch of changed paths.
    fn handle(&mut self, paths: Vec<PathBuf>, rescan: bool, started: Instant) {
        let t = triage(paths, &self.marks);
        if t.reload_settings {
            match (self.pipeline.reload)() {
                Ok(settings) => {
                    self.settings = settings;
                    self.configure();
                    let refresh = self.live.rescan(true);
                    self.queue(refresh.unsettled);
                    self.finish(Cause::Settings, refresh.delta, started, true);
                    return;
                }
                Err(message) => (self.on_report)(Report::Trouble(format!(
                    "{message} (the previous settings stay in use)"
                ))),
            }
        }
        if rescan {
            let refresh = self.live.rescan(false);
            self.queue(refresh.unsettled);
            self.finish(Cause::Rescan, refresh.delta, started, false);
            return;
        }
        let mut delta = self.live.remove_gone(&t.gone);
        let refresh = self.live.refresh(&t.files, false);
        delta.extend(refresh.delta);
        self.queue(refresh.unsettled);
        if t.rediscover || refresh.rediscover {
            let walked = self.live.rediscover();
            delta.extend(walked.delta);
            self.queue(walked.unsettled);
        }
        if !delta.is_empty() {
            self.finish(Cause::Files, delta, started, false);
        } else if t.digest_touched && !self.marks.digest.is_file() {
            // The digest (or its folder) was deleted: write it again. Only then: the events
            // of the loop's own digest writes land here too, and must cost nothing.
            self.finish(Cause::Files, delta, started, true);
        } else if t.digest_touched && self.pipeline.fix.is_some() && self.digest_ticked() {
            // Somebody ticked a box in the digest: `--fix` closes its task.
            self.finish(Cause::Files, delta, started, true);
        }
    }

    /// Does the digest file hold a ticked box (one read of a file the loop wrote)?
    fn digest_ticked(&self) -> bool {
        std::fs::read_to_string(&self.marks.digest)
            .is_ok_and(|text| !crate::digest::tick::ticked(&text).is_empty())
    }

    /// Read again the files caught mid-save whose time has come, taking what is there.
    fn retry_due(&mut self) {
        let now = Instant::now();
        let due: BTreeMap<String, PathBuf> = self
            .pending
            .iter()
            .filter(|(_, (_, at))| *at <= now)
            .map(|(rel, (path, _))| (rel.clone(), path.clone()))
            .collect();
        if due.is_empty() {
            return;
        }
        self.pending.retain(|rel, _| !due.contains_key(rel));
        let refresh = self.live.refresh(&due, true);
        let mut delta = refresh.delta;
        if refresh.rediscover {
            delta.extend(self.live.rediscover().delta);
        }
        self.finish(Cause::Files, delta, now, false);
    }

    /// After the vault changed: fix the changed files, render, write the digest when its
    /// bytes changed, report. `always`: report even when no document changed.
    fn finish(&mut self, cause: Cause, mut delta: Delta, started: Instant, always: bool) {
        if delta.is_empty() && !always {
            return;
        }
        let (fixed, mut problems) = self.fix(&mut delta, cause == Cause::Start);
        let rendering = Instant::now();
        let changed = delta
            .added
            .iter()
            .chain(&delta.modified)
            .chain(&delta.removed);
        let mut digest = self.ledger.build(
            &self.live.vault().documents,
            changed.map(String::as_str),
            self.today,
            &self.settings.classify,
            &self.settings.digest,
        );
        // Sections defined by queries are run again over the whole live vault.
        digest.custom = self.settings.query_sections(&self.live.vault().documents);
        let text = (self.pipeline.render)(&digest, &self.settings, &self.marks.digest);
        drop(digest);
        let written = match self.digest.write(self.today, &text) {
            Ok(DigestWrite::Written(path)) => Some(path),
            Ok(DigestWrite::Unchanged) => None,
            Ok(DigestWrite::ChangedOnDisk) => {
                (self.on_report)(Report::Trouble(format!(
                    "{}: changed on disk while the digest was written; left as it is until the next update",
                    self.marks.digest.display()
                )));
                None
            }
            Err(e) => {
                (self.on_report)(Report::Trouble(format!("cannot write the digest: {e}")));
                None
            }
        };
        self.write_calendar();
        let rendering = rendering.elapsed();
        if delta.is_empty() && written.is_none() && cause == Cause::Files {
            return;
        }
        let read = delta
            .added
            .iter()
            .chain(&delta.modified)
            .filter_map(|rel| self.live.document(rel))
            .flat_map(|d| d.problems.iter().cloned());
        problems.splice(0..0, read);
        // Problems of the settings (a malformed `.obsidian/` file), once per reading of them.
        if matches!(cause, Cause::Start | Cause::Settings) {
            problems.splice(0..0, self.settings.problems.iter().cloned());
        }
        (self.on_report)(Report::Update(Update {
            cause,
            added: delta.added.len(),
            modified: delta.modified.len(),
            removed: delta.removed.len(),
            tasks: self.live.task_count(),
            elapsed: started.elapsed(),
            rendering,
            written,
            fixed,
            problems,
        }));
    }

    /// `--calendar`: render the calendar and write it when its bytes changed.
    fn write_calendar(&mut self) {
        let (Some(file), Some(render)) = (self.calendar.as_mut(), self.pipeline.calendar.as_ref())
        else {
            return;
        };
        let text = render(self.live.vault(), &self.settings);
        let trouble = match file.write(self.today, &text) {
            Ok(DigestWrite::Written(_) | DigestWrite::Unchanged) => None,
            Ok(DigestWrite::ChangedOnDisk) => Some(format!(
                "{}: changed on disk while the calendar was written; left as it is until the next update",
                file.path(self.today).display()
            )),
            Err(e) => Some(format!("cannot write the calendar: {e}")),
        };
        if let Some(t) = trouble {
            (self.on_report)(Report::Trouble(t));
        }
    }

    /// `--fix`: fix the added and changed files (every file at the start), then read the
    /// rewritten files back, so that their events are known as the loop's own writes.
    /// Returns the files rewritten and the problems met.
    fn fix(&mut self, delta: &mut Delta, everything: bool) -> (Vec<String>, Vec<Problem>) {
        let Some(fix) = self.pipeline.fix.as_mut() else {
            return (Vec::new(), Vec::new());
        };
        let root = &self.marks.root;
        let file = |rel: &String| SourceFile {
            rel: rel.clone(),
            path: root.join(rel),
        };
        let files: Vec<SourceFile> = if everything {
            let docs = &self.live.vault().documents;
            docs.iter().map(|d| file(&d.path)).collect()
        } else {
            delta
                .added
                .iter()
                .chain(&delta.modified)
                .map(file)
                .collect()
        };
        // Called with no file too: the fixer also closes the tasks ticked in the digest.
        let outcome = fix(&files, self.today, &self.settings);
        if outcome.written.is_empty() {
            return (Vec::new(), outcome.problems);
        }
        let back: BTreeMap<String, PathBuf> = outcome
            .written
            .iter()
            .map(|rel| (rel.clone(), root.join(rel)))
            .collect();
        let refresh = self.live.refresh(&back, false);
        let mut more = refresh.delta;
        if refresh.rediscover {
            more.extend(self.live.rediscover().delta);
        }
        self.queue(refresh.unsettled);
        // A fixed file that was already counted as changed is not counted twice.
        let counted: std::collections::HashSet<String> = delta
            .added
            .iter()
            .chain(&delta.modified)
            .chain(&delta.removed)
            .cloned()
            .collect();
        for (from, to) in [
            (more.added, &mut delta.added),
            (more.modified, &mut delta.modified),
            (more.removed, &mut delta.removed),
        ] {
            to.extend(from.into_iter().filter(|rel| !counted.contains(rel)));
        }
        (outcome.written, outcome.problems)
    }
}
