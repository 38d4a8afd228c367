//! The watch loop's mailbox: file-system batches, rescans, troubles and the stop request
//! all arrive on one channel, so the loop waits on one thing (with a timeout for midnight
//! and for files caught mid-save).

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

/// One thing that happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Paths that changed (debounced; a path may appear more than once).
    Changed(Vec<PathBuf>),
    /// Events were lost: walk and read everything again.
    Rescan,
    /// Something the user should know, e.g. a folder that could not be watched.
    Trouble(String),
    /// Finish the loop (Ctrl-C).
    Stop,
}

/// The receiving end, given to [`run`](super::run).
#[derive(Debug)]
pub struct Inbox {
    pub(super) rx: Receiver<Message>,
    pub(super) tx: Sender<Message>,
}

/// Asks a running watch loop to finish. Cheap to clone; usable from a signal handler.
#[derive(Debug, Clone)]
pub struct StopHandle(Sender<Message>);

impl StopHandle {
    /// Ask the loop to finish after the update it is doing, if any.
    pub fn stop(&self) {
        // The loop may already have ended: then there is nothing to stop.
        let _ = self.0.send(Message::Stop);
    }
}

/// A new mailbox and the handle that stops the loop reading it.
pub fn inbox() -> (StopHandle, Inbox) {
    let (tx, rx) = channel();
    (StopHandle(tx.clone()), Inbox { rx, tx })
}
