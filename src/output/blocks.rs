//! Long outputs rendered block by block: each block's rows on all cores, the blocks'
//! text handed on in order, so a list of a million tasks is never held whole as text.

use rayon::prelude::*;
use std::ops::Range;

/// Rows rendered together on one core.
pub(crate) const ROWS_PER_CHUNK: usize = 2048;

/// Rows rendered before their text is handed on.
const ROWS_PER_BLOCK: usize = 16 * ROWS_PER_CHUNK;

/// Rows `0..n`, `render(range)` giving the text of the rows of a range, rendered in chunks
/// of [`ROWS_PER_CHUNK`] on all cores, a block of chunks at a time, and handed to `write`
/// in row order; `write`'s first error stops it.
pub(crate) fn write_in_blocks<E>(
    n: usize,
    render: &(dyn Fn(Range<usize>) -> String + Sync),
    write: &mut dyn FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let mut start = 0;
    while start < n {
        let end = n.min(start + ROWS_PER_BLOCK);
        let chunks: Vec<String> = (start..end)
            .into_par_iter()
            .step_by(ROWS_PER_CHUNK)
            .map(|first| render(first..end.min(first + ROWS_PER_CHUNK)))
            .collect();
        for chunk in &chunks {
            write(chunk)?;
        }
        start = end;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row comes out once, in order, whatever the number of blocks.
    #[test]
    fn rows_come_out_once_and_in_order() {
        for n in [0, 1, ROWS_PER_CHUNK, ROWS_PER_BLOCK + 3, 2 * ROWS_PER_BLOCK] {
            let mut text = String::new();
            let render = |r: Range<usize>| r.map(|i| format!("{i}\n")).collect::<String>();
            write_in_blocks::<()>(n, &render, &mut |s| {
                text.push_str(s);
                Ok(())
            })
            .unwrap();
            let want: String = (0..n).map(|i| format!("{i}\n")).collect();
            assert_eq!(text, want, "n = {n}");
        }
    }
}
