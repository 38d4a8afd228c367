//! The `ike` binary: parse arguments, read the environment once, run the library, exit.

use clap::Parser;
use std::io::IsTerminal;

/// mimalloc instead of the system allocator: a vault is millions of small allocations
/// made and freed across threads (see docs/decisions/0003-cache.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = ike::cli::args::Cli::parse();
    let env = ike::settings::Environment {
        local_today: chrono::Local::now().date_naive(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        stdout_is_terminal: std::io::stdout().is_terminal(),
    };
    ike::cli::run(cli, env).into()
}
