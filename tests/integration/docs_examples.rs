//! The examples in docs/task-syntax.md are tests: each ```markdown block is parsed and its
//! first task must have the fields of the ```json block right after it.

use ike::classify::{ClassifySettings, classify};
use ike::output::record::TaskRecord;
use ike::parse::{ParseOptions, parse_document};
use serde_json::Value;

fn examples(doc: &str) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut rest = doc;
    while let Some(i) = rest.find("```markdown\n") {
        let after = &rest[i + "```markdown\n".len()..];
        let end = after.find("```\n").expect("closed markdown block");
        let markdown = after[..end].to_owned();
        let after = &after[end + 4..];
        let json_start = after
            .find("```json\n")
            .expect("a json block after each markdown block");
        let json_body = &after[json_start + "```json\n".len()..];
        let json_end = json_body.find("```").expect("closed json block");
        out.push((
            markdown,
            serde_json::from_str(&json_body[..json_end]).expect("valid json"),
        ));
        rest = &json_body[json_end..];
    }
    out
}

#[test]
fn task_syntax_examples_hold() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/task-syntax.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let all = examples(&doc);
    assert!(all.len() >= 14, "found only {} examples", all.len());
    for (markdown, want) in all {
        let parsed = parse_document("example.md", markdown.as_bytes(), &ParseOptions::default());
        let task = parsed
            .tasks
            .first()
            .unwrap_or_else(|| panic!("no task in:\n{markdown}"));
        let cs = ClassifySettings::default();
        let c = classify(
            task,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
            &cs,
        );
        let got = serde_json::to_value(TaskRecord::new(&parsed, task, &c, &cs)).unwrap();
        for (key, value) in want.as_object().unwrap() {
            assert_eq!(&got[key], value, "field `{key}` of:\n{markdown}");
        }
    }
}
