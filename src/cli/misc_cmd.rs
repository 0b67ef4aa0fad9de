//! `gcm-review schema` and `gcm-review rules`.

use std::process::ExitCode;

use gcm_review::check::Checker;
use serde_json::json;

use super::args::{ObjectivesArgs, RulesArgs, RulesFormat, SchemaArgs};
use super::io::emit;

/// Prints the report JSON Schema.
pub fn schema(checker: &Checker, args: SchemaArgs) -> Result<ExitCode, String> {
    let text = serde_json::to_string_pretty(&checker.schema())
        .map_err(|e| format!("cannot produce JSON: {e}"))?;
    emit(args.output.as_deref(), &(text + "\n"))?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the rule catalogue.
pub fn rules(checker: &Checker, args: RulesArgs) -> Result<ExitCode, String> {
    let catalogue = checker.catalogue();
    let lang = if catalogue.supports(&args.lang) {
        args.lang.as_str()
    } else {
        "en"
    };
    let text = match args.format {
        RulesFormat::Json => {
            let rules: Vec<_> = catalogue
                .rules
                .iter()
                .map(|r| {
                    let t = r.text.get(lang).or_else(|| r.text.get("en"));
                    json!({
                        "code": r.code,
                        "severity": r.severity,
                        "title": t.map(|t| t.title.as_str()),
                        "help": t.map(|t| t.help.as_str()),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&json!({ "rules": rules }))
                .map_err(|e| format!("cannot produce JSON: {e}"))?
        }
        RulesFormat::Text => catalogue
            .rules
            .iter()
            .map(|r| {
                let t = r.text.get(lang).or_else(|| r.text.get("en"));
                format!(
                    "{:<32} {:<8} {}\n    {}\n",
                    r.code,
                    r.severity.as_str(),
                    t.map(|t| t.title.as_str()).unwrap_or(""),
                    t.map(|t| t.help.as_str()).unwrap_or("")
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
    };
    emit(None, &(text + "\n"))?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the objectives with their round-table cluster.
pub fn objectives(checker: &Checker, args: ObjectivesArgs) -> Result<ExitCode, String> {
    let reference = checker.reference();
    if reference.clusters(&args.cycle).is_none() {
        let known: Vec<&str> = reference.cycles().iter().map(|c| c.id.as_str()).collect();
        return Err(format!(
            "no round-table clusters for the cycle “{}”; known cycles: {}",
            args.cycle,
            known.join(", ")
        ));
    }
    let mut text = String::new();
    for objective in reference.objectives() {
        let title = objective
            .title
            .get(&args.lang)
            .unwrap_or_else(|| objective.title.en());
        let cluster = reference
            .cluster_of(&args.cycle, objective.number)
            .map(|c| format!("round table {}", c.number))
            .unwrap_or_default();
        text.push_str(&format!("{:>2}. {title}  [{cluster}]\n", objective.number));
    }
    emit(None, &text)?;
    Ok(ExitCode::SUCCESS)
}
