//! Runs the DOCX reader over the real-document corpus (ENGINEERING.md §2):
//! no panics, a time bound per file, and a text-recall check against an
//! independent minimal quick-xml count of `word/document.xml`.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gcm_review::document::{BlockKind, Document, Story};
use gcm_review::ingest::{docx, IngestError, Limits};
use quick_xml::events::Event;
use quick_xml::Reader;

/// Finds `shared/corpus/<name>` next to the repository (also from a git
/// worktree, whose parent differs): the first ancestor holding it wins.
fn corpus_dir(name: &str) -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .skip(1)
        .map(|a| a.join("shared").join("corpus").join(name))
        .find(|p| p.is_dir())
}

fn docx_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            docx_files(&p, out);
        } else if p
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
        {
            out.push(p);
        }
    }
}

fn error_kind(e: &IngestError) -> &'static str {
    match e {
        IngestError::Empty => "Empty",
        IngestError::EncryptedOrLegacy => "EncryptedOrLegacy",
        IngestError::Pdf => "Pdf",
        IngestError::Unsupported(_) => "Unsupported",
        IngestError::NotWordDocument(_) => "NotWordDocument",
        IngestError::DamagedPackage(_) => "DamagedPackage",
        IngestError::TooLarge { .. } => "TooLarge",
        IngestError::TooManyEntries { .. } => "TooManyEntries",
        IngestError::TooDeep { .. } => "TooDeep",
        IngestError::Doctype { .. } => "Doctype",
        IngestError::AmbiguousPackage(_) => "AmbiguousPackage",
        IngestError::InvalidXml { .. } => "InvalidXml",
        _ => "other",
    }
}

fn counts(c: char) -> bool {
    !c.is_whitespace() && !c.is_control()
}

/// Visible characters of the body story as the reader produced them
/// (table rows counted by cell, without the " | " separators).
fn reader_count(d: &Document) -> usize {
    d.blocks
        .iter()
        .filter(|b| b.location.story == Story::Body)
        .map(|b| match &b.kind {
            BlockKind::TableRow { cells } => cells
                .iter()
                .map(|c| c.chars().filter(|&c| counts(c)).count())
                .sum(),
            _ => b.text.chars().filter(|&c| counts(c)).count(),
        })
        .sum()
}

/// The independent count: every `w:t`/`m:t` character in `word/document.xml`,
/// entities resolved, minus what the accept view and Word's display leave
/// out (deleted and moved-away text, `mc:Fallback` copies, directly hidden
/// runs, field instructions, TOC results, ruby guides), plus `w:sym` and
/// `w:noBreakHyphen` characters. Deliberately written without the reader's
/// code: a flat qualified-name pass with a few counters.
fn oracle_count(bytes: &[u8]) -> Option<usize> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let name = zip
        .file_names()
        .flatten()
        .find(|n| {
            n.replace('\\', "/")
                .eq_ignore_ascii_case("word/document.xml")
        })?
        .to_string();
    let mut xml = String::new();
    zip.by_name(&name).ok()?.read_to_string(&mut xml).ok()?;
    let styles_name = zip
        .file_names()
        .flatten()
        .find(|n| n.replace('\\', "/").eq_ignore_ascii_case("word/styles.xml"))
        .map(|n| n.to_string());
    let styles = styles_name
        .and_then(|n| {
            let mut s = String::new();
            zip.by_name(&n).ok()?.read_to_string(&mut s).ok()?;
            Some(OracleStyles::parse(&s))
        })
        .unwrap_or_default();
    let xml = xml.trim_start_matches('\u{feff}');
    let mut r = Reader::from_str(xml);
    let mut wp = String::from("w");
    let mut first = true;
    let mut p_style: Option<String> = None;
    let mut r_style: Option<String> = None;
    let mut r_vanish: Option<bool> = None;
    let mut in_ppr = false;
    let mut skip = 0usize; // depth inside a skipped subtree
    let mut in_t = false;
    let mut in_run = false;
    let mut in_rpr = false;
    let mut run_hidden = false;
    // Fields: (in result phase, is toc, instruction so far)
    let mut fields: Vec<(bool, bool, String)> = Vec::new();
    let mut in_instr = false;
    let mut toc_sdt_depth: Vec<bool> = Vec::new(); // per open w:sdt: is TOC
    let mut in_sdt_pr = false;
    let mut toc_simple = 0usize;
    let mut simple_stack: Vec<bool> = Vec::new();
    let mut total = 0usize;
    loop {
        let ev = r.read_event().ok()?;
        let suppressed =
            |fields: &Vec<(bool, bool, String)>, toc_sdt: &Vec<bool>, simple: usize| {
                fields.iter().any(|(res, toc, _)| !res || *toc)
                    || toc_sdt.iter().any(|t| *t)
                    || simple > 0
            };
        match ev {
            Event::Start(e) => {
                if first {
                    first = false;
                    for a in e.attributes().flatten() {
                        let v = a.value.to_string();
                        if (v == W_T || v == W_S) && a.key.0.starts_with("xmlns:") {
                            wp = a.key.0.trim_start_matches("xmlns:").to_owned();
                        }
                    }
                }
                let n = norm(e.name().0, &wp);
                if skip > 0 {
                    skip += 1;
                    continue;
                }
                match n.as_str() {
                    "w:del" | "w:moveFrom" | "mc:Fallback" | "w:rt" | "w:rPrChange"
                    | "w:pPrChange"
                        if !in_rpr =>
                    {
                        skip = 1
                    }
                    "w:t" | "m:t" => in_t = true,
                    "w:instrText" => in_instr = true,
                    "w:p" => p_style = None,
                    "w:pPr" => in_ppr = true,
                    "w:r" => {
                        in_run = true;
                        r_style = None;
                        r_vanish = None;
                        run_hidden = styles.hidden(None, None, p_style.as_deref());
                    }
                    "w:rPr" if in_run => in_rpr = true,
                    "w:sdt" => toc_sdt_depth.push(false),
                    "w:sdtPr" => in_sdt_pr = true,
                    "w:fldSimple" => {
                        let toc = attr(&e, &format!("{wp}:instr"))
                            .trim_start()
                            .to_uppercase()
                            .starts_with("TOC");
                        simple_stack.push(toc);
                        toc_simple += usize::from(toc);
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                let n = norm(e.name().0, &wp);
                let val = attr(&e, &format!("{wp}:val"));
                match n.as_str() {
                    "w:pStyle" if in_ppr => p_style = Some(val),
                    "w:rStyle" if in_rpr => {
                        r_style = Some(val);
                        run_hidden =
                            styles.hidden(r_vanish, r_style.as_deref(), p_style.as_deref());
                    }
                    "w:vanish" if in_rpr => {
                        r_vanish = Some(val != "0" && val != "false");
                        run_hidden =
                            styles.hidden(r_vanish, r_style.as_deref(), p_style.as_deref());
                    }
                    "w:fldChar" => match attr(&e, &format!("{wp}:fldCharType")).as_str() {
                        "begin" => fields.push((false, false, String::new())),
                        "separate" => {
                            if let Some(f) = fields.last_mut() {
                                f.0 = true;
                                f.1 = f.2.trim_start().to_uppercase().starts_with("TOC");
                            }
                        }
                        "end" => {
                            fields.pop();
                        }
                        _ => {}
                    },
                    "w:docPartGallery"
                        if in_sdt_pr && val.eq_ignore_ascii_case("Table of Contents") =>
                    {
                        if let Some(t) = toc_sdt_depth.last_mut() {
                            *t = true;
                        }
                    }
                    "w:sym" | "w:noBreakHyphen"
                        if in_run
                            && !run_hidden
                            && !suppressed(&fields, &toc_sdt_depth, toc_simple) =>
                    {
                        total += 1
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match norm(e.name().0, &wp).as_str() {
                    "w:t" | "m:t" => in_t = false,
                    "w:pPr" => in_ppr = false,
                    "w:instrText" => in_instr = false,
                    "w:r" => in_run = false,
                    "w:rPr" => in_rpr = false,
                    "w:sdt" => {
                        toc_sdt_depth.pop();
                    }
                    "w:sdtPr" => in_sdt_pr = false,
                    "w:fldSimple" => {
                        let was_toc = simple_stack.pop() == Some(true);
                        toc_simple = toc_simple.saturating_sub(usize::from(was_toc));
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                let s = t.xml10_content();
                if skip == 0 && in_instr {
                    if let Some(f) = fields.last_mut() {
                        f.2.push_str(&s);
                    }
                } else if skip == 0
                    && in_t
                    && !run_hidden
                    && !suppressed(&fields, &toc_sdt_depth, toc_simple)
                {
                    total += s.chars().filter(|&c| counts(c)).count();
                }
            }
            Event::GeneralRef(g)
                if skip == 0
                    && in_t
                    && !in_instr
                    && !run_hidden
                    && !suppressed(&fields, &toc_sdt_depth, toc_simple) =>
            {
                let c = match g.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => ["amp", "lt", "gt", "quot", "apos"]
                        .contains(&&*g)
                        .then_some('x'),
                };
                if c.is_some_and(counts) {
                    total += 1;
                }
            }
            Event::CData(t)
                if skip == 0
                    && in_t
                    && !run_hidden
                    && !suppressed(&fields, &toc_sdt_depth, toc_simple) =>
            {
                total += t.xml10_content().chars().filter(|&c| counts(c)).count();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Some(total)
}

const W_T: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_S: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";

/// Rewrites the WordprocessingML prefix (some generators use `ns0:`) to `w:`.
fn norm(name: &str, wp: &str) -> String {
    match name.split_once(':') {
        Some((p, l)) if p == wp => format!("w:{l}"),
        _ => name.to_owned(),
    }
}

/// Just enough of `styles.xml` to know which runs Word hides.
#[derive(Default)]
struct OracleStyles {
    /// id -> (basedOn, vanish)
    map: std::collections::HashMap<String, (Option<String>, Option<bool>)>,
    default_para: Option<String>,
    default_vanish: Option<bool>,
}

impl OracleStyles {
    fn parse(xml: &str) -> Self {
        let mut out = OracleStyles::default();
        let mut r = Reader::from_str(xml.trim_start_matches('\u{feff}'));
        let mut cur: Option<(String, Option<String>, Option<bool>)> = None;
        let mut in_defaults = false;
        let mut skip = 0usize;
        while let Ok(ev) = r.read_event() {
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let is_start = matches!(ev, Event::Start(_));
                    let n = e.name().0.to_owned();
                    if skip > 0 || n == "w:tblStylePr" || n == "w:rPrChange" {
                        if is_start {
                            skip += 1;
                        }
                        continue;
                    }
                    match n.as_str() {
                        "w:style" => {
                            let id = attr(e, "w:styleId");
                            if attr(e, "w:default") == "1"
                                && attr(e, "w:type") == "paragraph"
                                && out.default_para.is_none()
                            {
                                out.default_para = Some(id.clone());
                            }
                            cur = Some((id, None, None));
                        }
                        "w:basedOn" => {
                            if let Some(c) = cur.as_mut() {
                                c.1 = Some(attr(e, "w:val"));
                            }
                        }
                        "w:vanish" => {
                            let v = attr(e, "w:val");
                            let on = v != "0" && v != "false";
                            if let Some(c) = cur.as_mut() {
                                c.2 = Some(on);
                            } else if in_defaults {
                                out.default_vanish = Some(on);
                            }
                        }
                        "w:docDefaults" => in_defaults = true,
                        _ => {}
                    }
                }
                Event::End(e) => {
                    if skip > 0 {
                        skip -= 1;
                        continue;
                    }
                    match e.name().0 {
                        "w:style" => {
                            if let Some((id, b, v)) = cur.take() {
                                out.map.entry(id).or_insert((b, v));
                            }
                        }
                        "w:docDefaults" => in_defaults = false,
                        _ => {}
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        out
    }

    fn chain(&self, id: Option<&str>) -> Option<bool> {
        let mut id = id?.to_owned();
        for _ in 0..20 {
            let (based, v) = self.map.get(&id)?;
            if v.is_some() {
                return *v;
            }
            id = based.clone()?;
        }
        None
    }

    fn hidden(&self, direct: Option<bool>, r_style: Option<&str>, p_style: Option<&str>) -> bool {
        direct
            .or_else(|| self.chain(r_style))
            .or_else(|| self.chain(p_style.or(self.default_para.as_deref())))
            .or(self.default_vanish)
            .unwrap_or(false)
    }
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> String {
    e.attributes()
        .flatten()
        .find(|a| a.key.0 == name)
        .map(|a| a.value.to_string())
        .unwrap_or_default()
}

#[test]
fn corpus_reads_without_panic_in_time_with_full_text() {
    let Some(dir) = corpus_dir("docx-real") else {
        println!("skipped: corpus not found");
        return;
    };
    let mut files = Vec::new();
    docx_files(&dir, &mut files);
    let limits = Limits::default();
    // The 1 s bound is for optimised builds (`cargo test --release`); an
    // unoptimised build inflates and parses the corpus's largest file
    // (12.5 MB of document.xml) about 15 times slower, so it gets 10 s.
    let bound = if cfg!(debug_assertions) {
        Duration::from_secs(10)
    } else {
        Duration::from_secs(1)
    };
    let mut ok = 0usize;
    let mut errors: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut panics = Vec::new();
    let mut slow = Vec::new();
    let mut max_time = (Duration::ZERO, PathBuf::new());
    let mut compared = 0usize;
    let mut exact = 0usize;
    let mut within = 0usize;
    let mut off = Vec::new();
    let (mut sum_ours, mut sum_oracle) = (0usize, 0usize);
    for f in &files {
        let Ok(bytes) = std::fs::read(f) else {
            continue;
        };
        let start = Instant::now();
        let result = std::panic::catch_unwind(|| docx::read(&bytes, &limits));
        let took = start.elapsed();
        if took > max_time.0 {
            max_time = (took, f.clone());
        }
        if took > bound {
            slow.push(format!("{} ({took:?})", f.display()));
        }
        match result {
            Err(_) => panics.push(f.display().to_string()),
            Ok(Err(e)) => *errors.entry(error_kind(&e)).or_default() += 1,
            Ok(Ok(doc)) => {
                ok += 1;
                if let Some(expected) = oracle_count(&bytes) {
                    let got = reader_count(&doc);
                    compared += 1;
                    sum_ours += got;
                    sum_oracle += expected;
                    let diff = got.abs_diff(expected);
                    if diff == 0 {
                        exact += 1;
                    }
                    // Over 1 % (and more than one character, so a tiny
                    // document's single symbol is not a failure).
                    if diff * 100 > expected && diff > 1 {
                        off.push(format!("{}: reader {got}, oracle {expected}", f.display()));
                    } else {
                        within += 1;
                    }
                }
            }
        }
    }
    println!(
        "corpus: {} files, {ok} read, errors {errors:?}, max time {:?} ({})",
        files.len(),
        max_time.0,
        max_time.1.display()
    );
    println!(
        "text: {compared} compared, {exact} exact, {within} within 1 %, reader {sum_ours} vs oracle {sum_oracle} characters"
    );
    assert!(panics.is_empty(), "panicked: {panics:#?}");
    assert!(slow.is_empty(), "slower than {bound:?}: {slow:#?}");
    assert!(off.is_empty(), "text differs by more than 1 %: {off:#?}");
}
