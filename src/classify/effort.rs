//! The effort rule (§5): explicit effort, else the first of the task's tags that the
//! effort map knows, else production.

use super::ClassifySettings;
use crate::model::{Effort, Metadata};

/// The task's effort kind, and a reason when a tag decided it.
pub(super) fn resolve(meta: &Metadata, s: &ClassifySettings) -> (Effort, Option<String>) {
    if let Some(effort) = meta.effort {
        return (effort, None);
    }
    // The task's own tags come first in `meta.tags`, so its own tag beats its file's.
    meta.tags
        .iter()
        .find_map(|tag| {
            s.effort_for_tag(tag)
                .map(|effort| (effort, Some(format!("effort {effort} from #{tag}"))))
        })
        .unwrap_or((Effort::Production, None))
}
