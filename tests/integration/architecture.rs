//! The layering of the crate, read from its sources so that it cannot regress silently
//! (docs/architecture.md, "Layers"):
//!
//! - only `src/cli/` and `src/main.rs` import the command line (`crate::cli`, `ike::cli`);
//! - the watcher (`src/watch/`) reaches the vault through the vault stage's public entry
//!   (`crate::vault::…` items), never through one of its modules (the cache, discovery);
//! - the resolved settings (`src/settings.rs`) use no clap type;
//! - the top-level modules import each other without a cycle, but for the edges
//!   [`KNOWN_BACK_EDGES`] names, each with its reason;
//! - no source cites a section sign or an issue number: the repository explains itself.
//!
//! An import is any `crate::…`, `super::…` or `ike::…` path in code (comments and string
//! literals do not count), grouped `use` lists included; `#[cfg(test)]` modules are left
//! out, since a test may reach across layers. Each rule is also run on a small made-up
//! tree that breaks it, to show that it can fail.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Import edges between top-level modules that close a cycle, allowed for a reason.
/// Empty: the crate has no cycle. An entry must name an edge that exists.
const KNOWN_BACK_EDGES: &[(&str, &str, &str)] = &[];

/// The crate's sources as the rules read them.
struct Tree {
    /// Path under `src/` (`watch/poll.rs`) → code, comments and literals blanked.
    files: BTreeMap<String, String>,
}

/// One path named in code.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Import {
    /// The file, under `src/`.
    file: String,
    /// The module the path is named in, from the crate root (`["watch", "poll"]`).
    module: Vec<String>,
    /// The path, from the crate root (`["vault", "cache", "Store"]`).
    path: Vec<String>,
}

impl Tree {
    /// Every `.rs` file under `src`.
    fn read(src: &Path) -> Tree {
        let files = files_under(src, "rs");
        Tree::of(files.iter().map(|(p, t)| (p.as_str(), t.as_str())))
    }

    /// A tree of the given `(path under src/, source)` files.
    fn of<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Tree {
        let files = files
            .into_iter()
            .map(|(p, text)| (p.to_owned(), blank(text)))
            .collect();
        Tree { files }
    }

    /// The top-level modules: the files and folders beside `lib.rs`.
    fn tops(&self) -> BTreeSet<String> {
        self.files
            .keys()
            .filter_map(|p| {
                let first = p.split('/').next()?;
                let name = first.strip_suffix(".rs").unwrap_or(first);
                (name != "lib" && name != "main").then(|| name.to_owned())
            })
            .collect()
    }

    /// Files that only tests compile: those declared by a `#[cfg(test)] mod x;`, and all
    /// below them.
    fn test_files(&self) -> BTreeSet<String> {
        let mut dirs = Vec::new();
        for (file, code) in &self.files {
            for (at, name) in mod_declarations(code, false) {
                if is_test_item(code, at) {
                    dirs.push(format!("{}{name}", child_dir(file)));
                }
            }
        }
        self.files
            .keys()
            .filter(|f| {
                dirs.iter()
                    .any(|d| f.as_str() == format!("{d}.rs") || f.starts_with(&format!("{d}/")))
            })
            .cloned()
            .collect()
    }

    /// Every path named in the code of non-test files, outside `#[cfg(test)]` modules.
    fn imports(&self) -> Vec<Import> {
        let tests = self.test_files();
        let mut out = Vec::new();
        for (file, code) in &self.files {
            if tests.contains(file) {
                continue;
            }
            let inline = inline_modules(code);
            let bytes = code.as_bytes();
            for (at, word) in path_starts(code) {
                let inner: Vec<&InlineModule> =
                    inline.iter().filter(|m| m.body.contains(&at)).collect();
                if inner.iter().any(|m| m.test) {
                    continue;
                }
                let mut module = module_of(file);
                module.extend(inner.iter().map(|m| m.name.clone()));
                let mut pos = at + word.len() + 2;
                let base = match word {
                    "crate" | "ike" => Vec::new(),
                    _ => {
                        // `super` (once or more): the module's ancestors.
                        let mut ups = 1;
                        while bytes[pos..].starts_with(b"super::") {
                            ups += 1;
                            pos += "super::".len();
                        }
                        if ups > module.len() {
                            continue;
                        }
                        module[..module.len() - ups].to_vec()
                    }
                };
                for rel in use_tree(bytes, &mut pos) {
                    let mut path = base.clone();
                    path.extend(rel.into_iter().filter(|s| s != "self"));
                    out.push(Import {
                        file: file.clone(),
                        module: module.clone(),
                        path,
                    });
                }
            }
        }
        out
    }

    /// Import edges between top-level modules, each with a file that makes it.
    fn graph(&self) -> BTreeMap<(String, String), String> {
        let tops = self.tops();
        let mut edges = BTreeMap::new();
        for i in self.imports() {
            let (Some(from), Some(to)) = (i.module.first(), i.path.first()) else {
                continue;
            };
            if from != to && tops.contains(to) {
                edges
                    .entry((from.clone(), to.clone()))
                    .or_insert_with(|| i.file.clone());
            }
        }
        edges
    }
}

/// Every file under `dir` whose name ends in `.ext`: its path below `dir` (with `/`) →
/// its text.
fn files_under(dir: &Path, ext: &str) -> BTreeMap<String, String> {
    fn walk(dir: &Path, root: &Path, ext: &str, files: &mut BTreeMap<String, String>) {
        let entries = std::fs::read_dir(dir).expect("a readable folder");
        for path in entries.map(|e| e.expect("a folder entry").path()) {
            if path.is_dir() {
                walk(&path, root, ext, files);
            } else if path.extension().is_some_and(|e| e == ext) {
                let rel = path.strip_prefix(root).expect("below the root");
                let text = std::fs::read_to_string(&path).expect("UTF-8 text");
                files.insert(rel.to_string_lossy().replace('\\', "/"), text);
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, ext, &mut files);
    files
}

/// Imports of the command line outside `cli/` and `main.rs`.
fn cli_outside_cli(tree: &Tree) -> Vec<String> {
    tree.imports()
        .into_iter()
        .filter(|i| i.path.first().is_some_and(|p| p == "cli"))
        .filter(|i| !i.file.starts_with("cli/") && i.file != "main.rs")
        .map(|i| format!("{}: {}", i.file, i.path.join("::")))
        .collect()
}

/// Imports in `watch/` of a module of the vault stage rather than its public items.
fn watch_past_vault_entry(tree: &Tree) -> Vec<String> {
    let modules: BTreeSet<String> = tree
        .files
        .keys()
        .filter_map(|f| {
            let rest = f.strip_prefix("vault/")?;
            let first = rest.split('/').next()?;
            let name = first.strip_suffix(".rs").unwrap_or(first);
            (name != "mod").then(|| name.to_owned())
        })
        .collect();
    // A name the vault stage re-exports is its item, even where a module has it too
    // (`vault::discover`, the function).
    let entry = tree
        .files
        .get("vault/mod.rs")
        .map_or_else(BTreeSet::new, |code| {
            let mut names = BTreeSet::new();
            for (at, _) in code.match_indices("pub use ") {
                let mut pos = at + "pub use ".len();
                names.extend(
                    use_tree(code.as_bytes(), &mut pos)
                        .into_iter()
                        .filter_map(|p| p.last().cloned()),
                );
            }
            names
        });
    tree.imports()
        .into_iter()
        .filter(|i| i.file.starts_with("watch/"))
        .filter(|i| i.path.first().is_some_and(|p| p == "vault"))
        .filter(|i| match &i.path[1..] {
            [module] => modules.contains(module) && !entry.contains(module),
            [module, _, ..] => modules.contains(module),
            [] => false,
        })
        .map(|i| format!("{}: {}", i.file, i.path.join("::")))
        .collect()
}

/// Lines of `settings.rs` that name clap.
fn clap_in_settings(tree: &Tree) -> Vec<String> {
    let Some(code) = tree.files.get("settings.rs") else {
        return Vec::new();
    };
    code.lines()
        .enumerate()
        .filter(|(_, line)| words(line).any(|w| w == "clap"))
        .map(|(n, line)| format!("settings.rs:{}: {}", n + 1, line.trim()))
        .collect()
}

/// The cycles left once the allowed back edges are removed (each as its modules), and
/// allowed edges that do not exist.
fn cycles(tree: &Tree, allowed: &[(&str, &str, &str)]) -> (Vec<Vec<String>>, Vec<String>) {
    let mut edges = tree.graph();
    let mut stale = Vec::new();
    for (from, to, _why) in allowed {
        if edges
            .remove(&((*from).to_owned(), (*to).to_owned()))
            .is_none()
        {
            stale.push(format!("{from} -> {to}"));
        }
    }
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (from, to) in edges.keys() {
        next.entry(from).or_default().push(to);
    }
    let cycles = strongly_connected(&next)
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|c| c.into_iter().map(str::to_owned).collect())
        .collect();
    (cycles, stale)
}

/// Tarjan's strongly connected components of a small graph, each sorted.
fn strongly_connected<'a>(next: &BTreeMap<&'a str, Vec<&'a str>>) -> Vec<Vec<&'a str>> {
    struct State<'a> {
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        out: Vec<Vec<&'a str>>,
    }
    fn visit<'a>(v: &'a str, next: &BTreeMap<&'a str, Vec<&'a str>>, s: &mut State<'a>) {
        let i = s.index.len();
        s.index.insert(v, i);
        s.low.insert(v, i);
        s.stack.push(v);
        for &w in next.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(w, next, s);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.stack.contains(&w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let at = s.stack.iter().rposition(|x| *x == v).unwrap_or(0);
            let mut component = s.stack.split_off(at);
            component.sort_unstable();
            s.out.push(component);
        }
    }
    let mut s = State {
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        out: Vec::new(),
    };
    for &v in next.keys() {
        if !s.index.contains_key(v) {
            visit(v, next, &mut s);
        }
    }
    s.out
}

/// Lines of `text` that cite a section sign or an issue number.
fn citations(text: &str) -> Vec<String> {
    text.lines()
        .filter(|line| {
            let lower = line.to_lowercase();
            line.contains('§')
                || lower.match_indices("issue").any(|(at, _)| {
                    let rest = lower[at + "issue".len()..].trim_start_matches([' ', '#']);
                    rest.starts_with(|c: char| c.is_ascii_digit())
                })
        })
        .map(|line| line.trim().to_owned())
        .collect()
}

// ---------------------------------------------------------------------------------------
// Reading Rust source, just enough for the rules

/// `src` with its comments and the insides of its string and character literals turned
/// into spaces (line breaks kept), so that neither braces nor paths in them count.
fn blank(src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank_to = |out: &mut String, piece: &[char]| {
        out.extend(piece.iter().map(|c| if *c == '\n' { '\n' } else { ' ' }));
    };
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        let starts = |s: &str| s.chars().zip(rest).filter(|(a, b)| a == *b).count() == s.len();
        let end = if starts("//") {
            rest.iter().position(|c| *c == '\n').unwrap_or(rest.len())
        } else if starts("/*") {
            let mut depth = 0;
            let mut j = 0;
            while j < rest.len() {
                if rest[j..].starts_with(&['/', '*']) {
                    depth += 1;
                    j += 2;
                } else if rest[j..].starts_with(&['*', '/']) {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            j.min(rest.len())
        } else if let Some(hashes) = raw_string_start(rest) {
            // r"…", r#"…"#, br"…": ends at a quote followed by as many hashes.
            let open = rest.iter().position(|c| *c == '"').unwrap_or(0) + 1;
            let mut j = open;
            loop {
                match rest[j..].iter().position(|c| *c == '"') {
                    Some(q) => {
                        j += q + 1;
                        if rest[j..].iter().take_while(|c| **c == '#').count() >= hashes {
                            break j + hashes;
                        }
                    }
                    None => break rest.len(),
                }
            }
        } else if rest[0] == '"' || (rest[0] == 'b' && rest.get(1) == Some(&'"')) {
            let open = rest.iter().position(|c| *c == '"').unwrap_or(0) + 1;
            let mut j = open;
            while j < rest.len() && rest[j] != '"' {
                j += if rest[j] == '\\' { 2 } else { 1 };
            }
            (j + 1).min(rest.len())
        } else if rest[0] == '\'' && rest.get(1) == Some(&'\\') {
            let close = rest[2..].iter().position(|c| *c == '\'').unwrap_or(0);
            close + 3
        } else if rest[0] == '\'' && rest.get(2) == Some(&'\'') {
            3
        } else {
            out.push(rest[0]);
            i += 1;
            continue;
        };
        let end = end.clamp(1, rest.len());
        blank_to(&mut out, &rest[..end]);
        i += end;
    }
    out
}

/// The number of `#` of a raw string starting here, if one does.
fn raw_string_start(rest: &[char]) -> Option<usize> {
    let after = match rest {
        ['r', ..] => &rest[1..],
        ['b', 'r', ..] => &rest[2..],
        _ => return None,
    };
    let hashes = after.iter().take_while(|c| **c == '#').count();
    (after.get(hashes) == Some(&'"')).then_some(hashes)
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The words of a line of code.
fn words(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// Where a path from the crate (`crate::`, `super::`, `ike::`) starts, and its first word.
fn path_starts(code: &str) -> Vec<(usize, &'static str)> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    for word in ["crate", "super", "ike"] {
        let pattern = format!("{word}::");
        for (at, _) in code.match_indices(&pattern) {
            let before = at.checked_sub(1).map(|b| bytes[b]);
            // Not the tail of a longer word or path, nor `$crate` in a macro.
            if before.is_some_and(|b| is_ident(b) || b == b':' || b == b'$') {
                continue;
            }
            // `super::super::x` is one path, read from its first `super`.
            if word == "super" && code[..at].ends_with("super::") {
                continue;
            }
            out.push((at, word));
        }
    }
    out.sort_unstable();
    out
}

/// The paths of a `use` tree (or of a plain path) starting at `pos`, relative to where it
/// starts: `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn use_tree(code: &[u8], pos: &mut usize) -> Vec<Vec<String>> {
    let skip_space = |pos: &mut usize| {
        while code.get(*pos).is_some_and(u8::is_ascii_whitespace) {
            *pos += 1;
        }
    };
    let mut prefix = Vec::new();
    loop {
        skip_space(pos);
        if code.get(*pos) == Some(&b'{') {
            *pos += 1;
            let mut out = Vec::new();
            loop {
                skip_space(pos);
                match code.get(*pos) {
                    None => break,
                    Some(b'}') => {
                        *pos += 1;
                        break;
                    }
                    Some(b',') => *pos += 1,
                    Some(_) => {
                        let start = *pos;
                        for rel in use_tree(code, pos) {
                            let mut path = prefix.clone();
                            path.extend(rel);
                            out.push(path);
                        }
                        // Past an `as name` or a glob, to the next item.
                        while code.get(*pos).is_some_and(|c| !b",}{".contains(c)) {
                            *pos += 1;
                        }
                        if *pos == start {
                            *pos += 1;
                        }
                    }
                }
            }
            if out.is_empty() {
                out.push(prefix);
            }
            return out;
        }
        let start = *pos;
        while code.get(*pos).copied().is_some_and(is_ident) {
            *pos += 1;
        }
        if *pos == start {
            return vec![prefix];
        }
        prefix.push(String::from_utf8_lossy(&code[start..*pos]).into_owned());
        if code[*pos..].starts_with(b"::") {
            *pos += 2;
        } else {
            return vec![prefix];
        }
    }
}

/// The module a file is, from the crate root: `watch/poll.rs` → `watch::poll`,
/// `watch/mod.rs` → `watch`, `lib.rs` → the root.
fn module_of(file: &str) -> Vec<String> {
    let stem = file.strip_suffix(".rs").unwrap_or(file);
    let mut parts: Vec<String> = stem.split('/').map(str::to_owned).collect();
    if parts.last().is_some_and(|p| p == "mod") || matches!(stem, "lib" | "main") {
        parts.pop();
    }
    parts
}

/// The folder that the out-of-line modules a file declares live in, ending in `/` (or
/// empty at `src/`).
fn child_dir(file: &str) -> String {
    let stem = file.strip_suffix(".rs").unwrap_or(file);
    match stem.rsplit_once('/') {
        _ if matches!(stem, "lib" | "main") => String::new(),
        Some((dir, "mod")) => format!("{dir}/"),
        _ => format!("{stem}/"),
    }
}

/// `mod name;` (`inline`: false) or `mod name {` (true) items of `code`: where each
/// starts, and its name.
fn mod_declarations(code: &str, inline: bool) -> Vec<(usize, String)> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    for (at, _) in code.match_indices("mod ") {
        if at > 0 && is_ident(bytes[at - 1]) {
            continue;
        }
        let mut pos = at + 4;
        let start = pos;
        while bytes.get(pos).copied().is_some_and(is_ident) {
            pos += 1;
        }
        let name = &code[start..pos];
        let next = code[pos..].trim_start().chars().next();
        if !name.is_empty() && next == Some(if inline { '{' } else { ';' }) {
            out.push((at, name.to_owned()));
        }
    }
    out
}

/// True when the item starting at `at` is compiled for tests only.
fn is_test_item(code: &str, at: usize) -> bool {
    let head = &code[..at];
    let from = head.rfind([';', '{', '}']).map_or(0, |i| i + 1);
    head[from..].contains("cfg(test)")
}

/// An inline `mod name { … }`.
struct InlineModule {
    name: String,
    /// The bytes between its braces.
    body: std::ops::Range<usize>,
    test: bool,
}

fn inline_modules(code: &str) -> Vec<InlineModule> {
    let bytes = code.as_bytes();
    mod_declarations(code, true)
        .into_iter()
        .map(|(at, name)| {
            let open = at + code[at..].find('{').unwrap_or(0);
            let mut depth = 0usize;
            let mut close = bytes.len();
            for (i, b) in bytes.iter().enumerate().skip(open) {
                match b {
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            close = i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            InlineModule {
                name,
                body: open + 1..close,
                test: is_test_item(code, at),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// The rules, on the crate

/// The crate's own sources (checked to be there, so that no rule passes on nothing).
#[track_caller]
fn crate_tree() -> Tree {
    let tree = Tree::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    for file in [
        "main.rs",
        "cli/mod.rs",
        "settings.rs",
        "watch/mod.rs",
        "vault/mod.rs",
    ] {
        assert!(tree.files.contains_key(file), "{file} was read");
    }
    tree
}

#[test]
fn only_the_command_layer_imports_it() {
    assert_eq!(cli_outside_cli(&crate_tree()), Vec::<String>::new());
}

#[test]
fn the_watcher_goes_through_the_vault_stage() {
    let tree = crate_tree();
    let imports = tree.imports();
    assert!(
        imports
            .iter()
            .any(|i| i.file.starts_with("watch/") && i.path.first().is_some_and(|p| p == "vault")),
        "the watcher uses the vault stage"
    );
    assert_eq!(watch_past_vault_entry(&tree), Vec::<String>::new());
}

#[test]
fn settings_know_no_clap() {
    assert_eq!(clap_in_settings(&crate_tree()), Vec::<String>::new());
}

#[test]
fn top_level_modules_import_without_a_cycle() {
    let tree = crate_tree();
    let graph = tree.graph();
    assert!(
        graph.contains_key(&("cli".to_owned(), "vault".to_owned())),
        "the graph is read: {graph:?}"
    );
    let (cycles, stale) = cycles(&tree, KNOWN_BACK_EDGES);
    assert_eq!(cycles, Vec::<Vec<String>>::new(), "import cycles");
    assert_eq!(stale, Vec::<String>::new(), "known edges that are gone");
}

#[test]
fn nothing_cites_sections_or_issues() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (mut found, mut read) = (Vec::new(), 0);
    for (dir, ext) in [
        ("src", "rs"),
        ("docs", "md"),
        ("benches", "rs"),
        ("tests", "rs"),
        ("examples", "rs"),
    ] {
        for (path, text) in files_under(&root.join(dir), ext) {
            read += 1;
            let lines = citations(&text).into_iter();
            found.extend(lines.map(|l| format!("{dir}/{path}: {l}")));
        }
    }
    for file in ["README.md", "CHANGELOG.md"] {
        let text = std::fs::read_to_string(root.join(file)).expect("a top-level document");
        found.extend(citations(&text).into_iter().map(|l| format!("{file}: {l}")));
    }
    assert!(read > 100, "files read: {read}");
    // This file's own tests write citations on purpose.
    found.retain(|l| !l.starts_with("tests/integration/architecture.rs"));
    assert_eq!(found, Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------
// The rules can fail: a made-up tree for each

/// A small tree that keeps every rule, with `extra` files added or replaced.
fn fake(extra: &[(&'static str, &'static str)]) -> Tree {
    let mut files: BTreeMap<&str, &str> = [
        ("lib.rs", "pub mod cli;\npub mod model;\npub mod settings;\npub mod vault;\npub mod watch;\n"),
        ("main.rs", "fn main() { ike::cli::run(); }\n"),
        ("cli/mod.rs", "use crate::settings::Settings;\nuse crate::{vault, watch::Watch};\n"),
        ("model.rs", "pub struct Document;\n"),
        ("settings.rs", "use crate::model::Document;\n// Not clap: a word in a comment.\n"),
        ("vault/mod.rs", "pub mod cache;\npub mod discover;\npub use cache::Store;\npub use discover::{discover, Options};\nuse crate::model::Document;\n"),
        ("vault/discover.rs", "pub fn discover() {}\n"),
        ("vault/cache.rs", "use super::super::model::Document;\n"),
        ("watch/mod.rs", "use crate::vault::{Request, Store, discover};\n#[cfg(test)]\nmod tests {\n    use crate::cli::Args;\n}\n"),
    ]
    .into_iter()
    .collect();
    files.extend(extra.iter().copied());
    Tree::of(files)
}

#[test]
fn a_clean_tree_keeps_every_rule() {
    let tree = fake(&[]);
    assert_eq!(cli_outside_cli(&tree), Vec::<String>::new());
    assert_eq!(watch_past_vault_entry(&tree), Vec::<String>::new());
    assert_eq!(clap_in_settings(&tree), Vec::<String>::new());
    assert_eq!(cycles(&tree, &[]), (Vec::new(), Vec::new()));
    let edges: Vec<(String, String)> = tree.graph().into_keys().collect();
    let want = [
        ("cli", "settings"),
        ("cli", "vault"),
        ("cli", "watch"),
        ("settings", "model"),
        ("vault", "model"),
        ("watch", "vault"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(edges, want);
}

#[test]
fn each_rule_fails_on_a_tree_that_breaks_it() {
    let tree = fake(&[("model.rs", "use crate::cli::Args;\npub struct Document;\n")]);
    assert_eq!(cli_outside_cli(&tree), ["model.rs: cli::Args"]);
    let tree = fake(&[(
        "watch/poll.rs",
        "use super::super::{model, vault::cache::Store};\n",
    )]);
    assert_eq!(
        watch_past_vault_entry(&tree),
        ["watch/poll.rs: vault::cache::Store"]
    );
    let tree = fake(&[(
        "watch/poll.rs",
        "use crate::vault::{cache, discover::Options};\n",
    )]);
    let got = watch_past_vault_entry(&tree);
    assert_eq!(
        got,
        [
            "watch/poll.rs: vault::cache",
            "watch/poll.rs: vault::discover::Options"
        ]
    );
    let tree = fake(&[("settings.rs", "use clap::ValueEnum;\n")]);
    assert_eq!(
        clap_in_settings(&tree),
        ["settings.rs:1: use clap::ValueEnum;"]
    );
    let tree = fake(&[(
        "model.rs",
        "pub struct Document(crate::settings::Settings);\n",
    )]);
    let (found, stale) = cycles(&tree, &[]);
    assert_eq!(found, [["model", "settings"]]);
    assert!(stale.is_empty());
    // Named with its reason, the back edge is allowed; an edge that is gone is reported.
    let allowed = [
        ("model", "settings", "a reason"),
        ("vault", "watch", "gone"),
    ];
    let (found, stale) = cycles(&tree, &allowed);
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(stale, ["vault -> watch"]);
}

#[test]
fn comments_literals_and_test_modules_are_not_imports() {
    let tree = fake(&[
        (
            "model.rs",
            "// crate::cli::Args\n/* crate::cli::X */\nconst A: &str = \"crate::cli::Y\";\n\
         const B: &str = r#\"crate::cli::Z\"#;\nconst C: char = '{';\n\
         #[cfg(test)]\nmod tests;\n",
        ),
        ("model/tests.rs", "use crate::cli::Args;\n"),
    ]);
    assert_eq!(cli_outside_cli(&tree), Vec::<String>::new());
    let tree = fake(&[(
        "model.rs",
        "mod inner {\n    use super::super::cli::Args;\n}\n",
    )]);
    assert_eq!(cli_outside_cli(&tree), ["model.rs: cli::Args"]);
}

#[test]
fn citations_are_found() {
    let found = citations("a\nsee §3 here\nfixed in issue 13\nissue #7 too\nan issue with it\n");
    assert_eq!(found, ["see §3 here", "fixed in issue 13", "issue #7 too"]);
}
