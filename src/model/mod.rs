//! The plain data the pipeline passes between stages: documents, tasks and their metadata.

mod cadence;
mod document;
mod effort;
mod field;
mod metadata;
mod priority;
mod status;
mod task;
mod task_ref;
mod text_hash;
mod vault;

pub use cadence::{Cadence, CadenceUnit, next_checkin};
pub use document::{Document, Skimmed};
pub use effort::Effort;
pub use field::{Field, FieldKey, Syntax};
pub use metadata::Metadata;
pub use priority::Priority;
pub use status::Status;
pub use task::Task;
pub use task_ref::{TaskRef, located, push_located};
pub use text_hash::{BadHash, TextHash};
pub use vault::Vault;
