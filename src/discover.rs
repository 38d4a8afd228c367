//! Stage 1 of the pipeline: find the Markdown files under a root (§2).
//!
//! Honours `.gitignore`, `.ignore` and `.git/info/exclude` even outside a git repository,
//! skips hidden files and folders, the config's `exclude` globs and ike's own output
//! paths, and does not follow symbolic links unless asked to.

use crate::problem::Problem;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::WalkBuilder;
use std::path::{Path, PathBuf};

/// Default largest file read: 8 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 8 << 20;

/// What discovery needs to know.
#[derive(Debug, Clone)]
pub struct DiscoverOptions {
    /// Globs of root-relative paths to skip.
    pub exclude: Vec<String>,
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
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            follow_links: false,
            own_outputs: Vec::new(),
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

/// Files found, sorted by relative path, and problems met on the way.
#[derive(Debug, Default)]
pub struct Discovered {
    /// The Markdown files to read.
    pub files: Vec<SourceFile>,
    /// Unreadable folders, files over the size limit, bad globs.
    pub problems: Vec<Problem>,
}

/// True for `.md` and `.markdown`, in any case.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Root-relative `/`-separated form of `path`.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
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
        let pattern = glob.trim_end_matches('/');
        // As in .gitignore, a pattern without a slash matches at any depth.
        let anywhere = (!pattern.contains('/')).then(|| format!("**/{pattern}"));
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
                    "bad-exclude-glob",
                    1,
                    1,
                    format!("invalid exclude glob `{glob}`: {e}"),
                )
                .at_path(crate::config::FILE_NAME),
            ),
        }
    }
    (
        builder.build().unwrap_or_else(|_| GlobSet::empty()),
        problems,
    )
}

/// Walk `root` and return its Markdown files in a stable order.
pub fn discover(root: &Path, opts: &DiscoverOptions) -> Discovered {
    let (excluded, mut problems) = exclude_set(&opts.exclude);
    let own: Vec<PathBuf> = opts.own_outputs.iter().map(|p| absolute(p)).collect();
    let root_owned = root.to_path_buf();
    let mut walker = WalkBuilder::new(root);
    walker
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .ignore(true)
        .parents(true)
        .require_git(false)
        .follow_links(opts.follow_links)
        .filter_entry(move |entry| {
            let rel = relative(&root_owned, entry.path());
            rel.is_empty() || !excluded.is_match(&rel)
        });
    let mut files = Vec::new();
    for result in walker.build() {
        let entry = match result {
            Ok(entry) => entry,
            Err(err) => {
                problems.push(walk_problem(root, &err));
                continue;
            }
        };
        let Some(kind) = entry.file_type() else {
            continue;
        };
        if !kind.is_file() || !is_markdown(entry.path()) {
            continue;
        }
        if !own.is_empty() && is_own_output(&own, &absolute(entry.path())) {
            continue;
        }
        let rel = relative(root, entry.path());
        match entry.metadata() {
            Ok(meta) if meta.len() > opts.max_file_size => problems.push(
                Problem::error(
                    "file-too-large",
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
            Ok(_) => files.push(SourceFile { rel, path: entry.into_path() }),
            Err(err) => problems.push(Problem::error("unreadable", 1, 1, format!("cannot read file: {err}")).at_path(&rel)),
        }
    }
    files.sort();
    Discovered { files, problems }
}

fn walk_problem(root: &Path, err: &ignore::Error) -> Problem {
    let path = match err {
        ignore::Error::WithPath { path, .. } => relative(root, path),
        _ => String::from("."),
    };
    Problem::error("unreadable", 1, 1, format!("cannot scan: {err}")).at_path(&path)
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
    fn markdown_extensions() {
        let rows = [
            ("a.md", true),
            ("a.MD", true),
            ("b.Markdown", true),
            ("c.mdx", false),
            ("d.txt", false),
            ("md", false),
        ];
        for (name, want) in rows {
            assert_eq!(is_markdown(Path::new(name)), want, "{name}");
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
            "[".into(),
        ]);
        assert_eq!(problems.len(), 1);
        let rows = [
            ("templates/daily.md", true),
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
}
