//! `ike query`: the plugin's documented query examples over `fixtures/query`, with the
//! expected `(path, line)` list of each group as reviewed snapshots; errors, inputs
//! (arguments, --file, stdin, --blocks) and the plugin's global query and presets.

use crate::harness::Test;

const TODAY: &str = "--today 2026-11-25";

/// The groups of a `--format json` answer as text: `## names` then `path:line` lines.
fn grouped(json: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(json).expect("json");
    let mut out = String::new();
    for g in v["groups"].as_array().expect("groups") {
        let names: Vec<&str> = g["names"]
            .as_array()
            .expect("names")
            .iter()
            .map(|n| n.as_str().expect("name"))
            .collect();
        if !names.is_empty() {
            out.push_str(&format!("## {}\n", names.join(" > ")));
        }
        for t in g["tasks"].as_array().expect("tasks") {
            out.push_str(&format!(
                "{}:{}\n",
                t["path"].as_str().expect("path"),
                t["line"]
            ));
        }
    }
    out
}

/// Each query (its lines separated by `;`) and its grouped results.
fn run_all(queries: &[&str]) -> String {
    let t = Test::fixture("query");
    let mut out = String::new();
    for q in queries {
        let mut args = vec!["query", "--today", "2026-11-25", "--format", "json"];
        args.extend(q.split(';').map(str::trim));
        let o = t.run_args_for_test(&args);
        assert_eq!(o.code, 0, "{q}: {}", o.stderr);
        out.push_str(&format!("# {q}\n{}\n", grouped(&o.stdout)));
    }
    out
}

#[test]
fn filters_from_the_docs() {
    crate::snapshot!(
        "query-filters",
        run_all(&[
            "not done",
            "done",
            "due before tomorrow",
            "due on or before 2026-11-24",
            "due this week",
            "due in next week",
            "due 2026-11-24 2026-11-27",
            "starts before tomorrow",
            "has start date",
            "scheduled after today",
            "happens on 2026-11-23",
            "no happens date; not done",
            "has created date",
            "done in 2026-W48",
            "cancelled before this month",
            "priority is above none",
            "priority is below none",
            "is recurring",
            "recurrence includes week",
            "status.type is IN_PROGRESS",
            "status.name includes progress",
            "tags include #work",
            "tag regex matches /^#do/",
            "no tags; not done",
            "path includes work",
            "folder includes work/projects",
            "root includes work",
            "filename includes review",
            "heading includes later",
            "description regex matches /^item \\d+$/i",
            "description does not include the; not done",
            "id includes alp",
            "has depends on",
            "is blocking",
            "is blocked",
            "exclude sub-items; path includes alpha",
        ])
    );
}

#[test]
fn boolean_combinations_from_the_docs() {
    crate::snapshot!(
        "query-boolean",
        run_all(&[
            "(due today) OR (priority is above medium)",
            "(tags include #work) AND NOT (done)",
            "NOT (path includes work)",
            "(has due date) XOR (tags include #work)",
            "(is recurring) OR (tags include #work) AND (done)",
            "((is recurring) OR (tags include #work)) AND (not done)",
            "[description includes (maybe] OR [is recurring]",
            "\"done\" AND \"path includes review\"",
            "{not done} OR NOT {has due date}",
        ])
    );
}

#[test]
fn sorting_and_the_default_order() {
    crate::snapshot!(
        "query-sort",
        run_all(&[
            "not done",
            "not done; sort by due",
            "not done; sort by due reverse",
            "path includes review; sort by description",
            "not done; sort by priority; sort by path reverse",
            "not done; has happens date; sort by happens",
            "sort by status.type",
            "sort by tag; has tags",
            "not done; sort by urgency reverse; limit 3",
        ])
    );
}

#[test]
fn grouping_names_dates_and_empty_values() {
    crate::snapshot!(
        "query-group",
        run_all(&[
            "group by due",
            "not done; group by happens",
            "group by status",
            "group by status.type",
            "group by priority",
            "not done; group by urgency",
            "group by folder; group by filename",
            "group by root reverse",
            "group by path",
            "group by heading",
            "group by tags",
            "group by recurring",
            "group by recurrence",
            "group by id",
            "not done; group by folder; limit groups 1",
        ])
    );
}

#[test]
fn json_has_the_documented_keys() {
    let t = Test::fixture("query")
        .args(&format!("query {TODAY} --format json"))
        .arg("not done")
        .arg("limit 1");
    let out = t.success().stdout;
    let at: Vec<usize> = [
        "\"today\"",
        "\"query\"",
        "\"total\"",
        "\"groups\"",
        "\"problems\"",
    ]
    .iter()
    .map(|k| out.find(k).unwrap_or_else(|| panic!("{k} missing: {out}")))
    .collect();
    assert!(at.is_sorted(), "keys out of order: {out}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v.as_object().unwrap().len(), 5);
    assert_eq!(v["today"], "2026-11-25");
    assert_eq!(v["query"], "not done\nlimit 1");
    assert_eq!(v["total"], 1);
    assert_eq!(v["groups"][0]["names"], serde_json::json!([]));
    assert_eq!(v["groups"][0]["tasks"][0]["path"], "inbox.md");
    assert_eq!(v["groups"][0]["tasks"][0]["line"], 7);
}

#[test]
fn a_line_not_understood_is_an_error_with_its_place() {
    let t = Test::fixture("query");
    let o = t.run_args_for_test(&[
        "query",
        "--today",
        "2026-11-25",
        "not done",
        "  due before someday",
    ]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert_eq!(o.stdout, "");
    assert!(
        o.stderr.contains("query:2:3: do not understand due date"),
        "{}",
        o.stderr
    );
    for line in [
        "filter by function task.isDone",
        "sort by function task.due",
        "group by function task.due",
    ] {
        let o = t.run_args_for_test(&["query", line]);
        assert_eq!(o.code, 2, "{line}");
        assert!(
            o.stderr.contains("query:1:1:") && o.stderr.contains("does not support"),
            "{}",
            o.stderr
        );
    }
}

#[test]
fn a_query_file_and_stdin() {
    let t = Test::fixture("query").file(
        "q.txt",
        "# open work\nnot done\n\\\n  path includes work\nfrobnicate\n",
    );
    let o = t.run_args_for_test(&["query", "--file", "q.txt"]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("q.txt:5:1: do not understand query"),
        "{}",
        o.stderr
    );
    let t = t.file(
        "q.txt",
        "not done\npath includes review\nsort by description\n",
    );
    let o = t.run_args_for_test(&[
        "query",
        "--today",
        "2026-11-25",
        "--file",
        "q.txt",
        "--format",
        "json",
    ]);
    assert_eq!(
        grouped(&o.stdout),
        "work/review.md:5\nwork/review.md:4\nwork/review.md:3\n"
    );
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ike"))
        .args(["query", "--today", "2026-11-25", "--format", "json", "-"])
        .current_dir(t.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"is recurring\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        grouped(&String::from_utf8_lossy(&out.stdout)),
        "work/review.md:3\n"
    );
}

#[test]
fn blocks_run_every_tasks_block_with_its_placeholders() {
    let t = Test::fixture("query");
    let o = t.run_args_for_test(&[
        "query",
        "--today",
        "2026-11-25",
        "--blocks",
        "--color",
        "never",
    ]);
    assert_eq!(
        o.code, 2,
        "the last block of home/queries.md does not parse"
    );
    assert!(
        o.stderr
            .contains("home/queries.md:20:1: do not understand due date"),
        "{}",
        o.stderr
    );
    crate::snapshot!("query-blocks", o.stdout);
    let o = t.run_args_for_test(&[
        "query",
        "--today",
        "2026-11-25",
        "--blocks",
        "work/projects/alpha.md",
        "--format",
        "json",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).expect("json");
    let blocks = v["blocks"].as_array().unwrap();
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0]["path"], "work/projects/alpha.md");
    assert_eq!(blocks[0]["line"], 8);
    assert_eq!(blocks[0]["total"], 3);
}

#[test]
fn the_plugins_global_query_and_presets() {
    let data = r#"{"globalQuery": "path includes review", "presets": {"open": "not done\nsort by description"}}"#;
    let t = Test::fixture("query").file(".obsidian/plugins/obsidian-tasks-plugin/data.json", data);
    let o = t.run_args_for_test(&[
        "query",
        "--today",
        "2026-11-25",
        "--format",
        "json",
        "preset open",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        grouped(&o.stdout),
        "work/review.md:5\nwork/review.md:4\nwork/review.md:3\n"
    );
    let o = t.run_args_for_test(&[
        "query",
        "--today",
        "2026-11-25",
        "--format",
        "json",
        "ignore global query",
        "is blocked",
    ]);
    assert_eq!(grouped(&o.stdout), "work/projects/alpha.md:4\n");
    let o = t.run_args_for_test(&["query", "preset closed"]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("query:1:1: unknown preset `closed`") && o.stderr.contains("open"),
        "{}",
        o.stderr
    );
}

#[test]
fn explain_prints_how_the_query_was_read() {
    let t = Test::fixture("query")
        .args(&format!("query {TODAY} --color never"))
        .arg("starts before tomorrow")
        .arg("explain")
        .arg("limit 0");
    crate::snapshot!("query-explain", t.success().stdout);
}

#[test]
fn the_readme_query_example_is_what_ike_prints() {
    let readme = std::fs::read_to_string(crate::harness::fixtures().join("../README.md")).unwrap();
    let command = "$ ike query --today 2026-11-21 'not done' 'due before tomorrow' 'group by folder' 'limit 4'\n";
    let start = readme
        .find(command)
        .expect("the README's ike query example");
    let shown = &readme[start + command.len()..];
    let shown = &shown[..shown.find("```").expect("end of the example")];
    let out = Test::fixture("demo").run_args_for_test(&[
        "query",
        "--today",
        "2026-11-21",
        "--color",
        "never",
        "not done",
        "due before tomorrow",
        "group by folder",
        "limit 4",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, shown);
}

#[test]
fn the_demo_notes_blocks_all_run() {
    let out = Test::fixture("demo").run_args_for_test(&[
        "query",
        "--today",
        "2026-11-21",
        "--blocks",
        "queries.md",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let blocks: Vec<(u64, u64)> = v["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["line"].as_u64().unwrap(), b["total"].as_u64().unwrap()))
        .collect();
    assert_eq!(blocks.len(), 3, "{blocks:?}");
    assert!(blocks.iter().all(|(_, total)| *total > 0), "{blocks:?}");
}

#[test]
fn a_status_named_on_hold_is_on_hold_and_not_done() {
    let t = Test::fixture("demo");
    let run = |line: &str| {
        let o = t.run_args_for_test(&[
            "query",
            "--today",
            "2026-11-21",
            "--format",
            "json",
            line,
            "path includes daily/2026-11-21",
        ]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        grouped(&o.stdout)
    };
    assert_eq!(run("status.type is ON_HOLD"), "daily/2026-11-21.md:18\n");
    assert!(run("not done").contains("daily/2026-11-21.md:18\n"));
    assert!(!run("done").contains("daily/2026-11-21.md:18\n"));
}

/// A query given on the command line keeps only its tasks while the vault is read; a
/// `tasks` block is run over every task. Both give the same answer, and every task record
/// is `ike list`'s (which reads whole notes: steps of delegated tasks, blocked and
/// blocking tasks).
#[test]
fn a_query_read_note_by_note_answers_as_over_the_whole_vault() {
    let queries = [
        "not done",
        "not done\nlimit 3",
        "is blocked",
        "is not blocking\ngroup by folder",
        "description includes step\nsort by description reverse",
        "NOT (is blocked) AND (path includes people)",
        "description includes carla",
        "done\nlimit groups 1\ngroup by filename",
    ];
    let mut t = Test::fixture("query").file(
        "people/carla.md",
        "- [ ] Draft the venue brief [assignee:: carla] 📅 2026-11-26 🆔 brief\n\
         \x20   - [ ] step one\n\
         \x20   - [x] step two\n\
         - [ ] Book the hall [assignee:: carla] ⛔ brief\n\
         - [ ] Call carla 🔼\n",
    );
    for (n, q) in queries.iter().enumerate() {
        t = t.file(&format!("blocks/q{n}.md"), format!("```tasks\n{q}\n```\n"));
    }
    let list = t.run_args_for_test(&["list", "--today", "2026-11-25", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&list.stdout).expect("list json");
    let record = |task: &serde_json::Value| {
        list["tasks"]
            .as_array()
            .expect("tasks")
            .iter()
            .find(|r| r["path"] == task["path"] && r["line"] == task["line"])
            .cloned()
    };
    let mut compared = 0;
    for (n, q) in queries.iter().enumerate() {
        let mut args = vec!["query", "--today", "2026-11-25", "--format", "json"];
        args.extend(q.lines());
        let direct = t.run_args_for_test(&args);
        let note = format!("blocks/q{n}.md");
        let block = t.run_args_for_test(&[
            "query",
            "--today",
            "2026-11-25",
            "--format",
            "json",
            "--blocks",
            &note,
        ]);
        let (d, b): (serde_json::Value, serde_json::Value) = (
            serde_json::from_str(&direct.stdout).unwrap_or_else(|e| panic!("{q}: {e}: {direct:?}")),
            serde_json::from_str(&block.stdout).unwrap_or_else(|e| panic!("{q}: {e}: {block:?}")),
        );
        let b = &b["blocks"][0];
        assert_eq!(b["error"], serde_json::Value::Null, "{q}: {}", block.stdout);
        assert_eq!(d["groups"], b["groups"], "{q}");
        assert_eq!(d["total"], b["total"], "{q}");
        for g in d["groups"].as_array().expect("groups") {
            for task in g["tasks"].as_array().expect("tasks") {
                assert_eq!(Some(task), record(task).as_ref(), "{q}");
                compared += 1;
            }
        }
    }
    assert!(compared > 20, "{compared} records compared");
}

/// The table, coloured: overdue dates red, high priorities yellow, locations and closed
/// tasks dim, a wide (CJK) location padded by display width, trailing spaces trimmed.
#[test]
fn the_table_in_colour_is_exact() {
    let t = Test::new()
        .file(
            "a.md",
            "- [ ] overdue 📅 2026-11-01 ⏫\n- [x] done thing 📅 2026-11-01\n- [/] going 🔺\n\
             - [ ] plain\n- [-] gone  \n",
        )
        .file("日本/b.md", "- [ ] 本 📅 2026-12-01 🔽\n");
    let o = t.run_args_for_test(&[
        "query",
        ".",
        "limit 10",
        "--today",
        "2026-11-21",
        "--color",
        "always",
    ]);
    let (dim, red, yellow, end) = ("\x1b[2m", "\x1b[1m\x1b[31m", "\x1b[1m\x1b[33m", "\x1b[0m");
    let want = format!(
        "{dim}     QUADRANT   DUE         PRI      LOCATION            TASK{end}\n\
         [ ]  do         {red}2026-11-01{end}  {yellow}high   {end}  {dim}a.md:1#0340e7     {end}  overdue\n\
         [/]  schedule               {yellow}highest{end}  {dim}a.md:3#20517b     {end}  going\n\
         [ ]  eliminate  2026-12-01  low      {dim}日本/b.md:1#352f57{end}  本\n\
         [ ]  eliminate                       {dim}a.md:4#6b9653     {end}  plain\n\
         [x]             2026-11-01           {dim}a.md:2#e99621     {end}  {dim}done thing{end}\n\
         [-]                                  {dim}a.md:5#fa6a93     {end}  {dim}gone{end}\n\
         6 tasks\n"
    );
    assert_eq!(o.stdout, want, "{}", o.stderr);
}
