//! Files ike writes as its own output (the digest file, the archive): the marker that
//! makes them ike's, the check before one is replaced, and where a path taken from a
//! config file may point.
//!
//! ike replaces or appends to a file only when it is missing or carries the marker: a
//! Markdown output's first line is an HTML comment starting `<!-- written by ike`
//! (invisible when the note is shown), a JSON output's first key is `"written_by": "ike"`.
//! A path from `.ike.yaml` must stay inside the vault root once `..` and symbolic links
//! are resolved (a shared vault's config must not make ike write elsewhere). See
//! docs/safety.md.

use std::path::{Component, Path, PathBuf};

/// The start of every Markdown marker line.
pub const MARKER_START: &str = "<!-- written by ike";

/// The marker line of a digest file.
pub const DIGEST_MARKER: &str =
    "<!-- written by ike: this file is replaced on every run; edit the notes it links to -->";

/// The marker line of an archive file.
pub const ARCHIVE_MARKER: &str =
    "<!-- written by ike: ike fix appends archived tasks below; edits are kept -->";

/// The JSON marker: the first key of a JSON output.
/// The first two content lines of `ike calendar`'s output.
pub const CALENDAR_MARKER: &str = "BEGIN:VCALENDAR\r\nPRODID:-//ike//ike calendar//EN\r\n";
const JSON_MARKER: &str = "\"written_by\": \"ike\",";

/// The largest output file ike reads back (to compare it, or to append to it).
pub const OUTPUT_LIMIT: u64 = 64 << 20;

/// `text` (a digest as rendered) with the marker of a file: a first line for Markdown, a
/// first key for JSON (`text` starting with `{`).
pub fn mark_digest(text: &str) -> String {
    // A calendar carries its marker in its own content lines.
    if text.starts_with(CALENDAR_MARKER) {
        return text.to_owned();
    }
    if let Some(rest) = text.strip_prefix("{\n") {
        return format!("{{\n  {JSON_MARKER}\n{rest}");
    }
    format!("{DIGEST_MARKER}\n{text}")
}

/// True when `bytes` carry ike's marker (first line, after an optional BOM).
pub fn is_marked(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(MARKER_START.as_bytes()) {
        return true;
    }
    // An iCalendar file cannot hold a comment: ike's calendar is known by its PRODID, the
    // second content line.
    if bytes.starts_with(CALENDAR_MARKER.as_bytes()) {
        return true;
    }
    let mut lines = bytes.split(|&b| b == b'\n');
    lines.next().is_some_and(|l| l.trim_ascii() == b"{")
        && lines
            .next()
            .is_some_and(|l| l.trim_ascii() == JSON_MARKER.as_bytes())
}

/// Why an existing file at `path`, holding `bytes`, must not be replaced by ike.
pub fn not_ours(path: &Path) -> String {
    format!(
        "{}: exists and was not written by ike (its first line is not `{MARKER_START} …`); not replaced. Choose another output path, or remove the file if it is an old output of ike's",
        crate::escape::display(&path.to_string_lossy())
    )
}

/// `rel` (a path from a config file) joined to `root`, if it stays inside `root` once
/// `..` and symbolic links are resolved; else why not.
pub fn inside_root(root: &Path, rel: &Path, key: &str) -> Result<PathBuf, String> {
    let joined = root.join(rel);
    let outside = || {
        format!(
            "`{key}: {}` points outside the vault; a path from a config file must stay inside it (give it on the command line instead)",
            crate::escape::display(&rel.to_string_lossy())
        )
    };
    let root_real = root
        .canonicalize()
        .map_err(|e| format!("{}: {e}", root.display()))?;
    let resolved = resolve(&joined);
    if resolved.starts_with(&root_real) && resolved != root_real {
        Ok(joined)
    } else {
        Err(outside())
    }
}

/// `path` made absolute, with its longest existing ancestor resolved through symbolic
/// links and the rest's `.` and `..` applied by name.
fn resolve(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut base = PathBuf::new();
    let mut rest: Vec<Component<'_>> = Vec::new();
    let mut comps: Vec<Component<'_>> = abs.components().collect();
    // Find the longest prefix that exists.
    while !comps.is_empty() {
        let candidate: PathBuf = comps.iter().collect();
        if let Ok(real) = candidate.canonicalize() {
            base = real;
            break;
        }
        if let Some(last) = comps.pop() {
            rest.push(last);
        }
    }
    for part in rest.iter().rev() {
        match part {
            Component::ParentDir => {
                base.pop();
            }
            Component::CurDir => {}
            other => base.push(other.as_os_str()),
        }
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_recognises_outputs() {
        let md = mark_digest("# Digest 2026-11-21\n");
        assert_eq!(md, format!("{DIGEST_MARKER}\n# Digest 2026-11-21\n"));
        let json = mark_digest("{\n  \"date\": \"2026-11-21\"\n}\n");
        assert_eq!(
            json,
            "{\n  \"written_by\": \"ike\",\n  \"date\": \"2026-11-21\"\n}\n"
        );
        let rows: [(&[u8], bool); 8] = [
            (md.as_bytes(), true),
            (json.as_bytes(), true),
            (ARCHIVE_MARKER.as_bytes(), true),
            (b"\xEF\xBB\xBF<!-- written by ike -->\n", true),
            (b"# Daily note\n- [ ] call Ana\n", false),
            (b"\n<!-- written by ike -->\n", false),
            (b"{\n  \"date\": \"2026-11-21\"\n}\n", false),
            (b"", false),
        ];
        for (bytes, want) in rows {
            assert_eq!(
                is_marked(bytes),
                want,
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn config_paths_stay_inside_the_root() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("vault");
        std::fs::create_dir_all(root.join("sub")).expect("mkdir");
        std::fs::create_dir_all(dir.path().join("elsewhere")).expect("mkdir");
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("elsewhere"), root.join("link"))
            .expect("symlink");
        let rows = [
            ("digest.md", true),
            ("sub/digest.md", true),
            ("new/{date}.md", true),
            ("sub/../digest.md", true),
            ("../x.md", false),
            ("sub/../../x.md", false),
            ("new/../../x.md", false),
            (".", false),
        ];
        for (rel, want) in rows {
            let got = inside_root(&root, Path::new(rel), "digest.out");
            assert_eq!(got.is_ok(), want, "{rel}: {got:?}");
        }
        let abs = dir.path().join("elsewhere/x.md");
        assert!(inside_root(&root, &abs, "digest.out").is_err());
        #[cfg(unix)]
        {
            let got = inside_root(&root, Path::new("link/x.md"), "digest.out");
            assert!(got.is_err(), "{got:?}");
        }
    }
}
