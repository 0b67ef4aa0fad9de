//! Render: outcomes to what people and programs read (text, JSON Lines, the
//! secretariat's CSV and Excel tables).

pub mod csv;
pub mod jsonl;
pub mod table;
pub mod text;
#[cfg(feature = "cli")]
pub mod xlsx;
