//! `gcm-review extract`: the mapped report as JSON that `check` accepts.

use std::process::ExitCode;

use gcm_review::check::{CheckOptions, Checker};
use gcm_review::outcome::Status;
use gcm_review::render::text::{render_outcome, TextStyle};

use super::args::ExtractArgs;
use super::io::emit;

/// Reads the file and writes its report (or block model) as JSON.
pub fn run(checker: &Checker, args: ExtractArgs) -> Result<ExitCode, String> {
    let shown = args.file.display().to_string();
    let bytes = std::fs::read(&args.file).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let json = if args.document {
        match checker.read_document(&bytes) {
            Ok(doc) => serde_json::to_string_pretty(&doc),
            Err(_) => return Ok(unreadable(checker, &shown, &bytes)),
        }
    } else {
        let analysis = checker.analyze(&shown, &bytes, &CheckOptions::default());
        match analysis.report {
            Some(mut report) => {
                report.schema = Some(gcm_review::report::schema::schema_id(checker.template()));
                serde_json::to_string_pretty(&report)
            }
            None => return Ok(unreadable(checker, &shown, &bytes)),
        }
    }
    .map_err(|e| format!("cannot produce JSON: {e}"))?;
    emit(args.output.as_deref(), &(json + "\n"))?;
    Ok(ExitCode::SUCCESS)
}

/// Explains on standard error why nothing could be extracted; exit code 1.
fn unreadable(checker: &Checker, shown: &str, bytes: &[u8]) -> ExitCode {
    let outcome = checker.check(shown, bytes, &CheckOptions::default());
    let mut text = render_outcome(&outcome, checker.template(), "en", TextStyle::default());
    if outcome.status != Status::Unreadable {
        text.push_str("\nThe report could not be extracted because of the errors above.\n");
    }
    eprint!("{text}");
    ExitCode::from(1)
}
