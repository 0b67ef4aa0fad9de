//! `gcm-review compile`: one region's reports in, a regional summary out
//! (Word document, or its data as JSON). Reading and checking run in
//! parallel; the summary itself is built by `gcm_review::compile`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use gcm_review::check::{Analysis, CheckOptions, Checker};
use gcm_review::compile::{self, CompileOptions};
use gcm_review::rules::Date;
use rayon::prelude::*;

use super::inputs::{self, Input};
use super::io::{today, write_atomic};

/// Output formats of `compile`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompileFormat {
    /// The summary as a Word document.
    Docx,
    /// The summary's data as JSON, for reuse.
    Json,
}

/// `gcm-review compile`.
#[derive(Debug, Args)]
pub struct CompileArgs {
    /// Report files (.docx or .json) and folders (searched recursively).
    #[arg(required = true, value_name = "PATH")]
    pub files: Vec<PathBuf>,
    /// The UN regional commission: ECA, ECE, ECLAC, ESCAP or ESCWA.
    #[arg(long, value_name = "REGION")]
    pub region: String,
    /// Review cycle whose round-table clusters group the objectives.
    #[arg(long, value_name = "CYCLE", default_value = "2022")]
    pub cycle: String,
    /// Language of the summary's own text (en, fr, es); excerpts keep theirs.
    #[arg(long, value_name = "LANG", default_value = "en")]
    pub lang: String,
    /// Cut-off date printed on the title page (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub cutoff: Option<String>,
    /// Include States only in their primary review region(s).
    #[arg(long)]
    pub primary_only: bool,
    /// Output file, written atomically.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompileFormat::Docx)]
    pub format: CompileFormat,
    /// With `--format docx`, also write the summary's data as JSON here.
    #[arg(long, value_name = "FILE")]
    pub data: Option<PathBuf>,
    /// Today's date (YYYY-MM-DD) for date checks and the generation date.
    #[arg(long, value_name = "DATE", env = "GCM_REVIEW_TODAY")]
    pub today: Option<String>,
}

/// Reads, checks and compiles the reports, then writes the summary.
pub fn run(checker: &Checker, args: CompileArgs) -> Result<ExitCode, String> {
    let today = match &args.today {
        Some(text) => Date::parse(text)
            .ok_or_else(|| format!("--today must be a date written as YYYY-MM-DD, not “{text}”"))?,
        None => today(),
    };
    if let Some(cutoff) = &args.cutoff {
        if Date::parse(cutoff).is_none() {
            return Err(format!(
                "--cutoff must be a date written as YYYY-MM-DD, not “{cutoff}”"
            ));
        }
    }
    if !compile::words::Words::LANGUAGES.contains(&args.lang.as_str()) {
        return Err(format!(
            "the summary is not available in “{}”; available: {}",
            args.lang,
            compile::words::Words::LANGUAGES.join(", ")
        ));
    }
    let inputs = inputs::collect(&args.files)?;
    let check_options = CheckOptions {
        today: Some(today),
        lang: Some("en".into()),
    };
    let analyses: Vec<Analysis> = inputs
        .items
        .par_iter()
        .map(|input| analyze(checker, input, &check_options))
        .collect();
    let options = CompileOptions {
        region: args.region.clone(),
        cycle: args.cycle.clone(),
        lang: args.lang.clone(),
        cutoff: args.cutoff.clone(),
        generated: Some(today.to_string()),
        primary_only: args.primary_only,
    };
    let summary = compile::compile(&analyses, checker.reference(), checker.template(), &options)
        .map_err(|e| e.to_string())?;
    let json = || {
        serde_json::to_string_pretty(&summary)
            .map(|j| j + "\n")
            .map_err(|e| format!("cannot produce JSON: {e}"))
    };
    match args.format {
        CompileFormat::Json => write_atomic(&args.output, json()?.as_bytes())?,
        CompileFormat::Docx => {
            let bytes = compile::docx::render(&summary, &args.lang)
                .map_err(|e| format!("cannot write the summary: {e}"))?;
            if let Some(data) = &args.data {
                write_atomic(data, json()?.as_bytes())?;
            }
            write_atomic(&args.output, &bytes)?;
        }
    }
    eprintln!(
        "gcm-review: {} report(s) in the {} summary, {} left out; written to {}",
        summary.reports.len(),
        summary.region.id,
        summary.excluded_reports.len(),
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Reads and analyses one input; an unreadable file becomes an analysis
/// without a report (listed as left out in the summary).
fn analyze(checker: &Checker, input: &Input, options: &CheckOptions) -> Analysis {
    let unopenable = |shown: &str, detail: &str| Analysis {
        outcome: checker.unopenable(shown, detail, options),
        report: None,
    };
    match input {
        Input::Unopenable { shown, detail } => unopenable(shown, detail),
        Input::File { shown, path } => match std::fs::metadata(path) {
            Ok(meta) if meta.len() > checker.limits().max_input_bytes => {
                unopenable(shown, "the file is larger than the checker reads")
            }
            Ok(_) => match std::fs::read(path) {
                Ok(bytes) => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    checker.analyze(shown, &bytes, options)
                }))
                .unwrap_or_else(|_| {
                    unopenable(
                        shown,
                        "the checker stopped on this file because of an internal error",
                    )
                }),
                Err(e) => unopenable(shown, &e.to_string()),
            },
            Err(e) => unopenable(shown, &e.to_string()),
        },
    }
}
