//! Temporary files left behind by a killed run (`.NAME.XXXXXX.ike-tmp`), and how ike
//! tells its own live ones from stale ones.
//!
//! A run holds a shared `flock` on every temporary file it has open (its new version, and
//! each version it swapped out), so a file of that name that nobody holds a lock on, and
//! whose times are older than [`MIN_AGE`], belongs to no running ike: the process that
//! made it is gone (a kill releases its locks). Before ike first writes into a folder in a
//! run, it removes such files there: only names of its own pattern, only regular files,
//! only unlocked and old enough. Folders ike does not write to are not searched (a
//! leftover there is hidden, and never read as a note: its name does not end in `.md`).

use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, SystemTime};

/// A temporary file younger than this is never removed: it may be one a running ike has
/// just created and not locked yet.
pub(crate) const MIN_AGE: Duration = Duration::from_secs(2);

/// Mark `file` as in use by this process (a shared lock; best effort).
pub(crate) fn hold(file: &File) {
    #[cfg(unix)]
    {
        let _ = rustix::fs::flock(file, rustix::fs::FlockOperation::NonBlockingLockShared);
    }
    #[cfg(not(unix))]
    let _ = file;
}

/// True for `.NAME.XXXXXX.ike-tmp`: a dot, a name, a dot, six letters or digits, the suffix.
pub(crate) fn is_temp_name(name: &str) -> bool {
    let Some(rest) = name.strip_suffix(super::TEMP_SUFFIX) else {
        return false;
    };
    let Some(stem) = rest.strip_prefix('.') else {
        return false;
    };
    let Some((base, random)) = stem.rsplit_once('.') else {
        return false;
    };
    !base.is_empty() && random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Remove the stale temporary files of `dir`, once per folder per process.
pub(crate) fn clean_once(dir: &Path) {
    static DONE: OnceLock<Mutex<HashSet<PathBuf>>> = OnceLock::new();
    let key = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let first = DONE
        .get_or_init(Mutex::default)
        .lock()
        .map(|mut done| done.insert(key))
        .unwrap_or(false);
    if first {
        remove_stale(dir, MIN_AGE, SystemTime::now());
    }
}

/// Remove the temporary files of ike's pattern in `dir` that no process holds and whose
/// modification and change times are at least `min_age` before `now`. Returns their names.
pub(crate) fn remove_stale(dir: &Path, min_age: Duration, now: SystemTime) -> Vec<String> {
    let mut removed = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return removed;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_temp_name(&name) {
            continue;
        }
        let path = entry.path();
        if is_stale(&path, min_age, now) && std::fs::remove_file(&path).is_ok() {
            removed.push(name);
        }
    }
    removed.sort();
    removed
}

fn is_stale(path: &Path, min_age: Duration, now: SystemTime) -> bool {
    let Ok(file) = crate::safe_read::open_regular(path, crate::safe_read::Links::Refuse) else {
        return false;
    };
    let Ok(meta) = file.metadata() else {
        return false;
    };
    let old = |t: std::io::Result<SystemTime>| {
        t.ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age >= min_age)
    };
    if !old(meta.modified()) || !old(changed(&meta)) {
        return false;
    }
    unlocked(&file)
}

/// The status-change time (the modification time where there is none).
fn changed(meta: &std::fs::Metadata) -> std::io::Result<SystemTime> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let secs = u64::try_from(meta.ctime()).unwrap_or(0);
        let nanos = u32::try_from(meta.ctime_nsec()).unwrap_or(0);
        Ok(SystemTime::UNIX_EPOCH + Duration::new(secs, nanos))
    }
    #[cfg(not(unix))]
    meta.modified()
}

/// True when no process holds a lock on `file` (it is then locked by this one until the
/// handle closes, which is after the removal).
fn unlocked(file: &File) -> bool {
    #[cfg(unix)]
    {
        rustix::fs::flock(file, rustix::fs::FlockOperation::NonBlockingLockExclusive).is_ok()
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_its_own_names() {
        let rows = [
            (".a.md.Ab12Cd.ike-tmp", true),
            (".my note.md.000000.ike-tmp", true),
            (".a.md.Ab12C.ike-tmp", false),
            (".a.md.Ab12Cde.ike-tmp", false),
            (".a.md.Ab-2Cd.ike-tmp", false),
            ("a.md.Ab12Cd.ike-tmp", false),
            ("..Ab12Cd.ike-tmp", false),
            (".a.md.Ab12Cd.ike-kept", false),
            ("a.md", false),
        ];
        for (name, want) in rows {
            assert_eq!(is_temp_name(name), want, "{name}");
        }
    }

    #[test]
    fn removes_only_old_unlocked_temporaries_of_its_own() {
        let dir = tempfile::tempdir().expect("temp dir");
        let names = [
            ".a.md.Ab12Cd.ike-tmp",
            ".b.md.Xy34Zw.ike-tmp",
            ".c.md.Qq11Rr.ike-tmp",
            "other.ike-tmp",
            "a.md",
        ];
        for name in names {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        // A live run holds its temporary file.
        let held = File::open(dir.path().join(".b.md.Xy34Zw.ike-tmp")).expect("open");
        hold(&held);
        let now = SystemTime::now();
        // Too young: nothing goes.
        assert_eq!(remove_stale(dir.path(), MIN_AGE, now), Vec::<String>::new());
        let later = now + MIN_AGE + Duration::from_secs(1);
        let removed = remove_stale(dir.path(), MIN_AGE, later);
        #[cfg(unix)]
        assert_eq!(removed, [".a.md.Ab12Cd.ike-tmp", ".c.md.Qq11Rr.ike-tmp"]);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        #[cfg(unix)]
        assert_eq!(left, [".b.md.Xy34Zw.ike-tmp", "a.md", "other.ike-tmp"]);
        drop(held);
        assert_eq!(
            remove_stale(dir.path(), MIN_AGE, later),
            [".b.md.Xy34Zw.ike-tmp"]
        );
    }
}
