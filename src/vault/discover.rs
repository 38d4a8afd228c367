//! Discovery, the first step of the vault stage: find the Markdown files under a root.
//!
//! Honours `.gitignore`, `.ignore` and `.git/info/exclude` even outside a git repository,
//! skips hidden files and folders, the config's `exclude` globs and ike's own output
//! paths, and does not follow symbolic links unless asked to.

use crate::problem::{Problem, ProblemKind};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::WalkBuilder;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Default largest file read: 8 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 8 << 20;

/// What discovery needs to know.
#[derive(Debug, Clone)]
pub struct DiscoverOptions {
    /// Globs of vault-relative paths to skip: the config's `exclude` and `templates`, and
    /// the template folders Obsidian names (one policy, see docs/configuration.md). A
    /// glob starting with `/` is anchored at the vault root; one without any `/` matches
    /// at any depth.
    pub exclude: Vec<String>,
    /// The scanned folder relative to the vault root, ending in `/` (empty when the vault
    /// root is scanned): globs are matched against this prefix + the root-relative path.
    pub glob_prefix: String,
    /// Files larger than this are skipped with a problem.
    pub max_file_size: u64,
    /// Follow symbolic links.
    pub follow_links: bool,
    /// ike's own outputs (digest file, cache folder): never read. A path holding `{date}`
    /// stands for every file with a `YYYY-MM-DD` there (yesterday's digest too).
    pub own_outputs: Vec<PathBuf>,
}

impl Default for DiscoverOptions {
    fn default() -> Self {
        Self {
            exclude: Vec::new(),
            glob_prefix: String::new(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            follow_links: false,
            own_outputs: Vec::new(),
        }
    }
}

impl DiscoverOptions {
    /// The path the exclude globs are matched against for a root-relative `rel`.
    pub fn glob_path<'a>(&self, rel: &'a str) -> std::borrow::Cow<'a, str> {
        if self.glob_prefix.is_empty() {
            std::borrow::Cow::Borrowed(rel)
        } else {
            std::borrow::Cow::Owned(format!("{}{rel}", self.glob_prefix))
        }
    }
}

/// A Markdown file found under the root.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceFile {
    /// Root-relative, `/`-separated path (used in all output).
    pub rel: String,
    /// Path to open.
    pub path: PathBuf,
}

/// What `stat` said about a file when it was found: enough to tell, on the next run,
/// whether it may have changed (the persistent cache's key, with the content hash).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct FileStamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: i64,
    /// Status-change time, nanoseconds since the Unix epoch (0 where the system has none).
    /// Unlike mtime it cannot be set back by a tool, so it catches `touch -r` and the like.
    pub ctime_ns: i64,
}

impl FileStamp {
    /// The stamp of a file's metadata.
    pub fn of(meta: &std::fs::Metadata) -> Self {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let ns = |s: i64, n: i64| s.saturating_mul(1_000_000_000).saturating_add(n);
            Self {
                size: meta.len(),
                mtime_ns: ns(meta.mtime(), meta.mtime_nsec()),
                ctime_ns: ns(meta.ctime(), meta.ctime_nsec()),
            }
        }
        #[cfg(not(unix))]
        {
            let mtime_ns = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
            Self {
                size: meta.len(),
                mtime_ns,
                ctime_ns: 0,
            }
        }
    }
}

/// Files found, sorted by relative path, and problems met on the way.
#[derive(Debug, Default)]
pub struct Discovered {
    /// The Markdown files to read.
    pub files: Vec<SourceFile>,
    /// `stamps[i]` is what `stat` said about `files[i]` when it was found.
    pub stamps: Vec<FileStamp>,
    /// Unreadable folders, files over the size limit, bad globs.
    pub problems: Vec<Problem>,
    /// The most bytes to read of any file (the `max_file_size` it was found with): a file
    /// that grew past it since the walk is not read.
    pub read_limit: u64,
}

/// True for `.md` and `.markdown`, in any case.
pub fn is_markdown(path: &Path) -> bool {
    let is_md = |e: &[u8]| e.eq_ignore_ascii_case(b"md") || e.eq_ignore_ascii_case(b"markdown");
    #[cfg(unix)]
    if let Some((_, name)) = split_name(path) {
        // As `Path::extension`: what follows the last dot, when something precedes it.
        use std::os::unix::ffi::OsStrExt;
        let name = name.as_bytes();
        return memchr::memrchr(b'.', name).is_some_and(|dot| dot > 0 && is_md(&name[dot + 1..]));
    }
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| is_md(e.as_bytes()))
}

/// A walked file's folder and name, split at the path's last `/` by bytes instead of
/// parsing its components (this runs for every file of a vault, and `std::path`'s
/// component parsing was a tenth of a warm digest's instructions). `None` when the path
/// has no `/` or its last part is empty, `.` or `..`: `std::path` decides those.
#[cfg(unix)]
fn split_name(path: &Path) -> Option<(&Path, &std::ffi::OsStr)> {
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes();
    let cut = memchr::memrchr(b'/', bytes)?;
    let name = &bytes[cut + 1..];
    if matches!(name, b"" | b"." | b"..") {
        return None;
    }
    let parent = &bytes[..cut.max(1)];
    Some((
        Path::new(std::ffi::OsStr::from_bytes(parent)),
        std::ffi::OsStr::from_bytes(name),
    ))
}

/// A Unix path with no `.` part, no empty part and no leading or trailing `/`.
#[cfg(unix)]
fn is_clean(s: &str) -> bool {
    !s.starts_with("./")
        && !s.starts_with('/')
        && !s.ends_with('/')
        && !s.contains("//")
        && !s.contains("/./")
        && !s.ends_with("/.")
        && s != "."
}

/// `path` with `root` and one `/` taken off its front, compared as bytes; `None` when
/// `path` does not start so (or `root` is empty or all slashes), for `strip_prefix` to
/// decide.
#[cfg(unix)]
fn below_root<'p>(root: &Path, path: &'p Path) -> Option<&'p str> {
    use std::os::unix::ffi::OsStrExt;
    let root = root.as_os_str().as_bytes();
    let root = &root[..root.iter().rposition(|b| *b != b'/')? + 1];
    let rest = path.as_os_str().as_bytes().strip_prefix(root)?;
    std::str::from_utf8(rest.strip_prefix(b"/")?).ok()
}

/// Root-relative `/`-separated form of `path`.
pub fn relative(root: &Path, path: &Path) -> String {
    // Fast paths (called for every file and folder of the vault): a clean UTF-8 Unix path
    // is already its own `/`-separated form, and below the root its bytes say so.
    #[cfg(unix)]
    if let Some(s) = below_root(root, path).filter(|s| is_clean(s)) {
        return s.to_owned();
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    #[cfg(unix)]
    if let Some(s) = rel.to_str().filter(|s| is_clean(s)) {
        return s.to_owned();
    }
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Compile the exclude globs. A bad glob is a problem, and is skipped.
pub fn exclude_set(globs: &[String]) -> (GlobSet, Vec<Problem>) {
    let mut builder = GlobSetBuilder::new();
    let mut problems = Vec::new();
    for glob in globs {
        let trimmed = glob.trim_end_matches('/');
        // As in .gitignore, a pattern without a slash matches at any depth, and a leading
        // slash anchors it at the root.
        let pattern = trimmed.strip_prefix('/').unwrap_or(trimmed);
        let anywhere = (!trimmed.contains('/')).then(|| format!("**/{pattern}"));
        let built = std::iter::once(pattern)
            .chain(anywhere.as_deref())
            .map(|p| GlobBuilder::new(p).literal_separator(true).build())
            .collect::<Result<Vec<_>, _>>();
        match built {
            Ok(gs) => {
                for g in gs {
                    builder.add(g);
                }
            }
            Err(e) => problems.push(
                Problem::error(
                    ProblemKind::BadExcludeGlob,
                    1,
                    1,
                    format!("invalid exclude glob `{glob}`: {e}"),
                )
                .at_path(crate::vault_root::CONFIG_FILE),
            ),
        }
    }
    (
        builder.build().unwrap_or_else(|_| GlobSet::empty()),
        problems,
    )
}

/// The walk of `root` under ike's one ignore policy: hidden files and folders are
/// skipped; `.gitignore`, `.ignore` and `.git/info/exclude` (of each folder and its
/// parents) are honoured even outside a git repository; the user's global git excludes
/// are not. Discovery, the watcher's check of a new file and `--poll` all walk with it,
/// so the three never disagree on what is in the vault.
pub fn walk_builder(root: &Path, follow_links: bool) -> WalkBuilder {
    let mut walker = WalkBuilder::new(root);
    walker
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .ignore(true)
        .parents(ancestors_may_ignore(root))
        .require_git(false)
        .follow_links(follow_links);
    walker
}

/// Whether a folder above `root` holds an ignore file or a git folder, as `ignore`'s
/// walker would find them (above the canonical path). When none does, reading the parents
/// adds no rule, and the walker is spared joining every path it meets to the root's
/// absolute path to match it against their empty rules (a tenth of a warm run's walk).
/// When `root` cannot be resolved, the parents are read (the walker decides).
fn ancestors_may_ignore(root: &Path) -> bool {
    let Ok(absolute) = root.canonicalize() else {
        return true;
    };
    absolute.ancestors().skip(1).any(|folder| {
        [".gitignore", ".ignore", ".git"].iter().any(|name| {
            match std::fs::symlink_metadata(folder.join(name)) {
                Ok(_) => true,
                Err(e) => e.kind() != std::io::ErrorKind::NotFound,
            }
        })
    })
}

/// Walk `root` and return its Markdown files in a stable order. The walk runs on all
/// cores (`ignore`'s parallel walker); the result is sorted afterwards, so it is the same
/// whatever order the threads found things in.
pub fn discover(root: &Path, opts: &DiscoverOptions) -> Discovered {
    let (excluded, mut problems) = exclude_set(&opts.exclude);
    let own = OwnOutputs::new(root, &opts.own_outputs);
    let root_owned = root.to_path_buf();
    let opts_owned = opts.clone();
    let mut walker = walk_builder(root, opts.follow_links);
    walker.filter_entry(move |entry| {
        if excluded.is_empty() {
            return true;
        }
        let rel = relative(&root_owned, entry.path());
        rel.is_empty() || !excluded.is_match(&*opts_owned.glob_path(&rel))
    });
    let found: Mutex<Vec<(SourceFile, FileStamp)>> = Mutex::new(Vec::new());
    let met: Mutex<Vec<Problem>> = Mutex::new(Vec::new());
    let own = &own;
    walker.build_parallel().run(|| {
        // Each thread collects its own finds and hands them over once, at its end.
        let mut sink = ThreadFinds {
            dir: OpenDir::default(),
            files: Vec::new(),
            problems: Vec::new(),
            found: &found,
            met: &met,
        };
        Box::new(move |result| {
            sink.take(root, opts, own, result);
            ignore::WalkState::Continue
        })
    });
    let mut found = found.into_inner().unwrap_or_else(|e| e.into_inner());
    problems.extend(met.into_inner().unwrap_or_else(|e| e.into_inner()));
    problems.sort();
    // Path comparisons are the costly part of a warm run's discovery: on both cores.
    rayon::slice::ParallelSliceMut::par_sort_unstable_by(&mut found[..], |a, b| a.0.cmp(&b.0));
    let (files, stamps) = found.into_iter().unzip();
    Discovered {
        files,
        stamps,
        problems,
        read_limit: opts.max_file_size,
    }
}

/// A file's `stat`, as the fast path or the walker gave it.
enum Stat {
    Stamp(FileStamp),
    Meta(std::fs::Metadata),
}

impl Stat {
    fn len(&self) -> u64 {
        match self {
            Stat::Stamp(s) => s.size,
            Stat::Meta(m) => m.len(),
        }
    }

    fn stamp(&self) -> FileStamp {
        match self {
            Stat::Stamp(s) => *s,
            Stat::Meta(m) => FileStamp::of(m),
        }
    }
}

/// The folder a walker thread last stat'ed in, kept open: a note's `stat` is then made
/// relative to it (`fstatat`), one path component for the kernel to look up instead of the
/// whole path. Files come folder by folder, so one open serves a whole folder. Where this
/// is not available, or fails, the walker's own `stat` is used.
#[derive(Default)]
struct OpenDir {
    #[cfg(unix)]
    dir: Option<(PathBuf, rustix::fd::OwnedFd)>,
}

impl OpenDir {
    #[cfg(unix)]
    fn stamp(&mut self, path: &Path) -> Option<FileStamp> {
        use rustix::fs::{AtFlags, Mode, OFlags};
        let (parent, name) = match split_name(path) {
            Some(split) => split,
            None => (path.parent()?, path.file_name()?),
        };
        if self.dir.as_ref().is_none_or(|(p, _)| p != parent) {
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            let fd = rustix::fs::open(parent, flags, Mode::empty()).ok()?;
            self.dir = Some((parent.to_path_buf(), fd));
        }
        let (_, fd) = self.dir.as_ref()?;
        let st = rustix::fs::statat(fd, name, AtFlags::SYMLINK_NOFOLLOW).ok()?;
        let ns = |s: i64, n: i64| s.saturating_mul(1_000_000_000).saturating_add(n);
        #[allow(clippy::unnecessary_cast, clippy::useless_conversion)]
        Some(FileStamp {
            size: u64::try_from(st.st_size).ok()?,
            mtime_ns: ns(st.st_mtime as i64, st.st_mtime_nsec as i64),
            ctime_ns: ns(st.st_ctime as i64, st.st_ctime_nsec as i64),
        })
    }

    #[cfg(not(unix))]
    fn stamp(&mut self, _path: &Path) -> Option<FileStamp> {
        None
    }
}

/// One walker thread's finds, moved to the shared lists when the thread is done.
struct ThreadFinds<'a> {
    dir: OpenDir,
    files: Vec<(SourceFile, FileStamp)>,
    problems: Vec<Problem>,
    found: &'a Mutex<Vec<(SourceFile, FileStamp)>>,
    met: &'a Mutex<Vec<Problem>>,
}

impl ThreadFinds<'_> {
    fn take(
        &mut self,
        root: &Path,
        opts: &DiscoverOptions,
        own: &OwnOutputs,
        result: Result<ignore::DirEntry, ignore::Error>,
    ) {
        let entry = match result {
            Ok(entry) => entry,
            Err(err) => {
                self.problems.push(walk_problem(root, &err));
                return;
            }
        };
        let Some(kind) = entry.file_type() else {
            return;
        };
        if !kind.is_file() || !is_markdown(entry.path()) {
            return;
        }
        let rel = relative(root, entry.path());
        if own.contains(&rel, entry.path()) {
            return;
        }
        let stamp = if opts.follow_links {
            None
        } else {
            self.dir.stamp(entry.path())
        };
        let meta = match stamp {
            Some(stamp) => Ok(Stat::Stamp(stamp)),
            None => entry.metadata().map(Stat::Meta),
        };
        match meta {
            Ok(meta) if meta.len() > opts.max_file_size => self.problems.push(
                Problem::error(
                    ProblemKind::FileTooLarge,
                    1,
                    1,
                    format!(
                        "file is {} bytes, over the {} byte limit; skipped (raise `max_file_size` in .ike.yaml to read it)",
                        meta.len(),
                        opts.max_file_size
                    ),
                )
                .at_path(&rel),
            ),
            Ok(meta) => self.files.push((
                SourceFile {
                    rel,
                    path: entry.into_path(),
                },
                meta.stamp(),
            )),
            Err(err) => self.problems.push(
                Problem::error(ProblemKind::Unreadable, 1, 1, format!("cannot read file: {err}")).at_path(&rel),
            ),
        }
    }
}

impl Drop for ThreadFinds<'_> {
    fn drop(&mut self) {
        if let Ok(mut found) = self.found.lock() {
            found.append(&mut self.files);
        }
        if let Ok(mut met) = self.met.lock() {
            met.append(&mut self.problems);
        }
    }
}

/// ike's own output paths (files, folders such as the cache, and `{date}` patterns), to
/// skip while walking.
struct OwnOutputs {
    /// Root-relative `/`-separated forms of those under the root.
    rel: Vec<String>,
    /// Absolute forms of the others (compared with each file's absolute path).
    abs: Vec<PathBuf>,
    /// Absolute `{date}` patterns (see [`is_own_output`]).
    dated: Vec<PathBuf>,
}

impl OwnOutputs {
    fn new(root: &Path, outputs: &[PathBuf]) -> Self {
        let root_abs = absolute(root);
        let mut own = Self {
            rel: Vec::new(),
            abs: Vec::new(),
            dated: Vec::new(),
        };
        for output in outputs {
            let abs = absolute(output);
            if abs.to_string_lossy().contains("{date}") {
                own.dated.push(abs);
                continue;
            }
            match abs.strip_prefix(&root_abs) {
                Ok(inner) if !inner.as_os_str().is_empty() => {
                    own.rel.push(relative(Path::new(""), inner));
                }
                _ => own.abs.push(abs),
            }
        }
        own
    }

    /// Is the file at root-relative `rel` (found at `path`) one of the outputs, or inside one?
    fn contains(&self, rel: &str, path: &Path) -> bool {
        self.rel.iter().any(|o| {
            rel.strip_prefix(o.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        }) || ((!self.abs.is_empty() || !self.dated.is_empty()) && {
            let abs = absolute(path);
            self.abs.iter().any(|o| abs.starts_with(o)) || is_own_output(&self.dated, &abs)
        })
    }
}

/// A walk error as a problem at the path it is about (a folder that cannot be read is
/// reported at its own path, with the OS error once).
fn walk_problem(root: &Path, err: &ignore::Error) -> Problem {
    let (path, cause) = match error_path(err) {
        Some((path, cause)) => (relative(root, path), cause),
        None => (String::from("."), err),
    };
    let path = if path.is_empty() {
        ".".to_owned()
    } else {
        path
    };
    Problem::error(
        ProblemKind::Unreadable,
        1,
        1,
        format!("cannot read: {cause}; skipped"),
    )
    .at_path(&path)
}

/// The path a walk error is about, and the error without it.
fn error_path(err: &ignore::Error) -> Option<(&Path, &ignore::Error)> {
    match err {
        ignore::Error::WithPath { path, err } => Some((path, err)),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Partial(errs) => errs.iter().find_map(error_path),
        _ => None,
    }
}

/// True when `path` is one of `own` (absolute paths), a `{date}` in them matching any date.
pub fn is_own_output(own: &[PathBuf], path: &Path) -> bool {
    own.iter().any(|o| {
        let pattern = o.to_string_lossy();
        match pattern.split_once("{date}") {
            None => o == path,
            Some((before, after)) => {
                let p = path.to_string_lossy();
                p.len() == before.len() + 10 + after.len()
                    && p.starts_with(before)
                    && p.ends_with(after)
                    && p.get(before.len()..before.len() + 10)
                        .is_some_and(|d| crate::parse::value::date(d).is_ok())
            }
        }
    })
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_folder_is_reported_at_its_own_path() {
        let root = Path::new("/vault");
        let denied = || Box::new(ignore::Error::Io(std::io::Error::from_raw_os_error(13)));
        let at = |path: &str| ignore::Error::WithPath {
            path: PathBuf::from(path),
            err: denied(),
        };
        let rows = [
            (
                ignore::Error::WithDepth {
                    depth: 2,
                    err: Box::new(at("/vault/private/inner")),
                },
                "private/inner",
            ),
            (at("/vault/x"), "x"),
            (ignore::Error::Partial(vec![at("/vault/p")]), "p"),
            (
                ignore::Error::Io(std::io::Error::from_raw_os_error(13)),
                ".",
            ),
        ];
        for (err, want) in rows {
            let p = walk_problem(root, &err);
            assert_eq!(p.path, want, "{err}");
            let message = p.message.to_string();
            assert_eq!(message.matches("os error 13").count(), 1, "{message}");
            assert!(!message.contains("/vault"), "{message}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_stat_relative_to_the_folder_is_the_walkers_stat() {
        let dir = tempfile::tempdir().expect("temp dir");
        let files = ["a.md", "sub/b.md", "sub/c.md", "a2.md", "sub/deeper/d.md"];
        for (i, rel) in files.iter().enumerate() {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, "x".repeat(i * 10)).expect("write");
        }
        // Folders change back and forth, so the open folder is swapped and reused.
        let mut open = OpenDir::default();
        for rel in files.iter().chain(&files) {
            let path = dir.path().join(rel);
            let meta = std::fs::symlink_metadata(&path).expect("stat");
            assert_eq!(open.stamp(&path), Some(FileStamp::of(&meta)), "{rel}");
        }
        assert_eq!(open.stamp(&dir.path().join("gone.md")), None);
        assert_eq!(open.stamp(&dir.path().join("nowhere/gone.md")), None);
    }

    #[test]
    fn a_parents_ignore_file_still_applies_to_a_scanned_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let vault = dir.path().join("vault");
        for rel in ["notes/kept.md", "notes/skipped.md", "notes/deep/also.md"] {
            let path = vault.join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, "- [ ] x\n").expect("write");
        }
        let notes = vault.join("notes");
        let rels = || -> Vec<String> {
            let found = discover(&notes, &DiscoverOptions::default());
            found.files.into_iter().map(|f| f.rel).collect()
        };
        let all = vec!["deep/also.md", "kept.md", "skipped.md"];
        // Without an ignore file above it, the walk reads no parents unless a folder
        // further up (outside this test's control) has one; the files are the same.
        assert_eq!(rels(), all);
        for (file, rule) in [(".ignore", "skipped.md\n"), (".gitignore", "also.md\n")] {
            std::fs::write(vault.join(file), rule).expect("write rule");
            assert!(ancestors_may_ignore(&notes), "{file}");
        }
        assert_eq!(rels(), vec!["kept.md"]);
        // A git folder above the root counts too (its exclude file would apply).
        std::fs::remove_file(vault.join(".ignore")).expect("rm");
        std::fs::remove_file(vault.join(".gitignore")).expect("rm");
        std::fs::create_dir_all(vault.join(".git/info")).expect("mkdir");
        assert!(ancestors_may_ignore(&notes));
        std::fs::write(vault.join(".git/info/exclude"), "kept.md\n").expect("write");
        assert_eq!(rels(), vec!["deep/also.md", "skipped.md"]);
        // A root that does not resolve leaves the decision to the walker.
        assert!(ancestors_may_ignore(&vault.join("gone")));
    }

    #[test]
    fn markdown_extensions() {
        let rows = [
            ("a.md", true),
            ("a.MD", true),
            ("b.Markdown", true),
            ("c.mdx", false),
            ("d.txt", false),
            ("md", false),
            (".md", false),
            ("dir/.md", false),
            ("dir/a.md", true),
            ("/a/b.MARKDOWN", true),
            ("dir/..md", true),
            ("dir/x.md.txt", false),
            ("dir/md", false),
            ("a.md/", true),
            ("a.md/.", true),
            ("dir/..", false),
        ];
        for (name, want) in rows {
            assert_eq!(is_markdown(Path::new(name)), want, "{name}");
        }
    }

    /// The byte split of a walked path gives what `Path::parent` and `Path::file_name`
    /// give, or leaves the path to them.
    #[cfg(unix)]
    #[test]
    fn names_split_as_std_does() {
        let rows = [
            ("/v/a/b.md", Some(("/v/a", "b.md"))),
            ("/x.md", Some(("/", "x.md"))),
            ("./x.md", Some((".", "x.md"))),
            ("v/./x.md", Some(("v/.", "x.md"))),
            ("a b/ç.md", Some(("a b", "ç.md"))),
            ("x.md", None),
            ("v/x/", None),
            ("v/.", None),
            ("v/..", None),
        ];
        for (path, want) in rows {
            let path = Path::new(path);
            let got = split_name(path);
            assert_eq!(
                got.map(|(p, n)| (p.to_str().unwrap(), n.to_str().unwrap())),
                want,
                "{path:?}"
            );
            if let Some((parent, name)) = got {
                assert_eq!(Some(parent), path.parent(), "{path:?}");
                assert_eq!(Some(name), path.file_name(), "{path:?}");
            }
        }
    }

    #[test]
    fn relative_paths() {
        let rows = [
            ("/v", "/v/a/b.md", "a/b.md"),
            ("/v", "/v/a b/ç.md", "a b/ç.md"),
            ("/v/", "/v/x.md", "x.md"),
            ("v", "v/./x.md", "x.md"),
            ("v", "v/a//x.md", "a/x.md"),
            ("v", "v/a/./x.md", "a/x.md"),
            ("v", "v", ""),
            ("/v", "/w/x.md", "//w/x.md"),
            ("v", "v/../x.md", "../x.md"),
            ("/v", "/v", ""),
            ("/v//", "/v/a.md", "a.md"),
            ("/", "/a/b.md", "a/b.md"),
            ("v/.", "v/./x.md", "x.md"),
            ("./v", "./v/x.md", "x.md"),
            ("/v", "/vv/x.md", "//vv/x.md"),
            ("/v", "/v//x.md", "x.md"),
            ("/v", "/v/./x.md", "x.md"),
        ];
        for (root, path, want) in rows {
            assert_eq!(relative(Path::new(root), Path::new(path)), want, "{path}");
        }
    }

    #[test]
    fn own_outputs_with_a_date() {
        let own = [
            PathBuf::from("/v/digests/{date}.md"),
            PathBuf::from("/v/out.md"),
        ];
        let rows = [
            ("/v/digests/2026-11-20.md", true),
            ("/v/digests/2026-11-21.md", true),
            ("/v/digests/notes.md", false),
            ("/v/digests/2026-13-01.md", false),
            ("/v/out.md", true),
            ("/v/other.md", false),
        ];
        for (path, want) in rows {
            assert_eq!(is_own_output(&own, Path::new(path)), want, "{path}");
        }
    }

    #[test]
    fn exclude_globs() {
        let (set, problems) = exclude_set(&[
            "templates/**".into(),
            "archive".into(),
            "*.draft.md".into(),
            "/Templates".into(),
            "[".into(),
        ]);
        assert_eq!(problems.len(), 1);
        let rows = [
            ("templates/daily.md", true),
            ("Templates", true),
            ("notes/Templates", false),
            ("archive", true),
            ("x.draft.md", true),
            ("notes/x.draft.md", true),
            ("notes/archive", true),
            ("notes/a.md", false),
        ];
        for (path, want) in rows {
            assert_eq!(set.is_match(path), want, "{path}");
        }
    }

    #[test]
    fn globs_are_matched_against_vault_relative_paths() {
        let dir = tempfile::tempdir().expect("tempdir");
        for rel in [
            "meetings/a.md",
            "meetings/archive/b.md",
            "meetings/notes/archive/c.md",
        ] {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, "- [ ] t\n").expect("write");
        }
        let opts = DiscoverOptions {
            // Anchored at the vault root: `meetings/archive`, not `meetings/notes/archive`.
            exclude: vec!["/meetings/archive".into()],
            glob_prefix: "meetings/".into(),
            ..DiscoverOptions::default()
        };
        let found = discover(&dir.path().join("meetings"), &opts);
        let rels: Vec<&str> = found.files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["a.md", "notes/archive/c.md"]);
    }
}
