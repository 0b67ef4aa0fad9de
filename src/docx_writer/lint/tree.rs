//! A minimal element tree built with quick-xml, checking well-formedness on
//! the way (end names, duplicate attributes, references, one root, depth).

use quick_xml::events::Event;
use quick_xml::Reader;

/// Deepest nesting accepted; real documents stay far below it.
const MAX_DEPTH: usize = 512;

/// An element with its attributes, child elements and direct text.
#[derive(Debug, Default)]
pub(crate) struct Element {
    pub(crate) name: String,
    pub(crate) attrs: Vec<(String, String)>,
    pub(crate) children: Vec<Element>,
    pub(crate) text: String,
}

impl Element {
    /// Value of an attribute by qualified name.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// First child with this name.
    pub(crate) fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Calls `f` on this element and every descendant, depth first.
    pub(crate) fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Element)) {
        let mut stack = vec![self];
        while let Some(e) = stack.pop() {
            f(e);
            stack.extend(e.children.iter().rev());
        }
    }
}

fn start(e: &quick_xml::events::BytesStart<'_>) -> Result<Element, String> {
    let mut attrs = Vec::new();
    for a in e.attributes().with_checks(true) {
        let a = a.map_err(|err| err.to_string())?;
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| err.to_string())?;
        attrs.push((a.key.as_ref().to_string(), value.into_owned()));
    }
    Ok(Element {
        name: e.name().as_ref().to_string(),
        attrs,
        ..Element::default()
    })
}

fn reference(name: &str) -> Result<String, String> {
    let s = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "apos" => "'",
        "quot" => "\"",
        _ => {
            let r = quick_xml::events::BytesRef::new(name);
            return match r.resolve_char_ref() {
                Ok(Some(c)) => Ok(c.to_string()),
                _ => Err(format!("undefined or invalid reference &{name};")),
            };
        }
    };
    Ok(s.to_string())
}

/// Parses a part; `Err` carries a message on the first well-formedness error.
pub(crate) fn parse(bytes: &[u8]) -> Result<Element, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(_) | Event::Empty(_) if root.is_some() && stack.is_empty() => {
                return Err("more than one root element".into());
            }
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(format!("nesting deeper than {MAX_DEPTH}"));
                }
                stack.push(start(&e)?);
            }
            Event::Empty(e) => {
                let el = start(&e)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::End(_) => {
                let el = stack.pop().ok_or("unexpected end tag")?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                let content = t.xml10_content();
                match stack.last_mut() {
                    Some(parent) => parent.text.push_str(&content),
                    None if content.trim().is_empty() => {}
                    None => return Err("text outside the root element".into()),
                }
            }
            Event::CData(t) => {
                if let Some(parent) = stack.last_mut() {
                    parent.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let s = reference(&r.xml10_content())?;
                match stack.last_mut() {
                    Some(parent) => parent.text.push_str(&s),
                    None => return Err("reference outside the root element".into()),
                }
            }
            Event::DocType(_) => return Err("DOCTYPE is not allowed in OOXML parts".into()),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(format!(
            "{} unclosed element(s) at end of part",
            stack.len()
        ));
    }
    root.ok_or_else(|| "no root element".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        let e = parse(b"<?xml version=\"1.0\"?><a x=\"1\"><b>t&amp;&#x41;</b><c/></a>");
        let e = e.expect("well-formed");
        assert_eq!(e.children.len(), 2);
        assert_eq!(e.children[0].text, "t&A");
        for bad in [
            &b"<a><b></a>"[..],
            b"<a>",
            b"<a/><b/>",
            b"<a x=\"1\" x=\"2\"/>",
            b"<a>&foo;</a>",
            b"<!DOCTYPE a><a/>",
            b"",
            b"\xff<a/>",
        ] {
            assert!(parse(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }
}
