//! Arguments, with clap's derive API.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Checks and compiles voluntary reports on the Global Compact for Safe,
/// Orderly and Regular Migration (GCM).
#[derive(Debug, Parser)]
#[command(name = "gcm-review", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check reports (.docx or .json) against the template and the GCM scope.
    Check(CheckArgs),
    /// Read a report and write it as JSON in the project's report format.
    Extract(ExtractArgs),
    /// Compile one region's reports into a regional summary (.docx or JSON).
    Compile(super::compile_cmd::CompileArgs),
    /// Print the JSON Schema of the report format.
    Schema(SchemaArgs),
    /// List every rule: code, severity, title and how to fix.
    Rules(RulesArgs),
    /// List the 23 GCM objectives with the round-table cluster of each.
    Objectives(ObjectivesArgs),
    /// Write the blank report template (DOCX or JSON) in one of the six UN languages.
    Template(TemplateArgs),
}

/// `gcm-review objectives`.
#[derive(Debug, Args)]
pub struct ObjectivesArgs {
    /// Language of the titles (en, fr, es, ru, zh); English where a title is missing.
    #[arg(long, value_name = "LANG", default_value = "en")]
    pub lang: String,
    /// Review cycle whose round-table clusters to show.
    #[arg(long, value_name = "CYCLE", default_value = "2022")]
    pub cycle: String,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Findings grouped per file, for people.
    Text,
    /// One JSON object (the stable output contract).
    Json,
    /// One JSON object per report per line, streamed, then a summary line.
    Jsonl,
    /// The secretariat's table: one row per report (see --findings-csv).
    Csv,
    /// An Excel workbook (Reports, Findings, By rule); needs -o FILE.xlsx.
    Xlsx,
}

/// When to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Which findings make the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Errors and unreadable files (the default).
    Error,
    /// Warnings too.
    Warning,
    /// Never: exit 0 whatever the findings.
    Never,
}

/// `gcm-review check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Report files (.docx or .json) and folders (searched recursively for
    /// .docx and .json files, skipping hidden files and Word lock files ~$*).
    #[arg(required = true, value_name = "PATH")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Write the output to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write one CSV row per finding to this file (atomically).
    #[arg(long, value_name = "FILE")]
    pub findings_csv: Option<PathBuf>,
    /// Language of messages (en, fr, es, ar, ru, zh); default: English for a batch
    /// (several files or a folder), else the report's own language when available.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Files checked at the same time; default: one per processor core.
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Which findings make the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Colour in text output.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// Check dates against this day instead of today (YYYY-MM-DD), for reproducible runs.
    #[arg(long, value_name = "DATE", env = "GCM_REVIEW_TODAY")]
    pub today: Option<String>,
}

/// `gcm-review extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The report to read.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "OUT.json")]
    pub output: Option<PathBuf>,
    /// Dump the neutral block model (for debugging the reader) instead of the report.
    #[arg(long)]
    pub document: bool,
}

/// `gcm-review schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Formats of `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// A readable list.
    Text,
    /// JSON, for tools.
    Json,
}

/// `gcm-review rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
    /// Language of titles and help (en, fr, es, ar, ru, zh).
    #[arg(long, value_name = "LANG", default_value = "en")]
    pub lang: String,
}

/// Formats of `template`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    /// A Word document with content controls, for officials to fill in.
    Docx,
    /// A JSON report skeleton that validates against the report schema.
    Json,
}

/// `gcm-review template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Language of the template.
    #[arg(long, value_name = "LANG", default_value = "en",
          value_parser = ["en", "fr", "es", "ru", "ar", "zh"])]
    pub lang: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TemplateFormat::Docx)]
    pub format: TemplateFormat,
    /// Write to this file (atomically).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}
