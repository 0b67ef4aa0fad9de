//! `gcm-review check`.

use std::io::IsTerminal;
use std::process::ExitCode;

use gcm_review::check::{CheckOptions, Checker};
use gcm_review::diagnostic::Severity;
use gcm_review::outcome::{CheckOutput, ReportOutcome, Status, Summary, ToolInfo};
use gcm_review::render::text::{render_outcome, summary_line, TextStyle};
use gcm_review::rules::Date;

use super::args::{CheckArgs, CheckFormat, ColorWhen, FailOn};
use super::io::{emit, today};

/// Runs the check and prints the results.
pub fn run(checker: &Checker, args: CheckArgs) -> Result<ExitCode, String> {
    let today = match &args.today {
        Some(text) => Some(Date::parse(text).ok_or_else(|| {
            format!("--today must be a date written as YYYY-MM-DD, not “{text}”")
        })?),
        None => Some(today()),
    };
    if let Some(lang) = &args.lang {
        if !checker.catalogue().supports(lang) {
            return Err(format!(
                "messages are not available in “{lang}”; available: {}",
                checker.catalogue().languages.join(", ")
            ));
        }
    }
    let options = CheckOptions {
        today,
        lang: args.lang.clone(),
    };
    let outcomes: Vec<ReportOutcome> = args
        .files
        .iter()
        .map(|path| {
            let shown = path.display().to_string();
            match std::fs::read(path) {
                Ok(bytes) => checker.check(&shown, &bytes, &options),
                Err(e) => checker.unopenable(&shown, &e.to_string(), &options),
            }
        })
        .collect();
    let summary = Summary::of(&outcomes);

    let text = match args.format {
        CheckFormat::Json => {
            let output = CheckOutput {
                tool: ToolInfo::default(),
                reports: outcomes.clone(),
                summary,
            };
            let mut s = serde_json::to_string_pretty(&output)
                .map_err(|e| format!("cannot produce JSON: {e}"))?;
            s.push('\n');
            s
        }
        CheckFormat::Text => {
            let color = match args.color {
                ColorWhen::Always => true,
                ColorWhen::Never => false,
                ColorWhen::Auto => {
                    args.output.is_none()
                        && std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                        && std::env::var("TERM").map_or(true, |t| t != "dumb")
                }
            };
            let lang = args.lang.as_deref().unwrap_or("en");
            let mut s = String::new();
            for outcome in &outcomes {
                s.push_str(&render_outcome(
                    outcome,
                    checker.template(),
                    lang,
                    TextStyle { color },
                ));
                s.push('\n');
            }
            s.push_str(&summary_line(&summary));
            s.push('\n');
            s
        }
    };
    emit(args.output.as_deref(), &text)?;
    Ok(exit_code(&outcomes, args.fail_on))
}

fn exit_code(outcomes: &[ReportOutcome], fail_on: FailOn) -> ExitCode {
    let failed = match fail_on {
        FailOn::Never => false,
        FailOn::Error => outcomes.iter().any(|o| o.status != Status::Valid),
        FailOn::Warning => outcomes
            .iter()
            .any(|o| o.status != Status::Valid || o.count(Severity::Warning) > 0),
    };
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
