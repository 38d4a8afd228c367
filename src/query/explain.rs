//! `explain`: the query as ike understood it, in words.

use super::{Query, sort};

/// The explanation of `query`, one block per filter, then its groups, sorts and limits.
pub(crate) fn explain(query: &Query) -> String {
    let mut out = String::new();
    if query.filters.is_empty() {
        out.push_str("No filters supplied. All tasks will match the query.\n");
    }
    for (ins, f) in &query.filters {
        out.push_str(&ins.text);
        out.push_str(" =>\n");
        for line in f.explanation.lines() {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push('\n');
    if query.groupers.is_empty() {
        out.push_str("No grouping instructions supplied.\n");
    }
    for g in &query.groupers {
        out.push_str(&g.instruction());
        out.push('\n');
    }
    out.push('\n');
    for s in &query.sorters {
        out.push_str(&s.instruction());
        out.push('\n');
    }
    out.push_str("then the default order: ");
    let defaults: Vec<String> = sort::DEFAULT.iter().map(|s| s.instruction()).collect();
    out.push_str(&defaults.join(", "));
    out.push('\n');
    if let Some(n) = query.limit {
        out.push_str(&format!(
            "\nAt most {n} task{}.\n",
            if n == 1 { "" } else { "s" }
        ));
    }
    if let Some(n) = query.group_limit {
        out.push_str(&format!(
            "\nAt most {n} task{} per group.\n",
            if n == 1 { "" } else { "s" }
        ));
    }
    out
}
