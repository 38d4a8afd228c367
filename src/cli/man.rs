//! `ike man`: man pages made from the command-line definition, one per command (`ike.1`,
//! `ike-list.1`, …), each with every option and the exit codes in their own section.

use super::args::{Cli, EXIT_CODES};
use clap::CommandFactory;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Every page: (file name, roff text). The first is `ike.1`.
pub(super) fn pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = vec![page(&cmd)?];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages.push(page(sub)?);
    }
    Ok(pages)
}

/// One command's page: clap_mangen's sections, with the exit codes as EXIT STATUS
/// instead of the "EXTRA" section it would make of the help's epilogue.
fn page(cmd: &clap::Command) -> std::io::Result<(String, Vec<u8>)> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out)?;
    }
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut out)?;
    }
    exit_status(&mut out)?;
    man.render_version_section(&mut out)?;
    Ok((man.get_filename(), out))
}

/// The exit codes, one tagged paragraph each.
fn exit_status(out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, ".SH \"EXIT STATUS\"")?;
    for line in EXIT_CODES.lines().skip(1) {
        let (code, meaning) = line.trim().split_once(' ').unwrap_or((line.trim(), ""));
        writeln!(
            out,
            ".TP\n\\fB{}\\fR\n{}",
            roff_text(code),
            roff_text(meaning.trim())
        )?;
    }
    Ok(())
}

/// Text safe in a roff line: backslashes and hyphens escaped, no leading control dot.
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// Write every page into `dir` (created when missing); returns the files written.
pub(super) fn write_all(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    use anyhow::Context;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut written = Vec::new();
    for (name, text) in pages()? {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_per_command_with_its_options_and_exit_status() {
        let pages = pages().expect("pages");
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[0], "ike.1");
        for want in [
            "ike-list.1",
            "ike-digest.1",
            "ike-matrix.1",
            "ike-fix.1",
            "ike-check.1",
        ] {
            assert!(names.contains(&want), "{names:?}");
        }
        let list = String::from_utf8(
            pages[1..]
                .iter()
                .find(|(n, _)| n == "ike-list.1")
                .unwrap()
                .1
                .clone(),
        )
        .unwrap();
        assert!(list.contains("\\-\\-quadrant"), "{list}");
        assert!(list.contains(".SH \"EXIT STATUS\""), "{list}");
        assert!(!list.contains("EXTRA"), "{list}");
    }

    #[test]
    fn roff_text_is_escaped() {
        assert_eq!(roff_text("a-b"), "a\\-b");
        assert_eq!(roff_text(".x"), "\\&.x");
        assert_eq!(roff_text("a\\b"), "a\\eb");
    }
}
