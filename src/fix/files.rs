//! The I/O end of `fix`: read each file, plan, splice, and write it back guarded — or,
//! for `--dry-run`/`--check`, only report what would change.
//!
//! Archiving is the one fix that touches two files. Its move is all-or-nothing: the
//! archive is written first, then the source; if the source cannot be written (it changed
//! on disk, or the write failed), the archive is put back as it was.

use super::{FixKind, FixSettings, plan_archive, plan_dated};
use crate::edit::{Edit, apply};
use crate::parse::{ParseOptions, parse_document};
use crate::problem::{Problem, ProblemKind};
use crate::vault::SourceFile;
use crate::write::{WriteOutcome, write_guarded};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

/// What the run needs besides the files.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FixRun<'a> {
    /// The scanned root (the archive file is relative to it).
    pub root: &'a Path,
    /// Parse settings.
    pub parse: &'a ParseOptions,
    /// Fix settings.
    pub settings: &'a FixSettings,
    /// The run's date.
    pub today: NaiveDate,
    /// The user's own assignee name.
    pub me: Option<&'a str>,
    /// Write the files (false for `--dry-run` and `--check`).
    pub write: bool,
    /// The most bytes read of a note (`max_file_size`).
    pub read_limit: u64,
}

/// One file that changes (or would change).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileChange {
    /// Root-relative path.
    pub rel: String,
    /// Text before.
    pub old: String,
    /// Text after.
    pub new: String,
    /// What became of it on disk.
    pub landed: Landed,
}

/// What became of one file's change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Landed {
    /// Not written: `--dry-run` or `--check`.
    Planned,
    /// Written.
    Written,
    /// Not written: the file changed on disk after it was read (its newest bytes stay).
    ChangedOnDisk,
    /// Not written: the write failed (the file is intact; the error is a problem).
    Failed,
}

/// Everything a fix run did.
#[derive(Debug, Default)]
pub(crate) struct FixReport {
    /// Files changed (or that would change), in path order.
    pub changes: Vec<FileChange>,
    /// Fixes by kind, over the files written (or, without writing, that would be).
    pub kinds: BTreeMap<FixKind, usize>,
    /// Fixes not made, files not written, and why.
    pub problems: Vec<Problem>,
    /// Completed recurring tasks left untouched: their next occurrence could not be made.
    pub held: usize,
}

impl FixReport {
    /// Files whose change ended as `landed`.
    pub(crate) fn count(&self, landed: Landed) -> usize {
        self.changes.iter().filter(|c| c.landed == landed).count()
    }

    /// Files whose change did not land because they changed on disk meanwhile.
    #[cfg(test)]
    pub(crate) fn changed_on_disk(&self) -> usize {
        self.count(Landed::ChangedOnDisk)
    }
}

struct Planned {
    file: SourceFile,
    original: Vec<u8>,
    src: String,
    doc: crate::model::Document,
    plan: super::Plan,
}

/// Fix `files` (discovered under `run.root`).
pub(crate) fn fix_files(files: &[SourceFile], run: &FixRun<'_>) -> FixReport {
    commit(plan_all(files, run), run)
}

/// Read and plan every file, in parallel.
fn plan_all(files: &[SourceFile], run: &FixRun<'_>) -> Vec<Result<Planned, Problem>> {
    files.par_iter().map(|f| plan_file(f, run)).collect()
}

/// Apply the plans and write (or, without `run.write`, only collect) the changes.
fn commit(planned: Vec<Result<Planned, Problem>>, run: &FixRun<'_>) -> FixReport {
    let mut report = FixReport::default();
    let mut pending = Vec::new();
    for p in planned {
        match p {
            Ok(p) => pending.push(p),
            Err(problem) => report.problems.push(problem),
        }
    }
    let archive_path = run.root.join(&run.settings.archive_file);
    let mut archive = run.settings.archive;
    if archive {
        let rel = Path::new(&run.settings.archive_file);
        if let Err(why) = crate::output_file::inside_root(run.root, rel, "fix.archive_file") {
            report.problems.push(
                Problem::error(
                    ProblemKind::OutsideRoot,
                    1,
                    1,
                    format!("{why}; nothing archived"),
                )
                .at_path(crate::vault_root::CONFIG_FILE),
            );
            archive = false;
        }
    }
    if archive {
        if let Some(refusal) = archive_refusal(&archive_path, &run.settings.archive_file) {
            report.problems.push(refusal);
            archive = false;
        }
    }
    for p in pending {
        report.held += p.plan.held;
        report.problems.extend(
            p.plan
                .problems
                .iter()
                .cloned()
                .map(|pr| pr.at_path(&p.file.rel)),
        );
        if archive && archive_file_move(&p, &archive_path, run, &mut report) {
            continue;
        }
        if p.plan.is_empty() {
            continue;
        }
        let new = match apply(&p.src, &p.plan.edits) {
            Ok(new) => new,
            Err(e) => {
                report.problems.push(internal(&p.file.rel, &e.to_string()));
                continue;
            }
        };
        let landed = if run.write {
            write_one(
                &p.file.path,
                &p.file.rel,
                &p.original,
                new.as_bytes(),
                &mut report.problems,
            )
        } else {
            Landed::Planned
        };
        if matches!(landed, Landed::Planned | Landed::Written) {
            add_kinds(&mut report.kinds, &p.plan.kinds);
        }
        report.changes.push(FileChange {
            rel: p.file.rel.clone(),
            old: p.src,
            new,
            landed,
        });
    }
    report.changes.sort_by(|a, b| a.rel.cmp(&b.rel));
    report
}

/// The problem that stops archiving for the whole run: the archive file exists and is
/// not ike's (no marker), or cannot be read. `None`: it is ike's, or missing.
fn archive_refusal(path: &Path, rel: &str) -> Option<Problem> {
    let bytes = match crate::safe_read::read_regular(
        path,
        crate::output_file::OUTPUT_LIMIT,
        crate::safe_read::Links::Refuse,
    ) {
        Ok(bytes) => bytes,
        Err(e) if e.is_not_found() => return None,
        Err(e) => {
            return Some(
                Problem::error(
                    ProblemKind::NotIkeOutput,
                    1,
                    1,
                    format!("cannot read the archive file: {e}; nothing archived"),
                )
                .at_path(rel),
            );
        }
    };
    (!bytes.is_empty() && !crate::output_file::is_marked(&bytes)).then(|| {
        Problem::error(
            ProblemKind::NotIkeOutput,
            1,
            1,
            format!(
                "the archive file was not written by ike (its first line is not `{}`); nothing archived. Make that line its first line to let ike append to it, or set `fix.archive_file` to a new file",
                crate::output_file::ARCHIVE_MARKER
            ),
        )
        .at_path(rel)
    })
}

fn plan_file(file: &SourceFile, run: &FixRun<'_>) -> Result<Planned, Problem> {
    let original =
        crate::safe_read::read_regular(&file.path, run.read_limit, crate::safe_read::Links::Follow)
            .map_err(|e| {
                Problem::error(
                    ProblemKind::Unreadable,
                    1,
                    1,
                    format!("cannot read file: {e}"),
                )
                .at_path(&file.rel)
            })?;
    // A huge note is parsed here, not in a scan: what its parse frees (a piece's Markdown
    // tree after another) is returned at once, as a scan has it (decision 0083).
    crate::vault::note_read(&original);
    let doc = parse_document(&file.rel, &original, run.parse);
    // A file that failed to parse is never rewritten; its problem is reported by the scan.
    let src = if doc.failed {
        String::new()
    } else {
        String::from_utf8_lossy(&original).into_owned()
    };
    let plan = if doc.failed {
        super::Plan::default()
    } else {
        let modified = std::fs::metadata(&file.path)
            .and_then(|m| m.modified())
            .ok()
            .map(|t| chrono::DateTime::<chrono::Local>::from(t).date_naive());
        let done_on = run.settings.done_date.on(run.today, modified);
        plan_dated(&src, &doc, run.today, done_on, run.settings, run.me)
    };
    Ok(Planned {
        file: file.clone(),
        original,
        src,
        doc,
        plan,
    })
}

/// Archive moves for one source file, combined with its other fixes. True when the file
/// was handled here; false when the ordinary path should run (nothing to move).
fn archive_file_move(
    p: &Planned,
    archive_path: &Path,
    run: &FixRun<'_>,
    report: &mut FixReport,
) -> bool {
    let archive_original = match crate::safe_read::read_regular(
        archive_path,
        crate::output_file::OUTPUT_LIMIT,
        crate::safe_read::Links::Refuse,
    ) {
        Ok(bytes) => bytes,
        Err(e) if e.is_not_found() => Vec::new(),
        Err(e) => {
            report.problems.push(internal(
                &run.settings.archive_file,
                &format!("cannot read the archive: {e}; not archived"),
            ));
            return false;
        }
    };
    if !archive_original.is_empty() && !crate::output_file::is_marked(&archive_original) {
        // Checked once before the run (`archive_refusal`); changed since: not archived.
        return false;
    }
    let Ok(mut archive_src) = String::from_utf8(archive_original.clone()) else {
        report.problems.push(internal(
            &run.settings.archive_file,
            "the archive file is not valid UTF-8; not archived",
        ));
        return false;
    };
    if archive_original.is_empty() {
        // A new archive starts with ike's marker, in the source's line ending.
        let ending = if p.src.contains("\r\n") { "\r\n" } else { "\n" };
        archive_src = format!("{}{ending}", crate::output_file::ARCHIVE_MARKER);
    }
    let moves = plan_archive(&p.src, &p.doc, &archive_src, run.today, run.settings);
    report.problems.extend(
        moves
            .problems
            .iter()
            .cloned()
            .map(|pr| pr.at_path(&p.file.rel)),
    );
    if moves.moved == 0 {
        return false;
    }
    let mut edits: Vec<Edit> = p.plan.edits.clone();
    edits.extend(moves.source.iter().cloned());
    let (Ok(new_src), Ok(new_archive)) =
        (apply(&p.src, &edits), apply(&archive_src, &moves.archive))
    else {
        report.problems.push(internal(
            &p.file.rel,
            "archive move overlaps another fix; not archived this run",
        ));
        return false;
    };
    let count_kinds = |report: &mut FixReport| {
        add_kinds(&mut report.kinds, &p.plan.kinds);
        *report.kinds.entry(FixKind::Archive).or_default() += moves.moved;
    };
    let archive_rel = run.settings.archive_file.clone();
    if !run.write {
        count_kinds(report);
        report.changes.push(FileChange {
            rel: p.file.rel.clone(),
            old: p.src.clone(),
            new: new_src,
            landed: Landed::Planned,
        });
        report.changes.push(FileChange {
            rel: archive_rel,
            old: archive_src,
            new: new_archive,
            landed: Landed::Planned,
        });
        return true;
    }
    // Archive first: if it cannot be written, the source keeps its tasks.
    let archive_outcome = write_one(
        archive_path,
        &archive_rel,
        &archive_original,
        new_archive.as_bytes(),
        &mut report.problems,
    );
    if archive_outcome != Landed::Written {
        report.changes.push(FileChange {
            rel: p.file.rel.clone(),
            old: p.src.clone(),
            new: new_src,
            landed: archive_outcome,
        });
        return true;
    }
    let source_outcome = write_one(
        &p.file.path,
        &p.file.rel,
        &p.original,
        new_src.as_bytes(),
        &mut report.problems,
    );
    if source_outcome != Landed::Written {
        // Put the archive back: neither file changes.
        match write_guarded(archive_path, new_archive.as_bytes(), &archive_original) {
            Ok(WriteOutcome::Written | WriteOutcome::Unchanged) => {}
            Ok(WriteOutcome::ChangedOnDisk) | Err(_) => report.problems.push(internal(
                &archive_rel,
                "could not undo the archive append after the source file failed; check both files",
            )),
        }
        report.changes.push(FileChange {
            rel: p.file.rel.clone(),
            old: p.src.clone(),
            new: new_src,
            landed: source_outcome,
        });
        return true;
    }
    count_kinds(report);
    report.changes.push(FileChange {
        rel: p.file.rel.clone(),
        old: p.src.clone(),
        new: new_src,
        landed: source_outcome,
    });
    report.changes.push(FileChange {
        rel: archive_rel,
        old: archive_src,
        new: new_archive,
        landed: archive_outcome,
    });
    true
}

fn write_one(
    path: &Path,
    rel: &str,
    original: &[u8],
    new: &[u8],
    problems: &mut Vec<Problem>,
) -> Landed {
    match write_guarded(path, original, new) {
        Ok(WriteOutcome::ChangedOnDisk) => {
            problems.push(
                Problem::warning(
                    ProblemKind::ChangedOnDisk,
                    1,
                    1,
                    "changed on disk while fixing; not rewritten, the newest save is kept (run again)",
                )
                .at_path(rel),
            );
            Landed::ChangedOnDisk
        }
        Ok(WriteOutcome::Written | WriteOutcome::Unchanged) => Landed::Written,
        Err(e) => {
            problems.push(
                Problem::error(ProblemKind::WriteFailed, 1, 1, write_failure(&e)).at_path(rel),
            );
            Landed::Failed
        }
    }
}

/// A failed write as a problem's message: the error without the path (the problem is
/// already at the file's path), and what became of the file.
fn write_failure(e: &crate::write::WriteError) -> String {
    use crate::write::WriteError;
    match e {
        WriteError::Io { action, error, .. } => {
            format!("not rewritten: cannot {action}: {error}; the file is intact")
        }
        WriteError::Kept {
            action,
            error,
            kept,
            ..
        } => format!(
            "cannot {action}: {error}; the file holds one version, the other is kept in {}",
            kept.display()
        ),
        WriteError::Symlink { .. } => {
            "is a symbolic link; not rewritten (fix the file it points to directly)".to_owned()
        }
        WriteError::NotAFile { .. } => "not a regular file; not rewritten".to_owned(),
        WriteError::NotOurs { .. } => e.to_string(),
    }
}

fn add_kinds(total: &mut BTreeMap<FixKind, usize>, kinds: &BTreeMap<FixKind, usize>) {
    for (k, n) in kinds {
        *total.entry(*k).or_default() += n;
    }
}

fn internal(rel: &str, message: &str) -> Problem {
    Problem::error(ProblemKind::FixFailed, 1, 1, message.to_owned()).at_path(rel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::{DiscoverOptions, discover};

    const SOURCE: &str = "- [x] old 1 ✅ 2026-01-05\n- [ ] keep\n";
    const ARCHIVE: &str =
        "<!-- written by ike: ike fix appends archived tasks below; edits are kept -->\n";

    fn setup() -> (tempfile::TempDir, FixSettings) {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.md"), SOURCE).expect("write");
        std::fs::write(
            dir.path().join("archive.md"),
            format!("{ARCHIVE}# Archive\n"),
        )
        .expect("write");
        let settings = FixSettings {
            archive: true,
            ..FixSettings::default()
        };
        (dir, settings)
    }

    fn run_on<'a>(
        root: &'a Path,
        settings: &'a FixSettings,
        parse: &'a ParseOptions,
    ) -> FixRun<'a> {
        FixRun {
            root,
            parse,
            settings,
            today: NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
            me: None,
            write: true,
            read_limit: crate::vault::discover::DEFAULT_MAX_FILE_SIZE,
        }
    }

    #[test]
    fn archive_moves_between_both_files() {
        let (dir, settings) = setup();
        let parse = ParseOptions::default();
        let files = discover(dir.path(), &DiscoverOptions::default()).files;
        let report = fix_files(&files, &run_on(dir.path(), &settings, &parse));
        assert_eq!(report.kinds.get(&FixKind::Archive), Some(&1), "{report:?}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
            "- [ ] keep\n"
        );
        let archive = std::fs::read_to_string(dir.path().join("archive.md")).unwrap();
        assert!(
            archive.starts_with(&format!("{ARCHIVE}# Archive\n"))
                && archive.contains("- [x] old 1 ✅ 2026-01-05"),
            "{archive}"
        );
    }

    #[test]
    fn archive_move_is_undone_when_the_source_changed_meanwhile() {
        let (dir, settings) = setup();
        let parse = ParseOptions::default();
        let files = discover(dir.path(), &DiscoverOptions::default()).files;
        let run = run_on(dir.path(), &settings, &parse);
        let planned = plan_all(&files, &run);
        // An editor saves the source between ike's read and its write.
        std::fs::write(
            dir.path().join("a.md"),
            "- [x] old 1 ✅ 2026-01-05\n- [ ] keep\n- [ ] new\n",
        )
        .unwrap();
        let report = commit(planned, &run);
        assert_eq!(report.changed_on_disk(), 1, "{report:?}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
            "- [x] old 1 ✅ 2026-01-05\n- [ ] keep\n- [ ] new\n",
            "the user's save survives"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("archive.md")).unwrap(),
            format!("{ARCHIVE}# Archive\n"),
            "neither file changed"
        );
    }

    /// `ike fix` reads and parses each note itself, not through a scan: a note over
    /// [`crate::vault::HUGE_NOTE_BYTES`] throws the switch that returns freed memory at
    /// once there too (decision 0083), and a smaller one does not.
    #[test]
    fn planning_a_huge_note_throws_the_switch() {
        let huge = crate::vault::HUGE_NOTE_BYTES;
        let (settings, parse) = (FixSettings::default(), ParseOptions::default());
        // (case, the note's bytes, calls of the switch). The huge notes end in a byte
        // that is not UTF-8: the note is read whole, then fails to parse at once.
        let note = |len: usize, tail: &[u8]| {
            let mut bytes = b"- [ ] x\n".repeat(len / 8);
            bytes.resize(len - tail.len(), b'x');
            bytes.extend_from_slice(tail);
            bytes
        };
        let cases = [
            ("a small note", SOURCE.as_bytes().to_vec(), 0),
            ("at the limit", note(huge, b"\xff"), 0),
            ("past the limit", note(huge + 1, b"\xff"), 1),
        ];
        for (case, bytes, calls) in cases {
            let dir = tempfile::tempdir().expect("temp dir");
            std::fs::write(dir.path().join("a.md"), &bytes).expect("write");
            let files = discover(dir.path(), &DiscoverOptions::default()).files;
            let run = FixRun {
                write: false,
                ..run_on(dir.path(), &settings, &parse)
            };
            let mut planned = None;
            let made = crate::vault::switches_in(|| planned = Some(plan_file(&files[0], &run)));
            assert_eq!(made, calls, "{case}");
            let planned = planned.expect("planned").expect("readable");
            assert_eq!(planned.original.len(), bytes.len(), "{case}: read whole");
        }
    }
}
