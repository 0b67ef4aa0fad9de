//! The output contract: what `check` reports for each file, and the summary.
//! Field names here are stable; later versions add fields, never remove or
//! rename them.

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Severity};

/// The verdict on one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// No error-level finding (warnings allowed).
    Valid,
    /// At least one error-level finding.
    Invalid,
    /// The input could not be read at all.
    Unreadable,
}

impl Status {
    /// The lowercase name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Valid => "valid",
            Status::Invalid => "invalid",
            Status::Unreadable => "unreadable",
        }
    }
}

/// The format an input was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Our JSON report format.
    Json,
    /// A Word document.
    Docx,
}

/// Who submitted the report, as far as the cover tells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmitterInfo {
    /// Submitter name as written (or the State's UN name when only the code is given).
    pub name: String,
    /// ISO3 code of the State, when the submitter is a State.
    pub iso3: Option<String>,
    /// Submitter type id (`member_state`, `civil_society`, ...), or `unknown`.
    #[serde(rename = "type")]
    pub kind: String,
}

/// Everything `check` says about one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportOutcome {
    /// The path as given on the command line.
    pub file: String,
    /// The verdict.
    pub status: Status,
    /// The format the file was read as; null when unreadable before sniffing.
    pub format: Option<InputFormat>,
    /// The report's language, when known.
    pub language: Option<String>,
    /// The submitter, when the cover names one.
    pub submitter: Option<SubmitterInfo>,
    /// Findings in document order.
    pub diagnostics: Vec<Diagnostic>,
}

impl ReportOutcome {
    /// Counts findings of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Totals over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Reports checked.
    pub reports: usize,
    /// Reports without errors.
    pub valid: usize,
    /// Reports with errors.
    pub invalid: usize,
    /// Files that could not be read.
    pub unreadable: usize,
}

impl Summary {
    /// Adds one outcome.
    pub fn add(&mut self, status: Status) {
        self.reports += 1;
        match status {
            Status::Valid => self.valid += 1,
            Status::Invalid => self.invalid += 1,
            Status::Unreadable => self.unreadable += 1,
        }
    }

    /// Totals for a list of outcomes.
    pub fn of<'a>(outcomes: impl IntoIterator<Item = &'a ReportOutcome>) -> Summary {
        let mut s = Summary::default();
        for o in outcomes {
            s.add(o.status);
        }
        s
    }
}

/// The tool's identity in JSON output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolInfo {
    /// Always `gcm-review`.
    pub name: String,
    /// The crate version.
    pub version: String,
}

impl Default for ToolInfo {
    fn default() -> Self {
        ToolInfo {
            name: "gcm-review".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

/// The single JSON object `check --format json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckOutput {
    /// The tool.
    pub tool: ToolInfo,
    /// One entry per input, in the order given.
    pub reports: Vec<ReportOutcome>,
    /// Totals.
    pub summary: Summary,
}
