//! The fixed words of the text output ("where:", "fix:", "valid", the
//! summary line), per language. They live in `seeds/rules.toml` under
//! `[ui.LANG]` next to the rule texts, so a translator edits one file and
//! adding a language never needs a code change.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// A phrase with a count, in its singular and plural forms; `{n}` is the count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plural {
    /// Form for one (and for zero where `zero_is_singular`).
    pub one: String,
    /// Form for every other count.
    pub other: String,
}

impl Plural {
    fn pair(one: &str, other: &str) -> Plural {
        Plural {
            one: one.into(),
            other: other.into(),
        }
    }
}

/// The fixed words of the text output in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiText {
    /// True where zero takes the singular (French: « 0 erreur »).
    #[serde(default)]
    pub zero_is_singular: bool,
    /// Status word for a report without errors.
    pub valid: String,
    /// Status word for a report with errors.
    pub invalid: String,
    /// Status word for a file that could not be read.
    pub unreadable: String,
    /// Label before an error-level finding.
    pub error: String,
    /// Label before a warning.
    pub warning: String,
    /// Label before an information-level finding.
    pub note: String,
    /// "{n} errors" in the header line of a report.
    pub errors: Plural,
    /// "{n} warnings" in the header line of a report.
    pub warnings: Plural,
    /// "{n} notes" in the header line of a report.
    pub notes: Plural,
    /// Label of the location line, with its colon.
    #[serde(rename = "where")]
    pub where_label: String,
    /// Label of the how-to-fix line, with its colon.
    pub fix: String,
    /// Location: the cover page.
    pub cover_page: String,
    /// Location: a section; `{title}` is its title.
    pub section: String,
    /// Location: an objective; `{n}` is its number.
    pub objective: String,
    /// Location: a paragraph; `{n}` is its number.
    pub paragraph: String,
    /// The summary line; `{reports}`, `{valid}`, `{invalid}`, `{unreadable}`.
    pub summary: String,
    /// "{n} reports" in the summary line.
    pub summary_reports: Plural,
    /// "{n} valid" in the summary line.
    pub summary_valid: Plural,
    /// "{n} invalid" in the summary line.
    pub summary_invalid: Plural,
    /// "{n} unreadable" in the summary line.
    pub summary_unreadable: Plural,
    /// Sheet names and column headers of the Excel workbook.
    pub workbook: WorkbookWords,
}

/// The words of the secretariat's Excel workbook in one language: staff read
/// and share it, so its sheets and headers are in the run's language (the
/// CSV keeps stable English column keys for scripts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkbookWords {
    /// Name of the sheet with one row per report (31 characters at most).
    pub reports: String,
    /// Name of the sheet with one row per finding.
    pub findings: String,
    /// Name of the sheet counting reports per rule.
    pub by_rule: String,
    /// Header of each column, by the column's key (`file`, `status`, ...).
    pub columns: std::collections::BTreeMap<String, String>,
}

impl WorkbookWords {
    /// The header of column `key`; the key itself if it has none.
    pub fn column<'a>(&'a self, key: &'a str) -> &'a str {
        self.columns.get(key).map_or(key, String::as_str)
    }
}

impl UiText {
    /// `phrase` for the count `n`, with `{n}` filled in.
    pub fn count(&self, phrase: &Plural, n: usize) -> String {
        let singular = n == 1 || (n == 0 && self.zero_is_singular);
        let form = if singular { &phrase.one } else { &phrase.other };
        form.replace("{n}", &n.to_string())
    }

    /// Every text with its field name, for the catalogue's placeholder check.
    pub fn fields(&self) -> Vec<(&'static str, &str)> {
        let mut out = vec![
            ("valid", self.valid.as_str()),
            ("invalid", self.invalid.as_str()),
            ("unreadable", self.unreadable.as_str()),
            ("error", self.error.as_str()),
            ("warning", self.warning.as_str()),
            ("note", self.note.as_str()),
            ("where", self.where_label.as_str()),
            ("fix", self.fix.as_str()),
            ("cover_page", self.cover_page.as_str()),
            ("section", self.section.as_str()),
            ("objective", self.objective.as_str()),
            ("paragraph", self.paragraph.as_str()),
            ("summary", self.summary.as_str()),
            ("workbook.reports", self.workbook.reports.as_str()),
            ("workbook.findings", self.workbook.findings.as_str()),
            ("workbook.by_rule", self.workbook.by_rule.as_str()),
        ];
        for (name, p) in [
            ("errors", &self.errors),
            ("warnings", &self.warnings),
            ("notes", &self.notes),
            ("summary_reports", &self.summary_reports),
            ("summary_valid", &self.summary_valid),
            ("summary_invalid", &self.summary_invalid),
            ("summary_unreadable", &self.summary_unreadable),
        ] {
            out.push((name, p.one.as_str()));
            out.push((name, p.other.as_str()));
        }
        out
    }

    /// English words used only when the built-in catalogue cannot be loaded
    /// (then the checker itself refuses to start, so library callers rendering
    /// outcomes on their own still get readable text instead of a panic).
    pub fn fallback() -> &'static UiText {
        static CELL: OnceLock<UiText> = OnceLock::new();
        CELL.get_or_init(|| UiText {
            zero_is_singular: false,
            valid: "valid".into(),
            invalid: "invalid".into(),
            unreadable: "unreadable".into(),
            error: "error".into(),
            warning: "warning".into(),
            note: "note".into(),
            errors: Plural::pair("{n} error", "{n} errors"),
            warnings: Plural::pair("{n} warning", "{n} warnings"),
            notes: Plural::pair("{n} note", "{n} notes"),
            where_label: "where:".into(),
            fix: "fix:".into(),
            cover_page: "cover page".into(),
            section: "section “{title}”".into(),
            objective: "objective {n}".into(),
            paragraph: "paragraph {n}".into(),
            summary: "{reports}: {valid}, {invalid}, {unreadable}".into(),
            summary_reports: Plural::pair("{n} report", "{n} reports"),
            summary_valid: Plural::pair("{n} valid", "{n} valid"),
            summary_invalid: Plural::pair("{n} invalid", "{n} invalid"),
            summary_unreadable: Plural::pair("{n} unreadable", "{n} unreadable"),
            workbook: WorkbookWords {
                reports: "Reports".into(),
                findings: "Findings".into(),
                by_rule: "By rule".into(),
                columns: Default::default(),
            },
        })
    }
}
