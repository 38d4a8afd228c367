//! The cache against a fresh scan: same vault whatever the cache holds, and the right
//! files re-read or re-parsed. `now` is passed in, so "a later run" needs no sleeping.

use super::*;
use crate::model::Status;
use crate::progress::Progress;
use crate::vault::{DiscoverOptions, Loaded, Request, discover};
use std::fs::{self, File};
use std::time::Duration;
use tempfile::TempDir;

/// A scratch vault and the clock of its runs.
struct Vault {
    dir: TempDir,
    /// The next run's start; each run moves it on by a minute, so every file written
    /// before the previous run is settled.
    now: SystemTime,
    parse: ParseOptions,
    /// `None`: runs are [`Request::all`]s; `Some(n)`: [`Request::stream`]s in batches of
    /// `n` files.
    batch: Option<usize>,
}

/// Both ways through the cache: all at once, and in path order in batches of one and two.
const MODES: [Option<usize>; 3] = [None, Some(1), Some(2)];

const A: &str = "# A\n- [ ] one 📅 2026-11-23\n- [x] two\n";
const B: &str = "---\ntags: [b]\n---\n- [ ] three #x\n  - [/] four [impact:: 12]\n";

impl Vault {
    fn new(files: &[(&str, &str)]) -> Self {
        Self::new_in(None, files)
    }

    fn new_in(batch: Option<usize>, files: &[(&str, &str)]) -> Self {
        let v = Self {
            dir: tempfile::tempdir().expect("temp dir"),
            now: SystemTime::now() + Duration::from_secs(60),
            parse: ParseOptions::default(),
            batch,
        };
        for (rel, text) in files {
            v.write(rel, text);
        }
        v
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }

    fn set_mtime(&self, rel: &str, t: SystemTime) {
        File::options()
            .write(true)
            .open(self.root().join(rel))
            .and_then(|f| f.set_modified(t))
            .expect("set mtime");
    }

    fn mtime(&self, rel: &str) -> SystemTime {
        fs::metadata(self.root().join(rel))
            .and_then(|m| m.modified())
            .expect("mtime")
    }

    /// A run through the cache, checked against a fresh scan.
    #[track_caller]
    fn run(&mut self) -> CacheStats {
        self.run_in("")
    }

    /// A run over the folder `sub` of the vault (`""`: the whole vault) through the
    /// vault's cache, checked against a fresh scan of that folder.
    #[track_caller]
    fn run_in(&mut self, sub: &str) -> CacheStats {
        let root = self.root().join(sub);
        let store = Store::new(self.root(), &root);
        let opts = DiscoverOptions::default();
        let fresh = Request::new(&root, &opts, &self.parse).all().into_vault();
        let request = Request::new(&root, &opts, &self.parse).with_cache(Some(&store), self.now);
        let cached = match self.batch {
            None => request.all(),
            Some(batch) => {
                let mut documents = Vec::new();
                let mut sizes = Vec::new();
                let each = request
                    .stream(
                        batch,
                        &|d| d,
                        &mut |docs: Vec<Document>| -> Result<(), ()> {
                            sizes.push(docs.len());
                            documents.extend(docs);
                            Ok(())
                        },
                    )
                    .expect("no error");
                assert!(
                    sizes.iter().all(|n| *n <= batch),
                    "batches of {batch}: {sizes:?}"
                );
                Loaded {
                    items: documents,
                    problems: each.problems,
                    contents: Vec::new(),
                    stats: each.stats,
                    write_error: each.write_error,
                }
            }
        };
        self.now += Duration::from_secs(60);
        assert!(cached.write_error.is_none(), "{:?}", cached.write_error);
        let stats = cached.stats.clone();
        assert_eq!(
            cached.into_vault(),
            fresh,
            "the cached vault equals a fresh scan"
        );
        stats
    }

    fn shards(&self) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = fs::read_dir(self.root().join(DIR))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "bin"))
            .collect();
        found.sort();
        found
    }
}

#[track_caller]
fn stats(trusted: usize, verified: usize, parsed: usize, shards_written: usize) -> CacheStats {
    CacheStats {
        trusted,
        verified,
        parsed,
        shards_written,
    }
}

#[test]
fn a_second_run_reads_nothing() {
    for mode in MODES {
        let mut v = Vault::new_in(
            mode,
            &[("a.md", A), ("sub/b.md", B), ("c.md", "no tasks\n")],
        );
        let first = v.run();
        assert_eq!((first.parsed, first.trusted), (3, 0));
        assert!(first.shards_written >= 1);
        assert!(v.root().join(DIR).join(".gitignore").is_file());
        assert_eq!(v.run(), stats(3, 0, 0, 0));
        assert_eq!(v.run(), stats(3, 0, 0, 0));
    }
}

#[test]
fn files_changed_within_the_racy_window_are_read_again() {
    for mode in MODES {
        let mut v = Vault::new_in(mode, &[("a.md", A)]);
        // The run starts now: the file was written less than two seconds before.
        v.now = SystemTime::now();
        assert_eq!(v.run().parsed, 1);
        // Still racy against the shard's stamp: read and hashed, not parsed; the shard is
        // rewritten with the later stamp so that the next run can trust it.
        assert_eq!(v.run(), stats(0, 1, 0, 1));
        assert_eq!(v.run(), stats(1, 0, 0, 0));
    }
}

#[test]
fn edits_are_picked_up() {
    for mode in MODES {
        let mut v = Vault::new_in(mode, &[("a.md", A), ("b.md", B)]);
        v.run();
        // Same size, new mtime.
        let same_size = A.replace("[ ] one", "[x] one");
        assert_eq!(same_size.len(), A.len());
        v.write("a.md", &same_size);
        assert_eq!(v.run(), stats(1, 0, 1, 1));
        // Same mtime, another size.
        let old = v.mtime("a.md");
        v.write("a.md", &format!("{A}- [ ] five\n"));
        v.set_mtime("a.md", old);
        assert_eq!(v.run(), stats(1, 0, 1, 1));
        // Touched only: read and hashed, not parsed.
        v.set_mtime("b.md", SystemTime::now() - Duration::from_secs(3600));
        assert_eq!(v.run(), stats(1, 1, 0, 1));
    }
}

#[cfg(unix)]
#[test]
fn same_size_and_mtime_but_new_bytes_are_picked_up_by_ctime() {
    let mut v = Vault::new(&[("a.md", A)]);
    let old = v.mtime("a.md");
    v.run();
    v.write("a.md", &A.replace("[ ] one", "[x] one"));
    v.set_mtime("a.md", old);
    assert_eq!(v.run(), stats(0, 0, 1, 1));
}

#[test]
fn added_and_removed_files() {
    for mode in MODES {
        let mut v = Vault::new_in(mode, &[("a.md", A), ("b.md", B)]);
        v.run();
        v.write("new/c.md", A);
        fs::remove_file(v.root().join("b.md")).expect("rm");
        let s = v.run();
        assert_eq!((s.trusted, s.parsed), (1, 1));
        assert_eq!(v.run(), stats(2, 0, 0, 0));
        fs::remove_file(v.root().join("a.md")).expect("rm");
        fs::remove_file(v.root().join("new/c.md")).expect("rm");
        v.run();
        assert_eq!(
            v.shards(),
            Vec::<PathBuf>::new(),
            "empty shards are removed"
        );
    }
}

#[test]
fn damaged_shards_are_discarded() {
    let files: Vec<(String, &str)> = (0..40).map(|i| (format!("n{i}.md"), A)).collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    let mut v = Vault::new(&refs);
    v.run();
    let shards = v.shards();
    assert!(shards.len() > 4, "{shards:?}");
    let bytes = fs::read(&shards[0]).expect("read");
    fs::write(&shards[0], &bytes[..bytes.len() / 2]).expect("truncate");
    fs::write(&shards[1], b"garbage").expect("garbage");
    fs::write(&shards[2], b"").expect("empty");
    let mut other_version = fs::read(&shards[3]).expect("read");
    other_version[8] ^= 0xff;
    fs::write(&shards[3], other_version).expect("version");
    let mut flipped = fs::read(&shards[4]).expect("read");
    let last = flipped.len() - 1;
    flipped[last] ^= 1;
    fs::write(&shards[4], flipped).expect("flip");
    let s = v.run();
    assert_eq!(s.shards_written, 5, "the damaged shards are rewritten");
    assert_eq!(s.trusted + s.parsed, 40);
    assert!(s.parsed >= 5);
    assert_eq!(v.run(), stats(40, 0, 0, 0));
}

#[test]
fn other_parse_options_do_not_reuse_the_cache() {
    let mut v = Vault::new(&[("a.md", "- [?] odd\n")]);
    v.run();
    v.parse
        .statuses
        .insert('?', Status::Named("on_hold".into()));
    assert_eq!(v.run(), stats(0, 0, 1, 1));
    assert_eq!(v.run(), stats(1, 0, 0, 0));
}

#[test]
fn drop_entries_drops_entries() {
    let mut v = Vault::new(&[("a.md", A), ("b.md", B)]);
    v.run();
    let dropped = drop_entries(
        &Store::of(v.root()),
        &v.parse,
        &["a.md", "./b.md", "gone.md"],
    );
    assert!(dropped.is_ok(), "{dropped:?}");
    assert_eq!(v.run().parsed, 2);
}

#[test]
fn an_unwritable_cache_is_an_error_message_not_a_failure() {
    let v = Vault::new(&[("a.md", A)]);
    // A file where the cache folder should be: it cannot be created.
    fs::write(v.root().join(".ike"), "").expect("write");
    let opts = DiscoverOptions::default();
    let fresh = Request::new(v.root(), &opts, &v.parse).all().into_vault();
    let store = Store::of(v.root());
    let cached = Request::new(v.root(), &opts, &v.parse)
        .with_cache(Some(&store), v.now)
        .all();
    assert!(cached.write_error.is_some());
    assert_eq!(cached.stats.shards_written, 0);
    assert_eq!(cached.into_vault(), fresh);
}

#[test]
fn unreadable_files_are_not_cached() {
    let mut v = Vault::new(&[("a.md", A)]);
    // A folder named like a note is not a file; a dangling link is skipped. Simulate an
    // unreadable file with one that disappears between discovery and reading.
    let opts = DiscoverOptions::default();
    let found = discover(v.root(), &opts);
    fs::remove_file(v.root().join("a.md")).expect("rm");
    let store = Store::of(v.root());
    let progress = Progress::none();
    let cached = Request::new(v.root(), &opts, &v.parse)
        .with_cache(Some(&store), v.now)
        .with_progress(&progress)
        .map_found(found, &|d| d);
    assert!(cached.items[0].failed);
    assert_eq!(cached.stats.parsed, 0);
    v.write("a.md", A);
    assert_eq!(v.run().parsed, 1);
}

#[test]
fn a_stream_stops_at_the_first_error_and_leaves_the_cache() {
    let mut v = Vault::new(&[("a.md", A), ("b.md", B), ("c.md", A)]);
    v.run();
    v.write("b.md", &format!("{B}- [ ] six\n"));
    let mut seen = Vec::new();
    let (opts, store) = (DiscoverOptions::default(), Store::of(v.root()));
    let stopped = Request::new(v.root(), &opts, &v.parse)
        .with_cache(Some(&store), v.now)
        .stream(1, &|d| d.path, &mut |paths: Vec<String>| {
            seen.extend(paths);
            if seen.len() == 2 { Err("stop") } else { Ok(()) }
        });
    assert_eq!(stopped.err(), Some("stop"));
    assert_eq!(seen, ["a.md", "b.md"]);
    // Nothing was written: the next run still finds b.md changed.
    assert_eq!(v.run(), stats(2, 0, 1, 1));
}

#[test]
fn a_subfolder_scan_uses_and_keeps_the_vaults_cache() {
    for mode in MODES {
        let mut v = Vault::new_in(
            mode,
            &[
                ("a.md", A),
                ("meetings/b.md", B),
                ("meetings/c.md", A),
                ("z.md", B),
                ("meetings2/d.md", A),
            ],
        );
        assert_eq!(v.run().parsed, 5, "{mode:?}");
        // The subfolder's files come from the vault's cache, under their own paths.
        assert_eq!(v.run_in("meetings"), stats(2, 0, 0, 0), "{mode:?}");
        // A change in the subfolder rewrites its entries only...
        v.write("meetings/b.md", &format!("{B}- [ ] five\n"));
        fs::remove_file(v.root().join("meetings/c.md")).expect("rm");
        let sub = v.run_in("meetings");
        assert_eq!((sub.trusted, sub.parsed), (0, 1), "{mode:?}");
        // ... and every entry outside it is still there, trusted.
        assert_eq!(v.run(), stats(4, 0, 0, 0), "{mode:?}");
        assert!(!v.root().join("meetings").join(DIR).exists(), "{mode:?}");
    }
}

#[test]
fn a_store_knows_its_folder() {
    let vault = Path::new("/v");
    let rows = [
        ("/v", "/v/.ike/cache", ""),
        ("/v/meetings", "/v/.ike/cache", "meetings/"),
        ("/v/a/b", "/v/.ike/cache", "a/b/"),
        ("/elsewhere", "/elsewhere/.ike/cache", ""),
    ];
    for (root, dir, prefix) in rows {
        let store = Store::new(vault, Path::new(root));
        assert_eq!(
            (store.dir.as_path(), store.prefix.as_str()),
            (Path::new(dir), prefix),
            "{root}"
        );
    }
}

#[test]
fn same_bytes_same_content() {
    let rows: [(&[u8], &[u8], bool); 4] = [
        (b"- [ ] a\n", b"- [ ] a\n", true),
        (b"- [ ] a\n", b"- [x] a\n", false),
        (b"", b"", true),
        (b"ab", b"ab\n", false),
    ];
    for (a, b, same) in rows {
        assert_eq!(Content::of(a) == Content::of(b), same, "{a:?} {b:?}");
    }
    assert!(Content::of(b"").is_empty());
    assert!(!Content::of(b"x").is_empty());
}

/// A value kept beside each document in the tests: its path and number of tasks, kept
/// under `salt`, or never kept (`keep` off).
struct TaskCount {
    salt: u64,
    keep: bool,
}

/// Values kept under salt 1.
const KEPT: TaskCount = TaskCount {
    salt: 1,
    keep: true,
};

/// Flip a bit of the last byte of the file at `path` (a shard or memo file: inside its
/// checksummed payload, past its header).
fn damage_last_byte(path: &Path) {
    let mut bytes = fs::read(path).expect("read");
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    fs::write(path, bytes).expect("damage");
}

impl crate::vault::Memo<(String, usize)> for TaskCount {
    fn salt(&self) -> u64 {
        self.salt
    }

    fn encode(&self, value: &(String, usize), out: &mut Vec<u8>) -> bool {
        if self.keep {
            out.extend_from_slice(&(value.1 as u64).to_le_bytes());
        }
        self.keep
    }

    fn decode(&self, path: &str, bytes: &[u8]) -> Option<(String, usize)> {
        let n = u64::from_le_bytes(bytes.try_into().ok()?);
        Some((path.to_owned(), usize::try_from(n).ok()?))
    }
}

impl Vault {
    /// A [`Request::map_memo`] run over `sub` with `memo`, checked against a fresh scan:
    /// its stats and how many documents were mapped (not taken from the memo).
    #[track_caller]
    fn run_memo(&mut self, sub: &str, memo: &TaskCount) -> (CacheStats, usize) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let root = self.root().join(sub);
        let store = Store::new(self.root(), &root);
        let opts = DiscoverOptions::default();
        let count = |d: Document| (d.path.clone(), d.tasks.len());
        let fresh = Request::new(&root, &opts, &self.parse).map(&count);
        let mapped = AtomicUsize::new(0);
        let map = |d: Document| {
            mapped.fetch_add(1, Ordering::Relaxed);
            count(d)
        };
        let cached = Request::new(&root, &opts, &self.parse)
            .with_cache(Some(&store), self.now)
            .map_memo(memo, &map);
        self.now += Duration::from_secs(60);
        assert!(cached.write_error.is_none(), "{:?}", cached.write_error);
        assert_eq!(
            cached.items, fresh.items,
            "the kept values equal a fresh scan's"
        );
        (cached.stats, mapped.into_inner())
    }

    fn memo_files(&self) -> Vec<PathBuf> {
        let mut memos = self.shards();
        memos.retain(|p| p.to_string_lossy().contains("memo-"));
        memos
    }
}

#[test]
fn kept_values_are_taken_for_unchanged_notes() {
    let mut v = Vault::new(&[("a.md", A), ("sub/b.md", B), ("c.md", "no tasks\n")]);
    let memo = KEPT;
    let (first, mapped) = v.run_memo("", &memo);
    assert_eq!((first.parsed, mapped), (3, 3));
    assert!(!v.memo_files().is_empty());
    assert_eq!(v.run_memo("", &memo), (stats(3, 0, 0, 0), 0));
    // A changed note is mapped again, and its shard (and memo) written once.
    v.write("a.md", &format!("{A}- [ ] more\n"));
    let (changed, mapped) = v.run_memo("", &memo);
    assert_eq!((changed.parsed, changed.shards_written, mapped), (1, 1, 1));
    assert_eq!(v.run_memo("", &memo), (stats(3, 0, 0, 0), 0));
    // A plain scan neither uses nor disturbs the kept values.
    assert_eq!(v.run(), stats(3, 0, 0, 0));
    assert_eq!(v.run_memo("", &memo), (stats(3, 0, 0, 0), 0));
}

#[test]
fn kept_values_of_another_salt_are_never_used() {
    let mut v = Vault::new(&[("a.md", A), ("sub/b.md", B)]);
    let (one, two) = (
        TaskCount {
            salt: 1,
            keep: true,
        },
        TaskCount {
            salt: 2,
            keep: true,
        },
    );
    assert_eq!(v.run_memo("", &one).1, 2);
    assert_eq!(v.run_memo("", &one).1, 0);
    let (switched, mapped) = v.run_memo("", &two);
    assert_eq!((switched.trusted, mapped), (2, 2));
    assert!(switched.shards_written >= 1, "the memo files are rewritten");
    assert_eq!(v.run_memo("", &two).1, 0);
    assert_eq!(v.run_memo("", &one).1, 2);
}

#[test]
fn values_not_kept_are_made_each_run_without_writing() {
    let mut v = Vault::new(&[("a.md", A), ("sub/b.md", B)]);
    let memo = TaskCount {
        salt: 1,
        keep: false,
    };
    assert_eq!(v.run_memo("", &memo).1, 2);
    assert!(v.memo_files().is_empty());
    assert_eq!(v.run_memo("", &memo), (stats(2, 0, 0, 0), 2));
}

#[test]
fn kept_values_of_gone_or_damaged_entries_are_dropped() {
    let mut v = Vault::new(&[("a.md", A), ("sub/b.md", B), ("c.md", A)]);
    let memo = KEPT;
    v.run_memo("", &memo);
    fs::remove_file(v.root().join("c.md")).expect("rm");
    let (gone, mapped) = v.run_memo("", &memo);
    assert_eq!((gone.trusted, mapped), (2, 0));
    assert!(gone.shards_written >= 1);
    assert_eq!(v.run_memo("", &memo), (stats(2, 0, 0, 0), 0));
    for memo_file in v.memo_files() {
        damage_last_byte(&memo_file);
    }
    let (damaged, mapped) = v.run_memo("", &memo);
    assert_eq!((damaged.trusted, mapped), (2, 2));
    assert_eq!(v.run_memo("", &memo), (stats(2, 0, 0, 0), 0));
}

#[test]
fn a_subfolder_scan_keeps_the_values_outside_it() {
    let mut v = Vault::new(&[("a.md", A), ("meetings/b.md", B), ("z.md", B)]);
    let memo = KEPT;
    assert_eq!(v.run_memo("", &memo).1, 3);
    v.write("meetings/b.md", &format!("{B}- [ ] five\n"));
    assert_eq!(v.run_memo("meetings", &memo).1, 1);
    assert_eq!(v.run_memo("", &memo), (stats(3, 0, 0, 0), 0));
}

#[test]
fn lookup_reads_trusted_entries_only_and_writes_nothing() {
    let mut v = Vault::new(&[("a.md", A), ("sub/b.md", B)]);
    v.run();
    let store = Store::of(v.root());
    let shards = |v: &Vault| -> Vec<Vec<u8>> {
        v.shards()
            .iter()
            .map(|p| fs::read(p).expect("shard"))
            .collect()
    };
    let before = shards(&v);
    let look = |paths: &[&str]| {
        let wanted: Vec<(&str, Option<&dyn Skim>)> = paths.iter().map(|&p| (p, None)).collect();
        lookup(&store, v.root(), &v.parse, Detail::Values, &wanted)
    };
    let fresh = |rel: &str| {
        let text = fs::read(v.root().join(rel)).expect("read");
        let mut doc = parse_document(rel, &text, &v.parse);
        for t in &mut doc.tasks {
            t.fields = Box::default();
        }
        doc
    };
    // Written before the run: trusted on their stamps, decoded as the cache holds them.
    let found = look(&["sub/b.md", "a.md", "gone.md"]);
    assert_eq!(found.len(), 3);
    assert_eq!(found[0].as_ref(), Some(&fresh("sub/b.md")));
    assert_eq!(found[1].as_ref(), Some(&fresh("a.md")));
    assert_eq!(found[2], None, "not in the vault");
    // A file changed since: its entry is not trusted, the caller reads the file.
    v.write("a.md", "- [ ] changed\n");
    let found = look(&["a.md", "sub/b.md"]);
    assert_eq!(found[0], None, "changed since the scan");
    assert!(found[1].is_some());
    assert_eq!(shards(&v), before, "nothing written");
}

impl Vault {
    /// The document shards (not the memo files) and their bytes.
    fn document_shards(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut shards = self.shards();
        shards.retain(|p| p.to_string_lossy().contains("shard-"));
        shards
            .into_iter()
            .map(|p| {
                let bytes = fs::read(&p).expect("read a shard");
                (p, bytes)
            })
            .collect()
    }
}

#[test]
fn kept_values_are_trusted_without_reading_their_shards() {
    let mut v = Vault::new(&[("a.md", A), ("sub/b.md", B), ("c.md", "no tasks\n")]);
    let memo = KEPT;
    v.run_memo("", &memo);
    // Damaged shards under intact memo files: a scan that keeps values does not read
    // them (a damaged shard it read would be written again), and its values are right.
    let shards = v.document_shards();
    for (path, _) in &shards {
        damage_last_byte(path);
    }
    let damaged = v.document_shards();
    assert_eq!(v.run_memo("", &memo), (stats(3, 0, 0, 0), 0));
    assert_eq!(v.document_shards(), damaged, "not read, not written");
    // A scan that needs the documents finds the damage and writes the shards again.
    let plain = v.run();
    assert_eq!((plain.trusted, plain.parsed), (0, 3));
    assert_eq!(plain.shards_written, shards.len());
    assert_eq!(v.run(), stats(3, 0, 0, 0));
    assert_eq!(v.run_memo("", &memo), (stats(3, 0, 0, 0), 0));
}

#[test]
fn a_removed_file_kept_only_in_its_shard_is_dropped_from_it() {
    let mut v = Vault::new(&[("a.md", A), ("sub/b.md", B), ("c.md", A)]);
    let memo = KEPT;
    v.run_memo("", &memo);
    // A note added by a scan that keeps no values has an entry in its shard only.
    v.write("d.md", B);
    assert_eq!(v.run().parsed, 1);
    let holds_d = |v: &Vault| {
        v.document_shards()
            .iter()
            .any(|(_, bytes)| bytes.windows(4).any(|w| w == b"d.md"))
    };
    assert!(holds_d(&v));
    fs::remove_file(v.root().join("d.md")).expect("rm");
    // Every note left is trusted on its memo entry, but the shard's header counts one
    // entry more: the shard is read and written without it.
    let (gone, mapped) = v.run_memo("", &memo);
    assert_eq!((gone.trusted, gone.shards_written, mapped), (3, 1, 0));
    assert!(!holds_d(&v));
    assert_eq!(v.run(), stats(3, 0, 0, 0));
    assert_eq!(v.run_memo("", &memo), (stats(3, 0, 0, 0), 0));
}

#[test]
fn a_memo_entry_takes_the_stamp_a_plain_scan_verified() {
    let mut v = Vault::new(&[("a.md", A), ("sub/b.md", B)]);
    let memo = KEPT;
    v.run_memo("", &memo);
    // The same bytes with a new mtime: a plain scan verifies the file and gives its
    // shard entry the new stamp; the memo entry still has the old one.
    let earlier = v.mtime("a.md") - Duration::from_secs(30);
    v.set_mtime("a.md", earlier);
    assert_eq!(v.run(), stats(1, 1, 0, 1));
    // The next scan with values trusts the note on its shard entry and moves the memo
    // entry to the new stamp; the one after trusts it on the memo entry alone, so a
    // damaged shard is not even read.
    assert_eq!(v.run_memo("", &memo), (stats(2, 0, 0, 1), 0));
    for (path, _) in v.document_shards() {
        damage_last_byte(&path);
    }
    let damaged = v.document_shards();
    assert_eq!(v.run_memo("", &memo), (stats(2, 0, 0, 0), 0));
    assert_eq!(v.document_shards(), damaged, "not read");
}
