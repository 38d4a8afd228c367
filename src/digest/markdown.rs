//! The digest as Markdown (§7): one file a day, meant to be committed and read on GitHub.

use super::{Digest, Entry, link_target};
use crate::classify::Quadrant;
use chrono::NaiveDate;
use std::fmt::Write as _;

/// What an empty section says, so that sections never disappear from one day to the next.
const NOTHING: &str = "Nothing here.";

/// The digest as Markdown, with links relative to the scanned root (right for a digest
/// file written at the root).
pub fn render_markdown(digest: &Digest) -> String {
    render_markdown_at(digest, "")
}

/// The digest as Markdown, with `link_prefix` put before every link target: `"../"` for a
/// digest written one folder below the root (`digests/2026-11-21.md`).
pub fn render_markdown_at(digest: &Digest, link_prefix: &str) -> String {
    let r = Renderer {
        today: digest.date,
        link_prefix,
    };
    let s = &digest.sections;
    let mut out = format!("# Digest {}\n", digest.date);
    if s.summary {
        let _ = write!(out, "\n{}\n", summary(digest));
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
                hint: format!("ike list --quadrant {}", q.as_str()),
            };
            r.section(&mut out, q.title(), digest.quadrant(q), Show::Plan, &more);
        }
    }
    if s.waiting_on {
        r.waiting_on(&mut out, digest);
    }
    if s.vital_few {
        r.vital_few(&mut out, digest);
    }
    if s.value {
        let more = More {
            total: digest.counts.value,
            hint: "ike list --effort value --status todo,in_progress".into(),
        };
        r.section(&mut out, "Value work", &digest.value, Show::Plan, &more);
    }
    if s.effort_balance {
        effort_balance(&mut out, digest);
    }
    if s.nudges {
        out.push_str("\n## Nudges\n\n");
        if digest.nudges.is_empty() {
            let _ = writeln!(out, "{NOTHING}");
        }
        for nudge in &digest.nudges {
            let _ = writeln!(out, "- {}", nudge.message);
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
                hint: "ike list --status done".into(),
            },
        );
    }
    out
}

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

/// Which details a task line shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Show {
    /// Due, scheduled and start dates; the assignee when delegated.
    Plan,
    /// Due and follow-up dates.
    FollowUp,
    /// Impact, estimate and leverage, then due date.
    Leverage,
    /// The done date.
    Done,
}

/// How many entries a list has in all, and the command that lists them all.
struct More {
    total: usize,
    hint: String,
}

struct Renderer<'a> {
    today: NaiveDate,
    link_prefix: &'a str,
}

impl Renderer<'_> {
    fn section(&self, out: &mut String, title: &str, entries: &[Entry], show: Show, more: &More) {
        let _ = write!(out, "\n## {title}\n\n");
        self.list(out, entries, show, more);
    }

    fn list(&self, out: &mut String, entries: &[Entry], show: Show, more: &More) {
        if entries.is_empty() {
            let _ = writeln!(out, "{NOTHING}");
        }
        for e in entries {
            self.item(out, e, show);
        }
        if more.total > entries.len() {
            let rest = more.total - entries.len();
            let _ = if more.hint.is_empty() {
                writeln!(out, "- … and {rest} more")
            } else {
                writeln!(out, "- … and {rest} more (`{}`)", more.hint)
            };
        }
    }

    /// `- Description — due 2026-11-22 · scheduled 2026-11-20 ([path:line](path#Lline))`
    fn item(&self, out: &mut String, e: &Entry, show: Show) {
        let description = if e.description.is_empty() {
            "(no description)"
        } else {
            &e.description
        };
        let details = self.details(e, show);
        let _ = write!(out, "- {description}");
        if !details.is_empty() {
            let _ = write!(out, " — {}", details.join(" · "));
        }
        let _ = writeln!(
            out,
            " ([{}:{}]({}{}))",
            escape_link_text(&e.path),
            e.line,
            self.link_prefix,
            link_target(&e.path, e.line)
        );
    }

    fn details(&self, e: &Entry, show: Show) -> Vec<String> {
        let mut d = Vec::new();
        match show {
            Show::Plan => {
                self.due(&mut d, e);
                if let Some(s) = e.scheduled {
                    d.push(format!("scheduled {s}"));
                }
                if let Some(s) = e.start.filter(|s| *s > self.today) {
                    d.push(format!("starts {s}"));
                }
                if let Some(a) = e.assignee.as_deref().filter(|_| e.delegated) {
                    d.push(format!("@{a}"));
                }
            }
            Show::FollowUp => {
                self.due(&mut d, e);
                match e.followup {
                    Some(f) if e.followup_due => d.push(format!("**follow-up due {f}**")),
                    Some(f) => d.push(format!("follow-up {f}")),
                    None => d.push("**no follow-up date**".to_owned()),
                }
            }
            Show::Leverage => {
                d.push(format!(
                    "impact {} · {} · leverage {}",
                    e.impact,
                    duration(e.estimate_minutes),
                    e.leverage
                ));
                self.due(&mut d, e);
            }
            Show::Done => {
                if let Some(done) = e.done {
                    d.push(format!("done {done}"));
                }
            }
        }
        d
    }

    fn due(&self, d: &mut Vec<String>, e: &Entry) {
        match e.due {
            Some(due) if due < self.today => d.push(format!("due {due} (overdue)")),
            Some(due) => d.push(format!("due {due}")),
            None => {}
        }
    }

    fn waiting_on(&self, out: &mut String, digest: &Digest) {
        out.push_str("\n## Waiting on\n\n");
        if digest.waiting_on.is_empty() {
            let _ = writeln!(out, "{NOTHING}");
        }
        for (i, person) in digest.waiting_on.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let name = if person.assignee.is_empty() {
                "(unnamed)"
            } else {
                &person.assignee
            };
            let _ = write!(out, "### {name}\n\n");
            let hint = format!("ike list --assignee {}", person.assignee);
            self.list(
                out,
                &person.tasks,
                Show::FollowUp,
                &More {
                    total: person.open,
                    hint,
                },
            );
        }
    }

    fn vital_few(&self, out: &mut String, digest: &Digest) {
        let v = &digest.vital_few;
        out.push_str("\n## Vital few\n\n");
        if !v.tasks.is_empty() {
            let n = v.count;
            let _ = write!(
                out,
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
        );
    }
}

fn effort_balance(out: &mut String, digest: &Digest) {
    out.push_str("\n## Effort balance\n\n");
    out.push_str("| Effort | Open tasks | Estimated hours |\n|---|---:|---:|\n");
    for line in &digest.effort_balance {
        let _ = writeln!(out, "| {} | {} | {} |", line.effort, line.tasks, line.hours);
    }
}

/// A percentage rounded to a whole number (halves away from zero).
fn percent(p: f64) -> String {
    format!("{}", p.round())
}

/// `30m`, `1h`, `1h 30m`.
fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h {m}m"),
    }
}

/// Escape the characters that would end or restyle a link's text.
fn escape_link_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '\\' | '*' | '`' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
