//! What one rebuild did, reported to the caller (the CLI prints one line per update).

use crate::problem::Problem;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// Why the vault was rebuilt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// The first full run.
    Start,
    /// Files changed.
    Files,
    /// Events were lost, or discovery rules changed: the tree was walked again.
    Rescan,
    /// The config file changed.
    Settings,
    /// The date changed.
    Midnight,
}

/// One rebuild.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    /// Why.
    pub cause: Cause,
    /// Documents added.
    pub added: usize,
    /// Documents changed.
    pub modified: usize,
    /// Documents removed.
    pub removed: usize,
    /// Tasks in the vault now.
    pub tasks: usize,
    /// From the batch arriving to the digest written.
    pub elapsed: Duration,
    /// The part of `elapsed` spent rendering and writing the digest (the rest is reading,
    /// parsing and fixing).
    pub rendering: Duration,
    /// The digest file, when it was (re)written.
    pub written: Option<PathBuf>,
    /// Files rewritten by `--fix`.
    pub fixed: Vec<String>,
    /// The problems of the files read in this update.
    pub problems: Vec<Problem>,
}

impl fmt::Display for Update {
    /// `+1 ~2 −0, 88 tasks, 3 ms`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "+{} ~{} \u{2212}{}, {} task{}, {} ms",
            self.added,
            self.modified,
            self.removed,
            self.tasks,
            if self.tasks == 1 { "" } else { "s" },
            self.elapsed.as_millis()
        )
    }
}

/// What the loop tells its caller.
#[derive(Debug, Clone, PartialEq)]
pub enum Report {
    /// The vault was rebuilt.
    Update(Update),
    /// Something went wrong that does not stop watching (a digest that cannot be written,
    /// an invalid config file, a folder that cannot be watched).
    Trouble(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line() {
        let mut u = Update {
            cause: Cause::Files,
            added: 1,
            modified: 2,
            removed: 0,
            tasks: 88,
            elapsed: Duration::from_micros(3_400),
            rendering: Duration::from_micros(1_000),
            written: None,
            fixed: Vec::new(),
            problems: Vec::new(),
        };
        assert_eq!(u.to_string(), "+1 ~2 \u{2212}0, 88 tasks, 3 ms");
        u.tasks = 1;
        assert_eq!(u.to_string(), "+1 ~2 \u{2212}0, 1 task, 3 ms");
    }
}
