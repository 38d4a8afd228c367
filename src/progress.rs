//! A progress line on stderr for long scans: nothing for the first second, then
//! `ike: reading notes 41,230/100,000 (41%)` redrawn ten times a second, erased at the end.
//!
//! Hand-rolled (one thread, two atomics) rather than `indicatif`: one line of text is all
//! ike shows, and the counter is bumped from every worker thread a million times a run.
//! The command layer decides when to show it (stderr is a terminal, not a JSON format);
//! everywhere else [`Progress::none`] costs an atomic add per file.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a scan runs before the line appears.
const DELAY: Duration = Duration::from_secs(1);
/// How often the line is redrawn.
const TICK: Duration = Duration::from_millis(100);

/// Files done and files to do, shared with the drawing thread.
#[derive(Debug, Default)]
struct Counts {
    done: AtomicUsize,
    total: AtomicUsize,
}

/// A scan's progress. Dropping it (or [`Progress::finish`]) stops and erases the line.
#[derive(Debug, Default)]
pub struct Progress {
    counts: Arc<Counts>,
    /// Dropped to stop the drawing thread.
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Counts, shows nothing.
    pub fn none() -> Self {
        Self::default()
    }

    /// Shows the line on stderr once the scan has run for a second.
    pub fn on_stderr() -> Self {
        let counts = Arc::new(Counts::default());
        let (stop, stopped) = mpsc::channel::<()>();
        let shared = Arc::clone(&counts);
        let thread = std::thread::Builder::new()
            .name("ike-progress".into())
            .spawn(move || {
                let start = Instant::now();
                let mut drawn = false;
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(TICK) {
                    if start.elapsed() >= DELAY {
                        let line = line(
                            shared.done.load(Ordering::Relaxed),
                            shared.total.load(Ordering::Relaxed),
                        );
                        // A failed stderr write is not worth stopping for.
                        let _ = write!(std::io::stderr().lock(), "\r\x1b[2K{line}");
                        drawn = true;
                    }
                }
                if drawn {
                    let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
                }
            })
            .ok();
        Self {
            counts,
            stop: thread.as_ref().map(|_| stop),
            thread,
        }
    }

    /// `n` more files to read.
    pub fn add_total(&self, n: usize) {
        self.counts.total.fetch_add(n, Ordering::Relaxed);
    }

    /// One more file read.
    pub fn tick(&self) {
        self.counts.done.fetch_add(1, Ordering::Relaxed);
    }

    /// Files read so far.
    #[cfg(test)]
    pub fn done(&self) -> usize {
        self.counts.done.load(Ordering::Relaxed)
    }

    /// Stop and erase the line.
    pub fn finish(self) {}
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The text of the line: a plain one while the walk runs, then files read out of total.
fn line(done: usize, total: usize) -> String {
    match (done.min(total) * 100).checked_div(total) {
        None => "ike: finding notes…".to_owned(),
        Some(percent) => format!(
            "ike: reading notes {}/{} ({percent}%)",
            thousands(done.min(total)),
            thousands(total)
        ),
    }
}

/// `1234567` → `1,234,567`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        let rows = [
            (0, 0, "ike: finding notes…"),
            (41_230, 100_000, "ike: reading notes 41,230/100,000 (41%)"),
            (7, 7, "ike: reading notes 7/7 (100%)"),
            (9, 7, "ike: reading notes 7/7 (100%)"),
            (1, 1_000_000, "ike: reading notes 1/1,000,000 (0%)"),
        ];
        for (done, total, want) in rows {
            assert_eq!(line(done, total), want, "{done}/{total}");
        }
    }

    #[test]
    fn counts_and_stops() {
        let p = Progress::none();
        p.add_total(3);
        p.tick();
        p.tick();
        assert_eq!(p.done(), 2);
        // The drawing thread stops at once, before its first line.
        let shown = Progress::on_stderr();
        shown.tick();
        shown.finish();
    }
}
