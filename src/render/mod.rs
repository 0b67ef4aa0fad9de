//! Render: outcomes to what people and programs read (text, JSON).

pub mod text;
