//! The file-system side of the watcher: notify 8 behind notify-debouncer-full, turned into
//! [`Message`]s on the loop's channel.
//!
//! Folders are watched, never single files (vim and JetBrains replace a file on save, which
//! would orphan a watch on the file). `Access` events are dropped: on Linux notify reports
//! every open and close, the watcher's own reads included. The debouncer's "events were
//! lost" flag becomes [`Message::Rescan`]. Events are hints: the loop re-reads the files.

use super::error::WatchError;
use super::message::Message;
use super::poll::{self, Poller};
use notify::{ErrorKind, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};
use std::path::Path;
use std::sync::mpsc::Sender;
use std::time::Duration;

/// Where events come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventSource {
    /// The platform's native notifications (inotify, FSEvents, ReadDirectoryChangesW).
    Native,
    /// Walk the tree every interval and compare (see [`super::poll`]): for file systems
    /// that send no events, or when the inotify limit is too low.
    Poll(Duration),
}

/// The running watcher; dropping it stops the events.
#[expect(dead_code, reason = "held only for its Drop, which stops the events")]
pub(super) enum EventStream {
    /// Native notifications.
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    /// Polling.
    Poll(Poller),
}

impl std::fmt::Debug for EventStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            EventStream::Native(_) => "EventStream::Native",
            EventStream::Poll(_) => "EventStream::Poll",
        })
    }
}

/// Start watching `root` recursively, and `config` (the config file, possibly outside the
/// root), sending what happens to `tx`.
pub(super) fn start(
    root: &Path,
    config: Option<&Path>,
    source: EventSource,
    debounce: Duration,
    tx: Sender<Message>,
) -> Result<EventStream, WatchError> {
    let interval = match source {
        EventSource::Native => None,
        EventSource::Poll(interval) => Some(interval),
    };
    if let Some(interval) = interval {
        return poll::start(root, config, interval, tx)
            .map(EventStream::Poll)
            .map_err(|e| WatchError::from_notify(root, notify::Error::io(e)));
    }
    let handler = move |result: DebounceEventResult| {
        for message in messages(result) {
            // The loop has ended: nothing left to tell.
            if tx.send(message).is_err() {
                return;
            }
        }
    };
    let fail = |e: notify::Error| WatchError::from_notify(root, e);
    // The debouncer delivers on its tick: a shorter tick than its default (a quarter of
    // the window) takes up to 25 ms off the latency, for a wake-up every 25 ms.
    let tick = (debounce / 8).max(Duration::from_millis(1));
    let mut debouncer = new_debouncer_opt::<_, RecommendedWatcher, _>(
        debounce,
        Some(tick),
        handler,
        RecommendedCache::new(),
        notify::Config::default(),
    )
    .map_err(fail)?;
    debouncer
        .watch(root, RecursiveMode::Recursive)
        .map_err(fail)?;
    // A config file outside the root: watch its folder (editors replace files).
    let outside = config
        .filter(|c| !c.starts_with(root))
        .and_then(Path::parent)
        .filter(|dir| dir.is_dir());
    if let Some(dir) = outside {
        debouncer
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(fail)?;
    }
    Ok(EventStream::Native(debouncer))
}

/// Turn one debouncer delivery into loop messages: the changed paths of all non-`Access`
/// events as one batch, a rescan when events were lost, a message per error.
pub(super) fn messages(result: DebounceEventResult) -> Vec<Message> {
    let mut out = Vec::new();
    match result {
        Ok(events) => {
            let mut paths = Vec::new();
            let mut rescan = false;
            for event in events {
                if event.need_rescan() {
                    rescan = true;
                    continue;
                }
                if matches!(event.kind, EventKind::Access(_)) {
                    continue;
                }
                paths.extend(event.event.paths);
            }
            if rescan {
                out.push(Message::Rescan);
            }
            if !paths.is_empty() {
                out.push(Message::Changed(paths));
            }
        }
        Err(errors) => {
            for e in errors {
                out.push(match e.kind {
                    // A folder created later could not be watched: changes in it are
                    // missed until the limit is raised.
                    ErrorKind::MaxFilesWatch => {
                        Message::Trouble(WatchError::WATCH_LIMIT_HELP.to_owned())
                    }
                    _ => Message::Trouble(format!("file watching: {e}")),
                });
                // After an error, events may be missing: re-read everything.
                out.push(Message::Rescan);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, Flag, ModifyKind};
    use notify::{Event, EventKind};
    use notify_debouncer_full::DebouncedEvent;
    use std::path::PathBuf;
    use std::time::Instant;

    fn event(kind: EventKind, path: &str) -> DebouncedEvent {
        DebouncedEvent::new(
            Event::new(kind).add_path(PathBuf::from(path)),
            Instant::now(),
        )
    }

    #[track_caller]
    fn check(result: DebounceEventResult, want: &[Message]) {
        assert_eq!(messages(result), want);
    }

    #[test]
    fn events_become_messages() {
        check(
            Ok(vec![
                event(EventKind::Access(AccessKind::Any), "/v/read.md"),
                event(EventKind::Create(CreateKind::File), "/v/new.md"),
                event(EventKind::Modify(ModifyKind::Any), "/v/a.md"),
            ]),
            &[Message::Changed(vec!["/v/new.md".into(), "/v/a.md".into()])],
        );
        check(
            Ok(vec![event(
                EventKind::Access(AccessKind::Any),
                "/v/read.md",
            )]),
            &[],
        );
        check(
            Ok(vec![DebouncedEvent::new(
                Event::new(EventKind::Other).set_flag(Flag::Rescan),
                Instant::now(),
            )]),
            &[Message::Rescan],
        );
        check(
            Err(vec![notify::Error::new(ErrorKind::MaxFilesWatch)]),
            &[
                Message::Trouble(WatchError::WATCH_LIMIT_HELP.to_owned()),
                Message::Rescan,
            ],
        );
    }
}
