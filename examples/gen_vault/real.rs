//! The real-vault shape of `gen-vault --profile real`: folders up to seven levels deep of
//! 10–90 notes each, attachments (images, PDFs, canvases: files ike never reads) beside
//! many of them, and a `templates/` folder of notes whose placeholders (`{{date}}`,
//! `<% tp.date.now() %>`) are broken values. The notes themselves come from
//! [`crate::doc::generate_shaped`] with [`crate::doc::Shape::REAL`]: most hold no task.

use crate::doc::{Doc, Shape, generate_shaped};
use crate::rng::Rng;
use crate::words::{NAMES, OBJECTS, VERBS, WORDS};

/// One note in this many (at least one) is a template, in `templates/` at the end.
pub(crate) const TEMPLATE_EVERY: usize = 250;

/// Folders of the real shape: `(relative path, first note, end)`, notes in index order;
/// the last folder is `templates`.
pub(crate) fn layout(seed: u64, files: usize) -> Vec<(String, usize, usize)> {
    let templates = if files == 0 {
        0
    } else {
        (files / TEMPLATE_EVERY).max(1)
    };
    let notes = files - templates;
    let mut rng = Rng::for_item(seed ^ 0x5EA1, u64::MAX);
    let mut folders = Vec::new();
    let mut first = 0;
    let mut c = 0usize;
    while first < notes {
        let size = if c == 0 { 25 } else { rng.range(10, 90) };
        let year = 2018 + c % 8;
        let rel = match (c, c % 7) {
            (0, _) => String::new(),
            (_, 0) => format!(
                "areas/a{}/projects/p{c}/meetings/{year}/q{}",
                c % 7,
                c % 4 + 1
            ),
            (_, 1) => format!("journal/{year}/{:02}/week-{}", c % 12 + 1, c % 5 + 1),
            (_, 2) => format!("resources/r{}/topics/t{c}/notes/drafts", c % 13),
            (_, 3) => format!("archive/{year}/projects/p{c}/old"),
            (_, 4) => format!("people/{}-{c}", rng.pick(NAMES)),
            (_, 5) => format!("inbox/{year}/batch-{c}"),
            _ => format!("areas/a{}/reference/{}/{c}", c % 7, rng.pick(WORDS)),
        };
        let end = (first + size).min(notes);
        folders.push((rel, first, end));
        first = end;
        c += 1;
    }
    if templates > 0 {
        folders.push(("templates".to_owned(), notes, files));
    }
    folders
}

/// Is note `index` of a `files`-note real vault a template?
pub(crate) fn is_template(files: usize, index: usize) -> bool {
    let templates = if files == 0 {
        0
    } else {
        (files / TEMPLATE_EVERY).max(1)
    };
    index >= files - templates
}

/// Note `index` of a `files`-note real vault.
pub(crate) fn note(seed: u64, files: usize, index: usize) -> Doc {
    if is_template(files, index) {
        template(seed, index as u64)
    } else {
        generate_shaped(seed, index as u64, Shape::REAL)
    }
}

/// A template note: front matter and checklist items holding placeholders. Its checklist
/// items are tasks to ike (unless the vault names its template folder), with broken dates.
pub(crate) fn template(seed: u64, index: u64) -> Doc {
    let mut rng = Rng::for_item(seed ^ 0x7E37, index);
    let mut out = String::new();
    out.push_str("---\ntags: [template]\ncreated: {{date}}\n");
    if rng.chance(500) {
        out.push_str("due: <% tp.date.now(\"YYYY-MM-DD\", 7) %>\n");
    }
    out.push_str("---\n# {{title}}\n\n## Checklist\n\n");
    let lines = [
        "- [ ] Review {{title}} 📅 {{date:YYYY-MM-DD}}",
        "- [ ] Send the notes [due:: <% tp.date.now() %>]",
        "- [x] Prepare the agenda ✅ {{date}}",
        "- [ ] Book a room due:{{tomorrow}} impact:{{impact}}",
        "- [ ] Ask @{{person}} about it ⏳ {{date}}",
    ];
    let mut tasks = 0;
    for l in lines {
        if rng.chance(750) {
            out.push_str(l);
            out.push('\n');
            tasks += 1;
        }
    }
    if tasks == 0 {
        out.push_str(lines[0]);
        out.push('\n');
        tasks = 1;
    }
    out.push_str(&format!(
        "\n## Notes\n\n{} the {} for {{{{title}}}}.\n",
        rng.pick(VERBS),
        rng.pick(OBJECTS)
    ));
    let regex_lines = out
        .lines()
        .filter(|l| crate::doc::baseline_matches(l))
        .count();
    Doc {
        bytes: out.into_bytes(),
        tasks,
        regex_lines,
    }
}

/// The attachments of folder number `folder` (none for most): `(file name, bytes)`, to go
/// under the folder's `attachments/`. Images and PDFs hold NUL bytes; canvases are JSON.
pub(crate) fn attachments(seed: u64, folder: usize) -> Vec<(String, Vec<u8>)> {
    let mut rng = Rng::for_item(seed ^ 0xA77A, folder as u64);
    if !rng.chance(450) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for k in 0..rng.range(1, 4) {
        let (name, head): (String, &[u8]) = match rng.below(3) {
            0 => (
                format!("image-{folder}-{k}.png"),
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            ),
            1 => (format!("scan-{folder}-{k}.pdf"), b"%PDF-1.4\n%\0\0\0\n"),
            _ => {
                let text = format!(
                    "{{\"nodes\":[{{\"id\":\"n{k}\",\"type\":\"text\",\"text\":\"{} {}\",\"x\":0,\"y\":0,\"width\":250,\"height\":60}}],\"edges\":[]}}\n",
                    rng.pick(VERBS),
                    rng.pick(OBJECTS)
                );
                out.push((format!("board-{folder}-{k}.canvas"), text.into_bytes()));
                continue;
            }
        };
        let len = rng.range(2 << 10, 40 << 10);
        let mut bytes = head.to_vec();
        while bytes.len() < len {
            bytes.extend_from_slice(&rng.next_u64().to_le_bytes());
        }
        out.push((name, bytes));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_close_the_layout() {
        for files in [1, 10, 249, 250, 1000, 10_000] {
            let folders = layout(3, files);
            let last = folders.last().map(|f| (f.0.as_str(), f.2));
            assert_eq!(last, Some(("templates", files)), "{files} notes");
            let covered: usize = folders.iter().map(|f| f.2 - f.1).sum();
            assert_eq!(covered, files, "{files} notes");
            let want = (files / TEMPLATE_EVERY).max(1);
            assert_eq!((0..files).filter(|&i| is_template(files, i)).count(), want);
        }
    }

    #[test]
    fn templates_count_their_checklists() {
        for i in 0..50 {
            let doc = template(5, i);
            let text = String::from_utf8(doc.bytes).unwrap_or_default();
            assert_eq!(text.matches("\n- [").count(), doc.tasks, "template {i}");
        }
    }
}
