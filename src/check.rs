//! The pipeline in one place: bytes → ingest → map → rules → outcome.
//!
//! Pure: no file system, threads or clock (today's date comes in through
//! [`CheckOptions`]), so the same function serves the CLI, batch runs and the
//! in-browser checker.

use std::sync::OnceLock;

use serde_json::Value;
use thiserror::Error;

use crate::catalogue::Catalogue;
use crate::diagnostic::{Diagnostic, Finding, Severity};
use crate::document::Document;
use crate::ingest::{self, IngestError, Limits, SniffedFormat};
use crate::map::docx::DocxMapper;
use crate::map::headings::SectionMatcher;
use crate::map::json::SchemaValidator;
use crate::outcome::{InputFormat, ReportOutcome, Status, SubmitterInfo};
use crate::reference::ReferenceData;
use crate::report::{schema, Report};
use crate::rules::cover::Submitter;
use crate::rules::{self, source, Date, RuleContext, RuleScreen};
use crate::template::Template;

/// Why the checker itself could not start (broken built-in data).
#[derive(Debug, Clone, Error)]
pub enum SetupError {
    /// The template data is invalid.
    #[error(transparent)]
    Template(#[from] crate::template::TemplateError),
    /// The reference data is invalid.
    #[error(transparent)]
    Reference(#[from] crate::reference::SeedError),
    /// The rule catalogue is invalid.
    #[error(transparent)]
    Catalogue(#[from] crate::catalogue::CatalogueError),
    /// The scope lexicons are invalid.
    #[error("seeds/scope: {0}")]
    Scope(String),
    /// The generated schema does not compile.
    #[error("the report schema does not compile: {0}")]
    Schema(String),
}

/// Per-run choices.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Today's date; None skips the "date in the future" check.
    pub today: Option<Date>,
    /// Language of messages; None uses the report's own language when the
    /// catalogue has it, else English.
    pub lang: Option<String>,
}

/// Everything the pipeline learnt about one input. `check` keeps only the
/// outcome; `extract` and `compile` use the report too.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The output-contract entry.
    pub outcome: ReportOutcome,
    /// The typed report, when the input could be mapped.
    pub report: Option<Report>,
}

/// What the ingest stage made of one input, before any of the checker's
/// data is needed.
#[derive(Debug)]
pub enum Ingested {
    /// A Word document, read into the neutral block model.
    Docx(Document),
    /// A JSON report, parsed but not yet checked against the schema.
    Json(Value),
    /// Bytes that could not be read as a report: the format when it was
    /// recognised, and why.
    Unreadable(Option<InputFormat>, IngestError),
}

/// Reads one input's bytes within `limits`: the first stage of
/// [`Checker::analyze`], which needs nothing else from the checker.
pub fn read_input(bytes: &[u8], limits: &Limits) -> Ingested {
    match ingest::sniff(bytes) {
        Err(e) => Ingested::Unreadable(None, e),
        Ok(SniffedFormat::Json) => match ingest::json::read(bytes) {
            Ok(value) => Ingested::Json(value),
            Err(e) => Ingested::Unreadable(Some(InputFormat::Json), e),
        },
        Ok(SniffedFormat::Docx) => match ingest::docx::read(bytes, limits) {
            Ok(doc) => Ingested::Docx(doc),
            Err(e) => Ingested::Unreadable(Some(InputFormat::Docx), e),
        },
    }
}

/// The checker with all its data loaded and compiled once.
pub struct Checker {
    template: &'static Template,
    reference: &'static ReferenceData,
    catalogue: &'static Catalogue,
    matcher: SectionMatcher,
    scope: &'static crate::scope::ScopeClassifier,
    screen: RuleScreen,
    /// Compiled on the first JSON report: a run over Word files never needs
    /// it, and compiling is a tenth of start-up.
    validator: OnceLock<Result<SchemaValidator, String>>,
    limits: Limits,
}

impl Checker {
    /// Loads and checks the built-in template, reference data and catalogue.
    /// It reads inputs within [`Limits::default`] (a caller that reads
    /// before the checker is ready uses the same, see [`read_input`]).
    pub fn new() -> Result<Checker, SetupError> {
        let template = Template::builtin()?;
        let reference = ReferenceData::builtin()?;
        let catalogue = Catalogue::builtin()?;
        let scope = crate::scope::ScopeClassifier::builtin()
            .map_err(|e| SetupError::Scope(e.to_string()))?;
        let matcher = SectionMatcher::new(template);
        let screen = RuleScreen::new(scope, matcher.objectives(), &reference.wording());
        Ok(Checker {
            template,
            reference,
            catalogue,
            matcher,
            scope,
            screen,
            validator: OnceLock::new(),
            limits: Limits::default(),
        })
    }

    /// The template in use.
    pub fn template(&self) -> &'static Template {
        self.template
    }

    /// The reference data in use.
    pub fn reference(&self) -> &'static ReferenceData {
        self.reference
    }

    /// The rule catalogue in use.
    pub fn catalogue(&self) -> &'static Catalogue {
        self.catalogue
    }

    /// The JSON report validator, compiled on first use.
    ///
    /// # Errors
    /// When the generated schema does not compile (a defect in the built-in
    /// template, caught by the tests).
    pub fn validator(&self) -> Result<&SchemaValidator, SetupError> {
        self.validator
            .get_or_init(|| SchemaValidator::new(self.schema()))
            .as_ref()
            .map_err(|e| SetupError::Schema(e.clone()))
    }

    /// The published report schema.
    pub fn schema(&self) -> Value {
        schema::generate(self.template, self.reference.objectives().len())
    }

    /// Checks one input and returns its output-contract entry.
    pub fn check(&self, file: &str, bytes: &[u8], options: &CheckOptions) -> ReportOutcome {
        self.analyze(file, bytes, options).outcome
    }

    /// Reads a DOCX into the neutral block model (for `extract --document`).
    pub fn read_document(&self, bytes: &[u8]) -> Result<Document, IngestError> {
        match ingest::sniff(bytes)? {
            SniffedFormat::Docx => ingest::docx::read(bytes, &self.limits),
            SniffedFormat::Json => Err(IngestError::Unsupported(
                "a JSON report, not a Word document".into(),
            )),
        }
    }

    /// Runs the whole pipeline on one input.
    pub fn analyze(&self, file: &str, bytes: &[u8], options: &CheckOptions) -> Analysis {
        self.analyze_ingested(file, read_input(bytes, &self.limits), options)
    }

    /// Runs the stages after [`read_input`] on what it made of one input: a
    /// caller may read its inputs before the checker is ready (the command
    /// line reads the first reports of a batch while the checker loads).
    pub fn analyze_ingested(
        &self,
        file: &str,
        ingested: Ingested,
        options: &CheckOptions,
    ) -> Analysis {
        let mut findings: Vec<Finding> = Vec::new();
        let mut heading_languages = Vec::new();
        let (format, report) = match ingested {
            Ingested::Unreadable(format, e) => return self.unreadable(file, format, &e, options),
            Ingested::Json(value) => {
                let validator = match self.validator() {
                    Ok(v) => v,
                    Err(e) => {
                        let e = IngestError::Unsupported(format!(
                            "{e} (a defect of gcm-review, not of the report: please report it)"
                        ));
                        return self.unreadable(file, Some(InputFormat::Json), &e, options);
                    }
                };
                let (report, schema_findings) = validator.map(&value);
                findings.extend(schema_findings);
                (InputFormat::Json, report)
            }
            Ingested::Docx(doc) => {
                findings.extend(source::document_findings(&doc));
                let mapped = DocxMapper::new(self.template, &self.matcher).map(doc);
                heading_languages = mapped.heading_languages;
                (InputFormat::Docx, Some(mapped.report))
            }
        };

        let language = report
            .as_ref()
            .and_then(|r| detect_language(self.template, r, &heading_languages));
        let lang = self.message_language(options, language.as_deref());
        let mut submitter = None;
        if let Some(report) = &report {
            let ctx = RuleContext {
                report,
                template: self.template,
                reference: self.reference,
                matcher: &self.matcher,
                scope: self.scope,
                screen: &self.screen,
                objective_count: self.reference.objectives().len(),
                today: options.today,
                lang: &lang,
            };
            findings.extend(rules::check_report(&ctx));
            submitter = submitter_info(&ctx);
        }
        let diagnostics = self.render(findings, &lang);
        let status = if diagnostics.iter().any(|d| d.severity == Severity::Error) {
            Status::Invalid
        } else {
            Status::Valid
        };
        Analysis {
            outcome: ReportOutcome {
                file: file.to_string(),
                status,
                format: Some(format),
                language,
                submitter,
                diagnostics,
            },
            report,
        }
    }

    fn unreadable(
        &self,
        file: &str,
        format: Option<InputFormat>,
        e: &IngestError,
        options: &CheckOptions,
    ) -> Analysis {
        let lang = self.message_language(options, None);
        Analysis {
            outcome: ReportOutcome {
                file: file.to_string(),
                status: Status::Unreadable,
                format,
                language: None,
                submitter: None,
                diagnostics: self.render(vec![source::input_finding(e)], &lang),
            },
            report: None,
        }
    }

    /// The reading limits in use, so a caller can refuse an oversized file
    /// before loading it into memory.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The outcome for an input the caller already found unreadable (for
    /// example a file larger than [`Limits::max_input_bytes`], never loaded).
    pub fn input_error(
        &self,
        file: &str,
        e: &IngestError,
        options: &CheckOptions,
    ) -> ReportOutcome {
        self.unreadable(file, None, e, options).outcome
    }

    /// An outcome for a file that could not even be opened (the CLI's I/O).
    pub fn unopenable(&self, file: &str, detail: &str, options: &CheckOptions) -> ReportOutcome {
        let lang = self.message_language(options, None);
        let finding =
            Finding::new("input.unreadable-file", Default::default()).arg("detail", detail);
        ReportOutcome {
            file: file.to_string(),
            status: Status::Unreadable,
            format: None,
            language: None,
            submitter: None,
            diagnostics: self.render(vec![finding], &lang),
        }
    }

    fn message_language(&self, options: &CheckOptions, report_language: Option<&str>) -> String {
        options
            .lang
            .clone()
            .or_else(|| report_language.map(str::to_string))
            .filter(|l| self.catalogue.supports(l))
            .unwrap_or_else(|| "en".to_string())
    }

    fn render(&self, findings: Vec<Finding>, lang: &str) -> Vec<Diagnostic> {
        let mut diagnostics: Vec<Diagnostic> = findings
            .iter()
            .map(|f| self.catalogue.render(f, lang))
            .collect();
        // Findings about the whole report first, then in document order.
        diagnostics.sort_by_key(|d| (d.location.block.is_some(), d.location.block));
        diagnostics
    }
}

fn submitter_info(ctx: &RuleContext<'_>) -> Option<SubmitterInfo> {
    let s = Submitter::read(ctx);
    let state = s.coded_state.or(s.named_state);
    let name = s.name.clone().or_else(|| state.map(|st| st.name.clone()))?;
    let kind = s.type_id.clone().unwrap_or_else(|| match state {
        Some(st) if st.kind == crate::reference::StateKind::Observer => "observer_state".into(),
        Some(_) => "member_state".into(),
        None => "unknown".into(),
    });
    let iso3 = if s.type_is_state == Some(false) {
        s.coded_state.map(|st| st.iso3.clone())
    } else {
        s.iso3().map(str::to_string)
    };
    Some(SubmitterInfo { name, iso3, kind })
}

/// The report's language: the cover's, else the language of most matched
/// headings, else the script of the text.
fn detect_language(
    template: &Template,
    report: &Report,
    heading_languages: &[String],
) -> Option<String> {
    if let Some(code) = report
        .cover_text("language")
        .and_then(|v| template.language_code(&v).map(str::to_string))
    {
        return Some(code);
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for lang in heading_languages {
        match counts.iter_mut().find(|(l, _)| *l == lang.as_str()) {
            Some((_, n)) => *n += 1,
            None => counts.push((lang.as_str(), 1)),
        }
    }
    if let Some((lang, _)) = counts.iter().max_by_key(|(_, n)| *n) {
        return Some(lang.to_string());
    }
    let sample: String = report
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.iter().map(|p| p.text()))
        .take(20)
        .collect::<Vec<_>>()
        .join(" ");
    script_language(&sample)
}

/// Guesses the language from the script alone (Arabic, Cyrillic, Han); Latin
/// text is left undecided rather than guessed.
fn script_language(text: &str) -> Option<String> {
    let (mut arabic, mut cyrillic, mut han, mut letters) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        match c as u32 {
            0x0600..=0x06FF | 0x0750..=0x077F => arabic += 1,
            0x0400..=0x04FF => cyrillic += 1,
            0x4E00..=0x9FFF | 0x3400..=0x4DBF => han += 1,
            _ => {}
        }
    }
    let half = letters / 2;
    if letters == 0 {
        None
    } else if arabic > half {
        Some("ar".into())
    } else if cyrillic > half {
        Some("ru".into())
    } else if han > half {
        Some("zh".into())
    } else {
        None
    }
}
