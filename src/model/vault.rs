//! Everything read from one root: its documents and the problems found while scanning.

use super::{Document, Task};
use crate::problem::Problem;

/// The parsed contents of a scanned folder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vault {
    /// Parsed documents, sorted by path.
    pub documents: Vec<Document>,
    /// Problems not tied to a parsed document (unreadable folders, oversized files).
    pub problems: Vec<Problem>,
}

impl Vault {
    /// Every task with its document, in path then line order.
    pub fn tasks(&self) -> impl Iterator<Item = (&Document, &Task)> {
        self.documents
            .iter()
            .flat_map(|d| d.tasks.iter().map(move |t| (d, t)))
    }

    /// All problems, sorted by path, line and column.
    pub fn all_problems(&self) -> Vec<Problem> {
        let mut all: Vec<Problem> = self
            .problems
            .iter()
            .chain(self.documents.iter().flat_map(|d| d.problems.iter()))
            .cloned()
            .collect();
        all.sort();
        all
    }
}
