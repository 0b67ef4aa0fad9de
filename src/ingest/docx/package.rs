//! The OPC package: zip entries, limits, relationships and content types.
//!
//! Zip names are case-sensitive and may use `\`; OPC part names are not and
//! may not. Every lookup goes through [`normalize`], and every read is capped
//! on the bytes actually inflated, because declared sizes are chosen by
//! whoever made the file.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use zip::read::ZipReadOptions;
use zip::{CompressionMethod, ZipArchive};

use super::inflate::Inflater;
use super::xml::{attr, attrs, local, Ev, XmlPart};
use crate::ingest::{IngestError, Limits};

/// Deflate's best case is about 1032 output bytes per input byte.
const MAX_DEFLATE_RATIO: u64 = 1032;
/// The most a declared size may pre-allocate; larger parts grow as they are read.
const MAX_PRESIZE: u64 = 8 << 20;

/// The most `compressed` stored bytes can inflate to.
fn plausible_size(compressed: u64) -> u64 {
    compressed
        .saturating_mul(MAX_DEFLATE_RATIO)
        .saturating_add(64)
}

fn file_len(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// An opened package with its name index and running byte budget.
pub(super) struct Package<'a> {
    bytes: &'a [u8],
    zip: ZipArchive<Cursor<&'a [u8]>>,
    names: HashMap<String, usize>,
    limits: Limits,
    total: u64,
    /// One inflater for every part.
    inflater: Inflater,
}

/// A relationship from a `.rels` part, target already resolved to a part name.
#[derive(Debug, Clone)]
pub(super) struct Rel {
    /// The relationship type's last path segment (`officeDocument`, `styles`, ...),
    /// the same for Transitional and Strict type URIs.
    pub kind: String,
    /// Normalised part name of the target.
    pub target: String,
}

/// OPC part names compare case-insensitively; zips written on Windows may
/// use backslashes; a leading slash is the package root.
pub(super) fn normalize(name: &str) -> String {
    // The usual name, plain ASCII without escapes or backslashes: one copy.
    if name.is_ascii() && !name.bytes().any(|b| matches!(b, b'\\' | b'%')) {
        return name.trim_start_matches('/').to_ascii_lowercase();
    }
    let mut s: String = name.replace('\\', "/").trim_start_matches('/').to_owned();
    if s.contains('%') {
        s = percent_decode(&s);
    }
    s.to_lowercase()
}

/// Decodes `%XX` escapes as OPC part names allow; malformed escapes stay.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

/// Reads the entry count from the end-of-central-directory record before the
/// zip crate allocates one record per entry.
fn declared_entries(bytes: &[u8]) -> Option<usize> {
    let window = bytes.len().saturating_sub(65_557);
    let tail = bytes.get(window..)?;
    let pos = tail.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let rec = tail.get(pos + 10..pos + 12)?;
    let n = u16::from_le_bytes([*rec.first()?, *rec.get(1)?]);
    (n != 0xFFFF).then_some(usize::from(n))
}

impl<'a> Package<'a> {
    /// Opens the zip and applies the package-wide checks: input size, entry
    /// count, duplicate names (also after case folding) and overlapping entries.
    pub(super) fn open(bytes: &'a [u8], limits: &Limits) -> Result<Self, IngestError> {
        let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        if len > limits.max_input_bytes {
            return Err(IngestError::TooLarge {
                what: "the file".into(),
                limit: limits.max_input_bytes,
            });
        }
        if let Some(n) = declared_entries(bytes) {
            if n > limits.max_entries {
                return Err(IngestError::TooManyEntries {
                    count: n,
                    limit: limits.max_entries,
                });
            }
        }
        let mut zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| IngestError::DamagedPackage(format!("the zip container: {e}")))?;
        if zip.len() > limits.max_entries {
            return Err(IngestError::TooManyEntries {
                count: zip.len(),
                limit: limits.max_entries,
            });
        }
        if zip.has_duplicate_names() {
            return Err(IngestError::AmbiguousPackage(
                "two zip entries have the same name".into(),
            ));
        }
        match zip.has_overlapping_entries() {
            Ok(false) => {}
            Ok(true) => {
                return Err(IngestError::AmbiguousPackage(
                    "zip entries overlap (the same bytes serve two parts)".into(),
                ))
            }
            Err(e) => {
                return Err(IngestError::DamagedPackage(format!(
                    "the zip container: {e}"
                )))
            }
        }
        let mut names = HashMap::with_capacity(zip.len());
        for i in 0..zip.len() {
            let Some(Ok(name)) = zip.name_for_index(i) else {
                continue;
            };
            if name.ends_with('/') {
                continue;
            }
            let key = normalize(&name);
            if names.insert(key, i).is_some() {
                return Err(IngestError::AmbiguousPackage(format!(
                    "two zip entries name the part {name}"
                )));
            }
        }
        Ok(Package {
            bytes,
            zip,
            names,
            limits: *limits,
            total: 0,
            inflater: Inflater::new(),
        })
    }

    /// True when the package holds the part.
    pub(super) fn has(&self, name: &str) -> bool {
        self.names.contains_key(&normalize(name))
    }

    /// Reads a part, `None` when absent. The per-part and total caps are
    /// enforced on the inflated bytes; CRC and truncation errors name the part.
    pub(super) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, IngestError> {
        self.read_part(name, true)
    }

    /// [`Package::read`], with or without the one-inflater fast path (the
    /// tests compare both on every corpus file).
    fn read_part(&mut self, name: &str, fast: bool) -> Result<Option<Vec<u8>>, IngestError> {
        let Some(&idx) = self.names.get(&normalize(name)) else {
            return Ok(None);
        };
        let left = self.limits.max_total_bytes.saturating_sub(self.total);
        let (cap, what) = if left < self.limits.max_part_bytes {
            (left, "the whole package".to_owned())
        } else {
            (self.limits.max_part_bytes, name.to_owned())
        };
        if fast {
            if let Some(buf) = self.read_plain(idx, cap) {
                self.total = self
                    .total
                    .saturating_add(u64::try_from(buf.len()).unwrap_or(u64::MAX));
                return Ok(Some(buf));
            }
        }
        let damaged =
            |e: &dyn std::fmt::Display| IngestError::DamagedPackage(format!("part {name}: {e}"));
        let opts = ZipReadOptions::new();
        let file = self
            .zip
            .by_index_with_options(idx, opts)
            .map_err(|e| damaged(&e))?;
        // Pre-size from the declared size to avoid regrowing (and copying)
        // the buffer, but never trust it: it is capped by the limit, by what
        // deflate can produce from the stored bytes, and by a fixed ceiling.
        let plausible = plausible_size(file.compressed_size());
        let hint = file.size().min(cap).min(plausible).min(MAX_PRESIZE);
        let mut buf = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
        file.take(cap.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| damaged(&e))?;
        let got = u64::try_from(buf.len()).unwrap_or(u64::MAX);
        if got > cap {
            return Err(IngestError::TooLarge { what, limit: cap });
        }
        self.total = self.total.saturating_add(got);
        Ok(Some(buf))
    }

    /// The common case of [`Package::read`]: a stored or deflated entry, not
    /// encrypted, that inflates completely within `cap` to its declared size
    /// and checksum, read with the package's one inflater. `None` for
    /// anything else, and the zip crate's reader then decides, so errors and
    /// limits stay exactly as they were.
    fn read_plain(&mut self, idx: usize, cap: u64) -> Option<Vec<u8>> {
        let file = self.zip.by_index_raw(idx).ok()?;
        if file.encrypted() {
            return None;
        }
        let method = file.compression();
        let start = usize::try_from(file.data_start()?).ok()?;
        let stored_len = usize::try_from(file.compressed_size()).ok()?;
        let (size, crc) = (file.size(), file.crc32());
        drop(file);
        if size > cap {
            return None;
        }
        let raw = self.bytes.get(start..start.checked_add(stored_len)?)?;
        let out = match method {
            CompressionMethod::Stored => raw.to_vec(),
            // A declared size beyond what the stored bytes could inflate
            // to is a lie: the zip reader, which trusts no size, decides.
            CompressionMethod::Deflated if size <= plausible_size(file_len(stored_len)) => self
                .inflater
                .inflate_exact(raw, usize::try_from(size).ok()?)?,
            _ => return None,
        };
        let plain = u64::try_from(out.len()).ok()? == size && crc32fast::hash(&out) == crc;
        plain.then_some(out)
    }

    /// Reads and parses the relationships of `source` (`""` for the package).
    /// A missing or unreadable rels part yields no relationships: callers fall
    /// back to the conventional part names. Limit breaches still fail.
    pub(super) fn rels(&mut self, source: &str) -> Result<Vec<Rel>, IngestError> {
        let (dir, file) = match source.rfind('/') {
            Some(i) => (
                source.get(..=i).unwrap_or(""),
                source.get(i + 1..).unwrap_or(""),
            ),
            None => ("", source),
        };
        let rels_name = format!("{dir}_rels/{file}.rels");
        let bytes = match self.read(&rels_name) {
            Ok(Some(b)) => b,
            Ok(None) => return Ok(Vec::new()),
            Err(e) if is_limit(&e) => return Err(e),
            Err(_) => return Ok(Vec::new()),
        };
        match parse_rels(bytes, &rels_name, dir, self.limits.max_xml_depth) {
            Ok(r) => Ok(r),
            Err(e) if is_limit(&e) => Err(e),
            Err(_) => Ok(Vec::new()),
        }
    }

    /// Part names declared in `[Content_Types].xml` as a WordprocessingML main
    /// document, used when `_rels/.rels` is missing or broken.
    pub(super) fn main_by_content_type(&mut self) -> Result<Option<String>, IngestError> {
        let name = "[Content_Types].xml";
        let bytes = match self.read(name) {
            Ok(Some(b)) => b,
            Err(e) if is_limit(&e) => return Err(e),
            _ => return Ok(None),
        };
        let Ok(text) = super::xml::decode(bytes, name) else {
            return Ok(None);
        };
        let mut x = XmlPart::new(&text, name, self.limits.max_xml_depth);
        loop {
            match x.next() {
                Ok(Ev::Start(_, e)) | Ok(Ev::Empty(_, e)) if local(&e) == "Override" => {
                    let ct = attr(&e, "ContentType")
                        .unwrap_or_default()
                        .to_ascii_lowercase();
                    if ct.contains("wordprocessingml") && ct.ends_with(".main+xml")
                        || ct.starts_with("application/vnd.ms-word.") && ct.ends_with(".main+xml")
                    {
                        if let Some(p) = attr(&e, "PartName") {
                            return Ok(Some(normalize(&p)));
                        }
                    }
                }
                Ok(Ev::Eof) => return Ok(None),
                Err(e) if is_limit(&e) => return Err(e),
                Err(_) => return Ok(None),
                Ok(_) => {}
            }
        }
    }
}

/// Limit breaches and DOCTYPEs sink the document wherever they occur; other
/// damage in an optional part only earns a notice.
pub(super) fn is_limit(e: &IngestError) -> bool {
    matches!(
        e,
        IngestError::TooLarge { .. }
            | IngestError::TooDeep { .. }
            | IngestError::TooManyEntries { .. }
            | IngestError::Doctype { .. }
            | IngestError::AmbiguousPackage(_)
    )
}

fn parse_rels(
    bytes: Vec<u8>,
    part: &str,
    dir: &str,
    max_depth: usize,
) -> Result<Vec<Rel>, IngestError> {
    let text = super::xml::decode(bytes, part)?;
    let mut x = XmlPart::new(&text, part, max_depth);
    let mut out = Vec::new();
    loop {
        match x.next()? {
            Ev::Start(_, e) | Ev::Empty(_, e) if local(&e) == "Relationship" => {
                // One pass over the attributes for the three that matter.
                let [mode, ty, target] = attrs(&e, ["TargetMode", "Type", "Target"]);
                let external = mode.is_some_and(|m| m.eq_ignore_ascii_case("external"));
                let (Some(ty), Some(target)) = (ty, target) else {
                    continue;
                };
                if external {
                    continue;
                }
                let kind = ty.rsplit('/').next().unwrap_or("").to_owned();
                out.push(Rel {
                    kind,
                    target: resolve_target(dir, &target),
                });
            }
            Ev::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// Resolves a relationship target against the source part's folder, with
/// `..` segments and absolute targets.
pub(super) fn resolve_target(dir: &str, target: &str) -> String {
    // The usual target, a plain relative name in a plain folder ("styles.xml"
    // from "word/"): joined and lower-cased in one copy.
    let plain = |s: &str| {
        s.is_ascii()
            && !s.bytes().any(|b| matches!(b, b'\\' | b'%'))
            && s.split('/').all(|seg| !matches!(seg, "" | "." | ".."))
    };
    if plain(target) && (dir.is_empty() || dir.strip_suffix('/').is_some_and(plain)) {
        let mut out = String::with_capacity(dir.len() + target.len());
        out.push_str(dir);
        out.push_str(target);
        out.make_ascii_lowercase();
        return out;
    }
    resolve_any_target(dir, target)
}

/// [`resolve_target`] for any target: backslashes, absolute names, `.` and
/// `..` segments, escapes.
fn resolve_any_target(dir: &str, target: &str) -> String {
    let target = target.replace('\\', "/");
    let joined = if let Some(abs) = target.strip_prefix('/') {
        abs.to_owned()
    } else {
        format!("{dir}{target}")
    };
    let mut segs: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    normalize(&segs.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every part of every real and damaged corpus file reads the same with
    /// the one-inflater fast path as through the zip crate's reader: same
    /// bytes, or the same error (tight limits included, so the caps are
    /// exercised too).
    #[test]
    fn the_fast_part_reader_agrees_with_the_zip_reader() {
        let Some(files) = crate::corpus_tests::all_docx_files() else {
            return;
        };
        let tight = Limits {
            max_part_bytes: 20_000,
            max_total_bytes: 60_000,
            ..Limits::default()
        };
        let (mut parts, mut fast_hits, mut inflated) = (0usize, 0usize, 0usize);
        for path in files {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            for limits in [Limits::default(), tight] {
                let (Ok(mut a), Ok(mut b)) = (
                    Package::open(&bytes, &limits),
                    Package::open(&bytes, &limits),
                ) else {
                    continue;
                };
                let mut names: Vec<String> = a.names.keys().cloned().collect();
                names.sort();
                for name in names {
                    parts += 1;
                    let fast = a.read_part(&name, true);
                    let slow = b.read_part(&name, false);
                    match (&fast, &slow) {
                        (Ok(x), Ok(y)) => {
                            assert!(x == y, "{} {name}: bytes differ", path.display());
                            fast_hits += 1;
                            inflated += usize::from(whole_and_stream_agree(&mut a, &name));
                        }
                        (Err(x), Err(y)) => {
                            assert_eq!(x.to_string(), y.to_string(), "{} {name}", path.display())
                        }
                        _ => panic!(
                            "{} {name}: fast {:?} but zip {:?}",
                            path.display(),
                            fast.as_ref().map(|v| v.as_ref().map(Vec::len)),
                            slow.as_ref().map(|v| v.as_ref().map(Vec::len))
                        ),
                    }
                    assert_eq!(a.total, b.total, "{} {name}: byte budget", path.display());
                }
            }
        }
        eprintln!("{parts} parts compared, {fast_hits} read, {inflated} by the fast path");
        assert!(fast_hits > 0);
        // The fast path is the one that serves real files: falling back to
        // the zip reader on more than a few parts would be a silent slow-down.
        assert!(
            inflated * 1000 >= fast_hits * 999,
            "the fast path read only {inflated} of {fast_hits} parts"
        );
    }

    /// True when the fast path itself (not the fall-back) reads the part;
    /// for a deflated part, libdeflate and the WebAssembly build's zlib-rs
    /// stream must then give the same bytes.
    fn whole_and_stream_agree(pkg: &mut Package<'_>, name: &str) -> bool {
        let Some(&idx) = pkg.names.get(&normalize(name)) else {
            return false;
        };
        let Some(plain) = pkg.read_plain(idx, u64::MAX) else {
            return false;
        };
        if let Ok(file) = pkg.zip.by_index_raw(idx) {
            if file.compression() == CompressionMethod::Deflated {
                let start = file.data_start().and_then(|s| usize::try_from(s).ok());
                let len = usize::try_from(file.compressed_size()).ok();
                drop(file);
                let raw = start
                    .zip(len)
                    .and_then(|(s, n)| pkg.bytes.get(s..s.checked_add(n)?));
                let streamed = raw.and_then(|raw| pkg.inflater.inflate_stream(raw, plain.len()));
                assert!(streamed.as_ref() == Some(&plain), "{name}: zlib-rs differs");
            }
        }
        true
    }

    #[test]
    fn targets_resolve_relative_absolute_and_dotdot() {
        assert_eq!(resolve_target("word/", "styles.xml"), "word/styles.xml");
        assert_eq!(
            resolve_target("", "/word/Document.xml"),
            "word/document.xml"
        );
        assert_eq!(
            resolve_target("word/", "../customXml/item1.xml"),
            "customxml/item1.xml"
        );
        assert_eq!(
            resolve_target("", "word\\document.xml"),
            "word/document.xml"
        );
        assert_eq!(normalize("word/my%20doc.xml"), "word/my doc.xml");
        // The one-copy paths give what the general ones give.
        let names = [
            "styles.xml",
            "Styles.XML",
            "../media/image1.png",
            "./styles.xml",
            "/word/document.xml",
            "word//x.xml",
            "a\\b.xml",
            "my%20doc.xml",
            "Ünïcode.xml",
            "",
            "/",
            "media/",
        ];
        for dir in [
            "",
            "word/",
            "Word/Sub/",
            "word//",
            "./",
            "../",
            "w%20/",
            "/word/",
        ] {
            for target in names {
                assert_eq!(
                    resolve_target(dir, target),
                    resolve_any_target(dir, target),
                    "{dir:?} + {target:?}"
                );
            }
        }
        for name in names {
            let general = {
                let s = name.replace('\\', "/");
                let s = s.trim_start_matches('/');
                if s.contains('%') {
                    percent_decode(s)
                } else {
                    s.to_owned()
                }
                .to_lowercase()
            };
            assert_eq!(normalize(name), general, "{name:?}");
        }
        assert_eq!(normalize("word/bad%zz.xml"), "word/bad%zz.xml");
    }
}
