//! Why watching could not start, with what to do about it.

use std::path::{Path, PathBuf};

/// A failure to start watching. Once running, the loop reports trouble and goes on.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// inotify's per-user limit of watched folders was reached.
    #[error("{}", WatchError::WATCH_LIMIT_HELP)]
    WatchLimit,
    /// inotify's per-user limit of watcher instances was reached.
    #[error(
        "too many file watchers are running (fs.inotify.max_user_instances); close some, raise it with `sudo sysctl fs.inotify.max_user_instances=1024`, or use `ike watch --poll`"
    )]
    InstanceLimit,
    /// Any other failure of the file-system watcher.
    #[error("cannot watch {}: {source} (where a file system sends no change events, use `ike watch --poll`)", path.display())]
    Notify {
        /// The folder being watched.
        path: PathBuf,
        /// What notify said.
        source: notify::Error,
    },
    /// The root folder cannot be resolved to an absolute path.
    #[error("{}: cannot resolve the folder: {source}", path.display())]
    Root {
        /// The root as given.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl WatchError {
    /// What to say when inotify runs out of watches, at start or later.
    pub const WATCH_LIMIT_HELP: &'static str = "the system limit on watched folders was reached (Linux: fs.inotify.max_user_watches); raise it, e.g. `sudo sysctl fs.inotify.max_user_watches=524288` (and in /etc/sysctl.d/ to keep it), or use `ike watch --poll`";

    /// Classify a notify error met while watching `path`.
    pub fn from_notify(path: &Path, source: notify::Error) -> Self {
        match &source.kind {
            notify::ErrorKind::MaxFilesWatch => return WatchError::WatchLimit,
            notify::ErrorKind::Io(io) => match io.raw_os_error() {
                Some(ENOSPC) => return WatchError::WatchLimit,
                Some(EMFILE) => return WatchError::InstanceLimit,
                _ => {}
            },
            _ => {}
        }
        WatchError::Notify {
            path: path.to_owned(),
            source,
        }
    }
}

/// "No space left on device": what inotify_add_watch says when out of watches.
const ENOSPC: i32 = 28;
/// "Too many open files": what inotify_init says when out of instances.
const EMFILE: i32 = 24;

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(source: notify::Error, want: &str) {
        let text = WatchError::from_notify(Path::new("/v"), source).to_string();
        assert!(text.contains(want), "{text}");
    }

    #[test]
    fn limits_name_the_setting_and_poll() {
        check(
            notify::Error::new(notify::ErrorKind::MaxFilesWatch),
            "fs.inotify.max_user_watches",
        );
        check(
            notify::Error::io(std::io::Error::from_raw_os_error(ENOSPC)),
            "--poll",
        );
        check(
            notify::Error::io(std::io::Error::from_raw_os_error(EMFILE)),
            "fs.inotify.max_user_instances",
        );
        check(
            notify::Error::new(notify::ErrorKind::PathNotFound),
            "cannot watch /v",
        );
    }
}
