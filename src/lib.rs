//! gcm-review: checks and compiles voluntary GCM review reports.

pub mod batch;
pub mod blank_template;
pub mod catalogue;
pub mod check;
pub mod compile;
pub mod diagnostic;
pub mod document;
pub mod docx_writer;
mod embedded;
pub mod ingest;
pub mod map;
pub mod outcome;
pub mod reference;
pub mod render;
pub mod report;
pub mod rules;
pub mod scope;
pub mod template;
pub mod text;

#[cfg(test)]
mod corpus_tests;
