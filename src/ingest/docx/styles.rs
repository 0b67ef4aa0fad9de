//! `styles.xml`: style names, `basedOn` chains, outline levels, numbering and
//! the two run properties the checks need (bold, hidden).
//!
//! Headings are recognised by `w:name`, never by `w:styleId`: Word localises
//! ids (`Titre1`, `Überschrift1`) but writes the built-in names in English.
//! Chains are resolved once at load time (cycle-guarded), so the walker does
//! one hash lookup per paragraph or run.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::xml::{attrs, lenient_int, local, on_off, within, Ev, Ns, XmlPart};
use crate::document::BlockKind;
use crate::ingest::IngestError;

/// Style ids to positions: looked up for every styled paragraph and run, so
/// with a fast hasher (foldhash, randomly seeded per process).
type IdMap = HashMap<String, u32, foldhash::fast::RandomState>;

/// Run properties that affect what the checks see. `None` means "not set
/// here": the next level of the hierarchy decides.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct RunProps {
    /// `w:b`.
    pub bold: Option<bool>,
    /// `w:vanish`.
    pub vanish: Option<bool>,
}

impl RunProps {
    /// Fills unset properties from a lower-priority level.
    pub(super) fn or(self, lower: RunProps) -> RunProps {
        RunProps {
            bold: self.bold.or(lower.bold),
            vanish: self.vanish.or(lower.vanish),
        }
    }
}

/// A numbering reference (`w:numPr`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct NumRef {
    /// `w:numId`; "0" removes numbering.
    pub num_id: Option<String>,
    /// `w:ilvl`.
    pub ilvl: Option<u8>,
}

/// A style as written, before its chain is followed. `basedOn` borrows the
/// part's text: it is only needed while the chains are resolved.
#[derive(Debug, Clone, Default)]
struct RawStyle<'t> {
    name: Option<String>,
    based_on: Option<Cow<'t, str>>,
    paragraph: bool,
    outline: Option<u8>,
    num: Option<NumRef>,
    rpr: RunProps,
}

/// A style with its chain already resolved.
#[derive(Debug, Clone, Default)]
pub(super) struct Style {
    /// The style's own `w:name`.
    pub name: Option<String>,
    /// Heading or title from the style names in the chain.
    pub heading_name: Option<BlockKind>,
    /// Heading from the first outline level in the chain.
    pub heading_outline: Option<BlockKind>,
    /// Numbering from the chain.
    pub num: Option<NumRef>,
    /// Run properties from the chain (not including document defaults).
    pub rpr: RunProps,
}

/// Which style a paragraph or run names, looked up once when its
/// `w:pStyle`/`w:rStyle` is read (not for every run of the paragraph).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum StyleRef {
    /// No style named: a paragraph takes the default paragraph style.
    #[default]
    Unset,
    /// A style of the document.
    At(u32),
    /// An id the document does not define: no style applies.
    Unknown,
}

/// All styles of a document, resolved.
#[derive(Debug, Clone, Default)]
pub(super) struct Styles {
    /// Resolved styles, in the order of their first definition.
    list: Vec<Style>,
    /// Style id to position in `list` (the first definition of an id wins).
    by_id: IdMap,
    /// The `w:default="1"` paragraph style id.
    pub default_para: Option<String>,
    /// `w:docDefaults/w:rPrDefault`.
    pub defaults: RunProps,
    /// `w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val`, a fallback document language.
    pub default_lang: Option<String>,
    /// The default paragraph style's position.
    default_style: Option<u32>,
}

impl Styles {
    /// What a `w:pStyle` or `w:rStyle` value refers to.
    pub(super) fn lookup(&self, id: Option<&str>) -> StyleRef {
        match id {
            None => StyleRef::Unset,
            Some(id) => self
                .by_id
                .get(id)
                .map_or(StyleRef::Unknown, |&i| StyleRef::At(i)),
        }
    }

    /// A style by id.
    #[cfg(test)]
    pub(super) fn get(&self, id: &str) -> Option<&Style> {
        self.run_style(self.lookup(Some(id)))
    }

    /// A paragraph's style: the one it names, else the default paragraph style.
    pub(super) fn para_style(&self, style: StyleRef) -> Option<&Style> {
        match style {
            StyleRef::Unset => self.default_style.and_then(|i| self.at(i)),
            other => self.run_style(other),
        }
    }

    /// A run's character style: only the one it names.
    pub(super) fn run_style(&self, style: StyleRef) -> Option<&Style> {
        match style {
            StyleRef::At(i) => self.at(i),
            StyleRef::Unset | StyleRef::Unknown => None,
        }
    }

    /// Everything a reader decides, in one comparable text (the id map
    /// sorted): the plain and general readers are compared on it.
    #[cfg(test)]
    pub(super) fn summary(&self) -> String {
        let mut ids: Vec<_> = self.by_id.iter().collect();
        ids.sort();
        format!(
            "{:?} {ids:?} {:?} {:?} {:?} {:?}",
            self.list, self.default_para, self.defaults, self.default_lang, self.default_style
        )
    }

    fn at(&self, i: u32) -> Option<&Style> {
        self.list.get(usize::try_from(i).ok()?)
    }

    /// Parses `styles.xml` text: with the plain reader when the part is
    /// plain (see [`super::styles_plain`]), else with the general events.
    pub(super) fn parse(text: &str, part: &str, max_depth: usize) -> Result<Styles, IngestError> {
        if let Some(sink) = super::styles_plain::read(text, max_depth) {
            return Ok(sink.finish());
        }
        Styles::parse_events(text, part, max_depth)
    }

    /// Parses `styles.xml` from the general events: any part, and the errors
    /// of a damaged one.
    pub(super) fn parse_events(
        text: &str,
        part: &str,
        max_depth: usize,
    ) -> Result<Styles, IngestError> {
        let mut x = XmlPart::new(text, part, max_depth);
        let mut sink = StyleSink::default();
        loop {
            let (ns, e, empty) = match x.next()? {
                Ev::Start(ns, e) => (ns, e, false),
                Ev::Empty(ns, e) => (ns, e, true),
                Ev::End => {
                    sink.close();
                    continue;
                }
                Ev::Eof => break,
                _ => continue,
            };
            // An event's attributes are always readable: `open` answers.
            let skip = ns != Ns::W || {
                let attrs = EventAttrs { e: &e, text };
                sink.open(Tag::of(local(&e)), empty, &attrs) == Some(false)
            };
            if skip && !empty {
                x.skip_element()?;
            }
        }
        Ok(sink.finish())
    }
}

/// Attribute values of the tag being read, by local name (the first of
/// each name wins), as slices of the part where no reference was expanded.
/// `None` when the tag's attributes cannot be read here: the plain reader
/// then leaves the part to the general one.
pub(super) trait StyleAttrs<'t> {
    fn values<const N: usize>(&self, locals: [&str; N]) -> Option<[Option<Cow<'t, str>>; N]>;
}

/// Attributes of a general event.
struct EventAttrs<'e, 't> {
    e: &'e BytesStart<'e>,
    text: &'t str,
}

impl<'t> StyleAttrs<'t> for EventAttrs<'_, 't> {
    fn values<const N: usize>(&self, locals: [&str; N]) -> Option<[Option<Cow<'t, str>>; N]> {
        Some(attrs(self.e, locals).map(|v| v.map(|v| within(self.text, v))))
    }
}

/// What the elements of `styles.xml` mean, whichever reader finds them:
/// both readers feed the same sink, so they can only differ in tokenizing.
#[derive(Default)]
pub(super) struct StyleSink<'t> {
    by_id: IdMap,
    raw: Vec<RawStyle<'t>>,
    out: Styles,
    /// Path of open elements, each as the tag the parser knows it by.
    path: Vec<Tag>,
    cur: Option<(String, RawStyle<'t>)>,
    in_defaults: bool,
    default_set: bool,
}

impl<'t> StyleSink<'t> {
    /// Takes a start (or, when `empty`, self-closing) tag of the W namespace.
    /// `Some(false)` when its subtree is to be skipped unread; `None` when
    /// `attrs` could not give the attributes it needed.
    pub(super) fn open(
        &mut self,
        tag: Tag,
        empty: bool,
        attrs: &impl StyleAttrs<'t>,
    ) -> Option<bool> {
        let parent = self.path.last().copied().unwrap_or(Tag::Other);
        match tag {
            Tag::Skipped => return Some(false),
            Tag::DocDefaults => self.in_defaults = true,
            Tag::Style => {
                let [id, kind, default] = attrs.values(["styleId", "type", "default"])?;
                let id = id.map(Cow::into_owned).unwrap_or_default();
                let paragraph = kind.is_none_or(|t| t == "paragraph");
                if paragraph && !self.default_set && default.is_some_and(|d| on_off(Some(&d))) {
                    self.out.default_para = Some(id.clone());
                    self.default_set = true;
                }
                self.cur = Some((
                    id,
                    RawStyle {
                        paragraph,
                        ..RawStyle::default()
                    },
                ));
            }
            _ => {}
        }
        let val = || attrs.values(["val"]).map(|[v]| v);
        let small = |v: Option<Cow<'_, str>>| {
            v.as_deref()
                .and_then(lenient_int)
                .and_then(|v| u8::try_from(v).ok())
        };
        if let Some((_, s)) = self.cur.as_mut() {
            match (parent, tag) {
                (Tag::Style, Tag::Name) => s.name = val()?.map(Cow::into_owned),
                (Tag::Style, Tag::BasedOn) => s.based_on = val()?,
                (Tag::PPr, Tag::OutlineLvl) => s.outline = small(val()?),
                (Tag::NumPr, Tag::NumId) => {
                    s.num.get_or_insert_with(NumRef::default).num_id = val()?.map(Cow::into_owned)
                }
                (Tag::NumPr, Tag::Ilvl) => {
                    s.num.get_or_insert_with(NumRef::default).ilvl = small(val()?)
                }
                (Tag::RPr, Tag::B) => s.rpr.bold = Some(on_off(val()?.as_deref())),
                (Tag::RPr, Tag::Vanish) => s.rpr.vanish = Some(on_off(val()?.as_deref())),
                _ => {}
            }
        } else if self.in_defaults && parent == Tag::RPr {
            match tag {
                Tag::B => self.out.defaults.bold = Some(on_off(val()?.as_deref())),
                Tag::Vanish => self.out.defaults.vanish = Some(on_off(val()?.as_deref())),
                Tag::Lang => {
                    self.out.default_lang =
                        val()?.filter(|v| !v.trim().is_empty()).map(Cow::into_owned)
                }
                _ => {}
            }
        }
        if !empty {
            self.path.push(tag);
        }
        Some(true)
    }

    /// Takes the end tag of the element last entered.
    pub(super) fn close(&mut self) {
        match self.path.pop() {
            Some(Tag::Style) => {
                if let (Some((id, s)), Ok(i)) = (self.cur.take(), u32::try_from(self.raw.len())) {
                    // The first definition of an id wins.
                    if let Entry::Vacant(slot) = self.by_id.entry(id) {
                        slot.insert(i);
                        self.raw.push(s);
                    }
                }
            }
            Some(Tag::DocDefaults) => self.in_defaults = false,
            _ => {}
        }
    }

    /// The styles, their chains resolved.
    pub(super) fn finish(self) -> Styles {
        let mut out = self.out;
        out.list = resolve_all(self.raw, &self.by_id);
        out.default_style = out
            .default_para
            .as_deref()
            .and_then(|d| self.by_id.get(d).copied());
        out.by_id = self.by_id;
        out
    }
}

/// The `styles.xml` elements the parser tells apart, found with one match
/// on the local name per element; the rules then compare tags, not names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag {
    Style,
    Name,
    BasedOn,
    PPr,
    RPr,
    NumPr,
    OutlineLvl,
    NumId,
    Ilvl,
    B,
    Vanish,
    Lang,
    DocDefaults,
    /// Latent-style, table-style and revision subtrees, skipped whole.
    Skipped,
    Other,
}

impl Tag {
    pub(super) fn of(local: &str) -> Tag {
        match local {
            "style" => Tag::Style,
            "name" => Tag::Name,
            "basedOn" => Tag::BasedOn,
            "pPr" => Tag::PPr,
            "rPr" => Tag::RPr,
            "numPr" => Tag::NumPr,
            "outlineLvl" => Tag::OutlineLvl,
            "numId" => Tag::NumId,
            "ilvl" => Tag::Ilvl,
            "b" => Tag::B,
            "vanish" => Tag::Vanish,
            "lang" => Tag::Lang,
            "docDefaults" => Tag::DocDefaults,
            "tblStylePr" | "rPrChange" | "pPrChange" | "tblPr" | "trPr" | "tcPr"
            | "latentStyles" => Tag::Skipped,
            _ => Tag::Other,
        }
    }
}

/// Longest `basedOn` chain followed; Word itself stops well before.
const MAX_CHAIN: usize = 32;

fn resolve_all(raw: Vec<RawStyle<'_>>, by_id: &IdMap) -> Vec<Style> {
    let mut out = Vec::with_capacity(raw.len());
    // Reused for every style: a document has dozens to hundreds.
    let mut chain: Vec<&RawStyle<'_>> = Vec::new();
    let mut seen: Vec<usize> = Vec::new();
    for (i, s) in raw.iter().enumerate() {
        chain.clear();
        seen.clear();
        chain.push(s);
        seen.push(i);
        let mut next = s.based_on.as_deref();
        while let Some(b) = next {
            let Some(&at) = by_id.get(b) else { break };
            let at = usize::try_from(at).unwrap_or(usize::MAX);
            if seen.contains(&at) || chain.len() >= MAX_CHAIN {
                break;
            }
            let Some(p) = raw.get(at) else { break };
            seen.push(at);
            chain.push(p);
            next = p.based_on.as_deref();
        }
        let by_name = chain
            .iter()
            .filter(|st| st.paragraph)
            .find_map(|st| st.name.as_deref().and_then(heading_from_name));
        let by_outline = chain
            .iter()
            .find_map(|st| st.outline)
            .and_then(heading_from_outline);
        let num = chain.iter().find_map(|st| st.num.clone());
        let rpr = chain
            .iter()
            .fold(RunProps::default(), |acc, st| acc.or(st.rpr));
        out.push(Style {
            name: None,
            heading_name: if s.paragraph { by_name } else { None },
            heading_outline: if s.paragraph { by_outline } else { None },
            num,
            rpr,
        });
    }
    // The names move over once no chain needs them.
    for (style, r) in out.iter_mut().zip(raw) {
        style.name = r.name;
    }
    out
}

/// "heading 1".."heading 9" (any case, space optional) and "Title".
pub(super) fn heading_from_name(name: &str) -> Option<BlockKind> {
    let n = name.trim();
    if n.eq_ignore_ascii_case("title") {
        return Some(BlockKind::Title);
    }
    let head = n.get(..7)?;
    if !head.eq_ignore_ascii_case("heading") {
        return None;
    }
    let rest = n.get(7..)?.trim();
    let level: u8 = rest.parse().ok()?;
    (1..=9)
        .contains(&level)
        .then_some(BlockKind::Heading { level })
}

/// Outline levels 0-8 are heading levels 1-9; 9 is body text.
pub(super) fn heading_from_outline(lvl: u8) -> Option<BlockKind> {
    (lvl <= 8).then_some(BlockKind::Heading { level: lvl + 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    #[test]
    fn heading_names_in_any_case_with_or_without_space() {
        let h = |level| Some(BlockKind::Heading { level });
        assert_eq!(heading_from_name("heading 1"), h(1));
        assert_eq!(heading_from_name(" Heading3 "), h(3));
        assert_eq!(heading_from_name("HEADING 9"), h(9));
        assert_eq!(heading_from_name("Title"), Some(BlockKind::Title));
        assert_eq!(heading_from_name("heading 10"), None);
        assert_eq!(heading_from_name("headings"), None);
        assert_eq!(heading_from_name("Überschrift 1"), None);
        assert_eq!(heading_from_name("héading 1"), None);
        assert_eq!(heading_from_name("Subtitle"), None);
    }

    #[test]
    fn localised_ids_cycles_and_outline() {
        let xml = format!(
            r#"<w:styles {W}>
            <w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="fr-FR"/></w:rPr></w:rPrDefault></w:docDefaults>
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="My heading"/><w:basedOn w:val="Titre1"/><w:rPr><w:b w:val="0"/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="A"><w:name w:val="A"/><w:basedOn w:val="B"/></w:style>
            <w:style w:type="paragraph" w:styleId="B"><w:name w:val="B"/><w:basedOn w:val="A"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="heading1"><w:name w:val="Body"/></w:style>
            </w:styles>"#
        );
        let s = Styles::parse(&xml, "word/styles.xml", 64).expect("parses");
        assert_eq!(s.default_para.as_deref(), Some("Normal"));
        assert_eq!(s.default_lang.as_deref(), Some("fr-FR"));
        let t = s.get("Titre1").expect("style");
        assert_eq!(t.heading_name, Some(BlockKind::Heading { level: 1 }));
        assert_eq!(t.rpr.bold, Some(true));
        let m = s.get("Mine").expect("style");
        assert_eq!(m.heading_name, Some(BlockKind::Heading { level: 1 }));
        assert_eq!(m.rpr.bold, Some(false));
        assert_eq!(
            s.get("A").and_then(|a| a.heading_outline.clone()),
            Some(BlockKind::Heading { level: 3 })
        );
        assert_eq!(
            s.get("heading1")
                .and_then(|a| a.heading_name.clone().or(a.heading_outline.clone())),
            None
        );
    }
}
