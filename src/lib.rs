//! gcm-review: checks and compiles voluntary GCM review reports.

pub mod catalogue;
pub mod diagnostic;
pub mod document;
pub mod ingest;
pub mod map;
pub mod reference;
pub mod report;
pub mod template;
pub mod text;
