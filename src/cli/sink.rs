//! Buffered stdout that treats a closed pipe (`ike list | head -1`) as a clean end.

use std::io::{self, BufWriter, Stdout, Write};

/// Where command output goes.
pub(crate) struct Sink {
    inner: BufWriter<Stdout>,
}

impl Sink {
    /// Buffered standard output.
    pub(crate) fn stdout() -> Self {
        Self {
            inner: BufWriter::with_capacity(64 * 1024, io::stdout()),
        }
    }

    /// Write text.
    pub(crate) fn write_str(&mut self, s: &str) -> anyhow::Result<()> {
        self.write_bytes(s.as_bytes())
    }

    /// Write bytes.
    pub(crate) fn write_bytes(&mut self, b: &[u8]) -> anyhow::Result<()> {
        self.inner.write_all(b)?;
        Ok(())
    }

    /// The buffered writer itself, for output written as it is produced.
    pub(crate) fn writer(&mut self) -> &mut dyn Write {
        &mut self.inner
    }

    /// Flush everything written.
    pub(crate) fn flush(&mut self) -> anyhow::Result<()> {
        self.inner.flush()?;
        Ok(())
    }
}

/// True when the error is a closed pipe on stdout.
pub(super) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}
