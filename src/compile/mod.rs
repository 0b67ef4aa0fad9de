//! Compile: the reports of one region into a consolidated regional summary.
//! `build` makes the summary's data (also written as JSON); the DOCX layout
//! is a separate step, so the data can be reused.

mod build;
pub mod docx;
pub mod excerpt;
pub mod model;
mod principles;
pub mod words;

pub use build::{compile, CompileError, CompileOptions, EXCLUDED_CODE};
