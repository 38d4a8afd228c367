//! Tests of the live vault (against a fresh scan) and of the loop's midnight rebuild.

use super::*;
use crate::model::Vault;
use crate::parse::ParseOptions;
use crate::vault::DiscoverOptions;
use crate::vault::Request;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;

struct Dir {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Dir {
    fn new(files: &[(&str, &str)]) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("canonical");
        let d = Self { _dir: dir, root };
        for (rel, text) in files {
            d.write(rel, text);
        }
        d
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }

    fn options(&self) -> DiscoverOptions {
        DiscoverOptions {
            exclude: vec!["templates".into()],
            ..DiscoverOptions::default()
        }
    }

    fn live(&self) -> LiveVault {
        let mut live = LiveVault::new(self.root.clone(), self.options(), ParseOptions::default());
        let refresh = live.rescan(false);
        assert!(refresh.unsettled.is_empty());
        live
    }

    fn files(&self, rels: &[&str]) -> BTreeMap<String, PathBuf> {
        rels.iter()
            .map(|r| (r.to_string(), self.root.join(r)))
            .collect()
    }

    /// The live vault equals a fresh scan of the folder.
    #[track_caller]
    fn assert_fresh(&self, live: &LiveVault) {
        let (options, parse) = (self.options(), ParseOptions::default());
        let fresh = Request::new(&self.root, &options, &parse)
            .all()
            .into_vault();
        let paths = |v: &Vault| {
            v.documents
                .iter()
                .map(|d| d.path.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(paths(live.vault()), paths(&fresh));
        assert_eq!(live.vault(), &fresh);
    }
}

fn delta(added: &[&str], modified: &[&str], removed: &[&str]) -> Delta {
    let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect();
    Delta {
        added: v(added),
        modified: v(modified),
        removed: v(removed),
    }
}

const A: &str = "- [ ] a 📅 2026-01-05\n";

#[test]
fn refresh_rereads_only_what_changed_and_matches_a_fresh_scan() {
    let d = Dir::new(&[
        ("a.md", A),
        ("notes/b.md", "- [ ] b\n"),
        (".gitignore", "*.tmp.md\n"),
    ]);
    let mut live = d.live();
    d.assert_fresh(&live);

    // (what happens, files the events name, the delta, whether a walk is asked for)
    type Step<'a> = (&'a dyn Fn(&Dir), &'a [&'a str], Delta, bool);
    let steps: [Step<'_>; 6] = [
        (
            &|d| d.write("a.md", "- [x] a\n"),
            &["a.md"],
            delta(&[], &["a.md"], &[]),
            false,
        ),
        (&|_| {}, &["a.md"], delta(&[], &[], &[]), false),
        (
            &|d| d.write("notes/c.md", "- [ ] c\n"),
            &["notes/c.md"],
            delta(&["notes/c.md"], &[], &[]),
            false,
        ),
        (
            &|d| d.write("notes/x.tmp.md", "- [ ] ignored\n"),
            &["notes/x.tmp.md"],
            delta(&[], &[], &[]),
            false,
        ),
        (
            &|d| d.write("templates/t.md", "- [ ] excluded\n"),
            &["templates/t.md"],
            delta(&[], &[], &[]),
            true,
        ),
        (
            &|d| fs::remove_file(d.root.join("a.md")).expect("rm"),
            &["a.md"],
            delta(&[], &[], &["a.md"]),
            false,
        ),
    ];
    for (i, (act, rels, want, walk)) in steps.into_iter().enumerate() {
        act(&d);
        let refresh = live.refresh(&d.files(rels), false);
        assert_eq!(refresh.delta, want, "step {i}");
        assert_eq!(refresh.rediscover, walk, "step {i}");
        if walk {
            live.rediscover();
        }
        d.assert_fresh(&live);
    }
}

#[test]
fn a_new_folder_and_a_removed_folder() {
    let d = Dir::new(&[("a.md", A)]);
    let mut live = d.live();
    d.write("projects/x/one.md", "- [ ] one\n");
    d.write("projects/x/two.md", "- [ ] two\n");
    let refresh = live.refresh(&d.files(&["projects/x/one.md"]), false);
    assert!(refresh.rediscover, "unknown folder: walk");
    let walked = live.rediscover();
    assert_eq!(
        walked.delta,
        delta(&["projects/x/one.md", "projects/x/two.md"], &[], &[])
    );
    d.assert_fresh(&live);

    fs::remove_dir_all(d.root.join("projects")).expect("rm");
    let gone: BTreeSet<String> = ["projects".to_owned()].into();
    assert_eq!(
        live.remove_gone(&gone),
        delta(&[], &[], &["projects/x/one.md", "projects/x/two.md"])
    );
    d.assert_fresh(&live);
}

#[test]
fn a_burst_of_new_files_keeps_path_order() {
    let d = Dir::new(&[("m.md", A)]);
    let mut live = d.live();
    let rels: Vec<String> = (0..100).rev().map(|i| format!("n{i:03}.md")).collect();
    for rel in &rels {
        d.write(rel, "- [ ] n\n");
    }
    let names: Vec<&str> = rels.iter().map(String::as_str).collect();
    let refresh = live.refresh(&d.files(&names), false);
    assert_eq!(refresh.delta.added.len(), 100);
    d.assert_fresh(&live);
}

#[test]
fn a_truncated_file_is_read_again_before_it_counts() {
    let d = Dir::new(&[("a.md", A)]);
    let mut live = d.live();
    d.write("a.md", "");
    let refresh = live.refresh(&d.files(&["a.md"]), false);
    assert_eq!(refresh.delta, Delta::default());
    assert_eq!(refresh.unsettled.len(), 1);
    assert_eq!(live.task_count(), 1, "the old document stays meanwhile");

    // Still empty one window later: the user emptied it.
    let refresh = live.refresh(&d.files(&["a.md"]), true);
    assert_eq!(refresh.delta, delta(&[], &["a.md"], &[]));
    assert_eq!(live.task_count(), 0);
    d.assert_fresh(&live);
}

#[test]
fn own_writes_are_not_changes() {
    let d = Dir::new(&[("a.md", "- [x] a\n")]);
    let mut live = d.live();
    // The loop reads a fixed file back right after writing it …
    d.write("a.md", "- [x] a ✅ 2026-01-02\n");
    let read_back = live.refresh(&d.files(&["a.md"]), false);
    assert_eq!(read_back.delta, delta(&[], &["a.md"], &[]));
    // … so that the write's own event finds nothing new.
    let event = live.refresh(&d.files(&["a.md"]), false);
    assert_eq!(event.delta, Delta::default());
    d.assert_fresh(&live);
}

#[test]
fn a_file_over_the_size_limit_needs_a_walk() {
    let d = Dir::new(&[("a.md", A)]);
    let mut live = LiveVault::new(
        d.root.clone(),
        DiscoverOptions {
            max_file_size: 64,
            ..DiscoverOptions::default()
        },
        ParseOptions::default(),
    );
    live.rescan(false);
    d.write("a.md", &"- [ ] long\n".repeat(20));
    assert!(live.refresh(&d.files(&["a.md"]), false).rediscover);
    assert_eq!(live.rediscover().delta, delta(&[], &[], &["a.md"]));
    assert_eq!(live.vault().problems.len(), 1);
}
