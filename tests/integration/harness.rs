//! A small fluent harness: copy a fixture vault (or write files) into a temporary folder,
//! run the real `ike` binary there, and check exit code, stdout, stderr and files.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The repository's `fixtures/` folder.
pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// One run of `ike` in a scratch copy of a vault.
pub(crate) struct Test {
    dir: TempDir,
    args: Vec<String>,
    envs: Vec<(String, String)>,
}

/// What a run produced.
#[derive(Debug)]
pub(crate) struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Test {
    /// An empty vault.
    pub(crate) fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
            args: Vec::new(),
            envs: Vec::new(),
        }
    }

    /// A copy of `fixtures/<name>` (hidden files included; see [`copy_dir`]).
    pub(crate) fn fixture(name: &str) -> Self {
        let test = Self::new();
        copy_dir(&fixtures().join(name), test.dir.path());
        test
    }

    /// Write a file (creating folders) with exact bytes.
    pub(crate) fn file(self, rel: &str, contents: impl AsRef<[u8]>) -> Self {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, contents).expect("write");
        self
    }

    /// Command-line arguments (split on whitespace).
    pub(crate) fn args(mut self, args: &str) -> Self {
        self.args.extend(args.split_whitespace().map(str::to_owned));
        self
    }

    /// An environment variable for the runs (the ones ike reads are otherwise removed).
    pub(crate) fn env(mut self, key: &str, value: &str) -> Self {
        self.envs.push((key.to_owned(), value.to_owned()));
        self
    }

    /// One argument, kept whole.
    pub(crate) fn arg(mut self, arg: &str) -> Self {
        self.args.push(arg.to_owned());
        self
    }

    /// The vault folder.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Run `ike ARGS` with the vault as the working directory.
    pub(crate) fn run(&self) -> Output {
        self.run_args(&self.args)
    }

    /// Run with other arguments (split on whitespace) in the same vault.
    pub(crate) fn run_with(&self, args: &str) -> Output {
        self.run_args(
            &args
                .split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>(),
        )
    }

    /// Run with these arguments, each kept whole, in the same vault.
    pub(crate) fn run_args_for_test(&self, args: &[&str]) -> Output {
        self.run_args(&args.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>())
    }

    /// Run with other arguments (split on whitespace), killing `ike` and failing the test
    /// if it has not finished within `seconds`: a hang becomes a failure, not a stuck run.
    #[track_caller]
    pub(crate) fn run_within(&self, seconds: u64, args: &[&str]) -> Output {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ike"))
            .current_dir(self.dir.path())
            .args(args)
            .env_remove("NO_COLOR")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run ike");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
        while child.try_wait().expect("wait").is_none() {
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!("ike {args:?} did not finish within {seconds} s");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let out = child.wait_with_output().expect("output");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    fn run_args(&self, args: &[String]) -> Output {
        let mut cmd = Command::cargo_bin("ike").expect("binary");
        cmd.current_dir(self.dir.path())
            .args(args)
            .env_remove("NO_COLOR")
            .env_remove("COLUMNS")
            .envs(self.envs.iter().map(|(k, v)| (k, v)));
        let out = cmd.output().expect("run ike");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Run and expect exit code `code`.
    #[track_caller]
    pub(crate) fn expect(&self, code: i32) -> Output {
        let out = self.run();
        assert_eq!(
            out.code, code,
            "exit code; stdout:\n{}\nstderr:\n{}",
            out.stdout, out.stderr
        );
        out
    }

    /// Run and expect success.
    #[track_caller]
    pub(crate) fn success(&self) -> Output {
        self.expect(0)
    }
}

/// Copy a fixture folder, hidden files included, but not ike's own `.ike/` folder: running
/// the README's `ike digest fixtures/demo` leaves a cache there, which must not leak into
/// the tests.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read fixture dir") {
        let entry = entry.expect("entry");
        if entry.file_name() == ".ike" {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Run a snapshot assertion with snapshots stored in `fixtures/snapshots/`.
#[macro_export]
macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({
            snapshot_path => $crate::harness::fixtures().join("snapshots"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}
