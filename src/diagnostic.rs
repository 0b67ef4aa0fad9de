//! Findings: what a rule found (language-neutral) and the diagnostic an
//! official reads (rendered from the catalogue in their language).

use serde::{Deserialize, Serialize};

/// How serious a finding is. Errors make a report invalid; warnings and
/// information never do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The report must be fixed before it can be accepted.
    Error,
    /// Worth fixing; the report is accepted as it is.
    Warning,
    /// For information.
    Info,
}

impl Severity {
    /// The lowercase name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Where a finding points, in terms an official can act on. Field names and
/// meanings are part of the stable JSON output contract.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// Template section id, when the finding is inside (or about) a section.
    pub section: Option<String>,
    /// GCM objective number, when inside an objective sub-section.
    pub objective: Option<u32>,
    /// 1-based block number in document order.
    pub block: Option<usize>,
    /// The block's text, whitespace-normalised, first 120 characters.
    pub excerpt: Option<String>,
}

/// Length of excerpts in the output contract.
pub const EXCERPT_CHARS: usize = 120;

impl Location {
    /// A location about a whole section.
    pub fn section(id: &str) -> Self {
        Location {
            section: Some(id.to_string()),
            ..Default::default()
        }
    }

    /// Sets the block number and excerpt from a block's text.
    pub fn with_block(mut self, number: usize, text: &str) -> Self {
        self.block = Some(number);
        self.excerpt = Some(crate::text::excerpt(text, EXCERPT_CHARS));
        self
    }
}

/// What a rule found, before it is put into words. The catalogue turns it
/// into a [`Diagnostic`] in the chosen language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable rule code, e.g. `structure.missing-section`.
    pub code: &'static str,
    /// Values for the placeholders of the rule's message and help.
    pub args: Vec<(&'static str, String)>,
    /// Where it is.
    pub location: Location,
}

impl Finding {
    /// A finding with no placeholders yet.
    pub fn new(code: &'static str, location: Location) -> Self {
        Finding {
            code,
            args: Vec::new(),
            location,
        }
    }

    /// Adds a placeholder value.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }
}

/// A finding in words, as every output format shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable rule code.
    pub code: String,
    /// Severity.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// Where it is.
    pub location: Location,
}
