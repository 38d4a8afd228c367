//! `ike digest --format html` in a real browser: headless Chromium loads the demo vault's
//! page, and its DOM is checked against the JSON digest (four quadrant regions with the
//! same counts, every source link present); a screenshot is a PNG. Plus determinism,
//! `--out`/`--check` and escaping, which need no browser.
//!
//! Chromium is Debian's `chromium` package. When it is missing, the test installs it with
//! apt-get when it runs as root, and fails (never skips) when it cannot.

use crate::harness::Test;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const TODAY: &str = "--today 2026-11-21";

/// The browser, installed on first use when missing.
fn chromium() -> &'static Path {
    static FOUND: OnceLock<PathBuf> = OnceLock::new();
    FOUND.get_or_init(|| {
        if let Some(path) = find_chromium() {
            return path;
        }
        let root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
        assert!(
            root,
            "chromium is not installed and this test is not root: install it with \
             `apt-get install chromium` (see .ci/run)"
        );
        let status = Command::new("sh")
            .args([
                "-c",
                "apt-get update -qq && apt-get install -y -qq chromium",
            ])
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .expect("run apt-get");
        assert!(status.success(), "apt-get could not install chromium");
        find_chromium().expect("chromium installed, but not found on PATH")
    })
}

fn find_chromium() -> Option<PathBuf> {
    let fixed = Path::new("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed.to_path_buf());
    }
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join("chromium"))
        .find(|p| p.is_file())
}

/// Run headless Chromium on `page` with `extra` arguments, in a fresh profile; its stdout.
fn headless(page: &Path, extra: &[&str]) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    let url = format!("file://{}", page.display());
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(&url)
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The value of attribute `name` in the start tag at the beginning of `tag`.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let head = &tag[..tag.find('>')?];
    let start = head.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = head[start..].find('"')?;
    Some(&head[start..start + len])
}

/// Every entry of the JSON digest, wherever it is listed.
fn entries(json: &Value) -> Vec<&Value> {
    let mut all = Vec::new();
    for key in [
        "do",
        "schedule",
        "delegate",
        "eliminate",
        "value",
        "done_recently",
    ] {
        all.extend(json[key].as_array().expect(key));
    }
    all.extend(json["vital_few"]["tasks"].as_array().expect("vital few"));
    for person in json["waiting_on"].as_array().expect("waiting on") {
        all.extend(person["tasks"].as_array().expect("tasks"));
    }
    all
}

#[test]
fn demo_page_in_a_browser_matches_the_json_digest() {
    let test = Test::fixture("demo")
        .args("digest --format html --out page/digest.html")
        .args(TODAY);
    test.success();
    let page = test.path().join("page/digest.html");
    let json: Value = serde_json::from_str(
        &test
            .run_with(&format!("digest --format json {TODAY}"))
            .stdout,
    )
    .expect("JSON digest");

    let dom = headless(&page, &["--dump-dom"]);
    assert!(dom.contains("<main>"), "no main landmark:\n{dom}");
    assert!(!dom.contains("<script"), "the page has no script");
    let quadrants: Vec<&str> = dom.split("<section class=\"quadrant ").skip(1).collect();
    assert_eq!(quadrants.len(), 4, "four quadrant regions");
    for (region, name) in quadrants
        .iter()
        .zip(["do", "schedule", "delegate", "eliminate"])
    {
        let tag = format!("<section class=\"quadrant {region}");
        assert_eq!(attribute(&tag, "data-quadrant"), Some(name));
        let labelled = attribute(&tag, "aria-labelledby").expect("labelled");
        assert!(
            region.contains(&format!("<h3 id=\"{labelled}\">")),
            "{name}"
        );
        let count = json["counts"][name].as_u64().expect("count");
        assert_eq!(
            attribute(&tag, "data-count"),
            Some(count.to_string().as_str()),
            "{name}"
        );
        let word = if count == 1 { "task" } else { "tasks" };
        assert!(
            region.contains(&format!("<span class=\"count\">{count} {word}</span>")),
            "{name}: the count is written out"
        );
        let region = &region[..region.find("</section>").expect("end")];
        let shown = json[name].as_array().expect("list").len();
        assert_eq!(region.matches("<li>").count(), shown, "{name}: tasks shown");
    }
    // Every task listed anywhere links to its line, relative to the page's folder.
    let all = entries(&json);
    assert!(all.len() > 50, "{}", all.len());
    for e in all {
        let target = ike::digest::link_target(
            e["path"].as_str().expect("path"),
            e["line"].as_u64().expect("line") as usize,
        );
        let href = format!("href=\"../{target}\"");
        assert!(dom.contains(&href), "missing {href}");
    }
    for heading in ["Waiting on", "Vital few", "Effort balance", "Nudges"] {
        assert!(
            dom.contains(&format!("-title\">{heading}</h2>")),
            "{heading}"
        );
    }

    let shot = test.path().join("shot.png");
    headless(
        &page,
        &[
            "--window-size=1280,2000",
            &format!("--screenshot={}", shot.display()),
        ],
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(png.len() > 20_000, "a blank page? {} bytes", png.len());
}

#[test]
fn page_is_deterministic_self_contained_and_checked() {
    let test = Test::fixture("demo")
        .args("digest --format html --out digest.html")
        .args(TODAY);
    test.success();
    let first = std::fs::read_to_string(test.path().join("digest.html")).expect("page");
    let stdout = test
        .run_with(&format!("digest --format html {TODAY}"))
        .stdout;
    assert_eq!(
        first,
        format!("{}\n{stdout}", ike::output_file::DIGEST_MARKER),
        "--out at the root is the page on stdout behind ike's marker"
    );
    assert!(stdout.starts_with("<!DOCTYPE html>\n"));
    for outside in ["http://", "https://", "<link", "<script", "@import", "url("] {
        let found = first
            .lines()
            .filter(|l| l.contains(outside) && !l.contains("class=\"desc\""))
            .collect::<Vec<_>>();
        assert!(found.is_empty(), "{outside}: {found:?}");
    }
    crate::snapshot!("digest-demo-html", first);
    assert!(first.contains("prefers-color-scheme: dark"));
    assert!(first.contains("@media print"));
    let check = test.run_with(&format!(
        "digest --format html --out digest.html --check {TODAY}"
    ));
    assert_eq!(check.code, 0, "{}", check.stdout);
    let later = test.run_with("digest --format html --out digest.html --check --today 2026-11-22");
    assert_eq!(later.code, 1);
    assert!(
        later.stdout.contains("+<title>Digest 2026-11-22</title>"),
        "{}",
        later.stdout
    );
}

#[test]
fn note_text_is_escaped() {
    let out = Test::new()
        .file(
            "<b>&.md",
            "- [ ] <script>alert(\"x\")</script> & 'quotes' 📅 2026-11-20\n",
        )
        .args("digest --format html")
        .args(TODAY)
        .success();
    assert!(!out.stdout.contains("<script>"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("href=\"%3Cb%3E&amp;.md#L1\""),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(">&lt;b&gt;&amp;.md:1</a>"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("overdue</strong>"));
}
