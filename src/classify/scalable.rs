//! Scalable value work: a value task marked scalable (`scalable:: true`, or the scalable
//! tag) matters most. It comes first in Value work, and its leverage counts
//! `scalable_factor` times in the vital few (docs/classification.md).

use super::ClassifySettings;
use super::classification::Reasons;
use super::settings::has_tag;
use crate::model::{Effort, Metadata};

/// Whether the task is scalable value work, adding the reason to `reasons`. A mark on a
/// task that is not value work has no effect (and the reason says so).
pub(super) fn decide(
    meta: &Metadata,
    effort: Effort,
    s: &ClassifySettings,
    reasons: &mut Reasons,
) -> bool {
    let tag = s.scalable_tag.trim_start_matches('#');
    let marked = match meta.scalable {
        Some(explicit) => explicit,
        None => !tag.is_empty() && has_tag(&meta.tags, tag),
    };
    if !marked {
        return false;
    }
    let how = || match meta.scalable {
        Some(_) => "scalable:: true".to_owned(),
        None => format!("#{tag}"),
    };
    if effort != Effort::Value {
        reasons.push(|| format!("{}: not value work, so not scalable value work", how()));
        return false;
    }
    reasons.push(|| format!("{}: scalable value work", how()));
    true
}

/// The leverage the vital few rank by: `leverage` times the scalable factor for scalable
/// value work (a factor that is not a positive finite number counts as 1), with the
/// reason.
pub(super) fn vital_leverage(
    leverage: f64,
    scalable: bool,
    s: &ClassifySettings,
    reasons: &mut Reasons,
) -> f64 {
    let factor = s.scalable_factor;
    if !scalable || !factor.is_finite() || factor <= 0.0 || factor == 1.0 {
        return leverage;
    }
    let weighted = super::round2(leverage * factor);
    reasons.push(|| {
        format!("scalable: leverage {leverage} counts ×{factor} in the vital few ({weighted})")
    });
    weighted
}
