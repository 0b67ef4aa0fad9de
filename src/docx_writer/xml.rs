//! A tiny XML string builder.
//!
//! Element names are fixed strings from this module's callers; all text and
//! attribute values pass through [`clean`] and quick-xml's escaping, so no
//! input can produce ill-formed XML.

use quick_xml::escape::escape;
use std::borrow::Cow;

/// XML declaration used by every part (as Word writes it).
pub(crate) const DECLARATION: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";

/// Whether a character may appear in XML 1.0 content.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Drops characters XML 1.0 forbids (C0 controls, U+FFFE, U+FFFF): one of
/// them makes the whole package unreadable.
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| is_xml_char(c)).collect())
    }
}

/// Appends markup to a string.
#[derive(Debug, Default)]
pub(crate) struct Xml {
    out: String,
}

impl Xml {
    /// A builder that already holds the XML declaration.
    pub(crate) fn new() -> Self {
        Xml {
            out: String::from(DECLARATION),
        }
    }

    /// A builder for a fragment (no declaration).
    pub(crate) fn fragment() -> Self {
        Xml::default()
    }

    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            self.out.push_str(&escape(clean(value)));
            self.out.push('"');
        }
    }

    /// `<name attrs>`.
    pub(crate) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start(name, attrs);
        self.out.push('>');
    }

    /// `<name attrs/>`.
    pub(crate) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start(name, attrs);
        self.out.push_str("/>");
    }

    /// `</name>`.
    pub(crate) fn close(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// Escaped, cleaned character data.
    pub(crate) fn text(&mut self, text: &str) {
        self.out.push_str(&escape(clean(text)));
    }

    /// `<name attrs>text</name>`.
    pub(crate) fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        self.text(text);
        self.close(name);
    }

    /// `<name w:val="value"/>`, the most common WordprocessingML shape.
    pub(crate) fn val(&mut self, name: &str, value: &str) {
        self.empty(name, &[("w:val", value)]);
    }

    /// Appends markup produced by another builder.
    pub(crate) fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// The markup.
    pub(crate) fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_illegal_characters() {
        assert_eq!(clean("a\u{0}b\u{1B}c\u{FFFF}d\te\n"), "abcd\te\n");
        assert!(matches!(clean("plain ✓ 😀"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_text_and_attributes() {
        let mut x = Xml::fragment();
        x.leaf("w:t", &[("a", "\"<&>\u{7}")], "<&>");
        assert_eq!(
            x.finish(),
            "<w:t a=\"&quot;&lt;&amp;&gt;\">&lt;&amp;&gt;</w:t>"
        );
    }
}
