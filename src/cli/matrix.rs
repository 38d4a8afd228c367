//! `ike matrix`: the 2×2 Eisenhower grid on the terminal, 80 columns wide.

use super::args::MatrixArgs;
use super::sink::Sink;
use crate::exit_code::ExitCode;
use crate::settings::Settings;

/// Width the grid is drawn for.
const WIDTH: usize = 80;

pub fn run(settings: &Settings, _args: &MatrixArgs, out: &mut Sink) -> anyhow::Result<ExitCode> {
    let sheets = super::scan_sheets(settings, &settings.discover, false);
    let digest = crate::digest::build_sheets(
        &sheets,
        settings.today,
        &settings.classify,
        &settings.digest,
    );
    out.write_str(&crate::digest::render_matrix(
        &digest,
        settings.color,
        WIDTH,
    ))?;
    drop(digest);
    super::forget(sheets);
    Ok(ExitCode::Success)
}
