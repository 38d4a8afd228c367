//! `ike check`'s opt-in `obsidian_compat` lint: where the Obsidian Tasks plugin would read
//! a task differently from ike (docs/task-syntax.md, "ike and the Obsidian Tasks plugin").
//!
//! The plugin reads one line, and takes metadata only from its end: it strips a block id,
//! then, right to left, one field or tag after another, and stops at the first piece of
//! other text. So a field followed by ordinary text, or a field on a continuation line,
//! is metadata to ike and description to the plugin. Pure: a document and its text in.

use super::TaskFormat;
use crate::line_index::LineIndex;
use crate::model::{Document, Field, FieldKey, Syntax, Task};
use crate::problem::{Problem, ProblemKind};

/// The warnings for one document whose text is `src`; `format` is the syntax the plugin
/// reads (the other one is plain text to it).
pub(crate) fn lint(doc: &Document, src: &str, format: TaskFormat) -> Vec<Problem> {
    let index = LineIndex::new(src);
    let mut out = Vec::new();
    for task in &doc.tasks {
        lint_task(task, src, format, &mut |field, message| {
            let (line, column) = index.position(src, field.span.start);
            out.push(
                Problem::warning(ProblemKind::ObsidianCompat, line, column, message)
                    .at_path(&doc.path),
            );
        });
    }
    out
}

fn lint_task(task: &Task, src: &str, format: TaskFormat, report: &mut dyn FnMut(&Field, String)) {
    let Some(text) = src.get(task.text.start()..task.text.end()) else {
        return;
    };
    let first_end = task.text.start() + text.find(['\n', '\r']).unwrap_or(text.len());
    let plugin_reads = |f: &Field| {
        f.valid
            && match format {
                TaskFormat::Emoji => f.syntax == Syntax::Emoji,
                TaskFormat::Dataview => f.syntax.is_dataview(),
            }
    };
    // Walk back from the end of the first line over what the plugin takes as metadata.
    let mut pos = trim_end(src, task.text.start(), first_end);
    pos = trim_end(
        src,
        task.text.start(),
        before_block_id(src, task.text.start(), pos),
    );
    loop {
        let taken = task
            .fields
            .iter()
            .find(|f| f.span.end == pos && (f.key == FieldKey::Tag || plugin_reads(f)));
        match taken {
            Some(f) => pos = trim_end(src, task.text.start(), f.span.start),
            None => break,
        }
    }
    for f in &task.fields {
        let token = src.get(f.span.start..f.span.end).unwrap_or_default();
        if f.span.start >= first_end {
            if f.key != FieldKey::Tag && f.syntax != Syntax::Mention {
                report(
                    f,
                    format!(
                        "`{token}` is on a continuation line: ike reads it, Obsidian Tasks reads only the task's first line (move it to the end of the first line)"
                    ),
                );
            }
        } else if f.span.start < pos && plugin_reads(f) {
            report(
                f,
                format!(
                    "`{token}` is followed by other text: ike reads it, Obsidian Tasks reads metadata only at the end of the line and shows it as description (move it after the text)"
                ),
            );
        }
    }
}

/// `end` moved back over spaces and tabs, not before `start`.
fn trim_end(src: &str, start: usize, end: usize) -> usize {
    let bytes = src.as_bytes();
    let mut e = end;
    while e > start && matches!(bytes[e - 1], b' ' | b'\t') {
        e -= 1;
    }
    e
}

/// The start of a block id (` ^abc-1`) ending at `end`, else `end`.
fn before_block_id(src: &str, start: usize, end: usize) -> usize {
    let bytes = src.as_bytes();
    let mut s = end;
    while s > start && (bytes[s - 1].is_ascii_alphanumeric() || bytes[s - 1] == b'-') {
        s -= 1;
    }
    let caret = s > start && bytes[s - 1] == b'^' && s < end;
    let spaced = caret && (s - 1 == start || matches!(bytes[s - 2], b' ' | b'\t'));
    if spaced { s - 1 } else { end }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse_document};

    /// The tokens warned about in `md`, in order, each with its line.
    #[track_caller]
    fn check(md: &str, format: TaskFormat, want: &[(usize, &str)]) {
        let doc = parse_document("t.md", md.as_bytes(), &ParseOptions::default());
        let got: Vec<(usize, String)> = lint(&doc, md, format)
            .into_iter()
            .map(|p| {
                let token = p.message.split('`').nth(1).unwrap_or_default().to_owned();
                (p.line, token)
            })
            .collect();
        let want: Vec<(usize, String)> = want.iter().map(|(l, t)| (*l, (*t).to_owned())).collect();
        assert_eq!(got, want, "{md:?}");
    }

    /// A note, the plugin's format, and the `(line, token)` pairs warned about.
    type Row<'a> = (&'a str, TaskFormat, &'a [(usize, &'a str)]);

    #[test]
    fn warns_where_the_plugin_reads_differently() {
        use TaskFormat::{Dataview, Emoji};
        let rows: &[Row<'_>] = &[
            // Metadata at the end, in any order, tags mixed in: the same to both.
            (
                "- [ ] Pay 📅 2026-12-01 ⏫ #home 🔁 every week\n",
                Emoji,
                &[],
            ),
            // A block id after the metadata is fine.
            ("- [ ] Ship 📅 2026-12-03 ^abc-123\n", Emoji, &[]),
            // Text after the field.
            (
                "- [ ] Pay 📅 2026-12-01 before noon\n",
                Emoji,
                &[(1, "📅 2026-12-01")],
            ),
            // Only the fields left of the text are warned about.
            ("- [ ] A ⏫ then 📅 2026-12-01\n", Emoji, &[(1, "⏫")]),
            // Plain key:value is text to the plugin, so it hides the emoji before it.
            (
                "- [ ] A 📅 2026-12-01 due:2026-12-02\n",
                Emoji,
                &[(1, "📅 2026-12-01")],
            ),
            // A Dataview field is text to the plugin in emoji format...
            ("- [ ] A [due:: 2026-12-01] text\n", Emoji, &[]),
            // ... and metadata in Dataview format.
            (
                "- [ ] A [due:: 2026-12-01] text\n",
                Dataview,
                &[(1, "[due:: 2026-12-01]")],
            ),
            ("- [ ] A text [due:: 2026-12-01]\n", Dataview, &[]),
            // Continuation lines: every field but tags and mentions.
            (
                "- [ ] Write report\n  📅 2026-12-01 #work @ana impact:8\n",
                Emoji,
                &[(2, "📅 2026-12-01"), (2, "impact:8")],
            ),
            // An invalid value is reported by parsing, not here.
            ("- [ ] Pay 📅 2026-02-30 later\n", Emoji, &[]),
            // Nothing to say about a task without metadata.
            ("- [ ] plain\n- [x] done\n", Emoji, &[]),
        ];
        for (md, format, want) in rows {
            check(md, *format, want);
        }
    }
}
