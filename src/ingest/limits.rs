/// Caps applied while reading a package. Declared sizes in a zip are chosen
/// by whoever made the file, so every cap is enforced on the bytes actually
/// produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input file accepted, in bytes.
    pub max_input_bytes: u64,
    /// Largest decompressed size of one part, in bytes.
    pub max_part_bytes: u64,
    /// Largest decompressed size of all parts read, in bytes.
    pub max_total_bytes: u64,
    /// Most zip entries accepted.
    pub max_entries: usize,
    /// Deepest XML element nesting accepted.
    pub max_xml_depth: usize,
}

impl Default for Limits {
    /// Generous for any real report (a 500-page report with images is far below),
    /// small enough that a hostile file is refused in milliseconds.
    fn default() -> Self {
        Limits {
            max_input_bytes: 100 * 1024 * 1024,
            max_part_bytes: 64 * 1024 * 1024,
            max_total_bytes: 256 * 1024 * 1024,
            max_entries: 10_000,
            max_xml_depth: 256,
        }
    }
}
