//! The `ike` binary: parse arguments, read the environment once, run the library, exit.

use clap::Parser;
use std::io::IsTerminal;

/// mimalloc instead of the system allocator: a vault is millions of small allocations
/// made and freed across threads (see docs/decisions/0003-cache.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// mimalloc's own switch, in the library the `mimalloc` crate links (its `extended`
// bindings would add a crate for this one call).
unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    #[cfg(test)]
    fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
}

/// `mi_option_purge_delay` in mimalloc v2's `mi_option_t`: how long freed memory is kept
/// before it is returned (10 ms by default).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// Return freed memory to the system at once: switched on when a scan meets a huge note
/// (`ike::vault::on_huge_note`; decision 0071).
fn purge_at_once() {
    // SAFETY: `mi_option_set` takes any option and value; it stores the value in an
    // atomic that the allocator reads when it next returns memory.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 0) }
}

fn main() -> std::process::ExitCode {
    let cli = ike::cli::args::Cli::parse();
    ike::vault::on_huge_note(purge_at_once);
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

#[cfg(test)]
mod tests {
    /// The option number names the purge delay in the mimalloc this binary links: its
    /// default is 10 ms (or what `MIMALLOC_PURGE_DELAY` sets), a value no neighbouring
    /// option has, so an upgrade that renumbers the options fails here instead of setting
    /// another option.
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        let want = std::env::var("MIMALLOC_PURGE_DELAY")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(10);
        // SAFETY: `mi_option_get` reads an option's value; any option number is accepted.
        let got = unsafe { super::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(got, want);
    }
}
