//! Build the digest: classify every task once, sort it into the sections, count, nudge.

use super::{Counts, Digest, DigestSettings, Entry, effort_balance, nudge, vital_few, waiting_on};
use crate::classify::{ClassifySettings, Quadrant, classify};
use crate::model::{Document, Effort, Status};
use chrono::NaiveDate;

/// The digest of `docs` on `today`.
pub fn build(
    docs: &[Document],
    today: NaiveDate,
    cs: &ClassifySettings,
    ds: &DigestSettings,
) -> Digest {
    let yesterday = today.pred_opt().unwrap_or(today);
    let mut counts = Counts::default();
    let (mut r#do, mut schedule, mut delegate, mut eliminate): (
        Vec<Entry>,
        Vec<_>,
        Vec<_>,
        Vec<_>,
    ) = Default::default();
    let mut open = Vec::new();
    let mut own_open = Vec::new();
    let mut delegated = Vec::new();
    let mut done_recently = Vec::new();

    for doc in docs {
        for task in &doc.tasks {
            counts.tasks += 1;
            let c = classify(task, today, cs);
            if task.status == Status::Done {
                counts.done += 1;
                if task.meta.done.is_some_and(|d| d == yesterday || d == today) {
                    done_recently.push(Entry::new(&doc.path, task, &c));
                }
            }
            let Some(quadrant) = c.quadrant else { continue };
            counts.open += 1;
            counts.urgent += usize::from(c.urgent);
            counts.overdue += usize::from(task.meta.due.is_some_and(|d| d < today));
            let entry = Entry::new(&doc.path, task, &c);
            if c.delegated {
                counts.followups_due += usize::from(c.followup_due);
                counts.missing_followups += usize::from(task.meta.followup.is_none());
                delegated.push(entry.clone());
            } else {
                own_open.push(entry.clone());
                if c.startable {
                    let list = match quadrant {
                        Quadrant::Do => &mut r#do,
                        Quadrant::Schedule => &mut schedule,
                        Quadrant::Delegate => &mut delegate,
                        Quadrant::Eliminate => &mut eliminate,
                    };
                    list.push(entry.clone());
                } else {
                    counts.not_startable += 1;
                }
            }
            open.push(entry);
        }
    }

    for list in [&mut r#do, &mut schedule, &mut delegate, &mut eliminate] {
        list.sort_by(Entry::by_urgency);
    }
    counts.r#do = r#do.len();
    counts.schedule = schedule.len();
    counts.delegate = delegate.len();
    counts.eliminate = eliminate.len();
    counts.waiting_on = delegated.len();

    let mut value: Vec<Entry> = open
        .iter()
        .filter(|e| e.effort == Effort::Value)
        .cloned()
        .collect();
    value.sort_by(Entry::by_urgency);
    let effort_balance = effort_balance::balance(&open);
    let waiting_on = waiting_on::group(delegated);
    let vital_few = vital_few::select(own_open, ds.vital_few_share);
    done_recently.sort_by(|a, b| a.done.cmp(&b.done).then_with(|| a.by_place(b)));
    counts.done_recently = done_recently.len();

    counts.value = value.len();
    let mut waiting_on = waiting_on;
    let mut vital_few = vital_few;

    let nudges = nudge::nudges(&nudge::Inputs {
        counts: &counts,
        open_value_tasks: value.len(),
        waiting_on: &waiting_on,
        max_do: ds.max_do_warning,
        classify: cs,
    });

    // A daily digest is read, not searched: long lists are cut after sorting (their
    // counts stay whole) and the renderers point to `ike list` for the rest.
    if ds.max_items > 0 {
        let lists = [
            &mut r#do,
            &mut schedule,
            &mut delegate,
            &mut eliminate,
            &mut value,
            &mut done_recently,
        ];
        for list in lists {
            list.truncate(ds.max_items);
        }
        vital_few.tasks.truncate(ds.max_items);
        for person in &mut waiting_on {
            person.tasks.truncate(ds.max_items);
        }
    }

    Digest {
        date: today,
        sections: ds.sections,
        counts,
        r#do,
        schedule,
        delegate,
        eliminate,
        waiting_on,
        vital_few,
        value,
        effort_balance,
        nudges,
        done_recently,
    }
}
