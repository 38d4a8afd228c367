//! Which details a digest's task line shows: one choice per list, made by the section
//! and read by both renderers (`markdown` and `html`), so that a list shows the same
//! details on the page as in the note.

use super::Entry;

/// Which details a task line shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Show {
    /// Due, scheduled and start dates; the assignee when delegated.
    Plan,
    /// Due and follow-up dates (or the next check-in).
    FollowUp,
    /// The quadrant, impact, estimate and leverage, then the due date.
    Leverage,
    /// The done date.
    Done,
    /// The estimate, then the due date.
    Estimate,
}

impl Show {
    /// The details of an entry of a section that holds open and closed tasks alike (a
    /// query section): its plan while it is open (it has a quadrant), else its done date.
    pub(super) fn plan_or_done(e: &Entry<'_>) -> Show {
        if e.quadrant.is_some() {
            Show::Plan
        } else {
            Show::Done
        }
    }
}
