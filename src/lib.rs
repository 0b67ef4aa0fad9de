//! gcm-review: checks and compiles voluntary GCM review reports.

pub mod document;
pub mod ingest;
pub mod reference;
