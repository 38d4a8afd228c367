//! The command line as typed: clap's derive types, before settings are resolved.

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::time::Duration;

/// The exit codes, as `--help` and the man pages show them.
pub const EXIT_CODES: &str = "\
Exit codes:
  0  success (problems in single files are reported, and the run goes on)
  1  `ike check` found an error, or `--check` found a difference
  2  usage error or fatal error (unreadable root, invalid config)";

/// Sort your Markdown to-dos into the Eisenhower matrix and say what matters today.
#[derive(Debug, Parser)]
#[command(name = "ike", version, about, after_help = EXIT_CODES, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by every command that reads a vault (listed apart in `--help`, under
/// "Global options"; `completions` and `man` refuse them).
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// The date to classify against, instead of the local date.
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
    /// Read settings from FILE instead of the .ike.yaml found from ROOT upwards.
    #[arg(long, global = true, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any .ike.yaml: built-in defaults and flags only.
    #[arg(long, global = true)]
    pub no_config: bool,
    /// Read and parse every file; neither read nor write the vault's cache (.ike/cache).
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Parse every note with the full Markdown parser, also notes that cannot hold a task,
    /// and every front matter with the YAML parser (the same output, slower: a check of
    /// the fast paths).
    #[arg(long, global = true)]
    pub exact_parser: bool,
    /// When to colour output (NO_COLOR in the environment turns `auto` off).
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
}

impl GlobalArgs {
    /// The first global option given, as typed (`--today`), if any: for the commands that
    /// read no vault, where they would do nothing.
    pub fn first_given(&self) -> Option<&'static str> {
        [
            (self.today.is_some(), "--today"),
            (self.config.is_some(), "--config"),
            (self.no_config, "--no-config"),
            (self.no_cache, "--no-cache"),
            (self.exact_parser, "--exact-parser"),
            (self.color != ColorWhen::Auto, "--color"),
        ]
        .into_iter()
        .find_map(|(given, name)| given.then_some(name))
    }
}

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List tasks, filtered, as a table, JSON, NDJSON or Markdown.
    List(ListArgs),
    /// Write the daily digest: what to do, schedule, delegate and drop, and why.
    Digest(DigestArgs),
    /// Show the Eisenhower matrix: counts and top tasks per quadrant.
    Matrix(MatrixArgs),
    /// Fix task files in place: done dates, recurrences, follow-ups, archiving.
    Fix(FixArgs),
    /// Lint the vault: bad front matter, invalid values, unknown statuses, duplicate ids…
    Check(CheckArgs),
    /// Keep the digest (and, with --fix, the fixes) current while you edit; Ctrl-C stops.
    Watch(WatchArgs),
    /// Write an iCalendar file of dated open tasks and follow-ups, for calendar apps.
    Calendar(CalendarArgs),
    /// Mark tasks done (or cancelled) by PATH:LINE[#HASH] or id, as `ike fix` closes them.
    Done(DoneArgs),
    /// Write one person's open delegated tasks as a message to send them.
    Brief(BriefArgs),
    /// Run an Obsidian Tasks query (`not done`, `due before tomorrow`, `group by folder`…)
    /// over the vault, or every `tasks` code block of its notes with --blocks.
    Query(QueryArgs),
    /// Print a shell completion script.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print ike's man page (roff) to stdout, or write every command's page into a folder.
    Man(ManArgs),
}

/// `ike man`.
#[derive(Debug, Clone, Args)]
pub struct ManArgs {
    /// Write ike.1, ike-list.1, ike-digest.1, … into DIR (created when missing) instead of
    /// printing ike.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<std::path::PathBuf>,
}

/// The folder to scan.
#[derive(Debug, Clone, Args)]
pub struct RootArg {
    /// The folder to scan (default: the current directory).
    #[arg(value_name = "ROOT")]
    pub root: Option<PathBuf>,
}

/// `ike list`.
#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    /// The folder to scan.
    #[command(flatten)]
    pub root: RootArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Show why each task is urgent, important, delegated… (one line per reason).
    #[arg(long)]
    pub explain: bool,
    /// Which tasks.
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// The task filters of `ike list` and `ike calendar`.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Only open tasks in this quadrant (repeat or comma-separate).
    #[arg(long, value_delimiter = ',', value_name = "QUADRANT", value_parser = ["do", "schedule", "delegate", "eliminate"])]
    pub quadrant: Vec<String>,
    /// Only tasks with this status (repeat or comma-separate): todo, in_progress (or
    /// in-progress), done, cancelled, or a status .ike.yaml names; others are an error.
    #[arg(long, value_delimiter = ',', value_name = "STATUS")]
    pub status: Vec<String>,
    /// Only tasks with this tag (without `#`; repeat for any of several).
    #[arg(long, value_delimiter = ',', value_name = "TAG")]
    pub tag: Vec<String>,
    /// Only tasks assigned to NAME (`me` is you).
    #[arg(long, value_name = "NAME")]
    pub assignee: Option<String>,
    /// Only tasks that mention NAME besides their assignee (`Email @bob and @carla`).
    #[arg(long, value_name = "NAME")]
    pub mention: Option<String>,
    /// Only tasks with this GTD context (`phone` for `@phone`).
    #[arg(long, value_name = "CONTEXT")]
    pub context: Option<String>,
    /// Only blocked tasks: open, and waiting (`⛔ id`) for a task that is still open.
    #[arg(long)]
    pub blocked: bool,
    /// Only blocking tasks: open, and an open task waits for them.
    #[arg(long)]
    pub blocking: bool,
    /// Only tasks of PROJECT (the `project` of their note's front matter; any case).
    #[arg(long, value_name = "PROJECT")]
    pub project: Option<String>,
    /// Only tasks of this effort kind.
    #[arg(long, value_name = "KIND", value_parser = ["production", "non-production", "value", "non-value"])]
    pub effort: Option<String>,
    /// Only open tasks due before today.
    #[arg(long)]
    pub overdue: bool,
    /// Only tasks due before DATE.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub due_before: Option<NaiveDate>,
    /// Only tasks in files matching GLOB, or in a folder matching it (root-relative, e.g.
    /// `daily` or `projects/**/*.md`).
    #[arg(long, value_name = "GLOB")]
    pub path: Option<String>,
    /// Only routine work to hand off or automate: own, open, non-production, not important.
    #[arg(long)]
    pub routine: bool,
    /// Only the tasks the digest lists in SECTION (on `--today`'s date).
    #[arg(long, value_name = "SECTION", value_parser = ["do", "schedule", "delegate", "eliminate", "waiting-on", "blocked", "value", "hand-off", "done-recently"])]
    pub section: Option<String>,
}

/// `ike list --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for reading.
    Table,
    /// One JSON object: `{"today", "tasks", "problems"}`.
    Json,
    /// One JSON task object per line.
    Ndjson,
    /// A Markdown list (status words, no checkboxes) with links to the sources.
    Md,
}

/// `ike digest`.
#[derive(Debug, Clone, Args)]
pub struct DigestArgs {
    /// The folder to scan.
    #[command(flatten)]
    pub root: RootArg,
    /// Write to FILE instead of stdout (`{date}` expands to the run's date). Default: the
    /// config's `digest.out`, relative to the vault root.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DigestFormat::Md)]
    pub format: DigestFormat,
    /// Write nothing; exit 1 and print a diff when the file on disk differs.
    #[arg(long)]
    pub check: bool,
    /// Do not say on stderr which file was written or created.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `ike watch`.
#[derive(Debug, Clone, Args)]
pub struct WatchArgs {
    /// The folder to scan.
    #[command(flatten)]
    pub root: RootArg,
    /// The digest file to keep current (`{date}` expands to the day's date). Default: the
    /// config's `digest.out`, relative to the vault root, else digests/{date}.md there.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The digest's format (`--format html`: default file ROOT/digests/{date}.html).
    #[arg(long, value_enum, default_value_t = DigestFormat::Md)]
    pub format: DigestFormat,
    /// Also keep an iCalendar file current (as `ike calendar --out FILE` writes it).
    #[arg(long, value_name = "FILE.ics")]
    pub calendar: Option<PathBuf>,
    /// Also apply `ike fix` to every file that changes (guarded as `ike fix` is).
    #[arg(long)]
    pub fix: bool,
    /// Look for changes every INTERVAL (e.g. 2s, 500ms; default 2s) instead of waiting for
    /// file-system events: for network drives, and when the inotify limit is reached.
    #[arg(long, value_name = "INTERVAL", num_args = 0..=1, default_missing_value = "2s", value_parser = parse_interval)]
    pub poll: Option<Duration>,
    /// The debounce window in milliseconds (for measurements).
    #[arg(long, value_name = "MS", default_value_t = 200, hide = true)]
    pub debounce_ms: u64,
}

/// `ike digest --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DigestFormat {
    /// Markdown, meant to be committed.
    Md,
    /// The same content as JSON.
    Json,
    /// One self-contained web page: the matrix as a 2×2 grid, light and dark.
    Html,
}

/// `ike calendar`.
#[derive(Debug, Clone, Args)]
pub struct CalendarArgs {
    /// The folder to scan.
    #[command(flatten)]
    pub root: RootArg,
    /// Write to FILE (e.g. tasks.ics) instead of stdout; relative to the working directory.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Write nothing; exit 1 and print a diff when the file on disk differs.
    #[arg(long, requires = "out")]
    pub check: bool,
    /// Which tasks.
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// `ike query`.
#[derive(Debug, Clone, Args)]
pub struct QueryArgs {
    /// The folder to scan (when the first argument is a folder), then the query's lines,
    /// one argument a line (`-` reads the query from stdin). With --blocks: the notes whose
    /// `tasks` code blocks to run (default: every note).
    #[arg(value_name = "ROOT|LINE")]
    pub args: Vec<String>,
    /// Read the query from FILE (a text file of query lines).
    #[arg(long, value_name = "FILE", conflicts_with = "blocks")]
    pub file: Option<PathBuf>,
    /// Run the `tasks` code blocks written in the vault's notes, each with its location.
    #[arg(long)]
    pub blocks: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
    pub format: QueryFormat,
}

/// `ike query --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// Group headings and aligned columns for reading.
    Table,
    /// Group headings and a Markdown list with links (no checkboxes).
    Md,
    /// One JSON object: `{"today", "query", "total", "groups", "problems"}`.
    Json,
    /// One JSON task object per line, with its group names.
    Ndjson,
}

/// `ike brief`.
#[derive(Debug, Clone, Args)]
pub struct BriefArgs {
    /// The person (an assignee, `@` optional, any case).
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The folder to scan.
    #[command(flatten)]
    pub root: RootArg,
    /// Write to FILE instead of stdout (`{date}` expands to the run's date).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = BriefFormat::Md)]
    pub format: BriefFormat,
}

/// `ike brief --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BriefFormat {
    /// A Markdown message.
    Md,
    /// The same content as JSON.
    Json,
}

/// `ike matrix`.
#[derive(Debug, Clone, Args)]
pub struct MatrixArgs {
    /// The folder to scan.
    #[command(flatten)]
    pub root: RootArg,
    /// Tasks shown per quadrant (0: as many as the digest lists, `digest.max_items`).
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub limit: usize,
}

/// `ike fix`.
#[derive(Debug, Clone, Args)]
pub struct FixArgs {
    /// The folder to scan.
    #[command(flatten)]
    pub root: RootArg,
    /// Print a unified diff of what would change; write nothing.
    #[arg(long, conflicts_with = "check")]
    pub dry_run: bool,
    /// Write nothing; exit 1 when anything would change.
    #[arg(long)]
    pub check: bool,
    /// How problems (and, with --check, the files that would change) are reported.
    #[arg(long, value_enum, default_value_t = FixFormat::Text)]
    pub format: FixFormat,
}

/// `ike fix --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FixFormat {
    /// `path:line:col: severity: message` lines.
    Text,
    /// GitHub Actions workflow commands (annotations on a pull request), on stdout.
    Github,
}

/// `ike check`.
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// The folder to scan.
    #[command(flatten)]
    pub root: RootArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// `ike check --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Each problem with its source line, then a count.
    Text,
    /// One JSON object: `{"files", "errors", "warnings", "problems"}`.
    Json,
    /// GitHub Actions workflow commands (annotations on a pull request).
    Github,
}

/// `ike done`.
#[derive(Debug, Clone, Args)]
pub struct DoneArgs {
    /// The tasks: `PATH:LINE`, or `PATH:LINE#HASH` as `ike list` prints it (refused if the
    /// task's text changed since), or a task id (`🆔`, `[id:: ]`).
    #[arg(value_name = "TASK", required = true)]
    pub tasks: Vec<String>,
    /// The folder of the notes; PATHs are relative to it (default: the current directory).
    #[arg(long, value_name = "ROOT")]
    pub root: Option<PathBuf>,
    /// Mark the tasks cancelled (`[-]`, cancelled date) instead of done.
    #[arg(long)]
    pub cancel: bool,
    /// Print a unified diff of what would change; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Parse a strict `YYYY-MM-DD` date argument.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::parse::value::date(s)
}

/// Parse a `--poll` interval: `2s`, `500ms`, `1m`, or a number of seconds.
pub fn parse_interval(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let bad = || {
        format!(
            "invalid interval `{text}`: write e.g. 2s, 500ms or 1m (and put ROOT before --poll)"
        )
    };
    let n: u64 = number.parse().map_err(|_| bad())?;
    let interval = match unit.trim() {
        "" | "s" => Duration::from_secs(n),
        "ms" => Duration::from_millis(n),
        "m" | "min" => Duration::from_secs(n.saturating_mul(60)),
        _ => return Err(bad()),
    };
    if interval.is_zero() {
        return Err(bad());
    }
    Ok(interval)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        let rows = [
            ("2s", Some(Duration::from_secs(2))),
            ("500ms", Some(Duration::from_millis(500))),
            ("1m", Some(Duration::from_secs(60))),
            ("3", Some(Duration::from_secs(3))),
            ("0", None),
            ("notes", None),
            ("2h", None),
            ("", None),
        ];
        for (text, want) in rows {
            assert_eq!(parse_interval(text).ok(), want, "{text}");
        }
    }
}
