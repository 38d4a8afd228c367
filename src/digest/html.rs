//! The digest as one self-contained web page: the matrix drawn as a 2×2 grid, then
//! Waiting on, Vital few, Value work, Effort balance, Nudges and Done since yesterday.
//!
//! Inline CSS only (`html.css`, light and dark through `prefers-color-scheme`, one column
//! on narrow screens, print styles), no script, nothing fetched. Every text that comes from
//! a note is escaped. Deterministic as the Markdown: the same digest gives the same bytes.
//! See `docs/digest-page.md`.

use super::link::{encode_path_to, link_target_to};
use super::markdown::{NOTHING, duration, percent};
use super::show::Show;
use super::{Digest, Entry};
use crate::classify::Quadrant;
use chrono::NaiveDate;
use std::fmt::Write as _;
use std::io;

/// The style sheet, put inline in the page's `<head>`.
const CSS: &str = include_str!("html.css");

/// Bytes gathered before they are handed to the sink.
const FLUSH_AT: usize = 1 << 16;

/// The digest as an HTML page, with links relative to the scanned root.
pub fn render_html(digest: &Digest<'_>) -> String {
    render_html_at(digest, "")
}

/// The digest as an HTML page, with `link_prefix` (a `/`-separated folder path such as
/// `"../"`) put before every link to a note.
pub fn render_html_at(digest: &Digest<'_>, link_prefix: &str) -> String {
    let mut bytes = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_html_at(digest, link_prefix, &mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}

/// [`render_html_at`], written to `sink` as it is rendered.
pub fn write_html_at(
    digest: &Digest<'_>,
    link_prefix: &str,
    sink: &mut dyn io::Write,
) -> io::Result<()> {
    let mut prefix = String::new();
    encode_path_to(&mut prefix, link_prefix);
    let mut page = Page {
        buf: String::with_capacity(FLUSH_AT),
        sink,
        today: digest.date,
        prefix,
    };
    page.head(digest)?;
    page.matrix(digest)?;
    let s = &digest.sections;
    if s.waiting_on {
        page.waiting_on(digest)?;
    }
    if s.blocked {
        page.blocked(digest)?;
    }
    if s.vital_few {
        page.vital_few(digest)?;
    }
    if s.value {
        page.open_section("value", "Value work");
        page.list(
            &digest.value,
            Show::Plan,
            digest.counts.value,
            "ike list --effort value --status todo,in_progress",
        )?;
        page.buf.push_str("</section>\n");
    }
    if s.effort_balance {
        page.effort_balance(digest);
    }
    if s.nudges {
        page.nudges(digest);
    }
    if s.done_recently {
        page.open_section("done", "Done since yesterday");
        page.list(
            &digest.done_recently,
            Show::Done,
            digest.counts.done_recently,
            "ike list --status done",
        )?;
        page.buf.push_str("</section>\n");
    }
    for (i, c) in digest.custom.iter().enumerate() {
        page.custom(i + 1, c)?;
    }
    let _ = write!(
        page.buf,
        "</main>\n<footer><p>Written by ike for {0}. Links open the notes; \
         <code>ike digest --format html</code> writes this page again.</p></footer>\n\
         </body>\n</html>\n",
        digest.date
    );
    page.flush()
}

/// The page being written.
struct Page<'w> {
    buf: String,
    sink: &'w mut dyn io::Write,
    today: NaiveDate,
    /// The link prefix, percent-encoded.
    prefix: String,
}

impl Page<'_> {
    fn flush(&mut self) -> io::Result<()> {
        self.sink.write_all(self.buf.as_bytes())?;
        self.buf.clear();
        Ok(())
    }

    fn flush_if_full(&mut self) -> io::Result<()> {
        if self.buf.len() >= FLUSH_AT {
            self.flush()?;
        }
        Ok(())
    }

    fn head(&mut self, d: &Digest<'_>) -> io::Result<()> {
        let _ = write!(
            self.buf,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"color-scheme\" content=\"light dark\">\n\
             <meta name=\"generator\" content=\"ike\">\n\
             <title>Digest {0}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n\
             <header>\n<h1>Digest <time datetime=\"{0}\">{0}</time></h1>\n",
            d.date
        );
        if d.sections.summary {
            let c = &d.counts;
            let _ = writeln!(
                self.buf,
                "<p class=\"summary\"><strong>{} open</strong>: {} do · {} schedule · \
                 {} delegate · {} eliminate · {} waiting on others · {} not startable yet. \
                 <strong>{} overdue</strong>, {} done since yesterday.</p>",
                c.open,
                c.r#do,
                c.schedule,
                c.delegate,
                c.eliminate,
                c.waiting_on,
                c.not_startable,
                c.overdue,
                c.done_recently
            );
        }
        self.buf.push_str("</header>\n<main>\n");
        self.flush()
    }

    /// The four quadrants (those switched on) as a 2×2 grid: urgent on the left,
    /// important on top.
    fn matrix(&mut self, d: &Digest<'_>) -> io::Result<()> {
        let s = &d.sections;
        let on = |q| match q {
            Quadrant::Do => s.r#do,
            Quadrant::Schedule => s.schedule,
            Quadrant::Delegate => s.delegate,
            Quadrant::Eliminate => s.eliminate,
        };
        if !Quadrant::ALL.into_iter().any(on) {
            return Ok(());
        }
        self.buf.push_str(
            "<section class=\"matrix\" aria-labelledby=\"matrix-title\">\n\
             <h2 id=\"matrix-title\">Eisenhower matrix</h2>\n<div class=\"grid\">\n",
        );
        for q in Quadrant::ALL.into_iter().filter(|q| on(*q)) {
            let name = q.as_str();
            let total = d.counts.quadrant(q);
            let entries = d.quadrant(q);
            let _ = write!(
                self.buf,
                "<section class=\"quadrant q-{name}\" id=\"{name}\" aria-labelledby=\"{name}-title\" \
                 data-quadrant=\"{name}\" data-count=\"{total}\" data-shown=\"{shown}\">\n\
                 <h3 id=\"{name}-title\">{title} <span class=\"axes\">{axes}</span> \
                 <span class=\"count\">{total} {tasks}</span></h3>\n",
                title = q.title(),
                axes = axes(q),
                shown = entries.len(),
                tasks = plural(total, "task", "tasks"),
            );
            self.list(
                entries,
                Show::Plan,
                total,
                &format!("ike list --quadrant {name}"),
            )?;
            self.buf.push_str("</section>\n");
        }
        self.buf.push_str("</div>\n</section>\n");
        self.flush()
    }

    /// The `number`th section defined by a query: its groups under `<h3>` headings (one
    /// level deeper per `group by`), each a list; closed tasks show their done date.
    fn custom(&mut self, number: usize, c: &super::CustomSection<'_>) -> io::Result<()> {
        let _ = write!(
            self.buf,
            "<section id=\"query-{number}\" aria-labelledby=\"query-{number}-title\">\n\
             <h2 id=\"query-{number}-title\">"
        );
        escape(&mut self.buf, &c.title);
        self.buf.push_str("</h2>\n");
        if let Some(e) = &c.error {
            self.buf.push_str("<p class=\"empty\">error: ");
            escape(&mut self.buf, e);
            self.buf.push_str("</p>\n");
        }
        let mut previous: &[String] = &[];
        for g in &c.groups {
            for (level, name) in g.names.iter().enumerate() {
                if previous.get(level) == Some(name) && previous[..level] == g.names[..level] {
                    continue;
                }
                let h = (3 + level).min(6);
                let _ = write!(self.buf, "<h{h}>");
                escape(&mut self.buf, name);
                let _ = writeln!(self.buf, "</h{h}>");
            }
            previous = &g.names;
            if g.tasks.is_empty() {
                let _ = writeln!(self.buf, "<p class=\"empty\">{NOTHING}</p>");
                continue;
            }
            self.buf.push_str("<ul class=\"tasks\">\n");
            for e in &g.tasks {
                self.item(e, Show::plan_or_done(e));
                self.flush_if_full()?;
            }
            self.buf.push_str("</ul>\n");
        }
        if c.more > 0 {
            let _ = writeln!(self.buf, "<p class=\"more\">… and {} more</p>", c.more);
        }
        self.buf.push_str("</section>\n");
        Ok(())
    }

    fn open_section(&mut self, id: &str, title: &str) {
        let _ = write!(
            self.buf,
            "<section id=\"{id}\" aria-labelledby=\"{id}-title\">\n<h2 id=\"{id}-title\">{title}</h2>\n"
        );
    }

    /// The entries as a list, then how many more there are and the command that lists
    /// them all (`hint`, none when empty).
    fn list(
        &mut self,
        entries: &[Entry<'_>],
        show: Show,
        total: usize,
        hint: &str,
    ) -> io::Result<()> {
        if entries.is_empty() {
            let _ = writeln!(self.buf, "<p class=\"empty\">{NOTHING}</p>");
            return Ok(());
        }
        self.buf.push_str("<ul class=\"tasks\">\n");
        for e in entries {
            self.item(e, show);
            self.flush_if_full()?;
        }
        self.buf.push_str("</ul>\n");
        if total > entries.len() {
            let rest = total - entries.len();
            let _ = write!(self.buf, "<p class=\"more\">… and {rest} more");
            if !hint.is_empty() {
                self.buf.push_str(" (<code>");
                escape(&mut self.buf, hint);
                self.buf.push_str("</code>)");
            }
            self.buf.push_str("</p>\n");
        }
        Ok(())
    }

    /// One task: its description, its details, and a link to its line.
    fn item(&mut self, e: &Entry<'_>, show: Show) {
        self.item_body(e, show);
        self.buf.push_str("</li>\n");
    }

    /// [`Page::item`] without the end of its list item, to add to it.
    fn item_body(&mut self, e: &Entry<'_>, show: Show) {
        let out = &mut self.buf;
        out.push_str("<li>");
        if show == Show::Leverage {
            if let Some(q) = e.quadrant {
                badge(out, q);
            }
        }
        out.push_str("<span class=\"desc\">");
        if e.description.is_empty() {
            out.push_str("(no description)");
        } else {
            escape(out, e.description);
        }
        out.push_str("</span>\n<span class=\"meta\">");
        let mut d = Details {
            out: &mut *out,
            any: false,
        };
        match show {
            Show::Plan => {
                d.due(e, self.today);
                if let Some(s) = e.scheduled {
                    d.date("scheduled", s);
                }
                if let Some(s) = e.start.filter(|s| *s > self.today) {
                    d.date("starts", s);
                }
                if let Some(a) = e.assignee.filter(|_| e.delegated) {
                    d.sep();
                    d.out.push('@');
                    escape(d.out, a);
                }
            }
            Show::FollowUp => {
                d.due(e, self.today);
                match e.followup {
                    Some(f) if e.followup_due => {
                        d.sep();
                        let _ = write!(
                            d.out,
                            "<strong class=\"overdue\">follow-up due <time datetime=\"{f}\">{f}</time></strong>"
                        );
                    }
                    Some(f) => d.date("follow-up", f),
                    None => {
                        d.sep();
                        d.out
                            .push_str("<strong class=\"overdue\">no follow-up date</strong>");
                    }
                }
            }
            Show::Leverage => {
                d.sep();
                let _ = write!(
                    d.out,
                    "impact {} · {} · leverage {}",
                    e.impact,
                    duration(e.estimate_minutes),
                    e.leverage
                );
                d.due(e, self.today);
            }
            Show::Estimate => {
                d.sep();
                d.out.push_str(&duration(e.estimate_minutes));
                d.due(e, self.today);
            }
            Show::Done => {
                if let Some(done) = e.done {
                    d.date("done", done);
                }
            }
        }
        if d.any {
            d.out.push_str("<span class=\"sep\">·</span>");
        }
        self.source_link(e.path, e.line);
        self.buf.push_str("</span>");
    }

    /// A link to the line `line` of the note at `path`.
    fn source_link(&mut self, path: &str, line: usize) {
        let out = &mut self.buf;
        out.push_str("<a class=\"src\" href=\"");
        out.push_str(&self.prefix);
        let at = out.len();
        link_target_to(out, path, line);
        // The encoded target may hold `&` and `'`: escape them for the attribute.
        let target = out.split_off(at);
        escape(out, &target);
        out.push_str("\">");
        escape(out, path);
        let _ = write!(out, ":{line}</a>");
    }

    /// Own blocked tasks, each with what it waits for.
    fn blocked(&mut self, d: &Digest<'_>) -> io::Result<()> {
        self.open_section("blocked", "Blocked");
        if d.blocked.is_empty() {
            let _ = writeln!(self.buf, "<p class=\"empty\">{NOTHING}</p>");
        } else {
            self.buf.push_str("<ul class=\"tasks\">\n");
            for b in &d.blocked {
                self.item_body(&b.task, Show::Plan);
                self.buf.push_str("\n<span class=\"waits\">waits for: ");
                for (k, w) in b.waits.waits_for.iter().enumerate() {
                    if k > 0 {
                        self.buf.push_str("; ");
                    }
                    self.buf.push_str("<span class=\"desc\">");
                    if w.description.is_empty() {
                        self.buf.push_str("(no description)");
                    } else {
                        escape(&mut self.buf, &w.description);
                    }
                    self.buf.push_str("</span> ");
                    self.source_link(&w.path, w.line);
                    if let Some(who) = &w.delegated_to {
                        self.buf.push_str(", delegated to ");
                        escape(&mut self.buf, who);
                    }
                }
                if b.waits.more_blockers > 0 {
                    if !b.waits.waits_for.is_empty() {
                        self.buf.push_str("; ");
                    }
                    let _ = write!(self.buf, "and {} more", b.waits.more_blockers);
                }
                self.buf.push_str("</span></li>\n");
                self.flush_if_full()?;
            }
            self.buf.push_str("</ul>\n");
            let total = d.counts.blocked;
            if total > d.blocked.len() {
                let _ = writeln!(
                    self.buf,
                    "<p class=\"more\">… and {} more (<code>ike list --section blocked</code>)</p>",
                    total - d.blocked.len()
                );
            }
        }
        self.buf.push_str("</section>\n");
        self.flush()
    }

    fn waiting_on(&mut self, d: &Digest<'_>) -> io::Result<()> {
        self.open_section("waiting-on", "Waiting on");
        if d.waiting_on.is_empty() {
            let _ = writeln!(self.buf, "<p class=\"empty\">{NOTHING}</p>");
        }
        for person in &d.waiting_on {
            self.buf.push_str("<div class=\"person\">\n<h3>");
            if person.assignee.is_empty() {
                self.buf.push_str("(unnamed)");
            } else {
                escape(&mut self.buf, &person.assignee);
            }
            let _ = write!(self.buf, " <span class=\"note\">{} open", person.open);
            if person.followups_due > 0 {
                let _ = write!(
                    self.buf,
                    " · {} follow-up{} due",
                    person.followups_due,
                    if person.followups_due == 1 { "" } else { "s" }
                );
            }
            self.buf.push_str("</span></h3>\n");
            let hint = format!("ike list --assignee {}", person.assignee);
            self.list(&person.tasks, Show::FollowUp, person.open, &hint)?;
            self.buf.push_str("</div>\n");
        }
        self.buf.push_str("</section>\n");
        self.flush()
    }

    fn vital_few(&mut self, d: &Digest<'_>) -> io::Result<()> {
        let v = &d.vital_few;
        self.open_section("vital-few", "Vital few");
        if !v.tasks.is_empty() {
            let n = v.count;
            let _ = writeln!(
                self.buf,
                "<p>{n} of {} own open tasks (the top {}% by impact per hour) {} {}% of their total impact.</p>",
                v.of,
                percent(v.share * 100.0),
                if n == 1 { "carries" } else { "carry" },
                percent(v.impact_percent)
            );
        }
        self.list(&v.tasks, Show::Leverage, v.count, "")?;
        self.buf.push_str("</section>\n");
        self.flush()
    }

    fn effort_balance(&mut self, d: &Digest<'_>) {
        self.open_section("effort-balance", "Effort balance");
        let all: usize = d.effort_balance.iter().map(|l| l.tasks).sum();
        self.buf.push_str(
            "<table>\n<thead><tr><th scope=\"col\">Effort</th><th scope=\"col\" class=\"num\">Open tasks</th>\
             <th scope=\"col\" class=\"num\">Estimated hours</th><th scope=\"col\" class=\"share\">Share of tasks</th></tr></thead>\n<tbody>\n",
        );
        for line in &d.effort_balance {
            let share = (line.tasks * 100).checked_div(all).unwrap_or(0);
            let _ = writeln!(
                self.buf,
                "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                 <td class=\"share\"><span class=\"bar\" style=\"width:{share}%\" title=\"{share}%\"></span></td></tr>",
                line.effort, line.tasks, line.hours
            );
        }
        self.buf.push_str("</tbody>\n</table>\n</section>\n");
    }

    fn nudges(&mut self, d: &Digest<'_>) {
        self.open_section("nudges", "Nudges");
        if d.nudges.is_empty() {
            let _ = writeln!(self.buf, "<p class=\"empty\">{NOTHING}</p>");
        } else {
            self.buf.push_str("<ul class=\"nudges\">\n");
            for nudge in &d.nudges {
                self.buf.push_str("<li>");
                with_code(&mut self.buf, &nudge.message);
                self.buf.push_str("</li>\n");
            }
            self.buf.push_str("</ul>\n");
        }
        self.buf.push_str("</section>\n");
    }
}

/// What puts a task in the quadrant, in words.
fn axes(q: Quadrant) -> &'static str {
    match q {
        Quadrant::Do => "urgent · important",
        Quadrant::Schedule => "not urgent · important",
        Quadrant::Delegate => "urgent · not important",
        Quadrant::Eliminate => "not urgent · not important",
    }
}

/// The quadrant's name as a label, coloured like its cell (the name says it; the colour
/// only repeats it).
fn badge(out: &mut String, q: Quadrant) {
    let _ = write!(
        out,
        "<span class=\"badge q-{}\">{}</span>",
        q.as_str(),
        q.title()
    );
}

fn plural<'s>(n: usize, one: &'s str, many: &'s str) -> &'s str {
    if n == 1 { one } else { many }
}

/// A task line's details, a separator between them.
struct Details<'o> {
    out: &'o mut String,
    any: bool,
}

impl Details<'_> {
    fn sep(&mut self) {
        if self.any {
            self.out.push_str("<span class=\"sep\">·</span>");
        }
        self.any = true;
    }

    fn date(&mut self, label: &str, date: NaiveDate) {
        self.sep();
        let _ = write!(self.out, "{label} <time datetime=\"{date}\">{date}</time>");
    }

    fn due(&mut self, e: &Entry<'_>, today: NaiveDate) {
        match e.due {
            Some(due) if due < today => {
                self.sep();
                let _ = write!(
                    self.out,
                    "due <time datetime=\"{due}\">{due}</time> <strong class=\"overdue\">overdue</strong>"
                );
            }
            Some(due) => self.date("due", due),
            None => {}
        }
    }
}

/// Append `text` escaped, its `` `code` `` spans (as the nudges write them) as `<code>`;
/// an unpaired backtick leaves the text as it is.
fn with_code(out: &mut String, text: &str) {
    if text.matches('`').count() % 2 == 1 {
        escape(out, text);
        return;
    }
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str("<code>");
            escape(out, part);
            out.push_str("</code>");
        } else {
            escape(out, part);
        }
    }
}

/// Append `text` escaped for HTML text and quoted attributes. Control characters other
/// than tab and line feed (which HTML does not allow) become U+FFFD.
pub(crate) fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::ClassifySettings;
    use crate::classify::task_builder::{doc, task, today};
    use crate::digest::{DigestSettings, build};

    #[track_caller]
    fn shows(e: &Entry<'_>, show: Show, want: &str) {
        let mut sink = Vec::new();
        let mut page = Page {
            buf: String::new(),
            sink: &mut sink,
            today: today(),
            prefix: String::new(),
        };
        page.item_body(e, show);
        let details = page
            .buf
            .split("<span class=\"meta\">")
            .nth(1)
            .unwrap_or_default();
        let details = details.split("<a class").next().unwrap_or_default();
        assert_eq!(details, want, "{show:?}");
    }

    #[test]
    fn each_choice_of_details_shows_its_values() {
        let task = task("Sort the mail").line(2).due(1).estimate(90).impact(3);
        let docs = [doc("r.md", vec![task])];
        let d = build(
            &docs,
            today(),
            &ClassifySettings::default(),
            &DigestSettings::default(),
        );
        let e = Quadrant::ALL.iter().flat_map(|q| d.quadrant(*q)).next();
        let e = e.expect("the open task is in a quadrant");
        let due = "due <time datetime=\"2026-11-22\">2026-11-22</time>";
        let sep = "<span class=\"sep\">·</span>";
        shows(e, Show::Plan, &format!("{due}{sep}"));
        shows(e, Show::Estimate, &format!("1h 30m{sep}{due}{sep}"));
        shows(e, Show::Done, "");
        let leverage = format!("impact 3 · 1h 30m · leverage {}", e.leverage);
        shows(e, Show::Leverage, &format!("{leverage}{sep}{due}{sep}"));
    }

    #[track_caller]
    fn escaped(text: &str, want: &str) {
        let mut out = String::new();
        escape(&mut out, text);
        assert_eq!(out, want);
    }

    #[test]
    fn escapes_markup_quotes_and_controls() {
        escaped("plain", "plain");
        escaped(
            "<script>alert(1)</script>",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
        );
        escaped("a & b", "a &amp; b");
        escaped("say \"hi\" it's", "say &quot;hi&quot; it&#39;s");
        escaped("bell\u{7}\u{0}\r", "bell\u{FFFD}\u{FFFD}\u{FFFD}");
        escaped("tab\tline\n", "tab\tline\n");
        escaped("café ✅ &amp;", "café ✅ &amp;amp;");
        escaped("\u{85}", "\u{FFFD}");
    }

    #[track_caller]
    fn coded(text: &str, want: &str) {
        let mut out = String::new();
        with_code(&mut out, text);
        assert_eq!(out, want);
    }

    #[test]
    fn code_spans_in_nudges() {
        coded("plain", "plain");
        coded(
            "add `followup:: <date>`.",
            "add <code>followup:: &lt;date&gt;</code>.",
        );
        coded("`a` and `b`", "<code>a</code> and <code>b</code>");
        coded("one ` alone", "one ` alone");
    }
}
