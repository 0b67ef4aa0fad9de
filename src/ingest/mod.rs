//! Ingest: bytes in, a neutral [`Document`](crate::document::Document) or a
//! parsed JSON report out.
//!
//! The format is decided by the content, never by the file name: officials
//! rename files, and a PDF saved as `.docx` must get a clear answer. Nothing
//! here touches the file system, threads or the clock, so the same code runs
//! in the browser.

pub mod docx;
mod error;
pub mod json;
mod limits;
mod sniff;

pub use error::IngestError;
pub use limits::Limits;
pub use sniff::{sniff, SniffedFormat};
