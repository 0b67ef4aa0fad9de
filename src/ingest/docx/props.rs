//! `docProps/core.xml` and `docProps/custom.xml`: title, language, creator,
//! subject and custom properties, which may stand in for a missing cover page.

use super::xml::{attr, local, push_clean, Ev, XmlPart};
use crate::document::DocumentProperties;
use crate::ingest::IngestError;

/// Most custom properties kept; real documents have a handful.
const MAX_CUSTOM: usize = 1000;
/// Longest property value kept, in bytes.
const MAX_VALUE: usize = 4096;

/// Fills title, language, creator and subject from core properties text.
pub(super) fn parse_core(
    text: &str,
    part: &str,
    max_depth: usize,
    props: &mut DocumentProperties,
) -> Result<(), IngestError> {
    let mut x = XmlPart::new(text, part, max_depth);
    let mut field: Option<&'static str> = None;
    let mut buf = String::new();
    loop {
        match x.next()? {
            Ev::Start(_, e) => {
                field = match (x.depth(), local(&e)) {
                    (2, "title") => Some("title"),
                    (2, "language") => Some("language"),
                    (2, "creator") => Some("creator"),
                    (2, "subject") => Some("subject"),
                    _ => field,
                };
                buf.clear();
            }
            Ev::Text(t) if field.is_some() && buf.len() < MAX_VALUE => push_clean(&mut buf, &t),
            Ev::Ref(c, s) if field.is_some() => push_ref(&mut buf, c, s),
            Ev::End if x.depth() == 1 => {
                if let Some(f) = field.take() {
                    let v = buf.trim();
                    let v = (!v.is_empty()).then(|| v.to_owned());
                    match f {
                        "title" => props.title = v,
                        "language" => props.language = v,
                        "creator" => props.creator = v,
                        _ => props.subject = v,
                    }
                }
            }
            Ev::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// Appends custom properties (name, value as text) from custom properties text.
pub(super) fn parse_custom(
    text: &str,
    part: &str,
    max_depth: usize,
    props: &mut DocumentProperties,
) -> Result<(), IngestError> {
    let mut x = XmlPart::new(text, part, max_depth);
    let mut name: Option<String> = None;
    let mut buf = String::new();
    loop {
        match x.next()? {
            Ev::Start(_, e) if x.depth() == 2 && local(&e) == "property" => {
                name = attr(&e, "name").map(|n| n.into_owned());
                buf.clear();
            }
            Ev::Text(t) if name.is_some() && buf.len() < MAX_VALUE => push_clean(&mut buf, &t),
            Ev::Ref(c, s) if name.is_some() => push_ref(&mut buf, c, s),
            Ev::End if x.depth() == 1 => {
                if let Some(n) = name.take() {
                    if props.custom.len() < MAX_CUSTOM {
                        props.custom.push((n, buf.trim().to_owned()));
                    }
                }
            }
            Ev::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn push_ref(buf: &mut String, c: Option<char>, s: Option<&str>) {
    if let Some(c) = c.filter(|c| !super::xml::is_illegal(*c)) {
        buf.push(c);
    } else if let Some(s) = s {
        buf.push_str(s);
    }
}
