//! `gcm-review check`: files and folders in, one verdict per report out, in
//! the format asked for. The work is in the library (`batch`, `render`);
//! this file only wires arguments, files and output together.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use gcm_review::batch::BatchEntry;
use gcm_review::catalogue::Catalogue;
use gcm_review::check::CheckOptions;
use gcm_review::diagnostic::Severity;
use gcm_review::ingest::Limits;
use gcm_review::outcome::{CheckOutput, ReportOutcome, Status, Summary, ToolInfo};
use gcm_review::render::text::{render_outcome, summary_line_in, TextStyle};
use gcm_review::render::{csv, jsonl, table, xlsx};
use gcm_review::rules::Date;

use super::args::{CheckArgs, CheckFormat, ColorWhen, FailOn};
use super::inputs;
use super::io::{emit, today, write_atomic, Sink};
use super::pending::PendingChecker;
use super::runner;

/// Runs the check and prints the results.
pub fn run(pending: &PendingChecker<'_>, args: CheckArgs) -> Result<ExitCode, String> {
    // The checker may still be loading: what is needed before the reports
    // are read comes from the built-in catalogue it loads.
    let catalogue =
        Catalogue::builtin().map_err(|e| format!("the built-in data is broken: {e}"))?;
    let today = match &args.today {
        Some(text) => Some(Date::parse(text).ok_or_else(|| {
            format!("--today must be a date written as YYYY-MM-DD, not “{text}”")
        })?),
        None => Some(today()),
    };
    if let Some(lang) = &args.lang {
        if !catalogue.supports(lang) {
            return Err(format!(
                "messages are not available in “{lang}”; available: {}",
                catalogue.languages.join(", ")
            ));
        }
    }
    check_output_path(&args)?;
    let inputs = inputs::collect(&args.files)?;
    // The secretariat reads a batch in English; an official checking their
    // own report reads it in the report's language (the core's default).
    let lang = args
        .lang
        .clone()
        .or_else(|| inputs.batch.then(|| "en".to_string()));
    let options = CheckOptions {
        today,
        lang: lang.clone(),
    };
    let words_lang = |outcome: Option<&ReportOutcome>| -> String {
        lang.clone()
            .or_else(|| outcome.and_then(|o| o.language.clone()))
            .filter(|l| catalogue.supports(l))
            .unwrap_or_else(|| "en".to_string())
    };

    let style = TextStyle {
        color: use_color(&args),
    };
    let output = args.output.as_deref();
    let mut sink = Sink::new(output);
    let jobs = args.jobs.map(usize::from);
    // The checker's limits (it always reads within the default ones).
    let limits = Limits::default();
    let entries = runner::run(
        pending,
        &limits,
        &inputs.items,
        &options,
        jobs,
        // Made on the worker threads: only writing waits for the reports
        // before it.
        |entry| match args.format {
            CheckFormat::Jsonl => {
                jsonl::report_line(&entry.outcome).map_err(|e| format!("cannot produce JSON: {e}"))
            }
            CheckFormat::Text => {
                let lang = words_lang(Some(&entry.outcome));
                let template = pending.get()?.template();
                Ok(render_outcome(&entry.outcome, template, &lang, style) + "\n")
            }
            _ => Ok(String::new()),
        },
        |text| match text {
            "" => Ok(()),
            text => sink.push(text),
        },
    )?;
    let checker = pending.get()?;
    let summary = Summary::of(entries.iter().map(|e| &e.outcome));
    let summary_lang = words_lang(
        entries
            .first()
            .map(|e| &e.outcome)
            .filter(|_| !inputs.batch),
    );
    let closing = summary_line_in(&summary, &summary_lang);

    match args.format {
        CheckFormat::Text => {
            sink.push(&format!("{closing}\n"))?;
            sink.finish(output)?;
        }
        CheckFormat::Jsonl => {
            let line =
                jsonl::summary_line(&summary).map_err(|e| format!("cannot produce JSON: {e}"))?;
            sink.push(&line)?;
            sink.finish(output)?;
        }
        CheckFormat::Json => emit(output, &json_document(&entries, summary)?)?,
        CheckFormat::Csv => {
            let bytes =
                csv::reports_csv(&entries).map_err(|e| format!("cannot produce CSV: {e}"))?;
            write_bytes(output, &bytes)?;
        }
        CheckFormat::Xlsx => {
            let rules = table::by_rule(
                entries.iter().map(|e| &e.outcome),
                checker.catalogue(),
                &summary_lang,
            );
            let words = checker.catalogue().ui(&summary_lang);
            let bytes = xlsx::workbook(&entries, &rules, words)
                .map_err(|e| format!("cannot produce the Excel workbook: {e}"))?;
            write_bytes(output, &bytes)?;
        }
    }
    if let Some(path) = &args.findings_csv {
        let bytes = csv::findings_csv(&entries).map_err(|e| format!("cannot produce CSV: {e}"))?;
        write_atomic(path, &bytes)?;
    }
    if args.format != CheckFormat::Text {
        eprintln!("{closing}");
    }
    Ok(exit_code(entries.iter().map(|e| &e.outcome), args.fail_on))
}

/// `xlsx` is a binary file: it needs `-o FILE.xlsx`, never the terminal.
fn check_output_path(args: &CheckArgs) -> Result<(), String> {
    if args.format != CheckFormat::Xlsx {
        return Ok(());
    }
    let is_xlsx = |p: &Path| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    };
    match &args.output {
        Some(path) if is_xlsx(path) => Ok(()),
        Some(path) => Err(format!(
            "--format xlsx writes an Excel workbook; give it a name ending in .xlsx, not {}",
            path.display()
        )),
        None => Err("--format xlsx writes an Excel workbook; name it with -o FILE.xlsx".into()),
    }
}

fn json_document(entries: &[BatchEntry], summary: Summary) -> Result<String, String> {
    let output = CheckOutput {
        tool: ToolInfo::default(),
        reports: entries.iter().map(|e| e.outcome.clone()).collect(),
        summary,
    };
    let mut s =
        serde_json::to_string_pretty(&output).map_err(|e| format!("cannot produce JSON: {e}"))?;
    s.push('\n');
    Ok(s)
}

fn write_bytes(output: Option<&Path>, bytes: &[u8]) -> Result<(), String> {
    match output {
        Some(path) => write_atomic(path, bytes),
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|_| stdout.flush())
                .map_err(|e| format!("cannot write to standard output: {e}"))
        }
    }
}

fn use_color(args: &CheckArgs) -> bool {
    match args.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

fn exit_code<'a>(
    outcomes: impl Iterator<Item = &'a ReportOutcome> + Clone,
    fail_on: FailOn,
) -> ExitCode {
    let failed = match fail_on {
        FailOn::Never => false,
        FailOn::Error => outcomes.clone().any(|o| o.status != Status::Valid),
        FailOn::Warning => outcomes
            .clone()
            .any(|o| o.status != Status::Valid || o.count(Severity::Warning) > 0),
    };
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
