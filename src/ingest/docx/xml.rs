//! Shared XML plumbing for every part: decoding, namespace classes, depth and
//! DOCTYPE guards, attribute access and text accumulation.
//!
//! quick-xml has no depth limit and reports EOF without complaint when
//! elements are still open, so both checks live here, once, for all parts.

use std::borrow::Cow;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::{NamespaceError, NamespaceResolver, QName, ResolveResult};
use quick_xml::reader::Reader;

use super::tokens::{first_of, is_space, PlainTokens};
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

pub(super) const W_URIS: [&str; 2] = [
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
///
/// Namespaces are tracked lazily: quick-xml's `NsReader` walks the attributes
/// of every start tag looking for declarations and searches its binding stack
/// for every element name. Here a tag's declarations are only parsed when its
/// attribute text mentions `xmlns` at all, and an element's namespace class is
/// remembered per prefix until the bindings change. The bindings themselves
/// live in quick-xml's own [`NamespaceResolver`], so resolution, reserved
/// prefixes and binding errors are exactly `NsReader`'s.
pub(super) struct XmlPart<'a> {
    reader: Reader<&'a [u8]>,
    /// The plain tokenizer (see [`PlainTokens`]) until it meets markup it
    /// leaves to quick-xml; `None` from then on, and for parts it never takes.
    plain: Option<PlainTokens<'a>>,
    part: &'a str,
    depth: usize,
    max_depth: usize,
    ns: Scopes,
}

/// The namespace bindings in scope, with the depths of the elements that
/// declared some.
struct Scopes {
    resolver: NamespaceResolver,
    /// Depths (after opening) of the open elements that declared namespaces.
    declared_at: Vec<usize>,
    /// The last self-closing tag declared namespaces: pop them before the
    /// next event (they stay in scope while the caller looks at the tag).
    pending_pop: bool,
    /// Classes of one-letter ASCII prefixes under the current bindings, as
    /// [`Ns::code`]s (0: not resolved yet).
    one_letter: [u8; 128],
    /// Class of unprefixed element names under the current bindings.
    unprefixed: Option<Ns>,
    /// Classes of prefixed element names under the current bindings.
    prefixed: [(PrefixKey, Ns); CACHE],
    cached: usize,
}

/// Remembered prefixes per binding state (Word uses `w` almost always, with
/// a few DrawingML and compatibility prefixes around pictures).
const CACHE: usize = 6;
/// Longest prefix remembered; longer ones are resolved every time.
const KEY_LEN: usize = 15;

#[derive(Clone, Copy, PartialEq, Eq)]
struct PrefixKey {
    len: u8,
    bytes: [u8; KEY_LEN],
}

impl PrefixKey {
    const EMPTY: PrefixKey = PrefixKey {
        len: 0,
        bytes: [0; KEY_LEN],
    };

    fn new(prefix: &str) -> Option<PrefixKey> {
        let b = prefix.as_bytes();
        let len = u8::try_from(b.len())
            .ok()
            .filter(|&l| usize::from(l) <= KEY_LEN)?;
        let mut bytes = [0; KEY_LEN];
        bytes.get_mut(..b.len())?.copy_from_slice(b);
        Some(PrefixKey { len, bytes })
    }
}

impl Scopes {
    fn new() -> Self {
        Scopes {
            resolver: NamespaceResolver::default(),
            declared_at: Vec::new(),
            pending_pop: false,
            one_letter: [0; 128],
            unprefixed: None,
            prefixed: [(PrefixKey::EMPTY, Ns::Other); CACHE],
            cached: 0,
        }
    }

    fn forget(&mut self) {
        self.one_letter = [0; 128];
        self.unprefixed = None;
        self.cached = 0;
    }

    /// Takes the declarations of a start or empty tag that opens at `depth`.
    fn open(&mut self, e: &BytesStart<'_>, depth: usize) -> Result<bool, NamespaceError> {
        if !mentions_xmlns(e.attributes_raw().as_bytes()) {
            return Ok(false);
        }
        self.resolver.push(e)?;
        self.declared_at.push(depth);
        self.forget();
        Ok(true)
    }

    /// Drops the declarations of the element closing at `depth`, if any.
    fn close(&mut self, depth: usize) {
        if self.declared_at.last() == Some(&depth) {
            self.declared_at.pop();
            self.resolver.pop();
            self.forget();
        }
    }

    fn classify(&mut self, name: QName<'_>) -> Ns {
        let b = name.0.as_bytes();
        // One-letter prefixes (`w:`, `m:`, `a:`, `v:`, `o:`) by table. The
        // first colon ends the prefix, as in `QName::prefix`.
        if let (Some(&p), Some(b':')) = (b.first(), b.get(1)) {
            let slot = usize::from(p);
            if let Some(&c) = self.one_letter.get(slot) {
                if let Some(ns) = Ns::from_code(c) {
                    return ns;
                }
                let ns = classify(&self.resolver.resolve_element(name).0, name);
                if let Some(c) = self.one_letter.get_mut(slot) {
                    *c = ns.code();
                }
                return ns;
            }
        }
        let Some(prefix) = name.prefix() else {
            if let Some(ns) = self.unprefixed {
                return ns;
            }
            let ns = classify(&self.resolver.resolve_element(name).0, name);
            self.unprefixed = Some(ns);
            return ns;
        };
        let key = PrefixKey::new(prefix.into_inner());
        if let Some(k) = key {
            let hit = self
                .prefixed
                .get(..self.cached)
                .and_then(|c| c.iter().find(|(p, _)| *p == k));
            if let Some(&(_, ns)) = hit {
                return ns;
            }
        }
        let ns = classify(&self.resolver.resolve_element(name).0, name);
        if let Some(k) = key {
            if let Some(slot) = self.prefixed.get_mut(self.cached) {
                *slot = (k, ns);
                self.cached += 1;
            }
        }
        ns
    }
}

/// True when `attrs` contains `xmlns` anywhere (a superset of the tags
/// that declare namespaces). `x` is rare in attribute text, so a search
/// for it and a look at the next four bytes is quick even on long tags.
pub(super) fn mentions_xmlns(attrs: &[u8]) -> bool {
    // Attributes are short: an inline eight-byte search for each `x` costs
    // less than a `memchr` call per tag.
    let mut from = 0;
    while let Some(i) = attrs.get(from..).and_then(|rest| first_of(rest, [b'x'])) {
        let at = from + i;
        if attrs.get(at..at + 5) == Some(b"xmlns") {
            return true;
        }
        from = at + 1;
    }
    false
}

impl Ns {
    /// A non-zero code for the one-letter prefix table (0: not known yet).
    fn code(self) -> u8 {
        match self {
            Ns::W => 1,
            Ns::M => 2,
            Ns::Mc => 3,
            Ns::Other => 4,
        }
    }

    fn from_code(c: u8) -> Option<Ns> {
        match c {
            1 => Some(Ns::W),
            2 => Some(Ns::M),
            3 => Some(Ns::Mc),
            4 => Some(Ns::Other),
            _ => None,
        }
    }
}

impl<'a> XmlPart<'a> {
    /// Starts reading `text`, the decoded content of `part`.
    pub(super) fn new(text: &'a str, part: &'a str, max_depth: usize) -> Self {
        let mut reader = Reader::from_str(text);
        reader.config_mut().check_end_names = true;
        XmlPart {
            reader,
            plain: PlainTokens::new(text),
            part,
            depth: 0,
            max_depth,
            ns: Scopes::new(),
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
        match self.ns.resolver.resolve_element(QName(&probe)).0 {
            ResolveResult::Bound(ns) => Some(ns.0.to_owned()),
            _ => None,
        }
    }

    /// Takes a start or empty tag's declarations; errors as `NsReader`
    /// reports them (it counts open elements in a `u16`).
    fn open_scope(&mut self, e: &BytesStart<'_>, pos: u64) -> Result<(Ns, bool), IngestError> {
        let declared = self.declare(e, pos)?;
        Ok((self.ns.classify(e.name()), declared))
    }

    /// The declarations part of [`XmlPart::open_scope`]: true when the tag
    /// declares namespaces.
    fn declare(&mut self, e: &BytesStart<'_>, pos: u64) -> Result<bool, IngestError> {
        let opened = self.depth + 1;
        let declared = if opened > usize::from(u16::MAX) {
            Err(NamespaceError::TooDeeplyNested(usize::from(u16::MAX)))
        } else {
            self.ns.open(e, opened)
        };
        declared.map_err(|err| {
            self.invalid(format!(
                "{} (near byte {pos})",
                quick_xml::Error::Namespace(err)
            ))
        })
    }

    /// The next raw event and where it begins: from the plain tokenizer
    /// while it can, then from quick-xml.
    #[inline(always)]
    fn raw_event(&mut self) -> Result<(u64, Event<'a>), IngestError> {
        loop {
            match self.plain.as_mut() {
                Some(plain) => {
                    let pos = plain.position();
                    match plain.next_event() {
                        Some(ev) => return Ok((pos, ev)),
                        None => {
                            // Markup the plain tokenizer leaves to quick-xml:
                            // it reads up to here and goes on from there.
                            self.plain = None;
                            self.catch_up(pos)?;
                        }
                    }
                }
                None => {
                    let pos = self.reader.buffer_position();
                    return match self.reader.read_event() {
                        Ok(ev) => Ok((pos, ev)),
                        Err(e) => Err(self.invalid(format!("{e} (near byte {pos})"))),
                    };
                }
            }
        }
    }

    /// Closes the scope of an empty tag that declared namespaces, once its
    /// event has been handed out.
    #[inline(always)]
    fn pop_pending(&mut self) {
        if self.ns.pending_pop {
            self.ns.pending_pop = false;
            self.ns.close(self.depth + 1);
        }
    }

    fn too_deep(&self) -> IngestError {
        IngestError::TooDeep {
            part: self.part.to_owned(),
            limit: self.max_depth,
        }
    }

    /// The end of the part: fine at depth 0, a truncated part otherwise.
    fn at_eof(&self) -> Result<Ev<'a>, IngestError> {
        if self.depth > 0 {
            Err(self.invalid(format!(
                "the part ends with {} element(s) still open (truncated?)",
                self.depth
            )))
        } else {
            Ok(Ev::Eof)
        }
    }

    /// The next event that matters, with depth, DOCTYPE and EOF checks.
    #[inline(always)]
    pub(super) fn next(&mut self) -> Result<Ev<'a>, IngestError> {
        self.pop_pending();
        loop {
            let (pos, ev) = self.raw_event()?;
            return match ev {
                Event::Start(e) => {
                    let (ns, _) = self.open_scope(&e, pos)?;
                    self.depth += 1;
                    if self.depth > self.max_depth {
                        return Err(self.too_deep());
                    }
                    Ok(Ev::Start(ns, e))
                }
                Event::Empty(e) => {
                    let (ns, declared) = self.open_scope(&e, pos)?;
                    self.ns.pending_pop = declared;
                    if self.depth + 1 > self.max_depth {
                        return Err(self.too_deep());
                    }
                    Ok(Ev::Empty(ns, e))
                }
                Event::End(_) => {
                    self.ns.close(self.depth);
                    self.depth = self.depth.saturating_sub(1);
                    Ok(Ev::End)
                }
                Event::Text(t) => Ok(Ev::Text(t.xml10_content())),
                Event::CData(t) => Ok(Ev::Text(t.xml10_content())),
                Event::GeneralRef(r) => Ok(resolve_ref(&r)),
                Event::DocType(_) => Err(IngestError::Doctype {
                    part: self.part.to_owned(),
                }),
                Event::Eof => self.at_eof(),
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => continue,
            };
        }
    }

    /// Brings quick-xml's reader to byte `pos`, past the events the plain
    /// tokenizer already gave (the same ones: see `tokens.rs`).
    fn catch_up(&mut self, pos: u64) -> Result<(), IngestError> {
        while self.reader.buffer_position() < pos {
            let at = self.reader.buffer_position();
            match self.reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => return Err(self.invalid(format!("{e} (near byte {at})"))),
            }
        }
        Ok(())
    }

    /// Skips the rest of the element just opened (after an [`Ev::Start`]).
    ///
    /// The skipped events are checked as [`XmlPart::next`] checks them
    /// (depth limit, namespace declarations, DOCTYPE, truncation, end tags)
    /// but never classified or handed out: a skipped subtree (Word's 376
    /// latent-style entries, revision marks, table properties) costs little
    /// more than tokenizing it.
    pub(super) fn skip_element(&mut self) -> Result<(), IngestError> {
        let target = self.depth.saturating_sub(1);
        while self.depth > target {
            self.pop_pending();
            let (pos, ev) = self.raw_event()?;
            match ev {
                Event::Start(e) => {
                    self.declare(&e, pos)?;
                    self.depth += 1;
                    if self.depth > self.max_depth {
                        return Err(self.too_deep());
                    }
                }
                Event::Empty(e) => {
                    self.ns.pending_pop = self.declare(&e, pos)?;
                    if self.depth + 1 > self.max_depth {
                        return Err(self.too_deep());
                    }
                }
                Event::End(_) => {
                    self.ns.close(self.depth);
                    self.depth = self.depth.saturating_sub(1);
                }
                Event::DocType(_) => {
                    return Err(IngestError::Doctype {
                        part: self.part.to_owned(),
                    })
                }
                Event::Eof => return self.at_eof().map(drop),
                Event::Text(_)
                | Event::CData(_)
                | Event::GeneralRef(_)
                | Event::Comment(_)
                | Event::Decl(_)
                | Event::PI(_) => {}
            }
        }
        Ok(())
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
    let [value] = attrs(e, [local]);
    value
}

/// The values of several attributes by local name, in one pass over the
/// tag that stops once each is found (the first of each name wins).
pub(super) fn attrs<'b, const N: usize>(
    e: &'b BytesStart<'_>,
    locals: [&str; N],
) -> [Option<Cow<'b, str>>; N] {
    match plain_attrs(e.attributes_raw(), locals) {
        Some(found) => found,
        None => quick_attrs(e, locals),
    }
}

/// [`attrs`] by quick-xml's attribute iterator: any tag, references
/// expanded and white space normalised in the values.
fn quick_attrs<'b, const N: usize>(
    e: &'b BytesStart<'_>,
    locals: [&str; N],
) -> [Option<Cow<'b, str>>; N] {
    let mut out = [const { None }; N];
    for a in e.attributes().with_checks(false).flatten() {
        let key = a.key.local_name();
        let Some(slot) = locals
            .iter()
            .position(|l| key.as_ref() == *l)
            .and_then(|i| out.get_mut(i))
        else {
            continue;
        };
        if slot.is_none() {
            *slot = Some(
                match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                    Ok(v) => v,
                    Err(_) => a.value,
                },
            );
            if out.iter().all(Option::is_some) {
                break;
            }
        }
    }
    out
}

/// [`attrs`] for a plain attribute list (`key="value"` separated by white
/// space, values without references or white space other than spaces,
/// which quick-xml would expand or normalise), read with a few byte
/// tests: quick-xml's iterator and value normalisation were most of reading
/// the relationship parts. `None` for any other list: [`quick_attrs`] reads
/// it.
pub(super) fn plain_attrs<'b, const N: usize>(
    raw: &'b str,
    locals: [&str; N],
) -> Option<[Option<Cow<'b, str>>; N]> {
    let mut out = [const { None }; N];
    let base = raw.as_ptr() as usize;
    for (key, value) in plain_attributes(raw.as_bytes()) {
        let key = key?;
        // The local name: after the prefix, as quick-xml splits it.
        let local = match key.iter().position(|&c| c == b':') {
            Some(i) => key.get(i + 1..)?,
            None => key,
        };
        if local.contains(&b':') {
            return None;
        }
        let Some(slot) = locals
            .iter()
            .position(|l| l.as_bytes() == local)
            .and_then(|i| out.get_mut(i))
        else {
            continue;
        };
        if slot.is_none() {
            if value
                .iter()
                .any(|&c| matches!(c, b'\t' | b'\n' | b'\r' | b'&'))
            {
                return None;
            }
            let start = (value.as_ptr() as usize).checked_sub(base)?;
            *slot = Some(Cow::Borrowed(raw.get(start..start + value.len())?));
            if out.iter().all(Option::is_some) {
                break;
            }
        }
    }
    Some(out)
}

/// The attributes of a tag's text after its name, as (key, raw value); a
/// `None` key marks text that is not a plain attribute list, after which
/// nothing more is given.
pub(super) fn plain_attributes(attrs: &[u8]) -> impl Iterator<Item = (Option<&[u8]>, &[u8])> {
    let mut rest = attrs;
    let mut failed = false;
    std::iter::from_fn(move || {
        if failed {
            return None;
        }
        let start = rest.iter().position(|&c| !is_space(c))?;
        let item = (|| {
            let text = rest.get(start..)?;
            // The key runs to `=`; white space before it is not plain.
            let eq = text
                .iter()
                .position(|&c| c == b'=' || is_space(c))
                .filter(|&p| text.get(p) == Some(&b'='))?;
            let key = text.get(..eq)?;
            let quote = *text.get(eq + 1)?;
            if !matches!(quote, b'"' | b'\'') || key.is_empty() {
                return None;
            }
            let len = first_of(text.get(eq + 2..)?, [quote])?;
            let value = text.get(eq + 2..eq + 2 + len)?;
            rest = text.get(eq + 3 + len..)?;
            // Attributes are separated by white space.
            if rest.first().is_some_and(|&c| !is_space(c)) {
                return None;
            }
            Some((key, value))
        })();
        match item {
            Some((key, value)) => Some((Some(key), value)),
            None => {
                failed = true;
                Some((None, &[][..]))
            }
        }
    })
}

/// An attribute value read from `text` as a slice of `text` itself when it
/// is one (no reference was expanded in it), so it can outlive its event;
/// otherwise an owned copy.
pub(super) fn within<'t>(text: &'t str, value: Cow<'_, str>) -> Cow<'t, str> {
    let v = match value {
        Cow::Owned(v) => return Cow::Owned(v),
        Cow::Borrowed(v) => v,
    };
    let start = (v.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    match text.get(start..start.saturating_add(v.len())) {
        Some(s) if std::ptr::eq(s.as_ptr(), v.as_ptr()) => Cow::Borrowed(s),
        _ => Cow::Owned(v.to_owned()),
    }
}

/// The element's local name as text.
pub(super) fn local<'b>(e: &'b BytesStart<'_>) -> &'b str {
    let name = e.name();
    let full: &str = name.0;
    // Names are short: a plain loop beats a `memrchr` call.
    match full.bytes().rposition(|b| b == b':') {
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

    #[test]
    fn attribute_values_outlive_their_event_only_when_they_are_part_text() {
        let text = r#"<w:basedOn w:val="Heading1"/><w:basedOn w:val="a&amp;b"/>"#;
        let mut x = XmlPart::new(text, "word/styles.xml", 8);
        let mut values = Vec::new();
        while let Ok(Ev::Empty(_, e)) = x.next() {
            values.push(attr(&e, "val").map(|v| within(text, v)));
        }
        match values.as_slice() {
            [Some(Cow::Borrowed(plain)), Some(Cow::Owned(expanded))] => {
                assert_eq!(*plain, "Heading1");
                assert!(text.contains(plain));
                assert_eq!(expanded, "a&b");
            }
            other => panic!("unexpected values: {other:?}"),
        }
        // A borrowed value from elsewhere is copied, never re-sliced.
        let elsewhere = String::from("Heading1");
        assert!(matches!(
            within(text, Cow::Borrowed(elsewhere.as_str())),
            Cow::Owned(v) if v == "Heading1"
        ));
    }

    /// Every event of a part through [`XmlPart`], and the error that ends
    /// it, with or without the plain tokenizer.
    fn part_events(text: &str, plain: bool) -> Vec<String> {
        let mut x = XmlPart::new(text, "p", 64);
        if !plain {
            x.plain = None;
        }
        let mut out = Vec::new();
        loop {
            match x.next() {
                Ok(Ev::Eof) => return out,
                Ok(Ev::Start(ns, e)) => out.push(format!("start {ns:?} {:?}", &*e)),
                Ok(Ev::Empty(ns, e)) => out.push(format!("empty {ns:?} {:?}", &*e)),
                Ok(Ev::End) => out.push(format!("end {}", x.depth())),
                Ok(Ev::Text(t)) => out.push(format!("text {t:?}")),
                Ok(Ev::Ref(c, s)) => out.push(format!("ref {c:?} {s:?}")),
                Err(e) => {
                    out.push(format!("error {e}"));
                    return out;
                }
            }
        }
    }

    #[test]
    fn quick_xml_takes_over_where_the_plain_tokenizer_stops() {
        for text in [
            r#"<w:a xmlns:w="urn:w"><w:b>x</w:b><w:c></w:d></w:a>"#,
            r#"<w:a xmlns:w="urn:w"><w:b v="1>2"/>< w:c/></w:a>"#,
            r#"<w:a xmlns:w="urn:w"><w:b x="unterminated/></w:a>"#,
            r#"<w:a xmlns:w="urn:w"><w:b>"#,
            r#"<w:a xmlns:w="urn:w"></w:a></w:a>"#,
            r#"<?xml version="1.0"?><w:a xmlns:w="urn:w"><x:b/></w:a>"#,
            r#"<w:a xmlns:w="urn:w"><w:b/><!-- note --><w:c/></w:a>"#,
            r#"<w:a xmlns:w="urn:w"><w:b/><?mso-application x?><w:c/></w:a>"#,
            r#"<w:a xmlns:w="urn:w"><w:b/><!DOCTYPE x><w:c/></w:a>"#,
        ] {
            assert_eq!(part_events(text, true), part_events(text, false), "{text}");
        }
    }

    /// Every part of every real and damaged corpus file reads the same
    /// through [`XmlPart`] with the plain tokenizer as with quick-xml alone,
    /// errors included.
    #[test]
    fn parts_read_the_same_with_and_without_the_plain_tokenizer() {
        let Some(files) = crate::corpus_tests::all_docx_files() else {
            return;
        };
        let mut parts = 0usize;
        for p in files {
            for (name, raw) in crate::corpus_tests::xml_parts(&p) {
                let Ok(text) = decode(raw, &name) else {
                    continue;
                };
                parts += 1;
                assert!(
                    part_events(&text, true) == part_events(&text, false),
                    "{} {name}",
                    p.display()
                );
            }
        }
        eprintln!("{parts} parts read the same");
    }

    /// Plain attribute lists read as quick-xml reads them: every start and
    /// empty tag of every part of the real and damaged corpus, plus odd
    /// lists, for the names the reader asks for.
    #[test]
    fn plain_attribute_lists_read_as_quick_xml_reads_them() {
        let odd = [
            r#"<w:x w:val="a" val="b"/>"#,
            r#"<w:x w:val='a"b' r:id="c"/>"#,
            r#"<w:x w:val="a&amp;b"/>"#,
            r#"<w:x w:val="a	b"/>"#,
            r#"<w:x w:val = "a"/>"#,
            r#"<w:x w:val="a"w:type="b"/>"#,
            r#"<w:x a:b:val="a" val="c"/>"#,
            r#"<w:x Id="rId1" Type="t" Target="styles.xml" TargetMode="External"/>"#,
            r#"<w:x w:val="é ü"/>"#,
            r#"<w:x w:val/>"#,
        ];
        let mut texts: Vec<String> = odd.iter().map(|s| (*s).to_owned()).collect();
        if let Some(files) = crate::corpus_tests::all_docx_files() {
            for p in files {
                for (name, raw) in crate::corpus_tests::xml_parts(&p) {
                    if let Ok(text) = decode(raw, &name) {
                        texts.push(text);
                    }
                }
            }
        }
        let (mut tags, mut plain) = (0usize, 0usize);
        for text in &texts {
            let mut reader = Reader::from_str(text);
            while let Ok(ev) = reader.read_event() {
                let e = match ev {
                    Event::Start(e) | Event::Empty(e) => e,
                    Event::Eof => break,
                    _ => continue,
                };
                tags += 1;
                let names = [
                    "val",
                    "id",
                    "type",
                    "styleId",
                    "Target",
                    "TargetMode",
                    "Type",
                ];
                if let Some(found) = plain_attrs(e.attributes_raw(), names) {
                    plain += 1;
                    assert_eq!(found, quick_attrs(&e, names), "{:?}", e.attributes_raw());
                }
                let one = ["val"];
                if let Some(found) = plain_attrs(e.attributes_raw(), one) {
                    assert_eq!(found, quick_attrs(&e, one), "{:?}", e.attributes_raw());
                }
            }
        }
        eprintln!("{plain} of {tags} tags read plain, as quick-xml reads them");
        assert!(plain > 0 && plain < tags);
    }

    /// The block test flags exactly the buffers with a byte the exact test
    /// flags: every byte value at every position of a block and its tail.
    #[test]
    fn the_byte_screen_flags_every_suspect_byte_anywhere() {
        let naive = |b: &[u8]| {
            b.iter()
                .any(|&x| (x < 0x20 && x != b'\t' && x != b'\n') || x == 0xEF)
        };
        for len in [1usize, 8, 16, 17, 40] {
            for pos in 0..len {
                for v in 0..=255u8 {
                    for fill in [b'a', b'\t', 0xC3] {
                        let mut buf = vec![fill; len];
                        if let Some(slot) = buf.get_mut(pos) {
                            *slot = v;
                        }
                        assert_eq!(
                            may_need_cleaning(&buf),
                            naive(&buf),
                            "{v:#x} at {pos} of {len}"
                        );
                    }
                }
            }
        }
    }

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
        for len in [0usize, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 64, 70] {
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

    /// The reference: quick-xml's `NsReader`, as the part reader used it
    /// before namespaces were tracked lazily.
    fn ns_reader_classes(text: &str) -> Result<Vec<(String, Ns)>, String> {
        let mut r = quick_xml::reader::NsReader::from_str(text);
        r.config_mut().check_end_names = true;
        let mut out = Vec::new();
        loop {
            let pos = r.buffer_position();
            match r.read_resolved_event() {
                Ok((res, Event::Start(e))) | Ok((res, Event::Empty(e))) => {
                    let ns = classify(&res, e.name());
                    let probe = match r.resolver().resolve_element(QName("mc:x")).0 {
                        ResolveResult::Bound(ns) => Some(ns.0.to_owned()),
                        _ => None,
                    };
                    let probe = format!("{probe:?}");
                    out.push((format!("{} {probe}", e.name().0), ns));
                }
                Ok((_, Event::Eof)) => return Ok(out),
                Ok(_) => {}
                Err(e) => return Err(format!("{e} (near byte {pos})")),
            }
        }
    }

    fn part_classes(text: &str) -> Result<Vec<(String, Ns)>, String> {
        let mut x = XmlPart::new(text, "p", usize::MAX);
        let mut out = Vec::new();
        loop {
            match x.next() {
                Ok(Ev::Start(ns, e)) | Ok(Ev::Empty(ns, e)) => {
                    let probe = format!("{:?}", x.prefix_uri("mc"));
                    out.push((format!("{} {probe}", e.name().0), ns));
                }
                Ok(Ev::Eof) => return Ok(out),
                Ok(_) => {}
                Err(IngestError::InvalidXml { detail, .. }) => return Err(detail),
                Err(e) => return Err(e.to_string()),
            }
        }
    }

    /// Reads `text` whole with `next`, or skips the root's first child
    /// with `skip_element`: the outcome as a comparable string.
    fn read_part(text: &str, skip: bool, max_depth: usize) -> String {
        let mut x = XmlPart::new(text, "word/styles.xml", max_depth);
        let mut starts = 0;
        loop {
            match x.next() {
                Ok(Ev::Start(..)) => {
                    starts += 1;
                    if skip && starts == 2 {
                        if let Err(e) = x.skip_element() {
                            return e.to_string();
                        }
                    }
                }
                Ok(Ev::Eof) => return format!("ok at depth {}", x.depth()),
                Ok(_) => {}
                Err(e) => return e.to_string(),
            }
        }
    }

    #[test]
    fn a_skipped_subtree_fails_exactly_where_reading_it_would() {
        let w = r#"<w:styles xmlns:w="urn:w">"#;
        let cases = [
            // Fine, with a declaration inside the skipped subtree.
            format!(
                r#"{w}<w:latentStyles><w:x xmlns:v="urn:v"><v:y/></w:x><w:l a=">"/></w:latentStyles><w:style/></w:styles>"#
            ),
            // A prefix bound twice in one tag, inside the skipped subtree.
            format!(
                r#"{w}<w:latentStyles><w:x xmlns:xml="urn:not-xml"/></w:latentStyles></w:styles>"#
            ),
            format!(
                r#"{w}<w:latentStyles><w:x xmlns:xml="urn:not-xml"></w:x></w:latentStyles></w:styles>"#
            ),
            // Too deep inside it (the limit is 4 below).
            format!("{w}<w:latentStyles><w:a><w:b><w:c/></w:b></w:a></w:latentStyles></w:styles>"),
            format!(
                "{w}<w:latentStyles><w:a><w:b><w:c></w:c></w:b></w:a></w:latentStyles></w:styles>"
            ),
            // Mismatched end tag, truncation, a DOCTYPE, a comment.
            format!("{w}<w:latentStyles><w:a></w:b></w:latentStyles></w:styles>"),
            format!("{w}<w:latentStyles><w:a>"),
            format!("{w}<w:latentStyles><!DOCTYPE x></w:latentStyles></w:styles>"),
            format!("{w}<w:latentStyles><!-- c --><w:a/></w:latentStyles></w:styles>"),
        ];
        for text in &cases {
            let whole = read_part(text, false, 4);
            assert_eq!(read_part(text, true, 4), whole, "{text}");
        }
        // The cases do exercise both outcomes.
        assert_eq!(read_part(&cases[0], true, 4), "ok at depth 0");
        assert!(read_part(&cases[1], true, 4).contains("cannot be bound"));
        assert!(read_part(&cases[2], true, 4).contains("cannot be bound"));
        assert!(read_part(&cases[4], true, 4).contains("deep"));
    }

    #[test]
    fn lazy_namespaces_match_ns_reader() {
        const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        const S: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
        const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
        let cases = [
            format!(r#"<w:document xmlns:w="{W}"><w:body><w:p/></w:body></w:document>"#),
            format!(r#"<w:document xmlns:w="{S}"><w:p><w:r><w:t>x</w:t></w:r></w:p></w:document>"#),
            r#"<w:document><w:p><m:r/><mc:Choice/><x:y/><:z/><q/></w:p></w:document>"#.to_owned(),
            format!(r#"<document xmlns="{W}"><p><w:r/></p><p xmlns=""><r/></p><p/></document>"#),
            format!(
                r#"<w:document xmlns:w="{W}"><w:p xmlns:w="urn:x"><w:r/></w:p><w:p><w:r/></w:p>
                <w:p xmlns:w=""><w:r/></w:p><w:sym xmlns:w="{S}"/><w:r/></w:document>"#
            ),
            format!(
                r#"<w:document xmlns:w="{W}"><mc:AlternateContent xmlns:mc="{MC}"><mc:Choice Requires="wps"/>
                <mc:Choice xmlns:mc="urn:other" Requires="w"/><mc:Fallback/></mc:AlternateContent><mc:x/></w:document>"#
            ),
            format!(r#"<a:b xmlns:a="{W}" xmlns:b="{W}"><b:c a:val="xmlns"/><a:d b:xmlnsx="1"/></a:b>"#),
            r#"<w:document xmlns:xml="urn:bad"/>"#.to_owned(),
            r#"<w:document xmlns:xmlns="urn:bad"/>"#.to_owned(),
            r#"<w:document xmlns:p="http://www.w3.org/XML/1998/namespace"/>"#.to_owned(),
            r#"<w:document xmlns:w=x><w:p/></w:document>"#.to_owned(),
            format!(r#"<w:a xmlns:w="{W}"><w:b xmlns:v="urn:v"/><w:c/></w:a>"#),
            format!(
                "<w:document xmlns:w=\"{W}\">{}<verylongprefix123456:x xmlns:verylongprefix123456=\"{W}\"/></w:document>",
                (0..20).map(|i| format!("<p{i}:x xmlns:p{i}=\"urn:{i}\"><p{i}:y/><w:z/></p{i}:x>")).collect::<String>()
            ),
            format!(
                "<r {}/>",
                (0..130).map(|i| format!("xmlns:p{i}=\"urn:{i}\" ")).collect::<String>()
            ),
            format!("{}{}", "<a>".repeat(70_000), "</a>".repeat(70_000)),
            format!("{}<b/>{}", "<a>".repeat(65_535), "</a>".repeat(65_535)),
        ];
        for c in &cases {
            assert_eq!(part_classes(c), ns_reader_classes(c), "{c}");
        }
    }
}
