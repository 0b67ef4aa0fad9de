//! Shared XML plumbing for every part: decoding, namespace classes, depth and
//! DOCTYPE guards, attribute access and text accumulation.
//!
//! quick-xml has no depth limit and reports EOF without complaint when
//! elements are still open, so both checks live here, once, for all parts.

use std::borrow::Cow;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::{QName, ResolveResult};
use quick_xml::reader::NsReader;

use crate::ingest::IngestError;

/// The namespaces the walker cares about. Transitional and Strict URIs map to
/// the same class, so the walker never needs to know which flavour it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ns {
    /// WordprocessingML main.
    W,
    /// Office Math.
    M,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// Anything else (DrawingML, VML, vendor extensions, relationships, ...).
    Other,
}

const W_URIS: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const M_URIS: [&str; 2] = [
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://purl.oclc.org/ooxml/officeDocument/math",
];
const MC_URI: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Classifies an element's namespace. When a prefix is undeclared (sloppy
/// generators), the conventional prefix names stand in for the namespace.
fn classify(res: &ResolveResult<'_>, name: QName<'_>) -> Ns {
    match res {
        ResolveResult::Bound(ns) => {
            let uri = ns.0;
            if W_URIS.contains(&uri) {
                Ns::W
            } else if M_URIS.contains(&uri) {
                Ns::M
            } else if uri == MC_URI {
                Ns::Mc
            } else {
                Ns::Other
            }
        }
        _ => match name.prefix().map(|p| p.into_inner()) {
            Some("w") => Ns::W,
            Some("m") => Ns::M,
            Some("mc") => Ns::Mc,
            _ => Ns::Other,
        },
    }
}

/// Turns part bytes into text. UTF-8 (with or without BOM) is the norm and
/// is taken over without copying; UTF-16 with a BOM (or an unmistakable `<`
/// pattern) is decoded; anything else is a damaged part.
pub(super) fn decode(mut bytes: Vec<u8>, part: &str) -> Result<String, IngestError> {
    let utf16 = |le: bool, body: &[u8]| -> String {
        let units = body.chunks_exact(2).map(|c| match c {
            [a, b] if le => u16::from_le_bytes([*a, *b]),
            [a, b] => u16::from_be_bytes([*a, *b]),
            _ => 0xFFFD,
        });
        char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect()
    };
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(utf16(true, rest));
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(utf16(false, rest));
    } else if bytes.starts_with(b"<\0") {
        return Ok(utf16(true, &bytes));
    } else if bytes.starts_with(b"\0<") {
        return Ok(utf16(false, &bytes));
    }
    String::from_utf8(bytes).map_err(|e| IngestError::InvalidXml {
        part: part.to_owned(),
        detail: format!("not UTF-8 text (at byte {})", e.utf8_error().valid_up_to()),
    })
}

/// One event with its namespace class and, for start/empty tags, whether it
/// was self-closing.
pub(super) enum Ev<'a> {
    /// An opening tag; a matching [`Ev::End`] follows.
    Start(Ns, BytesStart<'a>),
    /// A self-closing tag: no end event follows.
    Empty(Ns, BytesStart<'a>),
    /// A closing tag.
    End,
    /// Character data (escaped text, already EOL-normalised).
    Text(Cow<'a, str>),
    /// An entity or character reference, already resolved.
    Ref(Option<char>, Option<&'static str>),
    /// End of the part; every element was closed.
    Eof,
}

/// A guarded pull parser over one part.
pub(super) struct XmlPart<'a> {
    reader: NsReader<&'a [u8]>,
    part: &'a str,
    depth: usize,
    max_depth: usize,
}

impl<'a> XmlPart<'a> {
    /// Starts reading `text`, the decoded content of `part`.
    pub(super) fn new(text: &'a str, part: &'a str, max_depth: usize) -> Self {
        let mut reader = NsReader::from_str(text);
        reader.config_mut().check_end_names = true;
        XmlPart {
            reader,
            part,
            depth: 0,
            max_depth,
        }
    }

    /// The current element depth (0 outside the root).
    pub(super) fn depth(&self) -> usize {
        self.depth
    }

    fn invalid(&self, detail: String) -> IngestError {
        IngestError::InvalidXml {
            part: self.part.to_owned(),
            detail,
        }
    }

    /// Resolves a `Requires`-style prefix to its namespace URI, if declared.
    pub(super) fn prefix_uri(&self, prefix: &str) -> Option<String> {
        let probe = format!("{prefix}:x");
        match self.reader.resolver().resolve_element(QName(&probe)).0 {
            ResolveResult::Bound(ns) => Some(ns.0.to_owned()),
            _ => None,
        }
    }

    /// The next event that matters, with depth, DOCTYPE and EOF checks.
    pub(super) fn next(&mut self) -> Result<Ev<'a>, IngestError> {
        loop {
            let pos = self.reader.buffer_position();
            let (res, ev) = match self.reader.read_resolved_event() {
                Ok((res, ev)) => {
                    let ns = match &ev {
                        Event::Start(e) | Event::Empty(e) => classify(&res, e.name()),
                        _ => Ns::Other,
                    };
                    (ns, ev)
                }
                Err(e) => return Err(self.invalid(format!("{e} (near byte {pos})"))),
            };
            return match ev {
                Event::Start(e) => {
                    self.depth += 1;
                    if self.depth > self.max_depth {
                        return Err(IngestError::TooDeep {
                            part: self.part.to_owned(),
                            limit: self.max_depth,
                        });
                    }
                    Ok(Ev::Start(res, e))
                }
                Event::Empty(e) => {
                    if self.depth + 1 > self.max_depth {
                        return Err(IngestError::TooDeep {
                            part: self.part.to_owned(),
                            limit: self.max_depth,
                        });
                    }
                    Ok(Ev::Empty(res, e))
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    Ok(Ev::End)
                }
                Event::Text(t) => Ok(Ev::Text(t.xml10_content())),
                Event::CData(t) => Ok(Ev::Text(t.xml10_content())),
                Event::GeneralRef(r) => Ok(resolve_ref(&r)),
                Event::DocType(_) => Err(IngestError::Doctype {
                    part: self.part.to_owned(),
                }),
                Event::Eof => {
                    if self.depth > 0 {
                        Err(self.invalid(format!(
                            "the part ends with {} element(s) still open (truncated?)",
                            self.depth
                        )))
                    } else {
                        Ok(Ev::Eof)
                    }
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => continue,
            };
        }
    }

    /// Skips the rest of the element just opened (after an [`Ev::Start`]).
    pub(super) fn skip_element(&mut self) -> Result<(), IngestError> {
        let target = self.depth.saturating_sub(1);
        loop {
            match self.next()? {
                Ev::End if self.depth == target => return Ok(()),
                Ev::Eof => return Ok(()),
                _ => {}
            }
        }
    }
}

/// Resolves a general reference: the five predefined entities and character
/// references. Anything else (a DTD entity) is left out, never expanded.
fn resolve_ref(r: &BytesRef<'_>) -> Ev<'static> {
    if r.is_char_ref() {
        return Ev::Ref(r.resolve_char_ref().ok().flatten(), None);
    }
    let s: &'static str = match &**r {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return Ev::Ref(None, None),
    };
    Ev::Ref(None, Some(s))
}

/// The value of the attribute whose local name is `local` (prefix ignored:
/// OOXML attributes are `w:val` in both Transitional and Strict).
pub(super) fn attr<'b>(e: &'b BytesStart<'_>, local: &str) -> Option<Cow<'b, str>> {
    for a in e.attributes().with_checks(false).flatten() {
        if a.key.local_name().as_ref() == local {
            return Some(
                match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                    Ok(v) => v,
                    Err(_) => a.value,
                },
            );
        }
    }
    None
}

/// The element's local name as text.
pub(super) fn local<'b>(e: &'b BytesStart<'_>) -> &'b str {
    let name = e.name();
    let full: &str = name.0;
    match full.rfind(':') {
        Some(i) => full.get(i + 1..).unwrap_or(full),
        None => full,
    }
}

/// OOXML on/off values: absent or anything but a false word means on.
pub(super) fn on_off(val: Option<&str>) -> bool {
    !matches!(
        val.map(str::trim),
        Some("0") | Some("false") | Some("off") | Some("False") | Some("none")
    )
}

/// True for characters XML 1.0 forbids (C0 controls other than tab, LF, CR;
/// U+FFFE and U+FFFF): one such character makes a file unreadable elsewhere.
pub(super) fn is_illegal(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// A quick byte-level screen for [`push_clean`]: false when `b` certainly
/// holds no illegal character and no CR. Illegal characters are C0 controls
/// (CR included) other than tab and LF, which are single bytes below 0x20,
/// and U+FFFE/U+FFFF, which start with 0xEF in UTF-8. Other characters
/// starting with 0xEF (U+F000..U+FFFD) give a false alarm, settled by the
/// exact check. Chunks without early exit let the compiler vectorise.
fn may_need_cleaning(b: &[u8]) -> bool {
    #[inline(always)]
    fn suspect(x: u8) -> bool {
        (x < 0x20) & (x != b'\t') & (x != b'\n') | (x == 0xEF)
    }
    let mut chunks = b.chunks_exact(32);
    for c in &mut chunks {
        if c.iter().fold(false, |acc, &x| acc | suspect(x)) {
            return true;
        }
    }
    chunks.remainder().iter().any(|&x| suspect(x))
}

/// Appends `s` without illegal characters; carriage returns become nothing
/// (EOLs are already normalised, a stray CR is noise).
pub(super) fn push_clean(out: &mut String, s: &str) {
    if may_need_cleaning(s.as_bytes()) && s.chars().any(|c| is_illegal(c) || c == '\r') {
        out.extend(s.chars().filter(|&c| !is_illegal(c) && c != '\r'));
    } else {
        out.push_str(s);
    }
}

/// Leniently reads a leading integer ("12", "12pt", " 3 "): OOXML Strict
/// writes units, and garbage must never panic.
pub(super) fn lenient_int(s: &str) -> Option<i64> {
    let t = s.trim();
    let end = t
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || (i == 0 && (c == '-' || c == '+'))))
        .map(|(i, _)| i)
        .unwrap_or(t.len());
    t.get(..end)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte screen must agree with the character-level definition at
    /// every position, including chunk boundaries.
    #[test]
    fn push_clean_matches_char_filter() {
        let odd = [
            "\u{0}",
            "\u{1}",
            "\u{8}",
            "\t",
            "\n",
            "\u{B}",
            "\u{C}",
            "\r",
            "\u{1F}",
            " ",
            "\u{7F}",
            "\u{85}",
            "\u{2028}",
            "\u{F000}",
            "\u{FF01}",
            "\u{FFFD}",
            "\u{FFFE}",
            "\u{FFFF}",
            "\u{10000}",
            "é",
        ];
        for len in [0usize, 1, 31, 32, 33, 64, 70] {
            for pos in [0, len / 2, len.saturating_sub(1), len] {
                for o in odd {
                    let base: String = "a".repeat(len);
                    let mut s = base.clone();
                    s.insert_str(pos.min(base.len()), o);
                    let want: String = s.chars().filter(|&c| !is_illegal(c) && c != '\r').collect();
                    let mut got = String::from("x");
                    push_clean(&mut got, &s);
                    assert_eq!(got, format!("x{want}"), "{o:?} at {pos} in {len}");
                }
            }
        }
    }
}
