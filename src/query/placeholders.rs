//! `{{query.file.path}}` and the other placeholders of a query written in a note: they name
//! the note that holds the query, and are replaced before the query is read.

/// Replace every placeholder of `text`; `file` is the note's vault-relative path (none
/// for a query typed on the command line, where placeholders are an error).
pub(crate) fn expand(text: &str, file: Option<&str>) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            return Err("unclosed `{{` in the query".to_owned());
        };
        let name = after[..end].trim();
        let Some(path) = file else {
            return Err(format!(
                "`{{{{{name}}}}}` names the note that holds the query; use it in a note's ```tasks block (ike query --blocks)"
            ));
        };
        out.push_str(&value(name, path)?);
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The value of one placeholder for the note at `path`.
fn value(name: &str, path: &str) -> Result<String, String> {
    let filename = path.rsplit('/').next().unwrap_or(path);
    let without_md = |s: &str| s.strip_suffix(".md").unwrap_or(s).to_owned();
    let folder = match path.rfind('/') {
        Some(i) => path[..=i].to_owned(),
        None => "/".to_owned(),
    };
    let root = match path.find('/') {
        Some(i) => path[..=i].to_owned(),
        None => "/".to_owned(),
    };
    Ok(match name {
        "query.file.path" => path.to_owned(),
        "query.file.pathWithoutExtension" => without_md(path),
        "query.file.filename" => filename.to_owned(),
        "query.file.filenameWithoutExtension" => without_md(filename),
        "query.file.folder" => folder,
        "query.file.root" => root,
        other => {
            return Err(format!(
                "unknown placeholder `{{{{{other}}}}}`; see docs/query.md for the ones ike knows"
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, file: Option<&str>, expected: Result<&str, &str>) {
        let got = expand(text, file);
        match expected {
            Ok(want) => assert_eq!(got.as_deref(), Ok(want), "{text:?}"),
            Err(part) => {
                let err = got.expect_err(text);
                assert!(err.contains(part), "{err:?} lacks {part:?}");
            }
        }
    }

    #[test]
    fn placeholders_name_the_note() {
        let f = Some("work/plans/q4.md");
        check(
            "path includes {{query.file.path}}",
            f,
            Ok("path includes work/plans/q4.md"),
        );
        check(
            "{{query.file.pathWithoutExtension}}",
            f,
            Ok("work/plans/q4"),
        );
        check("{{query.file.filename}}", f, Ok("q4.md"));
        check("{{query.file.filenameWithoutExtension}}", f, Ok("q4"));
        check(
            "folder includes {{ query.file.folder }}",
            f,
            Ok("folder includes work/plans/"),
        );
        check("{{query.file.root}}", f, Ok("work/"));
        check("{{query.file.root}}", Some("top.md"), Ok("/"));
        check("not done", None, Ok("not done"));
    }

    #[test]
    fn bad_placeholders_are_errors() {
        check("{{query.file.path}}", None, Err("ike query --blocks"));
        check(
            "{{query.file.property('x')}}",
            Some("a.md"),
            Err("unknown placeholder"),
        );
        check("{{query.file.path", Some("a.md"), Err("unclosed"));
    }
}
