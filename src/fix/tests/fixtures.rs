//! Rewrite fixtures: `fixtures/fix/NAME/input.md` fixed on 2026-11-21 (with `me: me`, and
//! the settings in `fix.yaml` when present) must equal `expected.md` byte for byte, and
//! `expected.md` must need no further fix.
//!
//! To regenerate the expected files after an intended change, run
//! `IKE_UPDATE_FIXTURES=1 cargo test --lib fix::tests::fixtures` and review the diff.

use super::run;
use crate::fix::FixSettings;
use std::fs;
use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fix");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .expect("fixtures/fix exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.join("input.md").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn settings(dir: &Path) -> FixSettings {
    match fs::read_to_string(dir.join("fix.yaml")) {
        Ok(yaml) => serde_saphyr::from_str(&yaml).expect("valid fix.yaml"),
        Err(_) => FixSettings::default(),
    }
}

fn text(path: &Path) -> String {
    String::from_utf8(fs::read(path).expect("fixture readable")).expect("fixture is UTF-8")
}

#[test]
fn rewrite_fixtures() {
    let update = std::env::var_os("IKE_UPDATE_FIXTURES").is_some();
    let dirs = cases();
    assert!(dirs.len() >= 10, "fixtures/fix has {} cases", dirs.len());
    let mut failed = Vec::new();
    for dir in dirs {
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = name.unwrap_or_default();
        let s = settings(&dir);
        let input = text(&dir.join("input.md"));
        let (got, _) = run(&input, &s, Some("me"));
        let expected_path = dir.join("expected.md");
        if update {
            fs::write(&expected_path, &got).expect("write expected.md");
            continue;
        }
        let expected = text(&expected_path);
        if got != expected {
            failed.push(format!(
                "{name}: output differs\n--- expected\n{expected:?}\n--- got\n{got:?}"
            ));
            continue;
        }
        let (again, plan) = run(&expected, &s, Some("me"));
        if again != expected {
            failed.push(format!(
                "{name}: expected.md is not a fixed point: {plan:?}"
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}
