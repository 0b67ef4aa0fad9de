//! The project's fixture reports: `tests/fixtures/reports/*.toml` (one per
//! report, as data) turned into Word files with [`Fixture`].
//!
//! A TOML file says who submits, in which language, how the cover is given
//! (`cover_mode`), which word processor wrote it (`flavour`), how headings
//! are marked (`headings`), the sections with their paragraphs, and what the
//! checker should say about it (`[expect]`). Paragraphs are plain strings or
//! inline tables using the constructs real drafts carry: footnotes,
//! comments, tracked changes, list items, tables; `scope = "refugee_only"`
//! records a paragraph only about refugees or asylum seekers (GCM para 4).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::docx_fixture::{Fixture, Flavour};

/// One fixture report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSpec {
    /// The `.docx` file name to write.
    pub file: String,
    /// The report's language (en, fr, es, ru, ar, zh).
    pub language: String,
    /// A short description of what this fixture is for.
    pub about: String,
    /// The word processor's interface language when it differs.
    #[serde(default)]
    pub ui_lang: Option<String>,
    /// `word` (default), `libreoffice` or `google`.
    #[serde(default)]
    pub flavour: Option<String>,
    /// How headings are marked: `styled` (default), `bold`, `plain`,
    /// `custom` (a house style based on heading 1), `outline`.
    #[serde(default)]
    pub headings: Option<String>,
    /// `table`, `lines`, `properties` or `controls`.
    pub cover_mode: String,
    /// The first line of the document (its visible title), if any.
    #[serde(default)]
    pub title_line: Option<String>,
    /// `docProps/core.xml`.
    #[serde(default)]
    pub properties: Option<Properties>,
    /// Cover entries: `[label, value]`, or `[label, value, field id]` when
    /// the cover is given in content controls (an empty value is left as
    /// the control's placeholder).
    #[serde(default)]
    pub cover: Vec<Vec<String>>,
    /// `w:lvlText` of auto-numbered objective headings ("Цель %1").
    #[serde(default)]
    pub objective_numbering: Option<String>,
    /// Sections in document order.
    pub sections: Vec<SectionSpec>,
    /// What the checker should report.
    pub expect: Expect,
}

/// Package properties.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Properties {
    /// `dc:title`.
    pub title: String,
    /// `dc:language`, e.g. "en-GB".
    pub language: String,
}

/// A section: its heading and content.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    /// The heading as written.
    pub heading: String,
    /// The template section id it should map to (none for extras).
    #[serde(default)]
    pub id: Option<String>,
    /// Heading level (1 by default).
    #[serde(default)]
    pub level: Option<u8>,
    /// Overrides the report's `headings` for this heading.
    #[serde(default)]
    pub style: Option<String>,
    /// Wraps the section in a content control with this tag.
    #[serde(default)]
    pub tag: Option<String>,
    /// Placeholder text left inside the section's control (not content).
    #[serde(default)]
    pub placeholder: Option<String>,
    /// Paragraphs before any objective sub-section.
    #[serde(default)]
    pub paragraphs: Vec<Para>,
    /// Objective sub-sections.
    #[serde(default)]
    pub objectives: Vec<ObjectiveSpec>,
}

/// An objective sub-section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveSpec {
    /// The objective number.
    pub number: u32,
    /// The heading text. With `auto`, the number comes from `numbering.xml`
    /// and is not in the text.
    pub heading: String,
    /// Auto-numbered heading (needs `objective_numbering`).
    #[serde(default)]
    pub auto: bool,
    /// Wraps the sub-section in a content control (e.g. "objective_05").
    #[serde(default)]
    pub tag: Option<String>,
    /// Paragraphs.
    #[serde(default)]
    pub paragraphs: Vec<Para>,
}

/// A paragraph: plain text, or text with constructs.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Para {
    /// A plain body paragraph.
    Plain(String),
    /// A paragraph with constructs.
    Rich(RichPara),
}

/// A paragraph with constructs.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RichPara {
    /// The text (before tracked changes, when there are any).
    #[serde(default)]
    pub text: String,
    /// `refugee_only` or `mixed`: what the scope check should decide.
    #[serde(default)]
    pub scope: Option<String>,
    /// A footnote referenced at the end of the paragraph.
    #[serde(default)]
    pub footnote: Option<String>,
    /// A reviewer comment anchored on the paragraph.
    #[serde(default)]
    pub comment: Option<String>,
    /// The comment's author (a role, never a person).
    #[serde(default)]
    pub comment_author: Option<String>,
    /// Tracked deletion after `text`.
    #[serde(default)]
    pub deleted: Option<String>,
    /// Tracked insertion after the deletion.
    #[serde(default)]
    pub inserted: Option<String>,
    /// Text after the tracked changes.
    #[serde(default)]
    pub after: Option<String>,
    /// A bulleted list item.
    #[serde(default)]
    pub list: bool,
    /// A table; the first row is the header.
    #[serde(default)]
    pub table: Option<Vec<Vec<String>>>,
    /// A sub-heading at this level inside the section (not a section).
    #[serde(default)]
    pub heading: Option<u8>,
}

impl Para {
    /// The paragraph's text as the accepted document shows it.
    pub fn accepted_text(&self) -> String {
        match self {
            Para::Plain(t) => t.clone(),
            Para::Rich(r) => match &r.table {
                Some(rows) => rows
                    .iter()
                    .map(|row| row.join(" | "))
                    .collect::<Vec<_>>()
                    .join("\n"),
                None => format!(
                    "{}{}{}",
                    r.text,
                    r.inserted.as_deref().unwrap_or(""),
                    r.after.as_deref().unwrap_or("")
                ),
            },
        }
    }

    /// The declared scope, if any.
    pub fn scope(&self) -> Option<&str> {
        match self {
            Para::Rich(r) => r.scope.as_deref(),
            Para::Plain(_) => None,
        }
    }

    /// The rich form, if any.
    pub fn rich(&self) -> Option<&RichPara> {
        match self {
            Para::Rich(r) => Some(r),
            Para::Plain(_) => None,
        }
    }
}

/// What the checker should say.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// `valid` or `invalid`.
    pub status: String,
    /// The language the checker should detect.
    pub language: String,
    /// Every finding code, `scope.*` excluded, sorted, repeats kept.
    #[serde(default)]
    pub codes: Vec<String>,
    /// Submitter name as written, ISO3 (none for stakeholders), type id.
    pub submitter_name: String,
    /// ISO3 code, absent for stakeholders without one.
    #[serde(default)]
    pub submitter_iso3: Option<String>,
    /// Submitter type id.
    pub submitter_type: String,
    /// The UN regional commissions this report belongs to.
    pub regions: Vec<String>,
}

/// The fixture folder.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join("reports")
}

/// Every fixture report, by file stem, in name order.
pub fn load_all() -> Vec<(String, ReportSpec)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("fixture folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let stem = p
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("file stem")
                .to_string();
            (stem, load(&p))
        })
        .collect()
}

/// One fixture report by file stem.
pub fn by_name(stem: &str) -> ReportSpec {
    load(&fixtures_dir().join(format!("{stem}.toml")))
}

fn load(path: &Path) -> ReportSpec {
    let text = std::fs::read_to_string(path).expect("read fixture TOML");
    match toml::from_str(&text) {
        Ok(spec) => spec,
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

impl ReportSpec {
    fn heading_mode<'a>(&'a self, over: Option<&'a str>) -> &'a str {
        over.or(self.headings.as_deref()).unwrap_or("styled")
    }

    /// Builds the Word file.
    pub fn build(&self) -> Vec<u8> {
        let flavour = match self.flavour.as_deref().unwrap_or("word") {
            "word" => Flavour::Word,
            "libreoffice" => Flavour::LibreOffice,
            "google" => Flavour::GoogleDocs,
            other => panic!("unknown flavour {other}"),
        };
        let mut f = Fixture::new(&self.language).flavour(flavour);
        if let Some(ui) = &self.ui_lang {
            f = f.ui_lang(ui);
        }
        if let Some(p) = &self.properties {
            f = f.core(&p.title, &p.language);
        }
        if let Some(lvl) = &self.objective_numbering {
            f = f.objective_numbering(lvl);
        }
        if let Some(t) = &self.title_line {
            f = f.bold_heading(t);
        }
        f = self.cover_into(f);
        for section in &self.sections {
            f = self.section_into(f, section);
        }
        f.build()
    }

    fn cover_into(&self, mut f: Fixture) -> Fixture {
        let pair = |e: &Vec<String>| -> (String, String) {
            (
                e.first().cloned().unwrap_or_default(),
                e.get(1).cloned().unwrap_or_default(),
            )
        };
        match self.cover_mode.as_str() {
            "table" => {
                let rows: Vec<(String, String)> = self.cover.iter().map(pair).collect();
                f.cover_table(&rows)
            }
            "lines" => {
                let colon = if self.language == "zh" { "：" } else { ": " };
                for e in &self.cover {
                    let (l, v) = pair(e);
                    f = f.para(&format!("{l}{colon}{v}"));
                }
                f
            }
            "properties" => {
                for e in &self.cover {
                    let (l, v) = pair(e);
                    f = f.custom_property(&l, &v);
                }
                f
            }
            "controls" => {
                for e in &self.cover {
                    let (l, v) = pair(e);
                    let field = e.get(2).expect("a field id for each cover control");
                    let tag = format!("cover.{field}");
                    if v.is_empty() {
                        f = f.placeholder(&tag, "Click or tap here to enter text.");
                    } else {
                        f = f.begin_control(&tag).cover_table(&[(l, v)]).end_control();
                    }
                }
                f
            }
            other => panic!("unknown cover_mode {other}"),
        }
    }

    fn heading_into(&self, f: Fixture, mode: &str, level: u8, text: &str) -> Fixture {
        match mode {
            "styled" => f.heading(level, text),
            "bold" => f.bold_heading(text),
            "plain" => f.plain_line(text),
            "custom" if level == 1 => f.custom_style_heading(text),
            "custom" => f.heading(level, text),
            "outline" => f.outline_heading(level, text),
            other => panic!("unknown heading mode {other}"),
        }
    }

    fn section_into(&self, mut f: Fixture, s: &SectionSpec) -> Fixture {
        if let Some(tag) = &s.tag {
            f = f.begin_control(tag);
        }
        let level = s.level.unwrap_or(1);
        f = self.heading_into(f, self.heading_mode(s.style.as_deref()), level, &s.heading);
        if let (Some(tag), Some(p)) = (&s.tag, &s.placeholder) {
            f = f.placeholder(tag, p);
        }
        for p in &s.paragraphs {
            f = self.para_into(f, p);
        }
        for o in &s.objectives {
            if let Some(tag) = &o.tag {
                f = f.begin_control(tag);
            }
            f = if o.auto {
                f.objective_heading(o.number, &o.heading)
            } else {
                self.heading_into(f, self.heading_mode(None), level + 1, &o.heading)
            };
            for p in &o.paragraphs {
                f = self.para_into(f, p);
            }
            if o.tag.is_some() {
                f = f.end_control();
            }
        }
        if s.tag.is_some() {
            f = f.end_control();
        }
        f
    }

    fn para_into(&self, f: Fixture, p: &Para) -> Fixture {
        let r = match p {
            Para::Plain(t) => return f.para(t),
            Para::Rich(r) => r,
        };
        if let Some(level) = r.heading {
            return self.heading_into(f, self.heading_mode(None), level, &r.text);
        }
        if let Some(rows) = &r.table {
            return f.table(rows);
        }
        if r.list {
            return f.list_item(&r.text);
        }
        if let Some(note) = &r.footnote {
            return f.para_with_footnote(&r.text, note);
        }
        if let Some(c) = &r.comment {
            let author = r.comment_author.as_deref().unwrap_or("Reviewer");
            return f.para_with_comment(&r.text, author, c);
        }
        if r.deleted.is_some() || r.inserted.is_some() {
            return f.para_with_changes(
                &r.text,
                r.deleted.as_deref().unwrap_or(""),
                r.inserted.as_deref().unwrap_or(""),
                r.after.as_deref().unwrap_or(""),
            );
        }
        f.para(&r.text)
    }
}

/// A paragraph whose scope the fixture records, for the scope check's tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopedPara {
    /// Section id (or heading for extra sections).
    pub section: String,
    /// Objective sub-section, if any.
    pub objective: Option<u32>,
    /// `refugee_only`, `mixed` or `name_only` (a refugee word only inside
    /// an institution's name: in scope).
    pub scope: String,
    /// True when the unit is a sub-heading.
    pub heading: bool,
    /// The accepted text.
    pub text: String,
}

impl ReportSpec {
    /// Every paragraph with a recorded scope, in document order.
    pub fn scoped_paragraphs(&self) -> Vec<ScopedPara> {
        let mut out = Vec::new();
        for s in &self.sections {
            let section = s.id.clone().unwrap_or_else(|| s.heading.clone());
            let direct = s.paragraphs.iter().map(|p| (None, p));
            let nested = s
                .objectives
                .iter()
                .flat_map(|o| o.paragraphs.iter().map(move |p| (Some(o.number), p)));
            for (objective, p) in direct.chain(nested) {
                if let Some(scope) = p.scope() {
                    out.push(ScopedPara {
                        section: section.clone(),
                        objective,
                        scope: scope.to_string(),
                        heading: p.rich().is_some_and(|r| r.heading.is_some()),
                        text: p.accepted_text(),
                    });
                }
            }
        }
        out
    }
}
