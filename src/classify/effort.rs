//! The effort rule: explicit effort, else the first of the task's tags that the
//! effort map knows, else production.

use super::ClassifySettings;
use crate::model::{Effort, Metadata};

/// The task's effort kind, and the tag that decided it, if one did.
pub(super) fn resolve<'m>(meta: &'m Metadata, s: &ClassifySettings) -> (Effort, Option<&'m str>) {
    if let Some(effort) = meta.effort {
        return (effort, None);
    }
    // The task's own tags come first in `meta.tags`, so its own tag beats its file's.
    meta.tags
        .iter()
        .find_map(|tag| {
            s.effort_for_tag(tag)
                .map(|effort| (effort, Some(tag.as_str())))
        })
        .unwrap_or((Effort::Production, None))
}
