//! Standard YAML tags in front matter (`due: !!timestamp 2026-11-20`): the YAML parser
//! refuses some of them on a plain value (a timestamp, or an int that is a date), and one
//! refused value used to drop the whole block. Obsidian shows such a value as written, so
//! ike reads it as its plain value: each `!!name` tag that starts a value is blanked out
//! (same length, so every position stays true) before the block is parsed. `!!str` stays,
//! since it changes what a plain value means (`!!str 5` is text), and local tags (`!x`)
//! are left to the parser, which keeps their value.
//!
//! A value starts after `key:` and a blank, after a `- ` list marker, or after `[`, `{`
//! or `,` in a flow collection, outside quotes and comments.

use std::borrow::Cow;

/// `yaml` with every standard tag (other than `!!str`) that starts a value replaced by
/// spaces; borrowed when there is none.
pub(super) fn blank_standard_tags(yaml: &str) -> Cow<'_, str> {
    if memchr::memmem::find(yaml.as_bytes(), b"!!").is_none() {
        return Cow::Borrowed(yaml);
    }
    let bytes = yaml.as_bytes();
    let mut out = bytes.to_vec();
    let mut changed = false;
    let mut line_start = 0;
    while line_start < bytes.len() {
        let line_end = memchr::memchr2(b'\n', b'\r', &bytes[line_start..])
            .map_or(bytes.len(), |i| line_start + i);
        for (start, end) in tags_in_line(bytes, line_start, line_end) {
            out[start..end].fill(b' ');
            changed = true;
        }
        line_start = line_end + 1;
    }
    match (changed, String::from_utf8(out)) {
        // ASCII bytes were replaced by spaces: still UTF-8.
        (true, Ok(text)) => Cow::Owned(text),
        _ => Cow::Borrowed(yaml),
    }
}

/// The spans of the standard tags starting a value in `bytes[start..end]`, one line.
fn tags_in_line(bytes: &[u8], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut quote: Option<u8> = None;
    // True where a value may start: the line's start, or after a value separator.
    let mut value_may_start = true;
    let mut i = start;
    while i < end {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        match b {
            b' ' | b'\t' => {}
            b'"' | b'\'' if value_may_start => {
                quote = Some(b);
                value_may_start = false;
            }
            b'#' if i == start || matches!(bytes[i - 1], b' ' | b'\t') => break,
            b'-' if value_may_start && matches!(bytes.get(i + 1), Some(b' ' | b'\t') | None) => {}
            b'[' | b'{' | b',' => value_may_start = true,
            b':' if matches!(bytes.get(i + 1), Some(b' ' | b'\t') | None) || i + 1 == end => {
                value_may_start = true;
            }
            b'!' if value_may_start && bytes.get(i + 1) == Some(&b'!') => {
                let name_end = (i + 2..end)
                    .find(|&k| !bytes[k].is_ascii_alphanumeric())
                    .unwrap_or(end);
                let name = &bytes[i + 2..name_end];
                let blank_after = name_end == end || matches!(bytes[name_end], b' ' | b'\t');
                if !name.is_empty() && name != b"str" && blank_after {
                    found.push((i, name_end));
                }
                i = name_end;
                value_may_start = false;
                continue;
            }
            _ => value_may_start = false,
        }
        i += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::blank_standard_tags;

    #[test]
    fn standard_tags_are_blanked() {
        // Each YAML text, and the tags that must be blanked in it.
        let rows: &[(&str, &[&str])] = &[
            ("due: !!timestamp 2026-11-20", &["!!timestamp"]),
            ("due: !!str 2026-11-20", &[]),
            ("impact: !!int 7", &["!!int"]),
            ("tags: [!!str a, !!binary b]", &["!!binary"]),
            ("tags: {x: !!float 1}", &["!!float"]),
            (
                "tags:\n  - !!timestamp x\r  - !!null",
                &["!!timestamp", "!!null"],
            ),
            ("title: \"wow !!timestamp x\"", &[]),
            ("title: 'a: !!int'", &[]),
            ("title: it's !!great", &[]),
            ("a: b # !!timestamp", &[]),
            ("a: !local x", &[]),
            ("a: !!", &[]),
            ("a: x!!int", &[]),
            ("a: !!int,x", &[]),
            ("é: !!float 1", &["!!float"]),
            ("", &[]),
        ];
        for (yaml, tags) in rows {
            let mut want = (*yaml).to_owned();
            for tag in *tags {
                want = want.replacen(tag, &" ".repeat(tag.len()), 1);
            }
            let got = blank_standard_tags(yaml);
            assert_eq!(got, want, "{yaml:?}");
        }
    }
}
