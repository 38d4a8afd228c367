//! The Obsidian Tasks query language, run natively: a query's text → [`Query`] (filters,
//! sort and group lines, layout, limits) → [`run`] over the vault's tasks → groups of
//! tasks. Pure: no I/O, `today` is a parameter. docs/query.md describes the language and
//! every known difference from the plugin.
//!
//! One concept per file: [`lines`] (instructions, comments, continuation), [`date`] (date
//! expressions), [`filter`] (one filter), [`boolean`] (combinations), [`sort`], [`group`],
//! [`order`] (sorting fast), [`note`] (a note reduced to what a query can show),
//! [`places`] (the tasks a query runs over, by their places), [`layout`], [`placeholders`], [`explain`], [`error`].

pub(crate) mod blocks;
pub(crate) mod boolean;
pub(crate) mod bound;
pub(crate) mod collate;
pub(crate) mod date;
pub(crate) mod date_field;
pub(crate) mod error;
pub(crate) mod explain;
pub(crate) mod filter;
pub(crate) mod group;
pub(crate) mod item;
pub(crate) mod layout;
pub(crate) mod lines;
pub(crate) mod matcher;
pub(crate) mod note;
pub(crate) mod order;
pub(crate) mod placeholders;
pub(crate) mod places;
pub(crate) mod sort;

pub(crate) use error::QueryError;
pub(crate) use filter::Filter;
pub(crate) use group::Grouper;
pub(crate) use item::{Item, Items};
pub(crate) use layout::Layout;
pub(crate) use sort::Sorter;

use chrono::NaiveDate;
use filter::strip_ci;
use lines::Instruction;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// A parsed query.
#[derive(Debug, Clone, Default)]
pub(crate) struct Query {
    /// The filters, all of which a task must pass, with the instruction each came from.
    pub filters: Vec<(Instruction, Filter)>,
    /// The sort lines, in order (the default order is appended when running).
    pub sorters: Vec<Sorter>,
    /// The group lines: one level of groups each.
    pub groupers: Vec<Grouper>,
    /// How results are shown.
    pub layout: Layout,
    /// `limit N`: at most N tasks in all.
    pub limit: Option<usize>,
    /// `limit groups N`: at most N tasks per group.
    pub group_limit: Option<usize>,
    /// `explain`: print how the query was understood.
    pub explain: bool,
    /// `ignore global query`.
    pub ignore_global_query: bool,
}

impl Query {
    /// True when a filter reads `blocked` or `blocking`: only then does deciding whether
    /// a task passes need the whole vault's dependency index, so any other query can be
    /// decided note by note as the vault is read.
    pub(crate) fn reads_dependencies(&self) -> bool {
        self.filters.iter().any(|(_, f)| f.reads_dependencies)
    }

    /// True when every filter reads only a task's head (see [`Filter::reads_head`]): a
    /// cached task can then be decided without decoding it in full.
    pub(crate) fn filters_read_heads(&self) -> bool {
        self.filters.iter().all(|(_, f)| f.reads_head)
    }

    /// True when every key of [`Query::order`] reads only a task's head and its note's
    /// path: the first N tasks of the order can be chosen among heads.
    pub(crate) fn order_reads_heads(&self) -> bool {
        self.order().iter().all(|s| s.key.reads_head())
    }

    /// The sort lines, then the plugin's default order.
    pub(crate) fn order(&self) -> Vec<Sorter> {
        self.sorters.iter().copied().chain(sort::DEFAULT).collect()
    }

    /// True when `item` passes every filter.
    pub(crate) fn keeps(&self, item: &Item<'_>) -> bool {
        self.filters.iter().all(|(_, f)| f.matches(item))
    }
}

/// What a query is read with.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context<'c> {
    /// The day relative dates count from.
    pub today: NaiveDate,
    /// The vault-relative path of the note holding the query (for placeholders).
    pub file: Option<&'c str>,
    /// The plugin's presets: `preset NAME` stands for the query text `presets[NAME]`.
    pub presets: &'c BTreeMap<String, String>,
}

/// Read a query's text, its first line numbered `first_line`.
pub(crate) fn parse(
    source: &str,
    first_line: usize,
    ctx: &Context<'_>,
) -> Result<Query, QueryError> {
    let mut query = Query::default();
    for ins in lines::instructions(source, first_line) {
        add_or_expand(&mut query, ins, ctx, 0)?;
    }
    Ok(query)
}

/// How deep presets may use presets.
const PRESET_DEPTH: usize = 8;

/// Add one instruction, or the lines of the preset it names (errors in a preset's lines
/// are reported at the `preset` line).
fn add_or_expand(
    query: &mut Query,
    ins: Instruction,
    ctx: &Context<'_>,
    depth: usize,
) -> Result<(), QueryError> {
    let Some(name) = strip_ci(&ins.text, "preset ") else {
        return add(query, ins, ctx);
    };
    let at = |message: String| QueryError::new(ins.line, ins.column, message);
    let name = name.trim();
    let Some(text) = ctx.presets.get(name) else {
        let known: Vec<&str> = ctx.presets.keys().map(String::as_str).collect();
        return Err(at(format!(
            "unknown preset `{name}`; the plugin's settings define: {}",
            if known.is_empty() {
                "none".to_owned()
            } else {
                known.join(", ")
            }
        )));
    };
    if depth >= PRESET_DEPTH {
        return Err(at(format!(
            "preset `{name}`: presets nested more than {PRESET_DEPTH} deep (a loop?)"
        )));
    }
    for inner in lines::instructions(text, 1) {
        let placed = Instruction {
            line: ins.line,
            column: ins.column,
            ..inner
        };
        add_or_expand(query, placed, ctx, depth + 1)
            .map_err(|e| at(format!("in preset `{name}`: {}", e.message)))?;
    }
    Ok(())
}

/// Add the instructions of `global` in front of `query`'s (unless it says
/// `ignore global query`).
pub(crate) fn with_global(mut query: Query, global: Query) -> Query {
    if query.ignore_global_query {
        return query;
    }
    let mut filters = global.filters;
    filters.append(&mut query.filters);
    query.filters = filters;
    let mut sorters = global.sorters;
    sorters.append(&mut query.sorters);
    query.sorters = sorters;
    let mut groupers = global.groupers;
    groupers.append(&mut query.groupers);
    query.groupers = groupers;
    query.limit = query.limit.or(global.limit);
    query.group_limit = query.group_limit.or(global.group_limit);
    query.explain |= global.explain;
    for part in global.layout.hidden.difference(&Layout::default().hidden) {
        query.layout.hidden.insert(part);
    }
    query.layout.short_mode |= global.layout.short_mode;
    query
}

/// Add one instruction to `query`.
fn add(query: &mut Query, ins: Instruction, ctx: &Context<'_>) -> Result<(), QueryError> {
    let text = placeholders::expand(&ins.text, ctx.file)
        .map_err(|m| QueryError::new(ins.line, ins.column, m))?;
    let at = |message: String| QueryError::new(ins.line, ins.column, message);
    let lower = text.to_ascii_lowercase();
    if lower == "explain" {
        query.explain = true;
    } else if lower == "ignore global query" {
        query.ignore_global_query = true;
    } else if let Some(rest) = strip_ci(&text, "sort by ") {
        query.sorters.push(sort::parse(rest).map_err(at)?);
    } else if let Some(rest) = strip_ci(&text, "group by ") {
        query.groupers.push(group::parse(rest).map_err(at)?);
    } else if let Some(rest) = strip_ci(&text, "limit ") {
        let (groups, rest) = match strip_ci(rest.trim(), "groups ") {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let number = rest.trim();
        let number = strip_ci(number, "to ").unwrap_or(number).trim();
        let number = number
            .strip_suffix("tasks")
            .or_else(|| number.strip_suffix("task"))
            .unwrap_or(number)
            .trim();
        let n: usize = number.parse().map_err(|_| {
            at(format!(
                "do not understand query: `limit` needs a number, not `{number}`"
            ))
        })?;
        if groups {
            query.group_limit = Some(n);
        } else {
            query.limit = Some(n);
        }
    } else if query.layout.apply(&text).map_err(at)? {
    } else if boolean::looks_boolean(&text) {
        let pair = boolean::delimiters(&text).ok_or_else(|| at(boolean::MIXED.to_owned()))?;
        let f = boolean::parse(&text, pair, ctx.today)
            .map_err(|(message, offset)| QueryError::new(ins.line, ins.column + offset, message))?;
        query.filters.push((Instruction { text, ..ins }, f));
    } else {
        let f = filter::parse(&text, ctx.today).map_err(at)?;
        query.filters.push((Instruction { text, ..ins }, f));
    }
    Ok(())
}

/// One group of results: its names (one per `group by` line) and its tasks, as indexes
/// into the items given to [`run`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Group {
    /// The group's name at each level (empty without `group by`).
    pub names: Vec<String>,
    /// The tasks, in sorted order.
    pub items: Vec<usize>,
}

/// The results of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryResult {
    /// Tasks shown (a task in several groups counts once).
    pub total: usize,
    /// The groups, in order; one unnamed group without `group by`.
    pub groups: Vec<Group>,
}

/// Run `query` over `items`: keep the tasks that pass every filter, sort them by the
/// query's sort lines then the default order, apply `limit`, group them, apply
/// `limit groups`. The library entry point for commands that show query results.
pub(crate) fn run<'a, I: Items<'a> + ?Sized>(query: &Query, items: &I) -> QueryResult {
    let kept: Vec<usize> = items
        .indexes()
        .filter(|&i| query.keeps(&items.item(i)))
        .collect();
    let kept = order::sorted(&query.order(), items, &kept, query.limit);
    // A task is in one group unless a grouper gave it several names (tags).
    let mut in_several = false;
    let mut groups: Vec<Group> = if query.groupers.is_empty() {
        vec![Group {
            names: Vec::new(),
            items: kept,
        }]
    } else {
        let mut by_names: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
        for &i in &kept {
            let paths = name_paths(&query.groupers, &items.item(i));
            in_several |= paths.len() > 1;
            for names in paths {
                by_names.entry(names).or_default().push(i);
            }
        }
        let mut groups: Vec<Group> = by_names
            .into_iter()
            .map(|(names, items)| Group { names, items })
            .collect();
        groups.sort_by(|a, b| {
            query
                .groupers
                .iter()
                .zip(a.names.iter().zip(&b.names))
                .map(|(g, (x, y))| {
                    let o = collate::natural(x, y);
                    if g.descending() { o.reverse() } else { o }
                })
                .find(|o| *o != Ordering::Equal)
                .unwrap_or(Ordering::Equal)
        });
        groups
    };
    if let Some(n) = query.group_limit {
        for g in &mut groups {
            g.items.truncate(n);
        }
    }
    let total = if in_several {
        let mut shown: Vec<usize> = groups
            .iter()
            .flat_map(|g| g.items.iter().copied())
            .collect();
        shown.sort_unstable();
        shown.dedup();
        shown.len()
    } else {
        // Counted without a copy of a million indexes.
        groups.iter().map(|g| g.items.len()).sum()
    };
    QueryResult { total, groups }
}

/// Every combination of the item's group names, one per level.
fn name_paths(groupers: &[Grouper], item: &Item<'_>) -> Vec<Vec<String>> {
    let mut paths: Vec<Vec<String>> = vec![Vec::new()];
    for g in groupers {
        let names = g.names(item);
        paths = paths
            .into_iter()
            .flat_map(|p| {
                names.iter().map(move |n| {
                    let mut p = p.clone();
                    p.push(n.clone());
                    p
                })
            })
            .collect();
    }
    paths
}

#[cfg(test)]
mod tests;
