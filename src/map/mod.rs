//! Map: from what was read (a DOCX document's blocks, or a JSON value) to the
//! typed report of the template. This is where headings become sections.

mod cover;
pub mod docx;
pub mod headings;
pub mod json;
pub mod objectives;

pub use cover::COVER_TAG_PREFIX;
#[cfg(test)]
mod docx_tests;
