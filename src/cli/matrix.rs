//! `ike matrix`: the 2×2 Eisenhower grid on the terminal, 80 columns wide.

use super::args::MatrixArgs;
use super::list::report;
use super::sink::Sink;
use crate::exit_code::ExitCode;
use crate::scan::scan;
use crate::settings::Settings;

/// Width the grid is drawn for.
const WIDTH: usize = 80;

pub fn run(settings: &Settings, _args: &MatrixArgs, out: &mut Sink) -> anyhow::Result<ExitCode> {
    let vault = scan(&settings.root, &settings.discover, &settings.parse);
    report(&vault.all_problems(), settings.color);
    let digest = crate::digest::build(
        &vault.documents,
        settings.today,
        &settings.classify,
        &settings.digest,
    );
    out.write_str(&crate::digest::render_matrix(
        &digest,
        settings.color,
        WIDTH,
    ))?;
    Ok(ExitCode::Success)
}
