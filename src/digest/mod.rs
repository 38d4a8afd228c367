//! Stage 4: the daily digest (§7), built from classified tasks, then rendered.
