//! The digest as Markdown: one file a day, meant to be committed and read on GitHub.

use super::link::{LinkStyle, styled_target_to};
use super::show::Show;
use super::{Digest, Entry, Section};
use crate::classify::{BriefGap, Quadrant};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::fmt::Write as _;
use std::io;

/// What an empty section says, so that sections never disappear from one day to the next.
pub(super) const NOTHING: &str = "Nothing here.";

/// The digest as Markdown, with links relative to the scanned root (right for a digest
/// file written at the root).
pub fn render_markdown(digest: &Digest<'_>) -> String {
    render_markdown_at(digest, "")
}

/// The digest as Markdown, with `link_prefix` put before every link target: `"../"` for a
/// digest written one folder below the root (`digests/2026-11-21.md`).
pub fn render_markdown_at(digest: &Digest<'_>, link_prefix: &str) -> String {
    let mut bytes = Vec::new();
    let style = MarkdownStyle {
        link_prefix,
        ..MarkdownStyle::default()
    };
    // Writing to a Vec cannot fail.
    let _ = write_markdown_at(digest, &style, &mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}

/// How the Markdown digest refers to things outside itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct MarkdownStyle<'a> {
    /// Put before every link target: `"../"` for a digest written one folder below the
    /// root.
    pub link_prefix: &'a str,
    /// The ROOT argument of the `ike list` commands offered for the rest of a long list;
    /// empty or `.` for none (the reader is at the root).
    pub root: &'a str,
    /// How links point at a task's line.
    pub links: LinkStyle,
}

/// [`render_markdown_at`], written to `sink` as it is rendered: a 100,000-note vault's
/// digest is over 100 MiB, and never needs to be in memory whole. Long lists are rendered
/// in parallel, in chunks, and written in order.
pub fn write_markdown_at(
    digest: &Digest<'_>,
    style: &MarkdownStyle<'_>,
    sink: &mut dyn io::Write,
) -> io::Result<()> {
    let r = Renderer {
        today: digest.date,
        link_prefix: style.link_prefix,
        links: style.links,
        list: format!("{} --today {}", command("list", style.root), digest.date),
    };
    let mut out = Out {
        buf: String::new(),
        sink,
    };
    let s = &digest.sections;
    let _ = writeln!(out.buf, "# Digest {}", digest.date);
    let c = &digest.counts;
    if c.tasks == 0 {
        // Nine empty sections would say nothing more, and hide that nothing was found.
        let _ = write!(out.buf, "\n{}\n", nothing_found(c.notes));
    } else if s.summary {
        let _ = write!(out.buf, "\n{}\n", summary(digest));
    }
    if c.problems > 0 {
        let _ = write!(
            out.buf,
            "\n**Problems**: {} in the notes (invalid dates or values, bad front matter…); \
             tasks with an invalid date may be misplaced. `{}` lists them.\n",
            c.problems,
            command("check", style.root)
        );
    }
    if c.tasks == 0 {
        return out.flush();
    }
    for q in Quadrant::ALL {
        let on = match q {
            Quadrant::Do => s.r#do,
            Quadrant::Schedule => s.schedule,
            Quadrant::Delegate => s.delegate,
            Quadrant::Eliminate => s.eliminate,
        };
        if on {
            let more = More {
                total: digest.counts.quadrant(q),
                hint: r.hint(Section::of_quadrant(q), ""),
            };
            r.section(&mut out, q.title(), digest.quadrant(q), Show::Plan, &more)?;
        }
    }
    if s.waiting_on {
        r.waiting_on(&mut out, digest)?;
    }
    if s.blocked {
        r.blocked(&mut out, digest);
    }
    if s.vital_few {
        r.vital_few(&mut out, digest)?;
    }
    if s.value {
        let more = More {
            total: digest.counts.value,
            hint: r.hint(Section::Value, ""),
        };
        r.section(&mut out, "Value work", &digest.value, Show::Plan, &more)?;
    }
    if s.hand_off {
        r.hand_off(&mut out, digest)?;
    }
    if s.effort_balance {
        effort_balance(&mut out.buf, digest);
    }
    if s.nudges {
        out.buf.push_str("\n## Nudges\n\n");
        if digest.nudges.is_empty() {
            let _ = writeln!(out.buf, "{NOTHING}");
        }
        for nudge in &digest.nudges {
            let _ = writeln!(out.buf, "- {}", nudge.message);
        }
    }
    if s.done_recently {
        r.section(
            &mut out,
            "Done since yesterday",
            &digest.done_recently,
            Show::Done,
            &More {
                total: digest.counts.done_recently,
                hint: r.hint(Section::DoneRecently, ""),
            },
        )?;
    }
    for c in &digest.custom {
        r.custom(&mut out, c)?;
    }
    out.flush()
}

/// How many entries a list has in all, and the command that lists them all.
struct More {
    total: usize,
    hint: String,
}

/// Text waiting to be written, and where it goes.
struct Out<'w> {
    buf: String,
    sink: &'w mut dyn io::Write,
}

impl Out<'_> {
    fn flush(&mut self) -> io::Result<()> {
        self.sink.write_all(self.buf.as_bytes())?;
        self.buf.clear();
        Ok(())
    }
}

/// Entries rendered per parallel job, and jobs per batch written at once.
const CHUNK: usize = 2048;
const BATCH: usize = 32;

/// The one-line summary. The first six numbers add up to the open tasks.
fn summary(d: &Digest) -> String {
    let c = &d.counts;
    format!(
        "**{} open**: {} do · {} schedule · {} delegate · {} eliminate · {} waiting on others · \
         {} not startable yet. {} overdue, {} done since yesterday.",
        c.open,
        c.r#do,
        c.schedule,
        c.delegate,
        c.eliminate,
        c.waiting_on,
        c.not_startable,
        c.overdue,
        c.done_recently
    )
}

struct Renderer<'a> {
    today: NaiveDate,
    link_prefix: &'a str,
    links: LinkStyle,
    /// `ike list [ROOT] --today DATE`: the start of every command offered.
    list: String,
}

impl Renderer<'_> {
    /// The command that lists every task of `section`, with `more` arguments.
    fn hint(&self, section: Section, more: &str) -> String {
        format!("{} --section {}{more}", self.list, section.as_str())
    }

    /// A section defined by a query: its groups under `###` headings (one level deeper
    /// per `group by`), open tasks to tick, closed ones as done.
    fn custom(&self, out: &mut Out<'_>, c: &super::CustomSection<'_>) -> io::Result<()> {
        out.buf.push_str("\n## ");
        crate::escape::push(&mut out.buf, &c.title);
        out.buf.push_str("\n\n");
        if let Some(e) = &c.error {
            let _ = writeln!(out.buf, "error: {}", crate::escape::display(e));
            return Ok(());
        }
        if c.groups.iter().all(|g| g.tasks.is_empty()) && c.more == 0 {
            let _ = writeln!(out.buf, "{NOTHING}");
            return Ok(());
        }
        let mut previous: &[String] = &[];
        for g in &c.groups {
            for (level, name) in g.names.iter().enumerate() {
                if previous.get(level) == Some(name) && previous[..level] == g.names[..level] {
                    continue;
                }
                let _ = write!(out.buf, "{} ", "#".repeat((3 + level).min(6)));
                crate::escape::push(&mut out.buf, name);
                out.buf.push_str("\n\n");
            }
            previous = &g.names;
            for (i, e) in g.tasks.iter().enumerate() {
                self.item(&mut out.buf, i + 1, e, Show::plan_or_done(e));
            }
            if !g.names.is_empty() {
                out.buf.push('\n');
            }
        }
        if c.more > 0 {
            let _ = writeln!(out.buf, "- … and {} more", c.more);
        }
        Ok(())
    }

    fn section(
        &self,
        out: &mut Out<'_>,
        title: &str,
        entries: &[Entry<'_>],
        show: Show,
        more: &More,
    ) -> io::Result<()> {
        let _ = write!(out.buf, "\n## {title}\n\n");
        self.list(out, entries, show, more)
    }

    /// The entries, then how many more there are and how to list them.
    fn list(
        &self,
        out: &mut Out<'_>,
        entries: &[Entry<'_>],
        show: Show,
        more: &More,
    ) -> io::Result<()> {
        self.items(out, entries, show)?;
        if more.total > entries.len() {
            let rest = more.total - entries.len();
            let _ = if more.hint.is_empty() {
                writeln!(out.buf, "- … and {rest} more")
            } else {
                writeln!(out.buf, "- … and {rest} more (`{}`)", more.hint)
            };
        }
        Ok(())
    }

    /// The entries; long lists rendered in parallel chunks, written in order.
    fn items(&self, out: &mut Out<'_>, entries: &[Entry<'_>], show: Show) -> io::Result<()> {
        if entries.is_empty() {
            let _ = writeln!(out.buf, "{NOTHING}");
            return Ok(());
        }
        if entries.len() <= CHUNK {
            for (i, e) in entries.iter().enumerate() {
                self.item(&mut out.buf, i + 1, e, show);
            }
            return Ok(());
        }
        out.flush()?;
        for (b, batch) in entries.chunks(CHUNK * BATCH).enumerate() {
            let texts: Vec<String> = batch
                .par_chunks(CHUNK)
                .enumerate()
                .map(|(c, chunk)| {
                    let first = b * CHUNK * BATCH + c * CHUNK + 1;
                    let mut text = String::with_capacity(chunk.len() * 160);
                    for (i, e) in chunk.iter().enumerate() {
                        self.item(&mut text, first + i, e, show);
                    }
                    text
                })
                .collect();
            for text in texts {
                out.sink.write_all(text.as_bytes())?;
            }
        }
        Ok(())
    }

    /// `1) [ ] Description — due 2026-11-22 · scheduled 2026-11-20 ([path:line#hash](path#Lline))`:
    /// an open task's box, to tick (see [`super::tick`]); `- Description … ([path:line](…))`
    /// for a closed one. `number` is the entry's place in its list.
    fn item(&self, out: &mut String, number: usize, e: &Entry<'_>, show: Show) {
        let description = if e.description.is_empty() {
            "(no description)"
        } else {
            e.description
        };
        let tickable = show != Show::Done;
        if tickable {
            let _ = write!(out, "{number}{}", super::tick::BOX);
        } else {
            out.push_str("- ");
        }
        crate::escape::push(out, description);
        let mut d = Details { out, any: false };
        match show {
            Show::Plan => {
                self.due(&mut d, e);
                if let Some(s) = e.scheduled {
                    d.add(format_args!("scheduled {s}"));
                }
                if let Some(s) = e.start.filter(|s| *s > self.today) {
                    d.add(format_args!("starts {s}"));
                }
                if let Some(a) = e.assignee.filter(|_| e.delegated) {
                    d.add(format_args!("@{}", crate::escape::display(a)));
                }
                if e.scalable {
                    d.add(format_args!("scalable"));
                }
            }
            Show::FollowUp => {
                self.due(&mut d, e);
                match (e.next_checkin, e.checkin) {
                    (Some(f), None) if e.followup_due => {
                        d.add(format_args!("**follow-up due {f}**"));
                    }
                    (Some(f), None) => d.add(format_args!("follow-up {f}")),
                    (Some(f), Some(c)) if e.followup_due => {
                        d.add(format_args!("**check-in due {f}** ({c})"));
                    }
                    (Some(f), Some(c)) => d.add(format_args!("next check-in {f} ({c})")),
                    (None, _) => d.add(format_args!("**no follow-up date**")),
                }
                // A missing check-in is flagged above already.
                let mut gaps = e.brief_gaps.iter().filter(|g| *g != BriefGap::Checkin);
                if let Some(first) = gaps.next() {
                    d.add(format_args!("brief lacks: {}", first.label()));
                    for gap in gaps {
                        d.out.push_str(", ");
                        d.out.push_str(gap.label());
                    }
                }
            }
            Show::Estimate => {
                d.add(format_args!("{}", duration(e.estimate_minutes)));
                self.due(&mut d, e);
            }
            Show::Leverage => {
                d.add(format_args!(
                    "impact {} · {} · leverage {}",
                    e.impact,
                    duration(e.estimate_minutes),
                    e.leverage
                ));
                if e.scalable {
                    d.add(format_args!("scalable"));
                }
                self.due(&mut d, e);
            }
            Show::Done => {
                if let Some(done) = e.done {
                    d.add(format_args!("done {done}"));
                }
            }
        }
        out.push_str(" ([");
        escape_link_text(out, e.path);
        let _ = write!(out, ":{}", e.line);
        if tickable {
            let _ = write!(out, "#{}", e.hash);
        }
        let _ = write!(out, "]({}", self.link_prefix);
        styled_target_to(out, e.path, e.line, e.block_id, self.links);
        out.push_str("))\n");
    }

    fn due(&self, d: &mut Details<'_>, e: &Entry<'_>) {
        match e.due {
            Some(due) if due < self.today => d.add(format_args!("due {due} (overdue)")),
            Some(due) => d.add(format_args!("due {due}")),
            None => {}
        }
    }

    fn waiting_on(&self, out: &mut Out<'_>, digest: &Digest<'_>) -> io::Result<()> {
        out.buf.push_str("\n## Waiting on\n\n");
        if digest.waiting_on.is_empty() {
            let _ = writeln!(out.buf, "{NOTHING}");
        }
        for (i, person) in digest.waiting_on.iter().enumerate() {
            if i > 0 {
                out.buf.push('\n');
            }
            let name = if person.assignee.is_empty() {
                "(unnamed)"
            } else {
                &person.assignee
            };
            let _ = write!(out.buf, "### {}\n\n", crate::escape::display(name));
            let hint = self.hint(
                Section::WaitingOn,
                &format!(" --assignee {}", shell_word(&person.assignee)),
            );
            self.list(
                out,
                &person.tasks,
                Show::FollowUp,
                &More {
                    total: person.open,
                    hint,
                },
            )?;
        }
        Ok(())
    }

    fn vital_few(&self, out: &mut Out<'_>, digest: &Digest<'_>) -> io::Result<()> {
        let v = &digest.vital_few;
        out.buf.push_str("\n## Vital few\n\n");
        if !v.tasks.is_empty() {
            let n = v.count;
            let _ = write!(
                out.buf,
                "{n} of {} own open tasks (the top {}% by impact per hour) {} {}% of their total impact.\n\n",
                v.of,
                percent(v.share * 100.0),
                if n == 1 { "carries" } else { "carry" },
                percent(v.impact_percent)
            );
        }
        self.list(
            out,
            &v.tasks,
            Show::Leverage,
            &More {
                total: v.count,
                hint: String::new(),
            },
        )
    }
}

impl Renderer<'_> {
    /// Each blocked task as every list shows it, then a line of what it waits for:
    /// `   - waits for: Brief ([a.md:3](a.md#L3)), delegated to bob; … and 1 more`.
    fn blocked(&self, out: &mut Out<'_>, digest: &Digest<'_>) {
        out.buf.push_str("\n## Blocked\n\n");
        if digest.blocked.is_empty() {
            let _ = writeln!(out.buf, "{NOTHING}");
        }
        for (i, b) in digest.blocked.iter().enumerate() {
            let number = i + 1;
            self.item(&mut out.buf, number, &b.task, Show::Plan);
            // The line is a sub-item of the entry: indented past `N) `.
            let indent = number.to_string().len() + 2;
            let _ = write!(out.buf, "{:indent$}- waits for: ", "");
            for (k, w) in b.waits.waits_for.iter().enumerate() {
                if k > 0 {
                    out.buf.push_str("; ");
                }
                let description = if w.description.is_empty() {
                    "(no description)"
                } else {
                    &w.description
                };
                crate::escape::push(&mut out.buf, description);
                out.buf.push_str(" ([");
                escape_link_text(&mut out.buf, &w.path);
                let _ = write!(out.buf, ":{}]({}", w.line, self.link_prefix);
                styled_target_to(
                    &mut out.buf,
                    &w.path,
                    w.line,
                    w.block_id.as_deref(),
                    self.links,
                );
                out.buf.push_str("))");
                if let Some(who) = &w.delegated_to {
                    let _ = write!(out.buf, ", delegated to {}", crate::escape::display(who));
                }
            }
            if b.waits.more_blockers > 0 {
                if !b.waits.waits_for.is_empty() {
                    out.buf.push_str("; ");
                }
                let _ = write!(out.buf, "and {} more", b.waits.more_blockers);
            }
            out.buf.push('\n');
        }
        let total = digest.counts.blocked;
        if total > digest.blocked.len() {
            let _ = writeln!(
                out.buf,
                "- … and {} more (`{}`)",
                total - digest.blocked.len(),
                self.hint(Section::Blocked, "")
            );
        }
    }

    fn hand_off(&self, out: &mut Out<'_>, digest: &Digest<'_>) -> io::Result<()> {
        let h = &digest.hand_off;
        out.buf.push_str("\n## Hand off or automate\n\n");
        if h.open > 0 {
            let _ = write!(
                out.buf,
                "{} routine {} (own, non-production, not important): {} h estimated. Hand {} off or automate {}.\n\n",
                h.open,
                if h.open == 1 { "task" } else { "tasks" },
                h.hours,
                if h.open == 1 { "it" } else { "them" },
                if h.open == 1 { "it" } else { "them" },
            );
        }
        self.list(
            out,
            &h.tasks,
            Show::Estimate,
            &More {
                total: h.open,
                hint: self.hint(Section::HandOff, ""),
            },
        )
    }
}

fn effort_balance(out: &mut String, digest: &Digest<'_>) {
    out.push_str("\n## Effort balance\n\n");
    out.push_str("| Effort | Open tasks | Estimated hours |\n|---|---:|---:|\n");
    for line in &digest.effort_balance {
        let _ = writeln!(out, "| {} | {} | {} |", line.effort, line.tasks, line.hours);
    }
}

/// `ike VERB [ROOT]`: ROOT left out when it is the current folder.
fn command(verb: &str, root: &str) -> String {
    if root.is_empty() || root == "." {
        format!("ike {verb}")
    } else {
        format!("ike {verb} {}", shell_word(root))
    }
}

/// What a digest without a single task says instead of its sections.
fn nothing_found(notes: usize) -> String {
    match notes {
        0 => "No notes found: ike reads the Markdown files (`.md`) under ROOT. Is it the \
              folder of your notes?"
            .to_owned(),
        1 => "Read 1 note: no tasks found (`- [ ] …`).".to_owned(),
        n => format!("Read {n} notes: no tasks found (`- [ ] …`)."),
    }
}

/// `word` as one shell word: as is when it holds only characters no shell treats
/// specially, else in single quotes (a `'` inside written `'\''`).
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || "-_./:@%+=,".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// A percentage rounded to a whole number (halves away from zero).
pub(super) fn percent(p: f64) -> String {
    format!("{}", p.round())
}

/// `30m`, `1h`, `1h 30m`.
pub(super) fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h {m}m"),
    }
}

/// Append `text` with the characters that would end or restyle a link's text escaped.
pub(crate) fn escape_link_text(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, '[' | ']' | '\\' | '*' | '`' | '<') {
            out.push('\\');
        }
        if crate::escape::needs_escape(c) {
            crate::escape::push(out, c.encode_utf8(&mut [0; 4]));
        } else {
            out.push(c);
        }
    }
}

/// A task line's details, ` — ` before the first and ` · ` between the others.
struct Details<'o> {
    out: &'o mut String,
    any: bool,
}

impl Details<'_> {
    fn add(&mut self, detail: std::fmt::Arguments<'_>) {
        self.out.push_str(if self.any { " · " } else { " — " });
        self.any = true;
        let _ = self.out.write_fmt(detail);
    }
}
