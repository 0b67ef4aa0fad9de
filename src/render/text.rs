//! The human-readable report: findings grouped per file, each with where it
//! is (section, objective, paragraph), the excerpt, what is wrong and how to
//! fix it. Colour is optional and never the only carrier of meaning.

use std::fmt::Write;

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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Renders one report's findings.
pub fn render_outcome(
    outcome: &ReportOutcome,
    template: &Template,
    lang: &str,
    style: TextStyle,
) -> String {
    let mut out = String::new();
    let (errors, warnings, infos) = (
        outcome.count(Severity::Error),
        outcome.count(Severity::Warning),
        outcome.count(Severity::Info),
    );
    let verdict = match outcome.status {
        Status::Valid => paint(style, GREEN, "valid"),
        Status::Invalid => paint(style, RED, "invalid"),
        Status::Unreadable => paint(style, RED, "unreadable"),
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
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings"),
        plural(infos, "note", "notes"),
    );
    for d in &outcome.diagnostics {
        render_diagnostic(&mut out, d, template, lang, style);
    }
    out
}

fn render_diagnostic(
    out: &mut String,
    d: &Diagnostic,
    template: &Template,
    lang: &str,
    style: TextStyle,
) {
    let (color, word) = match d.severity {
        Severity::Error => (RED, "error"),
        Severity::Warning => (YELLOW, "warning"),
        Severity::Info => (CYAN, "note"),
    };
    let _ = writeln!(
        out,
        "\n  {} [{}] {}",
        paint(style, color, word),
        d.code,
        d.message
    );
    if let Some(place) = place(d, template, lang) {
        let _ = writeln!(out, "    where: {place}");
    }
    if let Some(excerpt) = &d.location.excerpt {
        let _ = writeln!(out, "    {}", paint(style, DIM, &format!("“{excerpt}”")));
    }
    if !d.help.is_empty() {
        let _ = writeln!(out, "    fix:   {}", d.help);
    }
}

/// "Section “Progress on GCM objectives”, objective 12, paragraph 14".
fn place(d: &Diagnostic, template: &Template, lang: &str) -> Option<String> {
    let loc = &d.location;
    let mut parts = Vec::new();
    if let Some(section) = &loc.section {
        if section == "cover" {
            parts.push("cover page".to_string());
        } else {
            let title = template
                .section(section)
                .map(|s| pick(&s.title, lang).to_string())
                .unwrap_or_else(|| section.clone());
            parts.push(format!("section “{title}”"));
        }
    }
    if let Some(n) = loc.objective {
        parts.push(format!("objective {n}"));
    }
    if let Some(block) = loc.block {
        parts.push(format!("paragraph {block}"));
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
    format!(
        "{}: {} valid, {} invalid, {} unreadable",
        plural(summary.reports, "report", "reports"),
        summary.valid,
        summary.invalid,
        summary.unreadable
    )
}
