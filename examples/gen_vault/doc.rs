//! One generated note: front matter, prose, headings, tables, code and HTML holding fake
//! checkboxes, callouts, and task lists in all three metadata syntaxes. Counts the real
//! tasks it writes.
//!
//! The count must be exactly what a CommonMark parser sees, so the structure is kept
//! unambiguous: every block is separated from the next by one blank line, every list has
//! a blank line before and after it, fake checkboxes live only inside ``` / ~~~ fences,
//! HTML blocks that start at column 0, tables, or 4-space indented code that follows a
//! paragraph (never a list, where it would be a continuation), and no generated line can
//! start a block by accident (prose and continuation lines start with a letter, `[`, `(`,
//! `@` or an emoji). The one place a list interrupts a paragraph is the callout
//! (`> [!todo] Title` then `> - [ ] …`), which CommonMark reads as intended because a
//! non-empty bullet item may interrupt a paragraph.

use crate::rng::Rng;
use crate::words::{
    EFFORTS, ESTIMATES, LANGS, NAMES, OBJECTS, PRIORITIES, PROJECTS, RECURRENCES, STARTERS, TAGS,
    VERBS, WORDS, date, past_date,
};
use std::fmt::Write as _;

/// Files whose index is this modulo [`HUGE_EVERY`] are ~10,000 lines long.
pub(crate) const HUGE_PHASE: u64 = 137;
/// One file in this many is huge.
pub(crate) const HUGE_EVERY: u64 = 5000;
/// Lines in a huge file (at least).
const HUGE_LINES: usize = 10_000;

/// Checkbox-like lines for code blocks, HTML and comments, where they are not tasks.
const FAKE_LINES: &[&str] = &[
    "- [ ] fake task in code",
    "  - [x] nested fake",
    "* [ ] star fake",
    "+ [X] plus fake",
    "1. [ ] ordered fake",
    "> - [ ] quoted fake",
    "let done = false;",
    "# a comment, not a heading",
];

/// How often the generator writes the things that vary between vault shapes, in per
/// mille (the default shape's values are the ones the benchmark was first built on; the
/// real-vault shape has far fewer notes with tasks and far more broken values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shape {
    /// Notes without any task.
    pub no_tasks: usize,
    /// Notes whose front matter is malformed.
    pub malformed: usize,
    /// Due dates that do not exist (`2026-02-30`).
    pub bad_date: usize,
    /// Dataview impacts out of range (`impact:: 12`).
    pub bad_impact: usize,
    /// Weight of the unknown status `?` (against 973 for the known ones).
    pub unknown_status: usize,
    /// Lines of code, HTML and table cells that look like checkboxes (the rest are plain
    /// code and text): 1000 in the default shape, which is built to trip parsers.
    pub fake_checkboxes: usize,
}

impl Shape {
    /// The generator's first shape: ~10 tasks a note, few problems.
    pub(crate) const DEFAULT: Shape = Shape {
        no_tasks: 80,
        malformed: 10,
        bad_date: 3,
        bad_impact: 5,
        unknown_status: 3,
        fake_checkboxes: 1000,
    };
    /// Shaped like a real vault: most notes hold no task, many values are broken.
    pub(crate) const REAL: Shape = Shape {
        no_tasks: 750,
        malformed: 80,
        bad_date: 60,
        bad_impact: 80,
        unknown_status: 25,
        fake_checkboxes: 30,
    };
}

/// Code and comment lines that look like no checkbox (the real-vault shape's usual ones).
const PLAIN_LINES: &[&str] = &[
    "let total = items.len();",
    "fn main() {}",
    "SELECT * FROM tasks WHERE done = 0;",
    "echo \"done\"",
    "{\"key\": [1, 2, 3]}",
    "# a comment, not a heading",
];

/// A generated file.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    /// The file's bytes (UTF-8, maybe with BOM and CRLF).
    pub bytes: Vec<u8>,
    /// Real tasks in it.
    pub tasks: usize,
    /// Lines that the benchmark's baseline regex `^\s*[-*+] \[[ xX]\]` matches.
    pub regex_lines: usize,
}

/// The metadata syntax of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Emoji,
    Dataview,
    Plain,
}

/// What the previous block was: indented code may only follow a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prev {
    Start,
    Paragraph,
    Other,
}

/// Line-ending style of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endings {
    Lf,
    Crlf,
    Mixed,
}

struct Writer {
    rng: Rng,
    out: String,
    lines: usize,
    tasks: usize,
    /// The file's main syntax; `None` = mixed, chosen per task.
    syntax: Option<Syntax>,
    prev: Prev,
    shape: Shape,
}

/// Generate file `index` of the vault with `seed`. Pure: same arguments, same bytes.
pub(crate) fn generate(seed: u64, index: u64) -> Doc {
    generate_shaped(seed, index, Shape::DEFAULT)
}

/// Generate file `index` of a vault of the given shape. The default shape gives exactly
/// the bytes of [`generate`].
pub(crate) fn generate_shaped(seed: u64, index: u64, shape: Shape) -> Doc {
    let mut w = Writer {
        rng: Rng::for_item(seed, index),
        out: String::with_capacity(8192),
        lines: 0,
        tasks: 0,
        syntax: None,
        prev: Prev::Start,
        shape,
    };
    w.syntax = match w.rng.weighted(&[45, 25, 20, 10]) {
        0 => Some(Syntax::Emoji),
        1 => Some(Syntax::Dataview),
        2 => Some(Syntax::Plain),
        _ => None,
    };
    let endings = match w.rng.weighted(&[960, 30, 10]) {
        0 => Endings::Lf,
        1 => Endings::Crlf,
        _ => Endings::Mixed,
    };
    let bom = w.rng.chance(20);
    let malformed = w.rng.chance(shape.malformed);
    let front_matter = malformed || w.rng.chance(600);
    let huge = index % HUGE_EVERY == HUGE_PHASE;

    if front_matter {
        w.front_matter(malformed);
    }
    if w.rng.chance(850) {
        let title = format!("# {} {}", w.rng.pick(VERBS), w.rng.pick(OBJECTS));
        w.line(&title);
        w.prev = Prev::Other;
    }
    if huge {
        w.body(usize::MAX, usize::MAX, HUGE_LINES);
    } else {
        let bytes = match w.rng.weighted(&[20, 50, 25, 5]) {
            0 => w.rng.range(360, 1360),
            1 => w.rng.range(1360, 4540),
            2 => w.rng.range(4540, 8160),
            _ => w.rng.range(8160, 18140),
        };
        let tasks = if w.rng.chance(shape.no_tasks) {
            0
        } else {
            // About one task per 390 bytes, give or take half.
            let per = w.rng.range(200, 600);
            (bytes / per).max(1)
        };
        w.body(bytes, tasks, 0);
    }

    let regex_lines = w.out.lines().filter(|l| baseline_matches(l)).count();
    let mut bytes = Vec::with_capacity(w.out.len() + w.lines + 3);
    if bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    match endings {
        Endings::Lf => bytes.extend_from_slice(w.out.as_bytes()),
        Endings::Crlf | Endings::Mixed => {
            for piece in w.out.split_inclusive('\n') {
                match piece.strip_suffix('\n') {
                    Some(body) if endings == Endings::Crlf || w.rng.chance(500) => {
                        bytes.extend_from_slice(body.as_bytes());
                        bytes.extend_from_slice(b"\r\n");
                    }
                    _ => bytes.extend_from_slice(piece.as_bytes()),
                }
            }
        }
    }
    Doc {
        bytes,
        tasks: w.tasks,
        regex_lines,
    }
}

/// Does `line` match `^\s*[-*+] \[[ xX]\]` (the benchmark's ripgrep baseline)?
pub(crate) fn baseline_matches(line: &str) -> bool {
    let rest = line.trim_start();
    let b = rest.as_bytes();
    b.len() >= 5
        && matches!(b[0], b'-' | b'*' | b'+')
        && b[1] == b' '
        && b[2] == b'['
        && matches!(b[3], b' ' | b'x' | b'X')
        && b[4] == b']'
}

impl Writer {
    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
        self.lines += 1;
    }

    /// Blocks until the file has `bytes` bytes, about `tasks` tasks and `lines` lines.
    fn body(&mut self, bytes: usize, tasks: usize, lines: usize) {
        let huge = lines > 0;
        let mut left = tasks;
        loop {
            let done = if huge {
                self.lines >= lines
            } else {
                self.out.len() >= bytes && left == 0
            };
            if done {
                break;
            }
            if self.prev != Prev::Start {
                self.line("");
            }
            let want_tasks = left > 0 && (!huge && self.out.len() >= bytes || self.rng.chance(420));
            if want_tasks {
                let budget = left.min(self.rng.range(1, 7));
                let written = if self.rng.chance(150) {
                    self.callout_tasks(budget)
                } else {
                    self.task_list(budget)
                };
                left = left.saturating_sub(written);
            } else {
                self.filler();
            }
        }
    }

    fn filler(&mut self) {
        match self.rng.weighted(&[14, 34, 7, 7, 4, 2, 6, 5, 9, 3, 2]) {
            0 => self.heading(),
            1 => self.paragraph(),
            2 => self.fenced_code(),
            3 if self.prev == Prev::Paragraph => self.indented_code(),
            3 => self.paragraph(),
            4 => self.html_comment(),
            5 => self.html_div(),
            6 => self.table(),
            7 => self.quote(),
            8 => self.plain_list(),
            9 => self.thematic_break(),
            _ => self.inline_html_comment(),
        }
    }

    fn front_matter(&mut self, malformed: bool) {
        self.line("---");
        let mut keys: Vec<String> = Vec::new();
        if self.rng.chance(300) {
            keys.push(format!(
                "title: {} {}",
                self.rng.pick(VERBS),
                self.rng.pick(OBJECTS)
            ));
        }
        if self.rng.chance(600) {
            let a = self.rng.pick(TAGS);
            let b = self.rng.pick(TAGS);
            keys.push(match self.rng.below(4) {
                0 => format!("tags: [{a}, {b}]"),
                1 => format!("tags:\n  - {a}\n  - {b}"),
                2 => format!("tags: {a}, {b}"),
                _ => format!("tags: {a}"),
            });
        }
        if self.rng.chance(250) {
            keys.push(format!("priority: {}", self.rng.pick(PRIORITIES)));
        }
        if self.rng.chance(200) {
            let d = date(&mut self.rng);
            keys.push(format!("due: {d}"));
        }
        if self.rng.chance(300) {
            keys.push(format!("project: {}", self.rng.pick(PROJECTS)));
        }
        if self.rng.chance(250) {
            keys.push(format!("effort: {}", self.rng.pick(EFFORTS)));
        }
        if self.rng.chance(250) {
            keys.push(format!("impact: {}", self.rng.range(1, 10)));
        }
        if self.rng.chance(200) {
            let d = past_date(&mut self.rng);
            keys.push(format!("created: {d}"));
        }
        if self.rng.chance(100) {
            keys.push("aliases: [note, draft]".to_owned());
        }
        if self.rng.chance(50) {
            // A checklist template in a YAML block scalar: front matter, so not tasks.
            keys.push("template: |\n  - [ ] not a task (front matter)\n  - [x] neither".to_owned());
        }
        if malformed {
            let bad = match self.rng.below(4) {
                0 => "tags: [work, home",
                1 => "due: \"2026-11-30",
                2 => "tags: [work]]",
                _ => "tags:\n\t- work",
            };
            let at = self.rng.below(keys.len() + 1);
            keys.insert(at, bad.to_owned());
        }
        for k in keys {
            for l in k.split('\n') {
                self.line(l);
            }
        }
        let close = if self.rng.chance(50) { "..." } else { "---" };
        self.line(close);
        self.prev = Prev::Other;
    }

    fn heading(&mut self) {
        let level = self.rng.range(2, 4);
        let text = format!(
            "{} {} {}",
            "#".repeat(level),
            self.rng.pick(STARTERS),
            self.rng.pick(WORDS)
        );
        self.line(&text);
        self.prev = Prev::Other;
    }

    fn prose_line(&mut self) -> String {
        let mut s = String::from(*self.rng.pick(STARTERS));
        for _ in 0..self.rng.range(6, 12) {
            s.push(' ');
            match self.rng.weighted(&[80, 3, 3, 2, 3, 2, 1, 1, 1, 2, 1, 1]) {
                0 => {
                    let w = *self.rng.pick(WORDS);
                    s.push_str(w);
                }
                1 => {
                    let _ = write!(s, "`{}`", self.rng.pick(WORDS));
                }
                2 => {
                    let _ = write!(s, "**{}**", self.rng.pick(WORDS));
                }
                3 => {
                    let _ = write!(s, "*{}*", self.rng.pick(WORDS));
                }
                4 => {
                    let _ = write!(s, "[[{}]]", self.rng.pick(PROJECTS));
                }
                5 => {
                    let n = self.rng.below(1000);
                    let _ = write!(s, "[{}](https://example.com/p/{n})", self.rng.pick(WORDS));
                }
                6 => s.push_str("[ ] brackets"),
                7 => s.push_str("ratio 3:2"),
                8 => s.push_str("note: later"),
                9 => {
                    let _ = write!(s, "#{}", self.rng.pick(TAGS));
                }
                10 => {
                    let d = date(&mut self.rng);
                    let _ = write!(s, "📅 {d}");
                }
                _ => {
                    let d = date(&mut self.rng);
                    let _ = write!(s, "due:{d}");
                }
            }
        }
        s.push('.');
        s
    }

    fn paragraph(&mut self) {
        for _ in 0..self.rng.range(1, 5) {
            let l = self.prose_line();
            self.line(&l);
        }
        self.prev = Prev::Paragraph;
    }

    /// A line for code, HTML and comments: checkbox-like, unless the shape says otherwise.
    fn fake_line(&mut self) -> &'static str {
        if !self.fake_checkbox() {
            return PLAIN_LINES[self.rng.below(PLAIN_LINES.len())];
        }
        FAKE_LINES[self.rng.below(FAKE_LINES.len())]
    }

    /// Should this code line, cell or comment look like a checkbox? Always in the default
    /// shape (which draws no random number for it, so its bytes stay as they were).
    fn fake_checkbox(&mut self) -> bool {
        self.shape.fake_checkboxes >= 1000 || self.rng.chance(self.shape.fake_checkboxes)
    }

    fn fenced_code(&mut self) {
        let fence = if self.rng.chance(800) { "```" } else { "~~~" };
        let open = format!("{fence}{}", self.rng.pick(LANGS));
        self.line(&open);
        for _ in 0..self.rng.range(1, 6) {
            let l = self.fake_line();
            self.line(l);
        }
        self.line(fence);
        self.prev = Prev::Other;
    }

    fn indented_code(&mut self) {
        for _ in 0..self.rng.range(1, 4) {
            let l = format!("    {}", self.fake_line());
            self.line(&l);
        }
        self.prev = Prev::Other;
    }

    fn html_comment(&mut self) {
        self.line("<!--");
        for _ in 0..self.rng.range(1, 4) {
            let l = self.fake_line();
            self.line(l);
        }
        self.line("-->");
        self.prev = Prev::Other;
    }

    fn inline_html_comment(&mut self) {
        if !self.fake_checkbox() {
            self.line("<!-- draft: to be reviewed -->");
            self.prev = Prev::Other;
            return;
        }
        self.line("<!-- - [ ] fake in a one-line comment -->");
        self.prev = Prev::Other;
    }

    fn html_div(&mut self) {
        // A type-6 HTML block runs to the next blank line: no blank line inside.
        let open = if self.rng.chance(500) {
            "<div class=\"note\">"
        } else {
            "<details>"
        };
        let close = if open.starts_with("<div") {
            "</div>"
        } else {
            "</details>"
        };
        self.line(open);
        for _ in 0..self.rng.range(1, 3) {
            let l = self.fake_line();
            self.line(l);
        }
        self.line(close);
        self.prev = Prev::Other;
    }

    fn table(&mut self) {
        self.line("| Item | Owner | Due |");
        self.line("| --- | --- | --- |");
        for _ in 0..self.rng.range(1, 6) {
            let cell = if self.fake_checkbox() {
                *self
                    .rng
                    .pick(&["- [ ] fake in a cell", "[x] done cell", "plain cell"])
            } else {
                *self.rng.pick(&["plain cell", "review", "sent", "n/a"])
            };
            let name = self.rng.pick(NAMES);
            let d = date(&mut self.rng);
            let row = format!("| {cell} | {name} | {d} |");
            self.line(&row);
        }
        self.prev = Prev::Other;
    }

    fn quote(&mut self) {
        if self.rng.chance(500) {
            let kind = self.rng.pick(&["note", "info", "quote", "tip"]);
            let head = format!("> [!{kind}] {}", self.rng.pick(STARTERS));
            self.line(&head);
        }
        for _ in 0..self.rng.range(1, 3) {
            let l = format!("> {}", self.prose_line());
            self.line(&l);
        }
        self.prev = Prev::Other;
    }

    fn thematic_break(&mut self) {
        // A `---` first in the file would open front matter.
        let l = if self.prev == Prev::Start {
            "***"
        } else {
            *self.rng.pick(&["---", "***", "___"])
        };
        self.line(l);
        self.prev = Prev::Other;
    }

    fn plain_item_text(&mut self) -> String {
        match self.rng.weighted(&[60, 10, 8, 5, 5, 4, 4, 4]) {
            0 => format!(
                "{} {} {}",
                self.rng.pick(STARTERS),
                self.rng.pick(WORDS),
                self.rng.pick(WORDS)
            ),
            1 => format!("[[{}]]", self.rng.pick(PROJECTS)),
            2 => format!(
                "[{}](https://example.com/{})",
                self.rng.pick(WORDS),
                self.rng.below(100)
            ),
            // Look like tasks to a line regex, but are not: no space after the box.
            3 => "[ ]no-space is not a task".to_owned(),
            4 => "[x]done-ish, not a task".to_owned(),
            5 => "[ab] two characters in brackets".to_owned(),
            6 => "[] empty brackets".to_owned(),
            _ => format!("`[ ] in code` {}", self.rng.pick(WORDS)),
        }
    }

    fn plain_list(&mut self) {
        let marker = *self.rng.pick(&["-", "*", "+"]);
        for _ in 0..self.rng.range(1, 5) {
            let t = self.plain_item_text();
            let l = format!("{marker} {t}");
            self.line(&l);
        }
        self.prev = Prev::Other;
    }

    fn callout_tasks(&mut self, budget: usize) -> usize {
        let kind = self.rng.pick(&["todo", "todo", "tip", "note", "warning"]);
        let fold = *self.rng.pick(&["", "", "-", "+"]);
        let head = format!(
            "> [!{kind}]{fold} {} {}",
            self.rng.pick(STARTERS),
            self.rng.pick(WORDS)
        );
        self.line(&head);
        let before = self.tasks;
        let marker = *self.rng.pick(&["-", "-", "*", "+"]);
        let mut left = budget;
        let mut items = 0;
        while left > 0 && items < 12 {
            self.item("> ", 0, marker, 0, &mut left);
            items += 1;
        }
        self.prev = Prev::Other;
        self.tasks - before
    }

    fn task_list(&mut self, budget: usize) -> usize {
        let before = self.tasks;
        let ordered = self.rng.chance(250);
        let bullet = *self
            .rng
            .pick(&["-", "-", "-", "-", "-", "-", "-", "*", "*", "+"]);
        let delim = if self.rng.chance(800) { "." } else { ")" };
        let mut left = budget;
        let mut n = 1;
        while left > 0 && n <= 12 {
            let marker = if ordered {
                format!("{n}{delim}")
            } else {
                bullet.to_owned()
            };
            self.item("", 0, &marker, 0, &mut left);
            n += 1;
        }
        self.prev = Prev::Other;
        self.tasks - before
    }

    /// One list item at `indent` (inside `prefix`, e.g. `> `), maybe a task, maybe with
    /// children. Ordered child lists start at 1, so they may interrupt a paragraph.
    fn item(&mut self, prefix: &str, indent: usize, marker: &str, depth: usize, left: &mut usize) {
        let content_col = indent + marker.len() + 1;
        let pad = " ".repeat(indent);
        if *left > 0 && self.rng.chance(870) {
            *left -= 1;
            self.tasks += 1;
            let unknown = self.shape.unknown_status;
            let status = match self.rng.weighted(&[550, 200, 30, 80, 110, unknown]) {
                0 => ' ',
                1 => 'x',
                2 => 'X',
                3 => '/',
                4 => '-',
                _ => '?',
            };
            let (first, rest) = self.task_text(status);
            let l = format!("{prefix}{pad}{marker} [{status}] {first}");
            self.line(&l);
            if let Some(rest) = rest {
                let l = format!("{prefix}{}{rest}", " ".repeat(content_col));
                self.line(&l);
            }
        } else {
            let t = self.plain_item_text();
            let l = format!("{prefix}{pad}{marker} {t}");
            self.line(&l);
        }
        let nest = if depth == 0 { 250 } else { 150 };
        if depth < 2 && *left > 0 && self.rng.chance(nest) {
            let ordered = self.rng.chance(200);
            let bullet = *self.rng.pick(&["-", "*", "+"]);
            for k in 1..=self.rng.range(1, 3) {
                if *left == 0 {
                    break;
                }
                let m = if ordered {
                    format!("{k}.")
                } else {
                    bullet.to_owned()
                };
                self.item(prefix, content_col, &m, depth + 1, left);
            }
        }
    }

    /// A task's text: description and metadata tokens, maybe split over two lines.
    fn task_text(&mut self, status: char) -> (String, Option<String>) {
        let syntax = match self.syntax {
            Some(s) => s,
            None => *self
                .rng
                .pick(&[Syntax::Emoji, Syntax::Dataview, Syntax::Plain]),
        };
        let mut desc: Vec<String> = vec![
            (*self.rng.pick(VERBS)).to_owned(),
            (*self.rng.pick(OBJECTS)).to_owned(),
        ];
        for _ in 0..self.rng.below(4) {
            desc.push((*self.rng.pick(WORDS)).to_owned());
        }
        if self.rng.chance(100) {
            desc.push(format!("[[{}]]", self.rng.pick(PROJECTS)));
        }
        let mut meta = match syntax {
            Syntax::Emoji => self.emoji_meta(status),
            Syntax::Dataview => self.dataview_meta(status),
            Syntax::Plain => self.plain_meta(status),
        };
        if self.rng.chance(300) {
            meta.push(format!("#{}", self.rng.pick(TAGS)));
        }
        if self.rng.chance(100) {
            meta.push(format!("@{}", self.rng.pick(NAMES)));
        }
        // Metadata may stand anywhere: sometimes one token goes mid-description.
        let mut tokens = desc;
        if !meta.is_empty() && self.rng.chance(150) {
            let m = meta.remove(0);
            let at = self.rng.range(1, tokens.len());
            tokens.insert(at, m);
        }
        tokens.extend(meta);
        if tokens.len() >= 3 && self.rng.chance(120) {
            let split = self.rng.range(1, tokens.len() - 1);
            let rest = tokens.split_off(split);
            let mut second = rest.join(" ");
            if !starts_safely(&second) {
                second = format!("and {second}");
            }
            return (tokens.join(" "), Some(second));
        }
        (tokens.join(" "), None)
    }

    /// A separator between an emoji and its value: usually a space, rarely a VS16 or NBSP.
    fn emoji(&mut self, emoji: &str, value: &str) -> String {
        match self.rng.weighted(&[970, 20, 10]) {
            0 => format!("{emoji} {value}"),
            1 => format!("{emoji}\u{fe0f} {value}"),
            _ => format!("{emoji}\u{a0}{value}"),
        }
    }

    fn maybe_bad_date(&mut self) -> String {
        if self.rng.chance(self.shape.bad_date) {
            "2026-02-30".to_owned()
        } else {
            date(&mut self.rng)
        }
    }

    fn emoji_meta(&mut self, status: char) -> Vec<String> {
        let mut m = Vec::new();
        if self.rng.chance(400) {
            m.push((*self.rng.pick(&["⏫", "⏫", "🔼", "🔼", "🔽", "🔺", "⏬"])).to_owned());
        }
        if self.rng.chance(50) {
            m.push(format!("🔁 {}", self.rng.pick(RECURRENCES)));
        }
        if self.rng.chance(150) {
            let d = past_date(&mut self.rng);
            m.push(self.emoji("➕", &d));
        }
        if self.rng.chance(100) {
            let d = date(&mut self.rng);
            m.push(self.emoji("🛫", &d));
        }
        if self.rng.chance(200) {
            let d = date(&mut self.rng);
            m.push(self.emoji("⏳", &d));
        }
        if self.rng.chance(550) {
            let e = *self
                .rng
                .pick(&["📅", "📅", "📅", "📅", "📅", "📅", "📅", "📅", "📆", "🗓"]);
            let d = self.maybe_bad_date();
            m.push(self.emoji(e, &d));
        }
        if matches!(status, 'x' | 'X') && self.rng.chance(700) {
            let d = past_date(&mut self.rng);
            m.push(self.emoji("✅", &d));
        }
        if status == '-' && self.rng.chance(600) {
            let d = past_date(&mut self.rng);
            m.push(self.emoji("❌", &d));
        }
        m
    }

    fn field(&mut self, key: &str, value: &str) -> String {
        if self.rng.chance(750) {
            format!("[{key}:: {value}]")
        } else {
            format!("({key}:: {value})")
        }
    }

    fn dataview_meta(&mut self, status: char) -> Vec<String> {
        let mut m = Vec::new();
        if self.rng.chance(550) {
            let d = self.maybe_bad_date();
            m.push(self.field("due", &d));
        }
        if self.rng.chance(350) {
            let p = *self.rng.pick(PRIORITIES);
            m.push(self.field("priority", p));
        }
        if self.rng.chance(150) {
            let d = date(&mut self.rng);
            m.push(self.field("scheduled", &d));
        }
        if self.rng.chance(300) {
            let v = if self.rng.chance(self.shape.bad_impact) {
                12
            } else {
                self.rng.range(1, 10)
            };
            m.push(self.field("impact", &v.to_string()));
        }
        if self.rng.chance(250) {
            let e = *self.rng.pick(ESTIMATES);
            m.push(self.field("estimate", e));
        }
        if self.rng.chance(200) {
            let e = *self.rng.pick(EFFORTS);
            m.push(self.field("effort", e));
        }
        if self.rng.chance(100) {
            let n = *self.rng.pick(NAMES);
            m.push(self.field("assignee", n));
        }
        if matches!(status, 'x' | 'X') && self.rng.chance(600) {
            let d = past_date(&mut self.rng);
            m.push(self.field("completion", &d));
        }
        if status == '-' && self.rng.chance(500) {
            let d = past_date(&mut self.rng);
            m.push(self.field("cancelled", &d));
        }
        m
    }

    fn plain_meta(&mut self, _status: char) -> Vec<String> {
        let mut m = Vec::new();
        if self.rng.chance(550) {
            let d = self.maybe_bad_date();
            m.push(format!("due:{d}"));
        }
        if self.rng.chance(350) {
            m.push(format!("impact:{}", self.rng.range(1, 10)));
        }
        if self.rng.chance(300) {
            m.push(format!("estimate:{}", self.rng.pick(ESTIMATES)));
        }
        if self.rng.chance(200) {
            m.push(format!("effort:{}", self.rng.pick(EFFORTS)));
        }
        if self.rng.chance(100) {
            m.push(format!("assignee:{}", self.rng.pick(NAMES)));
        }
        if self.rng.chance(100) {
            m.push(format!("scheduled:{}", date(&mut self.rng)));
        }
        if self.rng.chance(50) {
            m.push(format!("start:{}", date(&mut self.rng)));
        }
        if self.rng.chance(50) {
            m.push(format!("followup:{}", date(&mut self.rng)));
        }
        m
    }
}

/// Can a continuation line start with this without starting a new block? Letters,
/// brackets, `@` and emoji are safe; `#`, `-`, `+`, `*`, `>`, `<`, digits, `|` are not.
fn starts_safely(s: &str) -> bool {
    match s.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => true,
        Some('[' | '(' | '@') => true,
        Some(c) => !c.is_ascii(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_baseline(line: &str, want: bool) {
        assert_eq!(baseline_matches(line), want, "line: {line:?}");
    }

    #[test]
    fn baseline_regex_model() {
        let rows = [
            ("- [ ] a", true),
            ("  * [x] a", true),
            ("\t+ [X]", true),
            ("- [/] a", false),
            ("1. [ ] a", false),
            ("> - [ ] a", false),
            ("-  [ ] a", false),
            ("- [ ]a", true),
            ("| - [ ] a |", false),
        ];
        for (line, want) in rows {
            check_baseline(line, want);
        }
    }

    #[track_caller]
    fn check_start(s: &str, want: bool) {
        assert_eq!(starts_safely(s), want, "text: {s:?}");
    }

    #[test]
    fn continuation_starts() {
        let rows = [
            ("and more", true),
            ("[due:: 2026-11-21]", true),
            ("(priority:: high)", true),
            ("@bob", true),
            ("📅 2026-11-21", true),
            ("#tag", false),
            ("- x", false),
            ("1. x", false),
            ("<div>", false),
            ("> x", false),
            ("", false),
        ];
        for (s, want) in rows {
            check_start(s, want);
        }
    }

    #[test]
    fn same_arguments_same_bytes() {
        for i in [0, 1, 42, HUGE_PHASE] {
            let (a, b) = (generate(9, i), generate(9, i));
            assert_eq!((a.bytes, a.tasks), (b.bytes, b.tasks), "note {i}");
        }
        assert_ne!(generate(9, 1).bytes, generate(10, 1).bytes);
    }

    #[test]
    fn notes_are_utf8_and_in_bounds() {
        for i in 0..300 {
            let doc = generate(3, i);
            let text = std::str::from_utf8(&doc.bytes).map(str::to_owned);
            assert!(text.is_ok(), "note {i} is not UTF-8");
            assert!(
                doc.bytes.len() < 8 << 20,
                "note {i} is {} bytes",
                doc.bytes.len()
            );
            // A note must never open with a thematic break that would read as front matter.
            let body = text.unwrap_or_default();
            let body = body.trim_start_matches('\u{feff}');
            if body.starts_with("---") {
                assert!(
                    body.lines().skip(1).any(|l| l == "---" || l == "..."),
                    "note {i}"
                );
            }
        }
        let huge = generate(3, HUGE_PHASE);
        let lines = huge.bytes.iter().filter(|&&b| b == b'\n').count();
        assert!(
            (HUGE_LINES..HUGE_LINES + 200).contains(&lines),
            "{lines} lines"
        );
    }
}
