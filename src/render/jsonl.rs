//! JSON Lines: one `reports[]` entry of the JSON output per line, then one
//! `{"summary": …}` line. Each line stands alone, so a long batch can be
//! followed (or piped into `jq`) while it runs.

use serde::Serialize;

use crate::outcome::{ReportOutcome, Summary};

/// One report as one line (with its newline), byte-identical to the
/// compact form of the same `reports[]` entry in `--format json`.
pub fn report_line(outcome: &ReportOutcome) -> Result<String, serde_json::Error> {
    let mut line = serde_json::to_string(outcome)?;
    line.push('\n');
    Ok(line)
}

/// The closing line, `{"summary": {...}}` (with its newline).
pub fn summary_line(summary: &Summary) -> Result<String, serde_json::Error> {
    #[derive(Serialize)]
    struct Closing<'a> {
        summary: &'a Summary,
    }
    let mut line = serde_json::to_string(&Closing { summary })?;
    line.push('\n');
    Ok(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line_is_one_object_with_a_summary() {
        let line = summary_line(&Summary {
            reports: 3,
            valid: 1,
            invalid: 1,
            unreadable: 1,
        })
        .expect("json");
        assert_eq!(
            line,
            "{\"summary\":{\"reports\":3,\"valid\":1,\"invalid\":1,\"unreadable\":1}}\n"
        );
    }
}
