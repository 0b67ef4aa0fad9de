//! `gcm-review template`: writes the blank report template.

use std::process::ExitCode;

use gcm_review::blank_template;
use gcm_review::check::Checker;

use super::args::{TemplateArgs, TemplateFormat};
use super::io::write_atomic;

/// Writes the blank template in the chosen language and format to `-o FILE`.
pub fn run(checker: &Checker, args: TemplateArgs) -> Result<ExitCode, String> {
    let template = checker.template();
    let reference = checker.reference();
    let bytes = match args.format {
        TemplateFormat::Docx => blank_template::docx(template, reference, &args.lang)
            .map_err(|e| format!("cannot write the template: {e}"))?,
        TemplateFormat::Json => {
            let value = blank_template::json(template, reference, &args.lang)
                .map_err(|e| format!("cannot write the template: {e}"))?;
            let text = serde_json::to_string_pretty(&value)
                .map_err(|e| format!("cannot produce JSON: {e}"))?;
            (text + "\n").into_bytes()
        }
    };
    write_atomic(&args.output, &bytes)?;
    Ok(ExitCode::SUCCESS)
}
