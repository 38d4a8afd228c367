//! The `ike` binary: parse arguments, read the environment once, run the library, exit.

use clap::Parser;
use std::io::IsTerminal;

/// mimalloc instead of the system allocator: a vault is millions of small allocations
/// made and freed across threads (see docs/decisions/0003-cache.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = ike::cli::args::Cli::parse();
    let env = ike::cli::Environment {
        local_today: chrono::Local::now().date_naive(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        stdout_is_terminal: std::io::stdout().is_terminal(),
        terminal_width: terminal_width(),
    };
    ike::cli::run(cli, env).into()
}

/// `COLUMNS` when set to a number, else the width of the terminal on stdout.
fn terminal_width() -> Option<usize> {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok());
    columns.filter(|&c: &usize| c > 0).or_else(window_width)
}

#[cfg(unix)]
fn window_width() -> Option<usize> {
    let stdout = std::io::stdout();
    if !stdout.is_terminal() {
        return None;
    }
    let size = rustix::termios::tcgetwinsize(&stdout).ok()?;
    Some(usize::from(size.ws_col)).filter(|&c| c > 0)
}

#[cfg(not(unix))]
fn window_width() -> Option<usize> {
    None
}
