//! A reader for plain `styles.xml` parts: tags found with a few searches and
//! handed to the same [`StyleSink`] the general event reader feeds.
//!
//! Why: `styles.xml` is small but all markup (hundreds of tags, most of them
//! read only to be passed over), and the general events (namespace scopes,
//! quick-xml's attribute iterator, an event moved through three layers) were
//! 7-8 % of checking a ten-page report. The parts Word, LibreOffice
//! and Google Docs write are plain: every element in the `w:` prefix, bound
//! (if at all) on the root to the WordprocessingML namespace, no comments,
//! CDATA, DTD, processing instructions or references. For anything else,
//! including every error, this reader answers `None` and the general reader
//! reads the part from the start, so damaged parts get its messages. A test
//! compares the two readers on every `styles.xml` of the corpus and on
//! thousands of damaged copies.

use std::borrow::Cow;

use memchr::{memchr, memmem};

use super::styles::{StyleAttrs, StyleSink, Tag};
use super::tokens::{is_space, markup_start, tag_end, trim_end};
use super::xml::{mentions_xmlns, plain_attributes, plain_attrs, W_URIS};

/// Reads `text` if it is a plain styles part within `max_depth`; `None`
/// leaves it to the general reader.
pub(super) fn read(text: &str, max_depth: usize) -> Option<StyleSink<'_>> {
    let b = text.as_bytes();
    let mut at = after_declaration(b)?;
    // References and markup other than tags send the part to the general
    // reader (one search each over a part of a few kilobytes).
    if memchr(b'&', b).is_some() || memmem::find(b.get(at..)?, b"<!").is_some() {
        return None;
    }
    let mut sink = StyleSink::default();
    // Open elements as ranges of their names, for the end-tag check;
    // `skipping` is the depth of a subtree passed over unread.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut skipping: Option<usize> = None;
    let depth_limit = max_depth.min(usize::from(u16::MAX));
    loop {
        // Tags mostly follow each other: no search then.
        let next_tag = if b.get(at) == Some(&b'<') {
            Some(at)
        } else {
            memchr(b'<', b.get(at..)?).map(|p| at + p)
        };
        let Some(lt) = next_tag else {
            // Only text after the last tag: fine once every element closed.
            return open.is_empty().then_some(sink);
        };
        if b.get(lt + 1) == Some(&b'/') {
            let &(s, e) = open.last()?;
            let open_name = b.get(s..e)?;
            // Usually `</` + the open name + `>`.
            let after = lt + 2 + open_name.len();
            let gt = if b.get(after) == Some(&b'>') && b.get(lt + 2..after) == Some(open_name) {
                after
            } else {
                let gt = lt + memchr(b'>', b.get(lt..)?)?;
                if trim_end(b.get(lt + 2..gt)?) != open_name {
                    return None;
                }
                gt
            };
            open.pop();
            match skipping {
                Some(depth) if depth == open.len() => skipping = None,
                Some(_) => {}
                None => sink.close(),
            }
            at = gt + 1;
            continue;
        }
        // `w:` + letters and digits, then white space, `/>` or `>`.
        if b.get(lt + 1..lt + 3) != Some(b"w:") {
            return None;
        }
        let name_end = lt + 3 + name_len(b.get(lt + 3..)?)?;
        let (gt, empty, attrs_end) = match *b.get(name_end)? {
            b'>' => (name_end, false, name_end),
            b'/' if b.get(name_end + 1) == Some(&b'>') => (name_end + 1, true, name_end),
            c if is_space(c) => {
                let gt = tag_end(b, name_end)?;
                let empty = b.get(gt - 1) == Some(&b'/');
                (gt, empty, if empty { gt - 1 } else { gt })
            }
            _ => return None,
        };
        let local = text.get(lt + 3..name_end).filter(|l| !l.is_empty())?;
        let attrs = text.get(name_end..attrs_end)?;
        if !attrs.is_empty()
            && mentions_xmlns(attrs.as_bytes())
            && !(open.is_empty() && declares_only_w(attrs.as_bytes())?)
        {
            return None;
        }
        // The general reader's limits: the depth asked for, and the
        // namespace resolver's count of open elements.
        if open.len() >= depth_limit {
            return None;
        }
        if skipping.is_none() {
            let attrs = PlainAttrs { text: attrs };
            let entered = sink.open(Tag::of(local), empty, &attrs)?;
            if !entered && !empty {
                skipping = Some(open.len());
            }
        }
        if !empty {
            open.push((lt + 1, name_end));
        }
        at = gt + 1;
    }
}

/// Where the markup begins (after the XML declaration, as the plain
/// tokenizer accepts it); `None` when a processing instruction follows.
fn after_declaration(b: &[u8]) -> Option<usize> {
    let at = markup_start(b)?;
    memmem::find(b.get(at..)?, b"<?").is_none().then_some(at)
}

/// The length of the run of ASCII letters and digits `b` starts with
/// (`None` if it runs to the end): by table, as a range test per byte
/// was a tenth of the reader.
fn name_len(b: &[u8]) -> Option<usize> {
    const ALNUM: [bool; 256] = {
        let mut t = [false; 256];
        let mut i = 0;
        while i < 256 {
            t[i] = (i as u8).is_ascii_alphanumeric();
            i += 1;
        }
        t
    };
    b.iter().position(|&c| !ALNUM[usize::from(c)])
}

/// Whether the root's declarations leave `w:` meaning WordprocessingML:
/// `w` bound to one of its URIs or not at all, and no declaration the
/// general reader might refuse (reserved prefixes, empty or reserved URIs,
/// a name declared twice). `None` when the attributes are not plain.
fn declares_only_w(attrs: &[u8]) -> Option<bool> {
    let mut seen: Vec<&[u8]> = Vec::new();
    for (key, value) in plain_attributes(attrs) {
        let (key, value) = (key?, value);
        if seen.contains(&key) {
            return Some(false);
        }
        seen.push(key);
        let Some(prefix) = key.strip_prefix(b"xmlns") else {
            continue;
        };
        let prefix = match prefix {
            [] => None,
            [b':', p @ ..] => Some(p),
            _ => return Some(false),
        };
        let reserved = |v: &[u8]| {
            v.is_empty()
                || memmem::find(v, b"w3.org/XML/1998/namespace").is_some()
                || memmem::find(v, b"w3.org/2000/xmlns").is_some()
        };
        match prefix {
            Some(b"w") if !W_URIS.iter().any(|u| u.as_bytes() == value) => return Some(false),
            Some(b"w") => {}
            Some(p) if p.is_empty() || p.starts_with(b"xml") || p.starts_with(b"XML") => {
                return Some(false)
            }
            _ if reserved(value) => return Some(false),
            _ => {}
        }
    }
    Some(true)
}

/// The attribute text of a plain tag (after its name).
struct PlainAttrs<'t> {
    text: &'t str,
}

impl<'t> StyleAttrs<'t> for PlainAttrs<'t> {
    fn values<const N: usize>(&self, locals: [&str; N]) -> Option<[Option<Cow<'t, str>>; N]> {
        plain_attrs(self.text, locals)
    }
}

#[cfg(test)]
mod tests {
    use super::super::styles::Styles;
    use super::*;

    const BUNDLED: &str = include_str!("../../../templates/docx/styles.xml");

    /// What both readers must agree on, in a comparable form.
    fn general(text: &str, depth: usize) -> Option<String> {
        Styles::parse_events(text, "word/styles.xml", depth)
            .ok()
            .map(|s| s.summary())
    }

    fn plain(text: &str, depth: usize) -> Option<String> {
        read(text, depth).map(|sink| sink.finish().summary())
    }

    /// The styles parts of the real corpus (each file's `word/styles.xml`
    /// or whatever its name), when the shared corpus is present.
    fn corpus_parts() -> Vec<(String, String)> {
        let Some(files) = crate::corpus_tests::all_docx_files() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for p in files {
            for (name, raw) in crate::corpus_tests::xml_parts(&p) {
                if !name.to_ascii_lowercase().ends_with("styles.xml") {
                    continue;
                }
                if let Ok(text) = super::super::xml::decode(raw, &name) {
                    out.push((format!("{} {name}", p.display()), text));
                }
            }
        }
        out
    }

    #[test]
    fn plain_parts_read_as_the_general_reader_reads_them() {
        let mut parts = vec![("bundled".to_owned(), BUNDLED.to_owned())];
        parts.extend(corpus_parts());
        let mut taken = 0;
        for (name, text) in &parts {
            for depth in [256, 4, 3, 2] {
                if let Some(p) = plain(text, depth) {
                    assert_eq!(Some(p), general(text, depth), "{name} at depth {depth}");
                    taken += usize::from(depth == 256);
                }
            }
        }
        // The bundled template and most real files (Word's own included)
        // take the plain reader: it is the one that usually runs.
        assert!(plain(BUNDLED, 256).is_some());
        eprintln!("{taken} of {} styles parts read plain", parts.len());
        assert!(
            parts.len() < 5 || taken * 3 >= parts.len() * 2,
            "{taken} of {}",
            parts.len()
        );
    }

    /// Damaged copies (cut, a byte changed, inserted or removed, a tag
    /// repeated): wherever the plain reader answers, it answers as the
    /// general reader does; every error is left to the general reader.
    #[test]
    fn damaged_parts_read_plain_only_as_the_general_reader_reads_them() {
        let mut parts = vec![BUNDLED.to_owned()];
        parts.extend(corpus_parts().into_iter().map(|(_, t)| t).take(12));
        let odd = [
            b'<', b'>', b'"', b'\'', b'/', b'&', b' ', b'\n', b'x', b':', b'!', b'?', b'=', b'w',
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % u64::try_from(below.max(1)).unwrap_or(1)).unwrap_or(0)
        };
        let (mut tried, mut agreed) = (0, 0);
        for text in &parts {
            let b = text.as_bytes();
            for _ in 0..400 {
                let at = next(b.len());
                let mut m = b.to_vec();
                match next(5) {
                    0 => m.truncate(at),
                    1 => {
                        if let Some(c) = m.get_mut(at) {
                            *c = odd.get(next(odd.len())).copied().unwrap_or(b'<');
                        }
                    }
                    2 => m.insert(at, odd.get(next(odd.len())).copied().unwrap_or(b'<')),
                    3 => {
                        m.remove(at.min(m.len().saturating_sub(1)));
                    }
                    _ => {
                        let tag = b.get(at..).and_then(|r| {
                            let s = memchr(b'<', r)?;
                            let e = memchr(b'>', r.get(s..)?)?;
                            r.get(s..=s + e)
                        });
                        if let Some(tag) = tag {
                            let tag = tag.to_vec();
                            m.splice(at..at, tag);
                        }
                    }
                }
                let Ok(m) = String::from_utf8(m) else {
                    continue;
                };
                tried += 1;
                if let Some(p) = plain(&m, 256) {
                    agreed += 1;
                    assert_eq!(Some(p), general(&m, 256), "{m}");
                }
            }
        }
        eprintln!("{agreed} of {tried} damaged copies read plain, all as the general reader");
        assert!(agreed > 0 && agreed < tried);
    }

    #[test]
    fn parts_it_does_not_read_are_left_to_the_general_reader() {
        let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
        let plain_part = format!(
            r#"<w:styles {w}><w:style w:styleId="A"><w:name w:val="heading 1"/></w:style></w:styles>"#
        );
        assert!(read(&plain_part, 8).is_some());
        let left = [
            // Another namespace bound to `w`, or a second binding.
            plain_part.replace("wordprocessingml/2006/main", "example/other"),
            plain_part.replace("<w:style ", r#"<w:style xmlns:w="urn:x" "#),
            // Other prefixes, comments, references, a DTD, a processing instruction.
            plain_part.replace("<w:name", "<x:name"),
            plain_part.replace("</w:styles>", "<!-- note --></w:styles>"),
            plain_part.replace("heading 1", "heading &#49;"),
            format!("<!DOCTYPE x>{plain_part}"),
            format!("<?xml version=\"1.0\"?><?pi x?>{plain_part}"),
            // A value the general reader normalises, an attribute that is not plain.
            plain_part.replace("heading 1", "heading\t1"),
            plain_part.replace(r#"w:styleId="A""#, r#"w:styleId = "A""#),
            // Ill-formed: unclosed, mismatched, too deep.
            plain_part.replace("</w:styles>", ""),
            plain_part.replace("</w:style>", "</w:styl>"),
        ];
        for text in &left {
            assert!(read(text, 8).is_none(), "{text}");
        }
        assert!(read(&plain_part, 2).is_none());
        assert!(read(&plain_part, 3).is_some());
    }
}
