//! `ike matrix`: the 2×2 Eisenhower grid, as wide as the terminal.

use super::args::MatrixArgs;
use super::sink::Sink;
use crate::exit_code::ExitCode;
use crate::settings::Settings;

/// Width the grid is drawn for when the terminal's is not known (a file, a pipe).
const WIDTH: usize = 80;
/// Widest grid drawn: wider cells only hold longer lines, which read worse.
const MAX_WIDTH: usize = 160;

pub(super) fn run(
    settings: &Settings,
    args: &MatrixArgs,
    width: Option<usize>,
    out: &mut Sink,
) -> anyhow::Result<ExitCode> {
    let width = width.unwrap_or(WIDTH).min(MAX_WIDTH);
    // The grid is drawn from the digest's lists alone: the sheets may be trimmed to what
    // they can show, as the digest's are (decisions 0067, 0070).
    let sheets = super::scan_sheets(
        settings,
        &settings.discover,
        false,
        settings.digest.max_items,
    );
    let digest = crate::digest::build_sheets(
        &sheets,
        settings.today,
        &settings.classify,
        &settings.digest,
    );
    out.write_str(&crate::digest::render_matrix(
        &digest,
        settings.color,
        width,
        args.limit,
    ))?;
    drop(digest);
    super::forget(sheets);
    Ok(ExitCode::Success)
}
