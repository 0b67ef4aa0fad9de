//! The WebAssembly glue of the in-browser checker (`web/`).
//!
//! A plain C ABI, no wasm-bindgen. The page:
//!
//! 1. asks for buffers with [`alloc`] and copies the file name, the file's
//!    bytes, today's date (`YYYY-MM-DD`) and the message language (UTF-8)
//!    into them;
//! 2. calls [`check`], which returns a pointer to a result: a 4-byte
//!    little-endian length followed by that many bytes of UTF-8 JSON;
//! 3. reads the JSON and gives every buffer back with [`dealloc`].
//!
//! [`ui`] returns, in the same form, the words the page needs from the
//! built-in data (section titles, objective labels, message languages).
//!
//! Pointers are never dereferenced as given: every buffer handed to the page
//! is registered here, and a pointer/length pair is only read when it lies
//! inside a registered buffer. A wrong pointer or length from the page gives
//! an error result (or 0), never a crash. The glue uses no `unsafe` code.

use std::cell::{OnceCell, RefCell};
use std::collections::BTreeMap;

use gcm_review::check::{CheckOptions, Checker};
use gcm_review::outcome::ReportOutcome;
use gcm_review::report::{BlockRole, Report, ReportBlocks};
use gcm_review::rules::Date;
use serde::Serialize;

thread_local! {
    /// The checker, with its data loaded and compiled once per module instance.
    static CHECKER: OnceCell<Result<Checker, String>> = const { OnceCell::new() };
    /// Every buffer lent to the page, keyed by its address.
    static BUFFERS: RefCell<BTreeMap<usize, Box<[u8]>>> = const { RefCell::new(BTreeMap::new()) };
}

/// Lends the page a zeroed buffer of `len` bytes; returns its address, or 0
/// when memory is exhausted or `len` is absurd.
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> usize {
    lend(len).unwrap_or(0)
}

/// Takes back a buffer lent by [`alloc`], [`check`] or [`ui`]. An address
/// that was never lent (or was already given back) is ignored. `len` is
/// accepted for symmetry with `alloc` and not needed.
#[no_mangle]
pub extern "C" fn dealloc(ptr: usize, len: usize) {
    let _ = len;
    BUFFERS.with(|b| b.borrow_mut().remove(&ptr));
}

/// Checks one report. Arguments are pointer/length pairs into buffers from
/// [`alloc`]: the file name (shown in the result), the file's bytes, today's
/// date as `YYYY-MM-DD` (empty: the "date in the future" check is skipped) and
/// the language of messages (empty: the report's own language, else English).
///
/// Returns a result buffer (see the crate docs) holding [`check_json`]'s
/// JSON, or 0 when memory is exhausted.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn check(
    name_ptr: usize,
    name_len: usize,
    bytes_ptr: usize,
    bytes_len: usize,
    today_ptr: usize,
    today_len: usize,
    lang_ptr: usize,
    lang_len: usize,
) -> usize {
    let json = BUFFERS.with(|b| {
        let buffers = b.borrow();
        let args = (
            view(&buffers, name_ptr, name_len),
            view(&buffers, bytes_ptr, bytes_len),
            view(&buffers, today_ptr, today_len),
            view(&buffers, lang_ptr, lang_len),
        );
        match args {
            (Some(name), Some(bytes), Some(today), Some(lang)) => check_json(
                &String::from_utf8_lossy(name),
                bytes,
                &String::from_utf8_lossy(today),
                &String::from_utf8_lossy(lang),
            ),
            _ => error_json(
                "bad-argument",
                "The page passed a buffer the checker did not lend it.",
            ),
        }
    });
    lend_result(&json)
}

/// The words the page needs from the built-in data, as a result buffer
/// holding [`ui_json`]'s JSON (0 when memory is exhausted).
#[no_mangle]
pub extern "C" fn ui() -> usize {
    lend_result(&ui_json())
}

/// What [`check`] returns: `{"report": …, "found": …}` where `report` is
/// exactly one `reports[]` entry of `gcm-review check --format json` and
/// `found` lists the template sections and objective sub-sections the report
/// has; or `{"error": {"code", "message"}}` when the checker cannot run.
pub fn check_json(name: &str, bytes: &[u8], today: &str, lang: &str) -> String {
    let today = today.trim();
    let date = if today.is_empty() {
        None
    } else {
        match Date::parse(today) {
            Some(d) => Some(d),
            None => return error_json("bad-date", "Today's date must be written as YYYY-MM-DD."),
        }
    };
    let lang = lang.trim();
    let options = CheckOptions {
        today: date,
        lang: (!lang.is_empty()).then(|| lang.to_string()),
    };
    with_checker(|checker| {
        let analysis = checker.analyze(name, bytes, &options);
        let found = analysis.report.as_ref().map(found).unwrap_or_default();
        to_json(&CheckResult {
            report: &analysis.outcome,
            found,
        })
    })
}

/// What [`ui`] returns: the tool's version, the languages messages exist in,
/// the template's sections with their titles, the objectives with their short
/// labels, and each rule's severity and title, all keyed by language code.
pub fn ui_json() -> String {
    with_checker(|checker| {
        let template = checker.template();
        let catalogue = checker.catalogue();
        let ui = Ui {
            tool: ToolUi {
                name: "gcm-review",
                version: env!("CARGO_PKG_VERSION"),
            },
            languages: &catalogue.languages,
            template: TemplateUi {
                id: &template.template.id,
                version: &template.template.version,
                verified: template.template.verified,
            },
            sections: template
                .sections
                .iter()
                .map(|s| SectionUi {
                    id: &s.id,
                    required: s.required,
                    objectives: s.objectives,
                    title: s
                        .title
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect(),
                })
                .collect(),
            objectives: checker
                .reference()
                .objectives()
                .iter()
                .map(|o| ObjectiveUi {
                    number: o.number,
                    label: o
                        .label
                        .0
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.text.as_str()))
                        .collect(),
                })
                .collect(),
            rules: catalogue
                .rules
                .iter()
                .map(|r| RuleUi {
                    code: &r.code,
                    severity: r.severity.as_str(),
                    title: r
                        .text
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.title.as_str()))
                        .collect(),
                })
                .collect(),
        };
        to_json(&ui)
    })
}

/// The result of one check.
#[derive(Serialize)]
struct CheckResult<'a> {
    report: &'a ReportOutcome,
    found: Found,
}

/// What the report has, for the page's summary.
#[derive(Debug, Default, Serialize)]
struct Found {
    /// Template sections in document order.
    sections: Vec<FoundSection>,
    /// Objective sub-sections in document order.
    objectives: Vec<FoundObjective>,
}

#[derive(Debug, Serialize)]
struct FoundSection {
    id: String,
    title: Option<String>,
    block: Option<usize>,
    paragraphs: usize,
}

#[derive(Debug, Serialize)]
struct FoundObjective {
    objective: u32,
    block: Option<usize>,
}

#[derive(Serialize)]
struct Ui<'a> {
    tool: ToolUi,
    languages: &'a [String],
    template: TemplateUi<'a>,
    sections: Vec<SectionUi<'a>>,
    objectives: Vec<ObjectiveUi<'a>>,
    rules: Vec<RuleUi<'a>>,
}

#[derive(Serialize)]
struct ToolUi {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct TemplateUi<'a> {
    id: &'a str,
    version: &'a str,
    verified: bool,
}

#[derive(Serialize)]
struct SectionUi<'a> {
    id: &'a str,
    required: bool,
    objectives: bool,
    title: BTreeMap<&'a str, &'a str>,
}

#[derive(Serialize)]
struct ObjectiveUi<'a> {
    number: u8,
    label: BTreeMap<&'a str, &'a str>,
}

#[derive(Serialize)]
struct RuleUi<'a> {
    code: &'a str,
    severity: &'static str,
    title: BTreeMap<&'a str, &'a str>,
}

#[derive(Serialize)]
struct ErrorResult<'a> {
    error: ErrorBody<'a>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    code: &'a str,
    message: &'a str,
}

/// The template sections and objective sub-sections of a mapped report.
fn found(report: &Report) -> Found {
    let blocks = ReportBlocks::new(report);
    let mut out = Found::default();
    for (index, section) in report.sections.iter().enumerate() {
        let Some(id) = &section.id else { continue };
        out.sections.push(FoundSection {
            id: id.clone(),
            title: section.title.clone(),
            block: blocks.heading_of_section(index).map(|b| b.number),
            paragraphs: blocks.text_of_section(index).count(),
        });
    }
    for b in &blocks.blocks {
        if b.role == BlockRole::ObjectiveHeading {
            if let Some(objective) = b.objective {
                out.objectives.push(FoundObjective {
                    objective,
                    block: Some(b.number),
                });
            }
        }
    }
    // Objective entries without a heading still count.
    for section in &report.sections {
        for entry in &section.objectives {
            if !out
                .objectives
                .iter()
                .any(|o| o.objective == entry.objective)
            {
                out.objectives.push(FoundObjective {
                    objective: entry.objective,
                    block: None,
                });
            }
        }
    }
    out
}

fn with_checker(f: impl FnOnce(&Checker) -> String) -> String {
    CHECKER.with(
        |cell| match cell.get_or_init(|| Checker::new().map_err(|e| e.to_string())) {
            Ok(checker) => f(checker),
            Err(e) => error_json(
                "setup",
                &format!("The checker's built-in data is broken: {e}"),
            ),
        },
    )
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| {
        error_json(
            "internal",
            &format!("The result could not be written as JSON: {e}"),
        )
    })
}

fn error_json(code: &str, message: &str) -> String {
    // Serialising two strings cannot fail; the fallback keeps it panic-free.
    serde_json::to_string(&ErrorResult {
        error: ErrorBody { code, message },
    })
    .unwrap_or_else(|_| r#"{"error":{"code":"internal","message":"internal error"}}"#.into())
}

/// The bytes at `ptr..ptr + len` when they lie inside one lent buffer. The
/// empty range at address 0 is always valid (an empty argument).
fn view(buffers: &BTreeMap<usize, Box<[u8]>>, ptr: usize, len: usize) -> Option<&[u8]> {
    if ptr == 0 && len == 0 {
        return Some(&[]);
    }
    let (start, buf) = buffers.range(..=ptr).next_back()?;
    let offset = ptr.checked_sub(*start)?;
    let end = offset.checked_add(len)?;
    buf.get(offset..end)
}

/// Registers a new zeroed buffer and returns its address.
fn lend(len: usize) -> Option<usize> {
    let mut v: Vec<u8> = Vec::new();
    // At least one byte, so that every buffer has its own address.
    v.try_reserve_exact(len.max(1)).ok()?;
    v.resize(len.max(1), 0);
    let buf = v.into_boxed_slice();
    let addr = buf.as_ptr() as usize;
    BUFFERS.with(|b| b.borrow_mut().insert(addr, buf));
    Some(addr)
}

/// Registers a result buffer: 4-byte little-endian length, then the text.
fn lend_result(text: &str) -> usize {
    let Ok(len) = u32::try_from(text.len()) else {
        return 0;
    };
    let mut v: Vec<u8> = Vec::new();
    if v.try_reserve_exact(text.len().saturating_add(4)).is_err() {
        return 0;
    }
    v.extend_from_slice(&len.to_le_bytes());
    v.extend_from_slice(text.as_bytes());
    let buf = v.into_boxed_slice();
    let addr = buf.as_ptr() as usize;
    BUFFERS.with(|b| b.borrow_mut().insert(addr, buf));
    addr
}

/// Reads a result buffer back (for tests and native callers): the JSON text.
pub fn read_result(ptr: usize) -> Option<String> {
    BUFFERS.with(|b| {
        let buffers = b.borrow();
        let head: [u8; 4] = view(&buffers, ptr, 4)?.try_into().ok()?;
        let len = usize::try_from(u32::from_le_bytes(head)).ok()?;
        let body = view(&buffers, ptr.checked_add(4)?, len)?;
        String::from_utf8(body.to_vec()).ok()
    })
}

/// Copies `data` into a new lent buffer, as the page does (for tests).
pub fn lend_copy(data: &[u8]) -> Option<(usize, usize)> {
    let ptr = lend(data.len())?;
    BUFFERS.with(|b| {
        let mut buffers = b.borrow_mut();
        let buf = buffers.get_mut(&ptr)?;
        buf.get_mut(..data.len())?.copy_from_slice(data);
        Some((ptr, data.len()))
    })
}

/// Number of buffers currently lent (for leak tests).
pub fn lent_buffers() -> usize {
    BUFFERS.with(|b| b.borrow().len())
}
