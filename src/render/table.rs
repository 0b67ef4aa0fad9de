//! The secretariat's tables, independent of the file format: one row per
//! report, one row per finding, and a count per rule. CSV and XLSX are thin
//! writers over these rows, so both always show the same columns and values.

use std::collections::BTreeMap;

use crate::batch::BatchEntry;
use crate::catalogue::Catalogue;
use crate::diagnostic::{Diagnostic, Severity};
use crate::outcome::ReportOutcome;

/// How many finding codes the report table names per report (CoVE's
/// "the first five, the rest on demand").
pub const TOP_FINDINGS: usize = 5;

/// Column names of the report table, in order.
pub const REPORT_COLUMNS: [&str; 10] = [
    "file",
    "submitter",
    "iso3",
    "regions",
    "language",
    "status",
    "errors",
    "warnings",
    "infos",
    "top_findings",
];

/// Column names of the findings table, in order.
pub const FINDING_COLUMNS: [&str; 12] = [
    "file",
    "submitter",
    "iso3",
    "status",
    "severity",
    "code",
    "section",
    "objective",
    "block",
    "excerpt",
    "message",
    "help",
];

/// Column names of the by-rule table, in order.
pub const RULE_COLUMNS: [&str; 5] = ["code", "severity", "title", "reports", "findings"];

/// A cell: text, or a count that spreadsheets should sort as a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Text (possibly empty).
    Text(String),
    /// A whole number.
    Number(usize),
}

impl Cell {
    /// The cell as CSV text.
    pub fn as_text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => n.to_string(),
        }
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn optional_number(n: Option<usize>) -> Cell {
    n.map_or_else(|| text(""), Cell::Number)
}

/// One row of the report table for one batch entry.
pub fn report_row(entry: &BatchEntry) -> Vec<Cell> {
    let o = &entry.outcome;
    vec![
        text(&o.file),
        text(submitter_name(o)),
        text(iso3(o)),
        text(entry.regions.join(", ")),
        text(o.language.clone().unwrap_or_default()),
        text(o.status.as_str()),
        Cell::Number(o.count(Severity::Error)),
        Cell::Number(o.count(Severity::Warning)),
        Cell::Number(o.count(Severity::Info)),
        text(top_findings(o, TOP_FINDINGS)),
    ]
}

/// One row per finding of one report, in the report's finding order.
pub fn finding_rows(outcome: &ReportOutcome) -> Vec<Vec<Cell>> {
    outcome
        .diagnostics
        .iter()
        .map(|d| finding_row(outcome, d))
        .collect()
}

fn finding_row(o: &ReportOutcome, d: &Diagnostic) -> Vec<Cell> {
    let loc = &d.location;
    vec![
        text(&o.file),
        text(submitter_name(o)),
        text(iso3(o)),
        text(o.status.as_str()),
        text(d.severity.as_str()),
        text(&d.code),
        text(loc.section.clone().unwrap_or_default()),
        optional_number(loc.objective.map(|n| n as usize)),
        optional_number(loc.block),
        text(loc.excerpt.clone().unwrap_or_default()),
        text(&d.message),
        text(&d.help),
    ]
}

fn submitter_name(o: &ReportOutcome) -> String {
    o.submitter
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_default()
}

fn iso3(o: &ReportOutcome) -> String {
    o.submitter
        .as_ref()
        .and_then(|s| s.iso3.clone())
        .unwrap_or_default()
}

/// The most frequent finding codes of a report, "code×n; …", most frequent
/// first, ties in code order so the text is deterministic.
pub fn top_findings(outcome: &ReportOutcome, n: usize) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &outcome.diagnostics {
        *counts.entry(d.code.as_str()).or_default() += 1;
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked
        .iter()
        .take(n)
        .map(|(code, count)| format!("{code}×{count}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// How many reports (and findings) one rule caught in a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleCount {
    /// Rule code.
    pub code: String,
    /// Its severity.
    pub severity: Severity,
    /// Its title in the run's language (the code when not in the catalogue).
    pub title: String,
    /// Reports with at least one finding of this rule.
    pub reports: usize,
    /// Findings of this rule over all reports.
    pub findings: usize,
}

impl RuleCount {
    /// The row of the by-rule table.
    pub fn row(&self) -> Vec<Cell> {
        vec![
            text(&self.code),
            text(self.severity.as_str()),
            text(&self.title),
            Cell::Number(self.reports),
            Cell::Number(self.findings),
        ]
    }
}

/// The by-rule pivot: every rule that fired, most reports first, then by
/// severity and code (deterministic).
pub fn by_rule<'a>(
    outcomes: impl IntoIterator<Item = &'a ReportOutcome>,
    catalogue: &Catalogue,
    lang: &str,
) -> Vec<RuleCount> {
    let mut counts: BTreeMap<String, RuleCount> = BTreeMap::new();
    for outcome in outcomes {
        let mut seen_here: Vec<&str> = Vec::new();
        for d in &outcome.diagnostics {
            let entry = counts.entry(d.code.clone()).or_insert_with(|| {
                let title = catalogue
                    .rule(&d.code)
                    .and_then(|r| r.text.get(lang).or_else(|| r.text.get("en")))
                    .map_or_else(|| d.code.clone(), |t| t.title.clone());
                RuleCount {
                    code: d.code.clone(),
                    severity: d.severity,
                    title,
                    reports: 0,
                    findings: 0,
                }
            });
            entry.findings += 1;
            if !seen_here.contains(&d.code.as_str()) {
                seen_here.push(d.code.as_str());
                entry.reports += 1;
            }
        }
    }
    let mut rows: Vec<RuleCount> = counts.into_values().collect();
    rows.sort_by(|a, b| {
        b.reports
            .cmp(&a.reports)
            .then(a.severity.cmp(&b.severity))
            .then(a.code.cmp(&b.code))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;
    use crate::outcome::Status;

    fn outcome(codes: &[&str]) -> ReportOutcome {
        ReportOutcome {
            file: "a.json".into(),
            status: Status::Invalid,
            format: None,
            language: None,
            submitter: None,
            diagnostics: codes
                .iter()
                .map(|c| Diagnostic {
                    code: (*c).into(),
                    severity: Severity::Error,
                    message: "m".into(),
                    help: "h".into(),
                    location: Location::default(),
                })
                .collect(),
        }
    }

    #[test]
    fn top_findings_most_frequent_first_ties_by_code() {
        let o = outcome(&["b", "a", "c", "c", "d", "e", "f"]);
        assert_eq!(top_findings(&o, 5), "c×2; a×1; b×1; d×1; e×1");
        assert_eq!(top_findings(&outcome(&[]), 5), "");
    }

    #[test]
    fn by_rule_counts_reports_once_and_findings_each_time() {
        let catalogue = Catalogue::load().expect("catalogue");
        let a = outcome(&["cover.invalid-email", "cover.invalid-email"]);
        let b = outcome(&["cover.invalid-email", "objectives.unknown"]);
        let rows = by_rule([&a, &b], &catalogue, "en");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].code, "cover.invalid-email");
        assert_eq!((rows[0].reports, rows[0].findings), (2, 3));
        assert_eq!(rows[0].title, "E-mail address not valid");
        assert_eq!((rows[1].reports, rows[1].findings), (1, 1));
    }
}
