//! gcm-review: checks and compiles voluntary GCM review reports.

pub mod document;
pub mod docx_writer;
pub mod ingest;
