//! How a command loads the vault: a [`Request`] of the vault stage built from the
//! settings, through the persistent cache unless `--no-cache` or `cache: false`, with
//! the settings' own problems added to discovery's. A scan that takes over a second
//! shows a progress line on stderr when asked and stderr is a terminal. A cache that
//! cannot be written costs a one-line warning (once per run), never the run.

use crate::model::{Document, Vault};
use crate::problem::Problem;
use crate::progress::Progress;
use crate::settings::Settings;
use crate::vault::{CacheError, DiscoverOptions, Memo, Request, Skim, Store};
use std::sync::atomic::{AtomicBool, Ordering};

pub(super) use crate::vault::Detail;

/// One load of the vault of a command's settings.
pub(super) struct Load<'s> {
    settings: &'s Settings,
    discover: &'s DiscoverOptions,
    store: Option<Store>,
    detail: Detail,
    skim: Option<&'s dyn Skim>,
    progress: Progress,
}

impl<'s> Load<'s> {
    /// The vault of `settings`, its notes found with `discover`; no progress line.
    pub(super) fn new(settings: &'s Settings, discover: &'s DiscoverOptions) -> Self {
        Self {
            settings,
            discover,
            store: settings.cache.then(|| settings.cache_store()),
            detail: Detail::Full,
            skim: None,
            progress: Progress::none(),
        }
    }

    /// Show the progress line when stderr is a terminal, unless the command writes JSON
    /// (`json_output`: scripts read those runs).
    pub(super) fn with_progress(self, json_output: bool) -> Self {
        use std::io::IsTerminal;
        let progress = if !json_output && std::io::stderr().is_terminal() {
            Progress::on_stderr()
        } else {
            Progress::none()
        };
        Self { progress, ..self }
    }

    /// Decode cached documents to `detail`.
    pub(super) fn with_detail(self, detail: Detail) -> Self {
        Self { detail, ..self }
    }

    /// Decode only the cached tasks `skim` wants in full (see [`Skim`]).
    pub(super) fn with_skim(self, skim: Option<&'s dyn Skim>) -> Self {
        Self { skim, ..self }
    }

    fn request(&self) -> Request<'_> {
        let request = Request::new(&self.settings.root, self.discover, &self.settings.parse)
            .with_cache(self.store.as_ref(), std::time::SystemTime::now())
            .with_detail(self.detail)
            .with_progress(&self.progress);
        match self.skim {
            Some(skim) => request.with_skim(skim),
            None => request,
        }
    }

    /// Every document.
    pub(super) fn all(self) -> Vault {
        let (documents, problems) = self.map(&|d| d);
        Vault {
            documents,
            problems,
        }
    }

    /// Each document turned into a `T` as soon as it is read (see
    /// [`Request::map`]), and discovery's and the settings' problems.
    pub(super) fn map<T: Send>(
        self,
        map: &(dyn Fn(Document) -> T + Sync),
    ) -> (Vec<T>, Vec<Problem>) {
        self.map_memo(None, map)
    }

    /// [`Load::map`], the values kept in the cache beside the documents by `memo` (see
    /// [`crate::vault::Memo`]).
    pub(super) fn map_memo<T: Send>(
        self,
        memo: Option<&dyn Memo<T>>,
        map: &(dyn Fn(Document) -> T + Sync),
    ) -> (Vec<T>, Vec<Problem>) {
        let request = self.request();
        let loaded = match memo {
            Some(memo) => request.map_memo(memo, map),
            None => request.map(map),
        };
        // Erase the line before anything else is printed on stderr.
        self.progress.finish();
        warn_once(loaded.write_error);
        let mut problems = loaded.problems;
        problems.extend(self.settings.problems.iter().cloned());
        (loaded.items, problems)
    }

    /// The mapped documents handed to `each` in path order, batch after batch (see
    /// [`Request::stream`]); returns discovery's and the settings' problems. `each`'s
    /// first error stops the scan and is returned.
    pub(super) fn stream<T: Send>(
        self,
        map: &(dyn Fn(Document) -> T + Sync),
        each: &mut dyn FnMut(Vec<T>) -> anyhow::Result<()>,
    ) -> anyhow::Result<Vec<Problem>> {
        self.stream_in(crate::vault::BATCH, map, each)
    }

    /// [`Load::stream`] in batches of `batch` files (a batch re-reads the cache's shards
    /// it touches: fewer, larger batches cost less time and more memory).
    pub(super) fn stream_in<T: Send>(
        self,
        batch: usize,
        map: &(dyn Fn(Document) -> T + Sync),
        each: &mut dyn FnMut(Vec<T>) -> anyhow::Result<()>,
    ) -> anyhow::Result<Vec<Problem>> {
        let streamed = self.request().stream(batch, map, each)?;
        self.progress.finish();
        warn_once(streamed.write_error);
        let mut problems = streamed.problems;
        problems.extend(self.settings.problems.iter().cloned());
        Ok(problems)
    }
}

/// Warn that the cache cannot be written; a run that loads twice (blocked tasks need
/// every id first) warns once.
fn warn_once(err: Option<CacheError>) {
    static WARNED: AtomicBool = AtomicBool::new(false);
    if let Some(err) = err.filter(|_| !WARNED.swap(true, Ordering::Relaxed)) {
        eprintln!(
            "ike: warning: cannot write the cache ({}); use --no-cache or `cache: false` in .ike.yaml to skip it",
            crate::escape::display(&err.to_string())
        );
    }
}
