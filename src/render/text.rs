//! The human-readable report: findings grouped per file, each with where it
//! is (section, objective, paragraph), the excerpt, what is wrong and how to
//! fix it. Colour is optional and never the only carrier of meaning.

use std::fmt::Write;

use crate::catalogue::{ui_words, UiText};
use crate::diagnostic::{Diagnostic, Severity};
use crate::outcome::{ReportOutcome, Status, Summary};
use crate::template::{pick, Template};

/// Styling switches for the text output.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextStyle {
    /// Use ANSI colours.
    pub color: bool,
}

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const CYAN: &str = "\x1b[1;36m";
const GREEN: &str = "\x1b[1;32m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

fn paint(style: TextStyle, code: &str, text: &str) -> String {
    if style.color {
        format!("{code}{text}{RESET}")
    } else {
        text.to_string()
    }
}

/// Renders one report's findings, with the fixed words and section titles
/// in `lang` (English where the catalogue lacks it).
pub fn render_outcome(
    outcome: &ReportOutcome,
    template: &Template,
    lang: &str,
    style: TextStyle,
) -> String {
    let ui = ui_words(lang);
    let mut out = String::new();
    let (errors, warnings, infos) = (
        outcome.count(Severity::Error),
        outcome.count(Severity::Warning),
        outcome.count(Severity::Info),
    );
    let verdict = match outcome.status {
        Status::Valid => paint(style, GREEN, &ui.valid),
        Status::Invalid => paint(style, RED, &ui.invalid),
        Status::Unreadable => paint(style, RED, &ui.unreadable),
    };
    let who = outcome
        .submitter
        .as_ref()
        .map(|s| match &s.iso3 {
            Some(iso3) => format!(" ({}, {iso3})", s.name),
            None => format!(" ({})", s.name),
        })
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}: {verdict}{who} — {}, {}, {}",
        paint(style, BOLD, &outcome.file),
        ui.count(&ui.errors, errors),
        ui.count(&ui.warnings, warnings),
        ui.count(&ui.notes, infos),
    );
    let labels = Labels::new(ui);
    for d in &outcome.diagnostics {
        render_diagnostic(&mut out, d, template, lang, ui, &labels, style);
    }
    out
}

/// "where:" and "fix:" padded to one width, so the texts after them line up
/// in every language ("where: " and "fix:   " in English).
struct Labels {
    place: String,
    fix: String,
}

impl Labels {
    fn new(ui: &UiText) -> Labels {
        let width = ui.where_label.chars().count().max(ui.fix.chars().count());
        Labels {
            place: format!("{:<width$}", ui.where_label),
            fix: format!("{:<width$}", ui.fix),
        }
    }
}

fn render_diagnostic(
    out: &mut String,
    d: &Diagnostic,
    template: &Template,
    lang: &str,
    ui: &UiText,
    labels: &Labels,
    style: TextStyle,
) {
    let (color, word) = match d.severity {
        Severity::Error => (RED, ui.error.as_str()),
        Severity::Warning => (YELLOW, ui.warning.as_str()),
        Severity::Info => (CYAN, ui.note.as_str()),
    };
    let _ = writeln!(
        out,
        "\n  {} [{}] {}",
        paint(style, color, word),
        d.code,
        d.message
    );
    if let Some(place) = place(d, template, lang, ui) {
        let _ = writeln!(out, "    {} {place}", labels.place);
    }
    if let Some(excerpt) = &d.location.excerpt {
        let _ = writeln!(out, "    {}", paint(style, DIM, &format!("“{excerpt}”")));
    }
    if !d.help.is_empty() {
        let _ = writeln!(out, "    {} {}", labels.fix, d.help);
    }
}

/// "Section “Progress on GCM objectives”, objective 12, paragraph 14".
fn place(d: &Diagnostic, template: &Template, lang: &str, ui: &UiText) -> Option<String> {
    let loc = &d.location;
    let mut parts = Vec::new();
    if let Some(section) = &loc.section {
        if section == "cover" {
            parts.push(ui.cover_page.clone());
        } else {
            let title = template
                .section(section)
                .map(|s| pick(&s.title, lang).to_string())
                .unwrap_or_else(|| section.clone());
            parts.push(ui.section.replace("{title}", &title));
        }
    }
    if let Some(n) = loc.objective {
        parts.push(ui.objective.replace("{n}", &n.to_string()));
    }
    if let Some(block) = loc.block {
        parts.push(ui.paragraph.replace("{n}", &block.to_string()));
    }
    (!parts.is_empty()).then(|| {
        let mut s = parts.join(", ");
        if let Some(first) = s.get(..1) {
            s = first.to_uppercase() + s.get(1..).unwrap_or("");
        }
        s
    })
}

/// The closing line of a run: "312 reports: 280 valid, 25 invalid, 7 unreadable".
pub fn summary_line(summary: &Summary) -> String {
    summary_line_in(summary, "en")
}

/// The closing line of a run in `lang` (English where the catalogue lacks it).
pub fn summary_line_in(summary: &Summary, lang: &str) -> String {
    let ui = ui_words(lang);
    ui.summary
        .replace("{reports}", &ui.count(&ui.summary_reports, summary.reports))
        .replace("{valid}", &ui.count(&ui.summary_valid, summary.valid))
        .replace("{invalid}", &ui.count(&ui.summary_invalid, summary.invalid))
        .replace(
            "{unreadable}",
            &ui.count(&ui.summary_unreadable, summary.unreadable),
        )
}
