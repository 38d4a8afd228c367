//! A digest [`Sheet`] kept in the cache beside its note's document (the vault stage's
//! `Memo`), so that a warm `ike digest` with the same settings takes each unchanged
//! note's sheet, moved to the run's day, instead of decoding the document and classifying
//! its tasks again (docs/performance.md, "Sheets kept in the cache" and "No daily
//! rebuild").
//!
//! A sheet depends on its document, on the classification settings and on the day; the
//! cache ties it to the document's content hash, [`SheetMemo::salt`] to the settings, and
//! the day is the decoder's: a sheet keeps the day it was made and what its rows need to
//! be moved to a later one ([`Sheet::redate`]), so it is written once, when its note
//! changes, and read on every later day. On an earlier day it does not decode, and the
//! note is classified again. Only sheets that need nothing from other notes are kept: a
//! note with a task that has an id or depends on one is classified again each run, with
//! the vault's dependency index.
//!
//! The layout is fixed-width little-endian numbers (no varints: a row is read with a few
//! loads), the sheet's texts once as one string. Decoding checks every length, range,
//! enum and date, and never panics: bytes that do not decode are `None`, and the note's
//! document is decoded instead. Every struct is destructured without `..`, so a field
//! added to a row or a sheet is a compile error here until it is kept.

use super::dated::Day;
use super::{Row, Sheet, SheetTask, StatusCode, Text, Undated, Unlisted, put_text as keep_text};
use crate::classify::{BriefGaps, ClassifySettings, Link, Quadrant};
use crate::model::{Cadence, CadenceUnit, Effort, Priority, Status, TextHash};
use crate::problem::{Problem, ProblemKind, Severity};
use crate::vault::Memo;
use chrono::{Datelike, NaiveDate};
use xxhash_rust::xxh3::Xxh3;

/// Bumped whenever the layout below changes.
const VERSION: u32 = 3;

/// The sheets of one scan on `today` with `classify`, as the cache keeps them.
pub struct SheetMemo<'a> {
    /// The digest's day: kept sheets are moved to it (it is not in the salt).
    pub today: NaiveDate,
    /// The classification settings.
    pub classify: &'a ClassifySettings,
}

impl Memo<(Sheet, Vec<Link>)> for SheetMemo<'_> {
    fn salt(&self) -> u64 {
        let mut h = Xxh3::new();
        h.update(&VERSION.to_le_bytes());
        // Every setting, in the order of its fields (maps are ordered).
        h.update(format!("{:?}", self.classify).as_bytes());
        h.digest()
    }

    fn encode(&self, value: &(Sheet, Vec<Link>), out: &mut Vec<u8>) -> bool {
        let (sheet, links) = value;
        if !links.is_empty() || !sheet.linked.is_empty() {
            return false;
        }
        let mark = out.len();
        let ok = encode(sheet, out);
        if !ok {
            out.truncate(mark);
        }
        ok
    }

    fn decode(&self, path: &str, bytes: &[u8]) -> Option<(Sheet, Vec<Link>)> {
        let mut r = Reader { bytes, pos: 0 };
        let mut sheet = decode(path, &mut r)?;
        (r.pos == bytes.len()).then_some(())?;
        sheet.redate(self.today, self.classify)?;
        Some((sheet, Vec::new()))
    }
}

impl SheetMemo<'_> {
    /// How many rows the kept sheet `bytes` says it has (`None`: too short to say).
    pub(in crate::digest) fn rows_in(bytes: &[u8]) -> Option<usize> {
        let mut r = Reader { bytes, pos: 0 };
        r.date()?;
        usize::try_from(r.u32()?).ok()
    }

    /// [`Memo::decode`] of a sheet trimmed as it decodes: what [`Sheet::trim`] would leave
    /// of the decoded sheet, without ever holding the entries it frees (a note may hold a
    /// million tasks). Each row, once moved to the day, is asked of `own` (its sheet's
    /// lists that may show it: the sheet's own bars, which no other sheet sees); only
    /// once every byte has decoded are the rows it kept asked of `vault` with those lists,
    /// in order, so that bytes that do not decode leave the vault's bars as they were.
    /// The sheet is marked trimmed even when every entry stays.
    pub(in crate::digest) fn decode_trimmed(
        &self,
        path: &str,
        bytes: &[u8],
        own: &mut dyn FnMut(&Row) -> u16,
        vault: &mut dyn FnMut(&Row, u16) -> bool,
    ) -> Option<(Sheet, Vec<Link>)> {
        // A first reading checks every byte and finds the texts, which follow the rows.
        let mut r = Reader { bytes, pos: 0 };
        let made = r.date()??;
        if self.today < made {
            return None;
        }
        let n = usize::try_from(r.u32()?).ok()?;
        if n > bytes.len() {
            return None;
        }
        let first_row = r.pos;
        let mut named = Vec::new();
        for _ in 0..n {
            task(&mut r, &mut named)?;
        }
        let texts = r.str()?;
        let (unlisted, problem_count, problems) = tail(path, &mut r)?;
        (r.pos == bytes.len()).then_some(())?;
        // The second keeps every row and the entries `own` keeps.
        let mut r = Reader {
            bytes,
            pos: first_row,
        };
        let day = Day::new(self.today, self.classify);
        let mut rows: Vec<Row> = Vec::with_capacity(n);
        let mut kept = Vec::new();
        named.clear();
        for at in 0..n {
            let (mut row, task) = task(&mut r, &mut named)?;
            if rows.last().is_some_and(|last| last.task >= row.task) || !fits(texts, &task) {
                return None;
            }
            row.redate(&task.undated, task.scheduled, task.start, &day)?;
            let lists = own(&row);
            if lists != 0 {
                kept.push((u32::try_from(at).ok()?, lists, task));
            }
            rows.push(row);
        }
        let mut picked = Vec::new();
        let mut shown = Vec::new();
        let mut kept_texts = String::new();
        let text = |t: Text| texts.get(t.start as usize..t.start as usize + t.len as usize);
        for (at, lists, mut t) in kept {
            if !vault(&rows[at as usize], lists) {
                continue;
            }
            t.description = keep_text(&mut kept_texts, text(t.description)?);
            t.block_id = match t.block_id {
                Some(b) => Some(keep_text(&mut kept_texts, text(b)?)),
                None => None,
            };
            t.assignee = match t.assignee {
                Some(a) => Some(keep_text(&mut kept_texts, text(a)?)),
                None => None,
            };
            picked.push(at);
            shown.push(t);
        }
        let sheet = Sheet {
            path: path.into(),
            rows: rows.into(),
            shown: shown.into(),
            picked: Some(picked.into()),
            texts: kept_texts.into(),
            unlisted,
            dropped: None,
            problem_count,
            problems: problems.into(),
            named: named.into(),
            linked: Box::default(),
            made: self.today,
        };
        Some((sheet, Vec::new()))
    }
}

// ---------------------------------------------------------------------------------------
// Encoding

fn encode(sheet: &Sheet, out: &mut Vec<u8>) -> bool {
    let Sheet {
        path: _,
        rows,
        shown,
        picked,
        texts,
        unlisted,
        dropped,
        problem_count,
        problems,
        named,
        linked: _,
        made,
    } = sheet;
    if picked.is_some() || dropped.is_some() {
        // A trimmed sheet lacks entries: never kept.
        return false;
    }
    let (Ok(n), Ok(texts_len)) = (u32::try_from(rows.len()), u32::try_from(texts.len())) else {
        return false;
    };
    if shown.len() != rows.len() {
        return false;
    }
    put_date(out, Some(*made));
    put_u32(out, n);
    for (row, task) in rows.iter().zip(shown) {
        if !put_task(out, row, task, named) {
            return false;
        }
    }
    put_u32(out, texts_len);
    out.extend_from_slice(texts.as_bytes());
    let Unlisted { tasks, done } = *unlisted;
    put_u32(out, tasks);
    put_u32(out, done);
    put_u64(out, *problem_count as u64);
    out.push(problems.len().min(usize::from(u8::MAX)) as u8);
    for p in problems.iter().take(usize::from(u8::MAX)) {
        if !put_problem(out, p) {
            return false;
        }
    }
    true
}

fn put_task(out: &mut Vec<u8>, row: &Row, task: &SheetTask, named: &[Status]) -> bool {
    // The answers that depend on the day are not kept: a kept sheet is moved to the day
    // it is read on (`Sheet::redate`). The quadrant is, for whether the task is open and
    // important.
    let Row {
        task: index,
        line,
        urgency: _,
        leverage,
        due,
        done,
        followup,
        checkin,
        next_checkin: _,
        brief_gaps,
        vital_leverage,
        scalable,
        routine,
        estimate_minutes,
        impact,
        effort,
        quadrant,
        is_done,
        done_recently: _,
        urgent: _,
        overdue: _,
        startable: _,
        delegated,
        blocked,
        followup_due: _,
    } = *row;
    let SheetTask {
        line: task_line,
        description,
        hash,
        block_id,
        status,
        scheduled,
        start,
        assignee,
        waits,
        undated,
    } = task;
    // A blocked row's answers need the dependency index: it cannot be moved to a day.
    if waits.is_some() || blocked {
        return false;
    }
    let Undated {
        created,
        priority,
        urgent: says_urgent,
        tagged,
    } = *undated;
    put_u32(out, index);
    put_u32(out, line);
    put_u64(out, leverage.to_bits());
    put_u64(out, vital_leverage.to_bits());
    for date in [due, done, followup, *scheduled, *start, created] {
        put_date(out, date);
    }
    out.push(match priority {
        None => 0,
        Some(p) => match Priority::ALL.iter().position(|q| *q == p) {
            Some(at) => at as u8 + 1,
            None => return false,
        },
    });
    out.push(match says_urgent {
        None => 0,
        Some(false) => 1,
        Some(true) => 2,
    });
    match checkin {
        None => out.push(0),
        Some(c) => {
            let Some(unit) = CadenceUnit::ALL.iter().position(|u| *u == c.unit) else {
                return false;
            };
            out.push(unit as u8 + 1);
            out.extend_from_slice(&c.every.to_le_bytes());
        }
    }
    out.push(brief_gaps.bits());
    put_u32(out, estimate_minutes);
    out.push(impact);
    let Some(effort) = Effort::ALL.iter().position(|e| *e == effort) else {
        return false;
    };
    out.push(effort as u8);
    out.push(quadrant.map_or(0, |q| q.index() as u8 + 1));
    let flags = [scalable, routine, is_done, delegated, tagged];
    let bits = flags
        .iter()
        .enumerate()
        .fold(0u16, |all, (i, on)| all | (u16::from(*on) << i));
    out.extend_from_slice(&bits.to_le_bytes());
    put_u64(out, *task_line as u64);
    put_text(out, *description);
    put_u32(out, hash.to_bits());
    put_option_text(out, *block_id);
    put_option_text(out, *assignee);
    match status.get(named) {
        Status::Todo => out.push(0),
        Status::InProgress => out.push(1),
        Status::Done => out.push(2),
        Status::Cancelled => out.push(3),
        Status::Named(name) => {
            out.push(4);
            if !put_str(out, name) {
                return false;
            }
        }
    }
    true
}

fn put_problem(out: &mut Vec<u8>, p: &Problem) -> bool {
    let Problem {
        path: _,
        line,
        column,
        severity,
        kind,
        message,
    } = p;
    let Some(kind) = ProblemKind::ALL.iter().position(|k| k == kind) else {
        return false;
    };
    put_u64(out, *line as u64);
    put_u64(out, *column as u64);
    out.push(match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
    });
    out.push(kind as u8);
    put_str(out, message)
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// A date as days since the Common Era, `i32::MIN` for none.
fn put_date(out: &mut Vec<u8>, date: Option<NaiveDate>) {
    let days = date.map_or(i32::MIN, |d| d.num_days_from_ce());
    out.extend_from_slice(&days.to_le_bytes());
}

fn put_text(out: &mut Vec<u8>, t: Text) {
    put_u32(out, t.start);
    put_u32(out, t.len);
}

fn put_option_text(out: &mut Vec<u8>, t: Option<Text>) {
    match t {
        None => out.push(0),
        Some(t) => {
            out.push(1);
            put_text(out, t);
        }
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) -> bool {
    let Ok(n) = u32::try_from(s.len()) else {
        return false;
    };
    put_u32(out, n);
    out.extend_from_slice(s.as_bytes());
    true
}

// ---------------------------------------------------------------------------------------
// Decoding

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let slice = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(slice)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.array::<1>()?[0])
    }

    fn u16(&mut self) -> Option<u16> {
        self.array().map(u16::from_le_bytes)
    }

    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }

    fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }

    fn f64(&mut self) -> Option<f64> {
        self.u64().map(f64::from_bits)
    }

    /// A date, checked; the outer `None` when corrupt.
    fn date(&mut self) -> Option<Option<NaiveDate>> {
        match i32::from_le_bytes(self.array()?) {
            i32::MIN => Some(None),
            days => NaiveDate::from_num_days_from_ce_opt(days).map(Some),
        }
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = usize::try_from(self.u32()?).ok()?;
        std::str::from_utf8(self.take(n)?).ok()
    }

    fn text(&mut self) -> Option<Text> {
        Some(Text {
            start: self.u32()?,
            len: self.u32()?,
        })
    }

    fn option_text(&mut self) -> Option<Option<Text>> {
        match self.u8()? {
            0 => Some(None),
            1 => self.text().map(Some),
            _ => None,
        }
    }
}

fn decode(path: &str, r: &mut Reader<'_>) -> Option<Sheet> {
    let made = r.date()??;
    let n = usize::try_from(r.u32()?).ok()?;
    // Each row takes more than a byte: a corrupt count cannot make a huge allocation.
    if n > r.bytes.len() {
        return None;
    }
    let mut rows = Vec::with_capacity(n);
    let mut shown = Vec::with_capacity(n);
    let mut named = Vec::new();
    for _ in 0..n {
        let (row, task) = task(r, &mut named)?;
        // Rows are in task order (a sheet finds a row by its task).
        if rows.last().is_some_and(|last: &Row| last.task >= row.task) {
            return None;
        }
        rows.push(row);
        shown.push(task);
    }
    let texts: Box<str> = r.str()?.into();
    if !shown.iter().all(|t| fits(&texts, t)) {
        return None;
    }
    let (unlisted, problem_count, problems) = tail(path, r)?;
    Some(Sheet {
        path: path.into(),
        rows: rows.into(),
        shown: shown.into(),
        picked: None,
        texts,
        unlisted,
        dropped: None,
        problem_count,
        problems: problems.into(),
        named: named.into(),
        linked: Box::default(),
        made,
    })
}

/// Whether every text of `t` is a range of `texts`.
fn fits(texts: &str, t: &SheetTask) -> bool {
    let fits = |t: &Text| {
        let start = t.start as usize;
        texts.get(start..start + t.len as usize).is_some()
    };
    fits(&t.description) && t.block_id.iter().all(fits) && t.assignee.iter().all(fits)
}

/// What a sheet keeps after its texts: the rows it leaves out, how many problems the note
/// has and its first ones.
fn tail(path: &str, r: &mut Reader<'_>) -> Option<(Unlisted, usize, Vec<Problem>)> {
    let unlisted = Unlisted {
        tasks: r.u32()?,
        done: r.u32()?,
    };
    if unlisted.done > unlisted.tasks {
        return None;
    }
    let problem_count = r.usize()?;
    let kept = usize::from(r.u8()?);
    if kept != problem_count.min(Sheet::FIRST_PROBLEMS) {
        return None;
    }
    let mut problems = Vec::with_capacity(kept);
    for _ in 0..kept {
        problems.push(problem(path, r)?);
    }
    Some((unlisted, problem_count, problems))
}

// Inlined: called once per row from each decoder, it returns a row and an entry by value,
// which an outlined call copies (+3 % of a warm 10k digest's instructions).
#[inline(always)]
fn task(r: &mut Reader<'_>, named: &mut Vec<Status>) -> Option<(Row, SheetTask)> {
    let index = r.u32()?;
    let line = r.u32()?;
    let leverage = r.f64()?;
    let vital_leverage = r.f64()?;
    let due = r.date()?;
    let done = r.date()?;
    let followup = r.date()?;
    let scheduled = r.date()?;
    let start = r.date()?;
    let created = r.date()?;
    let priority = match r.u8()? {
        0 => None,
        p => Some(*Priority::ALL.get(usize::from(p) - 1)?),
    };
    let says_urgent = match r.u8()? {
        0 => None,
        1 => Some(false),
        2 => Some(true),
        _ => return None,
    };
    let checkin = match r.u8()? {
        0 => None,
        unit => {
            let unit = *CadenceUnit::ALL.get(usize::from(unit) - 1)?;
            Some(Cadence::new(r.u16()?, unit)?)
        }
    };
    let brief_gaps = BriefGaps::from_bits(r.u8()?)?;
    let estimate_minutes = r.u32()?;
    let impact = r.u8()?;
    let effort = *Effort::ALL.get(usize::from(r.u8()?))?;
    let quadrant = match r.u8()? {
        0 => None,
        q => Some(*Quadrant::ALL.get(usize::from(q) - 1)?),
    };
    let bits = r.u16()?;
    if bits >> 5 != 0 {
        return None;
    }
    let flag = |i: u16| bits & (1 << i) != 0;
    let task_line = u32::try_from(r.usize()?).ok()?;
    let description = r.text()?;
    let hash = TextHash::from_bits(r.u32()?)?;
    let block_id = r.option_text()?;
    let assignee = r.option_text()?;
    let status = match r.u8()? {
        0 => Status::Todo,
        1 => Status::InProgress,
        2 => Status::Done,
        3 => Status::Cancelled,
        4 => Status::Named(r.str()?.to_owned()),
        _ => return None,
    };
    let status = StatusCode::of(&status, named)?;
    // The answers that depend on the day are filled in by `Sheet::redate`.
    let row = Row {
        task: index,
        line,
        urgency: 0.0,
        leverage,
        due,
        done,
        followup,
        checkin,
        next_checkin: None,
        brief_gaps,
        vital_leverage,
        scalable: flag(0),
        routine: flag(1),
        estimate_minutes,
        impact,
        effort,
        quadrant,
        is_done: flag(2),
        done_recently: false,
        urgent: false,
        overdue: false,
        startable: true,
        delegated: flag(3),
        blocked: false,
        followup_due: false,
    };
    let task = SheetTask {
        line: task_line,
        description,
        hash,
        block_id,
        status,
        scheduled,
        start,
        assignee,
        waits: None,
        undated: Undated {
            created,
            priority,
            urgent: says_urgent,
            tagged: flag(4),
        },
    };
    Some((row, task))
}

fn problem(path: &str, r: &mut Reader<'_>) -> Option<Problem> {
    let line = r.usize()?;
    let column = r.usize()?;
    let severity = match r.u8()? {
        0 => Severity::Error,
        1 => Severity::Warning,
        _ => return None,
    };
    let kind = *ProblemKind::ALL.get(usize::from(r.u8()?))?;
    let message = r.str()?.to_owned();
    Some(Problem {
        path: path.to_owned(),
        line,
        column,
        severity,
        kind,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::Dependencies;
    use crate::parse::{ParseOptions, parse_document};

    fn sheets(notes: &[(&str, &str)], today: NaiveDate) -> Vec<(Sheet, Vec<Link>)> {
        let cs = ClassifySettings::default();
        notes
            .iter()
            .map(|(p, t)| {
                let doc = parse_document(p, t.as_bytes(), &ParseOptions::default());
                Sheet::unlinked(doc, today, &cs)
            })
            .collect()
    }

    const NOTES: &[(&str, &str)] = &[
        (
            "a.md",
            "---\ntags: [work]\n---\n- [ ] Call the bank 📅 2026-11-22 ⏫ [effort:: value]\n\
             - [x] Old ✅ 2026-01-01\n- [x] Fresh ✅ 2026-11-21\n- [/] Going [assignee:: bob] \
             [checkin:: every 2 weeks] 🗓️ 2026-11-20 ^blk\n- [?] Odd\n- [ ] Bad date 📅 2026-13-45\n\
             - [ ] Later 🛫 2026-12-01 ⏳ 2026-11-30 #routine [estimate:: 2h] [impact:: 9]\n",
        ),
        ("b.md", "# Nothing to do\n\nJust text.\n"),
        ("c.md", "- [ ] Has an id 🆔 x1\n- [ ] Waits ⛔ x1\n"),
    ];

    #[test]
    fn a_kept_sheet_decodes_to_itself() {
        let today = crate::classify::task_builder::today();
        let cs = ClassifySettings::default();
        let memo = SheetMemo {
            today,
            classify: &cs,
        };
        let mut kept = 0;
        for (sheet, links) in sheets(NOTES, today) {
            let value = (sheet, links);
            let mut bytes = Vec::new();
            if !memo.encode(&value, &mut bytes) {
                assert!(
                    !value.1.is_empty(),
                    "{}: only linked sheets are not kept",
                    value.0.path
                );
                assert!(bytes.is_empty());
                continue;
            }
            kept += 1;
            let got = memo.decode(&value.0.path, &bytes);
            assert_eq!(got.as_ref(), Some(&value), "{}", value.0.path);
        }
        assert_eq!(kept, 2);
    }

    #[test]
    fn damaged_bytes_never_panic_and_cut_bytes_never_decode() {
        let today = crate::classify::task_builder::today();
        let cs = ClassifySettings::default();
        let memo = SheetMemo {
            today,
            classify: &cs,
        };
        let (sheet, links) = sheets(NOTES, today).swap_remove(0);
        let mut bytes = Vec::new();
        assert!(memo.encode(&(sheet, links), &mut bytes));
        for cut in 0..bytes.len() {
            assert_eq!(memo.decode("a.md", &bytes[..cut]), None, "cut at {cut}");
        }
        for at in 0..bytes.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut damaged = bytes.clone();
                damaged[at] ^= flip;
                let _ = memo.decode("a.md", &damaged);
            }
        }
    }

    #[test]
    fn the_salt_changes_with_the_settings_and_not_with_the_day() {
        let today = crate::classify::task_builder::today();
        let cs = ClassifySettings::default();
        let other = ClassifySettings {
            urgent_within_days: cs.urgent_within_days + 1,
            ..ClassifySettings::default()
        };
        let salt = |today, classify| SheetMemo { today, classify }.salt();
        let tomorrow = today.succ_opt().expect("a next day");
        assert_eq!(salt(today, &cs), salt(today, &cs));
        assert_eq!(salt(today, &cs), salt(tomorrow, &cs));
        assert_ne!(salt(today, &cs), salt(today, &other));
    }

    #[test]
    fn a_sheet_made_with_an_index_is_the_kept_one_when_it_has_no_links() {
        // The kept sheet of a note without links is the one a scan makes with the index.
        let today = crate::classify::task_builder::today();
        let cs = ClassifySettings::default();
        let (mut sheet, links) = sheets(&NOTES[..1], today).swap_remove(0);
        assert!(links.is_empty());
        let before = sheet.clone();
        sheet.link(today, &cs, &Dependencies::default());
        assert_eq!(sheet, before);
    }

    /// What a sheet gives the digest on its day: each row it keeps that adds more than a
    /// closed task, with its entry, and what all of its rows add to the counts.
    fn listed(sheet: &Sheet) -> (Vec<String>, crate::digest::rules::Tally) {
        let mut tally = sheet.unlisted();
        let mut rows = Vec::new();
        for row in sheet.rows() {
            let t = crate::digest::rules::tally_unlisted(row);
            tally.add(&t);
            if row.showable()
                || t != crate::digest::rules::tally_closed(1, usize::from(row.is_done))
            {
                rows.push(format!(
                    "{row:?} {:?}",
                    super::super::EntrySource::entry(sheet, row)
                ));
            }
        }
        (rows, tally)
    }

    #[test]
    fn a_kept_sheet_moves_to_later_days_and_not_to_earlier_ones() {
        let made = crate::classify::task_builder::today();
        let cs = ClassifySettings::default();
        let (sheet, links) = sheets(&NOTES[..1], made).swap_remove(0);
        let mut bytes = Vec::new();
        let memo = |today| SheetMemo {
            today,
            classify: &cs,
        };
        assert!(memo(made).encode(&(sheet, links), &mut bytes));
        let mut differ = 0;
        for days in 0..=60 {
            let day = made + chrono::TimeDelta::days(days);
            let (kept, _) = memo(day)
                .decode("a.md", &bytes)
                .expect("a later day decodes");
            let (fresh, _) = sheets(&NOTES[..1], day).swap_remove(0);
            assert_eq!(listed(&kept), listed(&fresh), "on {day}");
            differ += usize::from(listed(&fresh) != listed(&sheets(&NOTES[..1], made)[0].0));
        }
        assert!(differ > 50, "the days change the sheet: {differ}");
        let before = made.pred_opt().expect("a day before");
        assert_eq!(memo(before).decode("a.md", &bytes), None);
    }
}
