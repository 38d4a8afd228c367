//! The exit-code contract: 0 success, 1 something found, 2 usage or fatal error.

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// Everything went as asked (problems in single files included).
    Success = 0,
    /// `check` found an error, or `--check` found a difference.
    Found = 1,
    /// Bad usage or a fatal error (unreadable root, invalid config).
    Error = 2,
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(code: ExitCode) -> Self {
        std::process::ExitCode::from(code as u8)
    }
}
