//! Reading a vault as Obsidian does: the Tasks plugin's settings, template folders, the
//! vault root above a scanned folder, and the `obsidian_compat` lint.

use crate::harness::Test;

const PLUGIN: &str = ".obsidian/plugins/obsidian-tasks-plugin/data.json";

/// The `TASK` column of a `list` table.
fn descriptions(stdout: &str) -> Vec<String> {
    let mut lines = stdout.lines();
    let header = lines.next().unwrap_or_default();
    let at = header.find("TASK").expect("TASK column");
    lines.map(|l| l[at..].trim().to_owned()).collect()
}

/// The `LOCATION` column of a `list` table, without the task's `#HASH`.
fn locations(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().find(|w| w.contains(".md:")))
        .map(|w| w.split('#').next().unwrap_or(w).to_owned())
        .collect()
}

#[test]
fn lists_the_tasks_the_plugin_indexes() {
    let out = Test::fixture("obsidian")
        .args("list --today 2026-11-21 --color never")
        .success();
    assert_eq!(out.stderr, "");
    crate::snapshot!("list-obsidian", out.stdout);
}

#[test]
fn ike_yaml_overrides_the_plugin() {
    let test = Test::fixture("obsidian").file(
        ".ike.yaml",
        "global_filter: \"\"\nstatuses: {\"~\": todo, \"!\": non_task}\n",
    );
    let out = test.run_with("list --today 2026-11-21 --color never --no-cache");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let tasks = descriptions(&out.stdout);
    // Without a global filter every checkbox item is a task, and the filter stays.
    assert!(tasks.contains(&"Buy milk".to_owned()), "{tasks:?}");
    assert!(tasks.contains(&"#task Pay rent".to_owned()), "{tasks:?}");
    assert!(
        tasks.contains(&"#task Pro: the flat is cheaper".to_owned()),
        "{tasks:?}"
    );
    assert!(
        !tasks.iter().any(|t| t.contains("Call the bank")),
        "{tasks:?}"
    );

    let test = test.file(
        ".ike.yaml",
        "global_filter: \"#task\"\nremove_global_filter: false\n",
    );
    let out = test.run_with("list --today 2026-11-21 --color never --no-cache");
    let tasks = descriptions(&out.stdout);
    assert!(tasks.contains(&"#task Pay rent".to_owned()), "{tasks:?}");
    assert!(!tasks.contains(&"Buy milk".to_owned()), "{tasks:?}");

    // `obsidian: false`: no plugin settings, no template folders from `.obsidian/`.
    let test = test.file(
        ".ike.yaml",
        "obsidian: false\ntemplates: [\"Meta/Templater\"]\n",
    );
    let out = test.run_with("list --today 2026-11-21 --color never --no-cache");
    let places = locations(&out.stdout);
    assert!(
        places.contains(&"Templates/Daily.md:3".to_owned()),
        "{places:?}"
    );
    assert!(
        !places.iter().any(|p| p.starts_with("Meta/Templater")),
        "{places:?}"
    );
    assert!(places.contains(&"Tasks.md:4".to_owned()), "{places:?}");
}

#[test]
fn a_malformed_plugin_file_is_reported_and_defaults_are_used() {
    let test = Test::fixture("obsidian").file(PLUGIN, "{\n  \"globalFilter\": \"#task\",\n}\n");
    let out = test.run_with("check --today 2026-11-21 --color never");
    assert_eq!(out.code, 1, "{}", out.stdout);
    let first = out.stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(&format!("{PLUGIN}:3:1: error: malformed Obsidian settings")),
        "{}",
        out.stdout
    );
    // The run goes on, with every checkbox a task; other commands report it on stderr.
    let out = test.run_with("list --today 2026-11-21 --color never");
    assert_eq!(out.code, 0);
    assert!(descriptions(&out.stdout).contains(&"Buy milk".to_owned()));
    assert!(
        out.stderr.contains(&format!("{PLUGIN}:3:1")),
        "{}",
        out.stderr
    );
}

#[test]
fn the_plugins_task_format_is_the_fix_default() {
    let plugin = r#"{"taskFormat": "dataview"}"#;
    let test = Test::new()
        .file(PLUGIN, plugin)
        .file("a.md", "- [x] finished\n");
    let out = test.run_with("fix --dry-run --today 2026-11-21");
    assert!(
        out.stdout
            .contains("+- [x] finished [completion:: 2026-11-21]"),
        "{}",
        out.stdout
    );
    let test = test.file(".ike.yaml", "fix:\n  default_syntax: emoji\n");
    let out = test.run_with("fix --dry-run --today 2026-11-21");
    assert!(
        out.stdout.contains("+- [x] finished ✅ 2026-11-21"),
        "{}",
        out.stdout
    );
}

#[test]
fn obsidian_compat_warns_where_the_plugin_reads_otherwise() {
    let test = Test::fixture("obsidian");
    let quiet = test.run_with("check --today 2026-11-21 --color never");
    assert!(
        !quiet.stdout.contains("obsidian"),
        "off by default: {}",
        quiet.stdout
    );
    let test = test.file(".ike.yaml", "check:\n  obsidian_compat: true\n");
    let out = test.run_with("check --today 2026-11-21 --color never");
    let warnings: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("Tasks.md:"))
        .collect();
    assert_eq!(
        warnings,
        [
            "Tasks.md:17:29: warning: `⏳ 2026-11-24` is followed by other text: ike reads it, Obsidian Tasks reads metadata only at the end of the line and shows it as description (move it after the text)",
            "Tasks.md:19:3: warning: `📅 2026-11-25` is on a continuation line: ike reads it, Obsidian Tasks reads only the task's first line (move it to the end of the first line)",
        ],
        "{}",
        out.stdout
    );
}

#[test]
fn a_subfolder_scan_uses_the_vaults_settings_and_cache() {
    let test = Test::fixture("obsidian").file(".ike.yaml", "exclude: [\"/meetings/old\"]\n");
    let test = test.file("meetings/old/a.md", "- [ ] #task old meeting\n");
    let test = test.file("meetings/2026-11-21.md", "- [ ] #task Book a room\n");
    let out = test.run_with("list meetings --today 2026-11-21 --color never");
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Paths relative to the folder asked for; the vault's global filter and excludes.
    assert_eq!(
        locations(&out.stdout),
        ["2026-11-20.md:3", "2026-11-21.md:1"]
    );
    assert_eq!(
        descriptions(&out.stdout),
        ["Send the notes to @carla", "Book a room"]
    );
    // One cache, the vault's.
    assert!(test.path().join(".ike/cache").is_dir());
    assert!(!test.path().join("meetings/.ike").exists());
    // A whole-vault run afterwards sees the same notes through that cache.
    let whole = test.run_with("list --today 2026-11-21 --color never");
    let again = test.run_with("list --today 2026-11-21 --color never --no-cache");
    assert_eq!(whole.stdout, again.stdout);
    assert!(locations(&whole.stdout).contains(&"meetings/2026-11-21.md:1".to_owned()));
}

#[test]
fn the_vault_root_is_the_first_folder_with_git_or_obsidian() {
    // A config above the vault root is not the vault's; one inside it is, from any folder.
    let test = Test::new()
        .file(".ike.yaml", "global_filter: \"#outer\"\n")
        .file("v/.git/HEAD", "ref: refs/heads/main\n")
        .file("v/.ike.yaml", "exclude: [\"/notes/drafts\"]\n")
        .file("v/notes/a.md", "- [ ] a\n")
        .file("v/notes/drafts/b.md", "- [ ] b\n")
        .file("v/notes/deep/c.md", "- [ ] c\n");
    let out = test.run_with("list v/notes/deep --color never --today 2026-11-21");
    assert_eq!(locations(&out.stdout), ["c.md:1"]);
    let out = test.run_with("list v/notes --color never --today 2026-11-21");
    assert_eq!(locations(&out.stdout), ["a.md:1", "deep/c.md:1"]);
    assert!(test.path().join("v/.ike/cache").is_dir());
    assert!(!test.path().join("v/notes/.ike").exists());
    // The digest's configured output belongs to the vault root too.
    let test = test.file("v/.ike.yaml", "digest:\n  out: digests/today.md\n");
    let out = test.run_with("digest v/notes --today 2026-11-21");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let digest = std::fs::read_to_string(test.path().join("v/digests/today.md")).expect("digest");
    assert!(digest.contains("(../notes/a.md?plain=1#L1)"), "{digest}");
}
