//! The commands a digest offers for the rest of a cut list ("… and N more (`ike list …`)")
//! list exactly that section: as many tasks as the section holds, on the digest's date.

use crate::harness::Test;

#[test]
fn every_more_command_lists_its_whole_section() {
    let test = Test::fixture("demo").file(
        ".ike.yaml",
        "me: ana\nstatuses:\n  \"?\": on_hold\nexclude:\n  - \"templates/**\"\ndigest:\n  max_items: 1\n",
    );
    let digest = test.run_with("digest --today 2026-11-21");
    assert_eq!(digest.code, 0, "{}", digest.stderr);
    let mut checked = 0;
    for line in digest.stdout.lines() {
        let Some((count, command)) = more_line(line) else {
            continue;
        };
        let args = command
            .strip_prefix("ike ")
            .unwrap_or_else(|| panic!("not an ike command: {command}"));
        assert!(args.contains("--today 2026-11-21"), "{command}");
        let listed = test.run_with(&format!("{} --format json", args.replace('\'', "")));
        assert_eq!(listed.code, 0, "{command}: {}", listed.stderr);
        let json: serde_json::Value = serde_json::from_str(&listed.stdout).expect("JSON");
        let tasks = json["tasks"].as_array().expect("tasks").len();
        // One task of each cut list is shown (max_items: 1), the rest are counted.
        assert_eq!(tasks, count + 1, "`{command}` lists the section: {line}");
        checked += 1;
    }
    assert!(
        checked >= 6,
        "more lines found: {checked}\n{}",
        digest.stdout
    );
}

/// `- … and 22 more (`ike list …`)` → (22, "ike list …").
fn more_line(line: &str) -> Option<(usize, &str)> {
    let rest = line.strip_prefix("- … and ")?;
    let (count, rest) = rest.split_once(" more (`")?;
    Some((count.parse().ok()?, rest.strip_suffix("`)")?))
}

#[test]
fn a_digest_of_another_folder_names_it_in_its_commands() {
    let test = Test::new()
        .file("notes/a.md", "- [ ] one\n- [ ] two\n")
        .file("notes/.ike.yaml", "digest:\n  max_items: 1\n");
    let out = test.run_with("digest notes --today 2026-11-21");
    assert!(
        out.stdout
            .contains("(`ike list notes --today 2026-11-21 --section eliminate`)"),
        "{}",
        out.stdout
    );
}
