//! A tokenizer for plain parts: the same events quick-xml gives, found with
//! a few `memchr` calls, for parts without anything that needs quick-xml's
//! full machinery.
//!
//! Why: quick-xml validates every text as UTF-8 again (the part was already
//! validated once, whole) and walks a general state machine per event; on a
//! long report that was as much time as reading the events at all. Most
//! parts Word writes are plain: tags, text and references, without comments,
//! CDATA, a DTD or processing instructions after the XML declaration. At the
//! first thing this tokenizer does not handle, or anything ill-formed, it
//! stops; quick-xml reads the part up to that point (the same events) and
//! goes on from there, so errors and edge cases stay quick-xml's. Tests
//! compare the two on every part of the real and damaged corpus.

use memchr::{memchr, memchr2, memchr3, memmem};
use quick_xml::events::{BytesEnd, BytesRef, BytesStart, BytesText, Event};

/// The events of a plain part, read as they are asked for.
pub(super) struct PlainTokens<'a> {
    text: &'a str,
    /// Where the next event begins.
    at: usize,
    /// Names of the open elements, as ranges of `text`.
    open: Vec<(usize, usize)>,
}

/// XML whitespace, as quick-xml splits names on it.
pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\r' | b'\n' | b'\t')
}

/// `b` without its trailing white space (an end tag's name).
pub(super) fn trim_end(b: &[u8]) -> &[u8] {
    let len = b.iter().rposition(|&c| !is_space(c)).map_or(0, |p| p + 1);
    b.get(..len).unwrap_or(b)
}

/// Where a part's markup begins: after its XML declaration, if any; `None`
/// for a byte-order mark left after decoding (quick-xml drops it) or a
/// declaration the plain readers leave to quick-xml.
pub(super) fn markup_start(b: &[u8]) -> Option<usize> {
    if b.starts_with("\u{FEFF}".as_bytes()) {
        return None;
    }
    if !b.starts_with(b"<?xml") {
        return Some(0);
    }
    let end = memmem::find(b, b"?>")?;
    match b.get(5) {
        Some(&c) if is_space(c) => {}
        _ if end == 5 => {}
        _ => return None,
    }
    Some(end + 2)
}

impl<'a> PlainTokens<'a> {
    /// A tokenizer for `text`, or `None` when the part starts with a
    /// byte-order mark left after decoding (quick-xml drops it).
    /// Comments, CDATA, DTDs, processing instructions and ill-formed markup
    /// are found while reading: [`PlainTokens::next_event`] then answers
    /// `None` and quick-xml goes on from there.
    pub(super) fn new(text: &'a str) -> Option<PlainTokens<'a>> {
        Some(PlainTokens {
            text,
            at: markup_start(text.as_bytes())?,
            open: Vec::new(),
        })
    }

    /// Where the next event begins (quick-xml's `buffer_position` before
    /// reading it).
    pub(super) fn position(&self) -> u64 {
        u64::try_from(self.at).unwrap_or(u64::MAX)
    }

    /// The next event, exactly as quick-xml would give it, or `None` at
    /// markup this tokenizer does not accept (the caller lets quick-xml take
    /// over from [`PlainTokens::position`]).
    pub(super) fn next_event(&mut self) -> Option<Event<'a>> {
        let b = self.text.as_bytes();
        let i = self.at;
        if i >= b.len() {
            return Some(Event::Eof);
        }
        // Most events start right where the last one ended: no search then.
        let lt = if b.get(i) == Some(&b'<') {
            i
        } else {
            memchr2(b'<', b'&', b.get(i..)?).map_or(b.len(), |p| i + p)
        };
        if lt > i {
            self.at = lt;
            return Some(Event::Text(BytesText::from_escaped(self.text.get(i..lt)?)));
        }
        if b.get(lt) == Some(&b'&') {
            // A reference ends at `;` before any other `&` or `<`; anything
            // else is quick-xml's to report.
            let end = lt + 1 + memchr3(b';', b'&', b'<', b.get(lt + 1..)?)?;
            if b.get(end) != Some(&b';') {
                return None;
            }
            self.at = end + 1;
            return Some(Event::GeneralRef(BytesRef::new(
                self.text.get(lt + 1..end)?,
            )));
        }
        match *b.get(lt + 1)? {
            b'/' => {
                // The usual end tag is `</` + the open name + `>`.
                if let Some(&(s, e)) = self.open.last() {
                    let after = lt + 2 + e.saturating_sub(s);
                    if b.get(after) == Some(&b'>') && same_name(b.get(lt + 2..after), b.get(s..e)) {
                        let name = self.text.get(lt + 2..after)?;
                        self.open.pop();
                        self.at = after + 1;
                        return Some(Event::End(BytesEnd::new(name)));
                    }
                }
                let gt = lt + memchr(b'>', b.get(lt..)?)?;
                let name = trim_end(b.get(lt + 2..gt)?);
                let &(s, e) = self.open.last()?;
                if b.get(s..e)? != name {
                    return None;
                }
                let name = self.text.get(lt + 2..lt + 2 + name.len())?;
                self.open.pop();
                self.at = gt + 1;
                Some(Event::End(BytesEnd::new(name)))
            }
            c if c.is_ascii_alphabetic() || c == b'_' || c == b':' || c >= 0x80 => {
                let gt = tag_end(b, lt + 1)?;
                let content = self.text.get(lt + 1..gt)?;
                let (empty, content) = match content.strip_suffix('/') {
                    Some(c) => (true, c),
                    None => (false, content),
                };
                let name_len = content.bytes().position(is_space).unwrap_or(content.len());
                if !content.is_char_boundary(name_len) {
                    return None;
                }
                self.at = gt + 1;
                let tag = BytesStart::from_content(content, name_len);
                if empty {
                    Some(Event::Empty(tag))
                } else {
                    self.open.push((lt + 1, lt + 1 + name_len));
                    Some(Event::Start(tag))
                }
            }
            // Comments, CDATA, DTDs, processing instructions, odd bytes.
            _ => None,
        }
    }
}

/// The `>` closing the tag whose content starts at `from`, skipping any in
/// quoted attribute values. Eight bytes at a time: tags are short and
/// quotes frequent, so a search call per quote cost more than reading the
/// bytes, and a byte loop (three tests per byte) was most of reading the
/// attribute-heavy `styles.xml`.
pub(super) fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        i += first_of(b.get(i..)?, [b'>', b'"', b'\''])?;
        let quote = *b.get(i)?;
        if quote == b'>' {
            return Some(i);
        }
        i += 1;
        i += first_of(b.get(i..)?, [quote])? + 1;
    }
}

/// Whether two tag names are equal: compared inline, as names are a few
/// bytes long and a `memcmp` call per end tag cost more than the bytes.
#[inline(always)]
fn same_name(a: Option<&[u8]>, b: Option<&[u8]>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y),
        _ => false,
    }
}

/// The offset of the first byte of `hay` equal to one of `needles`.
#[inline(always)]
pub(super) fn first_of<const N: usize>(hay: &[u8], needles: [u8; N]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = hay.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
        // A zero byte of `x ^ needle` is a match. The classic test marks
        // every zero byte and can mark a byte above one only, so its lowest
        // mark is exact.
        let mut marks = 0;
        for n in needles {
            let v = x ^ (u64::from(n) * ONES);
            marks |= v.wrapping_sub(ONES) & !v & HIGH;
        }
        if marks != 0 {
            return Some(base + (marks.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|c| needles.contains(c))
        .map(|p| base + p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::Reader;

    #[test]
    fn the_eight_byte_search_finds_the_first_needle_at_any_offset() {
        // Every byte value next to the needles, at every offset and length
        // around an eight-byte block, with the borrow cases (0x01 above a
        // match) that mark bytes beyond the first match.
        let bytes: Vec<u8> = (0..=255u8)
            .flat_map(|b| [b, 0x01, b'"', 0x3F, b, b'>', 0x80, b'\'', 0x23])
            .collect();
        for start in 0..bytes.len() {
            for len in 0..20 {
                let hay = bytes
                    .get(start..(start + len).min(bytes.len()))
                    .unwrap_or(&[]);
                let needles = [b'>', b'"', b'\''];
                let expected = hay.iter().position(|c| needles.contains(c));
                assert_eq!(first_of(hay, needles), expected, "{hay:?}");
                let expected = hay.iter().position(|&c| c == 0x01);
                assert_eq!(first_of(hay, [0x01]), expected, "{hay:?}");
            }
        }
        assert_eq!(tag_end(b"<a b='>\"' c=\">'\">x", 1), Some(16));
        assert_eq!(tag_end(b"<a b='>", 1), None);
    }

    /// The block search finds the tag end a byte walk with quote state
    /// finds, from every offset of random mixes of quotes, `>` and other
    /// bytes (values across blocks, single quotes, no end at all).
    #[test]
    fn the_tag_end_is_the_first_unquoted_close_from_any_offset() {
        fn walk(b: &[u8], from: usize) -> Option<usize> {
            let mut quote = None;
            for (i, &c) in b.iter().enumerate().skip(from) {
                match quote {
                    Some(q) if c == q => quote = None,
                    Some(_) => {}
                    None if c == b'>' => return Some(i),
                    None if c == b'"' || c == b'\'' => quote = Some(c),
                    None => {}
                }
            }
            None
        }
        let alphabet = [
            b'>',
            b'"',
            b'"',
            b'\'',
            b'a',
            b' ',
            b'=',
            0x3E ^ 0x80,
            0x22 ^ 0x01,
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for round in 0..3000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 40) as usize;
            let mut bytes = Vec::with_capacity(len);
            let mut r = state;
            for _ in 0..len {
                r = r.rotate_left(5) ^ 0x9E37_79B9_7F4A_7C15;
                // Mostly ordinary bytes, as in real tags.
                let pick = (r % 23) as usize;
                bytes.push(alphabet.get(pick).copied().unwrap_or(b'w'));
            }
            for from in 0..=bytes.len() {
                assert_eq!(
                    tag_end(&bytes, from),
                    walk(&bytes, from),
                    "{round}: {bytes:?} from {from}"
                );
            }
        }
    }

    /// The events of `text` as quick-xml gives them, as comparable strings,
    /// or `None` if it reports an error.
    fn quick(text: &str) -> Option<Vec<String>> {
        let (events, whole) = quick_prefix(text);
        whole.then_some(events)
    }

    /// The events the tokenizer gives before it stops or ends, and whether
    /// it read the whole part.
    fn plain(text: &str) -> Option<(Vec<String>, bool)> {
        let mut t = PlainTokens::new(text)?;
        let mut out = Vec::new();
        loop {
            let pos = t.position();
            match t.next_event() {
                Some(Event::Eof) => return Some((out, true)),
                Some(e) => out.push(describe(&e, pos)),
                None => return Some((out, false)),
            }
        }
    }

    fn describe(e: &Event<'_>, pos: u64) -> String {
        match e {
            Event::Start(s) => format!("{pos} start {:?} {:?}", s.name().0, &**s),
            Event::Empty(s) => format!("{pos} empty {:?} {:?}", s.name().0, &**s),
            Event::End(s) => format!("{pos} end {:?}", s.name().0),
            Event::Text(s) => format!("{pos} text {:?}", s.xml10_content()),
            Event::GeneralRef(r) => format!("{pos} ref {:?}", &**r),
            other => format!("{pos} {other:?}"),
        }
    }

    /// quick-xml's events before its first error (and whether it reached
    /// the end without one).
    fn quick_prefix(text: &str) -> (Vec<String>, bool) {
        let mut r = Reader::from_str(text);
        r.config_mut().check_end_names = true;
        let mut out = Vec::new();
        loop {
            let pos = r.buffer_position();
            match r.read_event() {
                Ok(Event::Eof) => return (out, true),
                Ok(Event::Decl(_)) => {}
                Ok(e) => out.push(describe(&e, pos)),
                Err(_) => return (out, false),
            }
        }
    }

    /// Whatever the tokenizer gives, quick-xml gives the same events at the
    /// same positions; where the tokenizer reads the whole part, quick-xml
    /// does too without an error. Returns whether the part was read whole.
    fn assert_agrees(text: &str, what: &str) -> bool {
        let Some((ours, whole)) = plain(text) else {
            return false;
        };
        let (theirs, theirs_whole) = quick_prefix(text);
        if whole {
            assert_eq!(Some(&ours), quick(text).as_ref(), "{what}");
            assert!(theirs_whole, "{what}");
        } else {
            assert!(theirs.starts_with(&ours), "{what}: {ours:?} / {theirs:?}");
        }
        whole
    }

    #[test]
    fn plain_parts_read_like_quick_xml_and_the_rest_is_left_to_it() {
        let accepted = [
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="urn:w"><w:body><w:p><w:r><w:t xml:space="preserve"> Héllo > world </w:t></w:r></w:p>
<w:p/><w:p w:a='x>y' w:b="it's"></w:p  ></w:body></w:document>
"#,
            "<a><b/></a>",
            "<?xml?><a>text\r\nwith CR</a>",
            "<a>unclosed",
            "<a x=\"1\"/ >",
        ];
        for text in accepted {
            assert!(assert_agrees(text, text), "not taken as plain: {text:?}");
        }
        for text in ["\u{FEFF}<a/>", "<?xml-stylesheet x?><a/>"] {
            assert!(PlainTokens::new(text).is_none(), "taken as plain: {text:?}");
        }
        // Other markup, and ill-formed markup, stop the tokenizer where
        // quick-xml takes over.
        for text in [
            "<a><!-- c --></a>",
            "<a><![CDATA[x]]></a>",
            "<!DOCTYPE a><a/>",
            "<a><?pi x?></a>",
            " <?xml version=\"1.0\"?><a/>",
            "<a><b></a>",
            "</a>",
            "<a x=\"unterminated></a>",
            "<a>< b</a>",
            "<a>AT&T</a>",
            "<a>x &amp y</a>",
            "<a>x &amp",
        ] {
            assert!(!assert_agrees(text, text), "read whole: {text:?}");
        }
        for text in [
            "<a>Tom &amp; Jerry &#233;&#x263A; &lt;&gt;&quot;&apos; &;</a>",
            "<a b=\"x &amp; y\">&custom;</a>",
        ] {
            assert!(assert_agrees(text, text), "not read whole: {text:?}");
        }
    }

    /// Every part of every real and damaged corpus file, when present.
    #[test]
    fn plain_parts_of_the_corpus_read_like_quick_xml() {
        let Some(files) = crate::corpus_tests::all_docx_files() else {
            return;
        };
        let (mut parts, mut plain_parts) = (0usize, 0usize);
        for p in files {
            for (name, raw) in crate::corpus_tests::xml_parts(&p) {
                let Ok(text) = String::from_utf8(raw) else {
                    continue;
                };
                let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
                parts += 1;
                if assert_agrees(text, &format!("{} {name}", p.display())) {
                    plain_parts += 1;
                }
            }
        }
        eprintln!("{parts} parts, {plain_parts} plain and identical");
        assert!(plain_parts > 0);
    }
}
