//! The regional summary as a Word document: lays out a [`RegionalSummary`]
//! with our own DOCX writer. Pure: data in, bytes out (no clock, no files).
//!
//! Order: title page, contents, about this summary, key figures, objective
//! coverage (matrix and bar chart), the States' own words per cluster and
//! objective, means of implementation, next steps, guiding principles,
//! Annex A (every report) and Annex B (passages left out of the body).

use std::collections::BTreeMap;

use super::model::*;
use super::words::Words;
use crate::docx_writer::{
    write_docx, BarChart, ChartSeries, DocBlock, DocxDocument, Inline, Paragraph, ParagraphStyle,
    Run, Table, TableCell, TableRow, WriteError,
};
use crate::outcome::Status;

/// Text width of an A4 page with the bundled margins, in twips.
const TEXT_WIDTH: u32 = 9_000;

/// Renders the summary as DOCX bytes in `lang` (en, fr or es; English
/// otherwise) for the summary's own words. Excerpts keep their language.
pub fn render(summary: &RegionalSummary, lang: &str) -> Result<Vec<u8>, WriteError> {
    write_docx(&document(summary, lang))
}

/// Builds the document model (exposed for tests and other writers).
pub fn document(summary: &RegionalSummary, lang: &str) -> DocxDocument {
    let w = Words::for_lang(lang);
    let mut b = Builder::default();
    let title = format!("{} — {}", w.title, summary.region.name);

    // Title page.
    b.para(Paragraph::text(&title).with_style(ParagraphStyle::Title));
    b.para(
        Paragraph::text(format!("{} {}", w.cycle, summary.cycle))
            .with_style(ParagraphStyle::Subtitle),
    );
    if let Some(cutoff) = &summary.cutoff {
        b.para(Paragraph::text(format!("{}: {cutoff}", w.cutoff)));
    }
    if let Some(generated) = &summary.generated {
        b.para(Paragraph::text(format!("{}: {generated}", w.generated)));
    }
    b.para(Paragraph::text(w.title_note));
    b.blocks.push(DocBlock::PageBreak);
    let toc_at = b.blocks.len();

    about(&mut b, summary, w);
    key_figures(&mut b, summary, w);
    coverage(&mut b, summary, w);
    words_by_objective(&mut b, summary, w);
    b.heading(1, w.means);
    excerpts(&mut b, &summary.means_of_implementation, w);
    b.heading(1, w.next_steps);
    excerpts(&mut b, &summary.next_steps, w);
    principles(&mut b, summary, w);
    annex_a(&mut b, summary, w);
    annex_b(&mut b, summary, w);

    let entries = b.toc.clone();
    b.blocks.insert(
        toc_at,
        DocBlock::TableOfContents {
            title: w.contents.to_string(),
            entries,
        },
    );
    b.blocks.insert(toc_at + 1, DocBlock::PageBreak);

    DocxDocument {
        title,
        language: summary_lang(lang).to_string(),
        rtl: false,
        header: Some(format!("{} — {}", w.short_title, summary.region.id)),
        footer: None,
        page_numbers: true,
        blocks: b.blocks,
    }
}

/// The document language tag for the summary's own text.
fn summary_lang(lang: &str) -> &'static str {
    match lang {
        "fr" => "fr-FR",
        "es" => "es-ES",
        _ => "en-GB",
    }
}

#[derive(Default)]
struct Builder {
    blocks: Vec<DocBlock>,
    toc: Vec<(u8, String)>,
}

impl Builder {
    fn heading(&mut self, level: u8, text: impl Into<String>) {
        let text = text.into();
        if level == 1 {
            self.toc.push((level, text.clone()));
        }
        self.blocks.push(DocBlock::Heading {
            level,
            text,
            bookmark: None,
        });
    }

    fn para(&mut self, p: Paragraph) {
        self.blocks.push(DocBlock::Paragraph(p));
    }

    fn text(&mut self, text: impl Into<String>) {
        self.para(Paragraph::text(text));
    }

    fn table(&mut self, table: Table) {
        self.blocks.push(DocBlock::Table(table));
    }
}

fn header_row(cells: &[&str]) -> TableRow {
    TableRow {
        cells: cells
            .iter()
            .map(|c| TableCell {
                paragraphs: vec![Paragraph {
                    content: vec![Inline::Run(Run::bold(*c))],
                    ..Paragraph::default()
                }],
                shading: Some("D9E2F3".into()),
                span: 1,
            })
            .collect(),
    }
}

fn row(cells: Vec<String>) -> TableRow {
    TableRow {
        cells: cells.into_iter().map(TableCell::text).collect(),
    }
}

fn even_widths(n: usize) -> Vec<u32> {
    let n = n.max(1) as u32;
    vec![TEXT_WIDTH / n; n as usize]
}

fn about(b: &mut Builder, s: &RegionalSummary, w: &Words) {
    b.heading(1, w.about);
    let states = s.reports.iter().filter(|r| r.is_state).count();
    let others = s.reports.len() - states;
    b.text(w.about_counts(s.reports.len(), states, others, &s.region.name));
    let mut langs: Vec<String> = s
        .reports
        .iter()
        .filter_map(|r| r.language.clone())
        .collect();
    langs.sort();
    langs.dedup();
    if !langs.is_empty() {
        b.text(format!("{}: {}.", w.languages, langs.join(", ")));
    }
    b.text(w.scope_note);
    let shared: Vec<String> = s
        .reports
        .iter()
        .filter(|r| !r.also_in.is_empty())
        .map(|r| format!("{} ({})", r.submitter, r.also_in.join(", ")))
        .collect();
    if !shared.is_empty() {
        b.text(format!("{} {}.", w.also_in, shared.join("; ")));
    }
    if s.excluded_reports.is_empty() {
        b.text(w.none_excluded);
    } else {
        b.text(w.excluded_intro);
        for e in &s.excluded_reports {
            let who = e.submitter.clone().unwrap_or_else(|| e.file.clone());
            let why = match &e.reason {
                ExclusionReason::OutOfRegion { commissions } => {
                    w.out_of_region(&s.region.id, commissions)
                }
                ExclusionReason::RegionNotDeclared => w.region_not_declared.to_string(),
                ExclusionReason::Unreadable { message } => format!("{}: {message}", w.unreadable),
            };
            b.para(
                Paragraph::text(format!("{who} ({}): {why}", file_name(&e.file)))
                    .with_style(ParagraphStyle::ListParagraph),
            );
        }
    }
}

fn key_figures(b: &mut Builder, s: &RegionalSummary, w: &Words) {
    b.heading(1, w.key_figures);
    let states = s.reports.iter().filter(|r| r.is_state).count();
    let valid = s
        .reports
        .iter()
        .filter(|r| r.status == Status::Valid)
        .count();
    let all_rows = s.coverage.iter().flat_map(|c| &c.objectives);
    let covered = all_rows.clone().filter(|o| o.covered > 0).count();
    let most = all_rows
        .clone()
        .max_by_key(|o| (o.covered, std::cmp::Reverse(o.objective)))
        .filter(|o| o.covered > 0)
        .map(|o| format!("{} {} ({})", w.objective, o.objective, o.covered))
        .unwrap_or_else(|| "—".into());
    let figures = vec![
        (w.fig_reports, s.reports.len().to_string()),
        (w.fig_states, states.to_string()),
        (w.fig_others, (s.reports.len() - states).to_string()),
        (w.fig_valid, valid.to_string()),
        (w.fig_excluded_reports, s.excluded_reports.len().to_string()),
        (w.fig_objectives_covered, format!("{covered} / 23")),
        (w.fig_most, most),
        (
            w.fig_passages,
            s.excluded_passages
                .iter()
                .filter(|p| p.code == super::EXCLUDED_CODE)
                .count()
                .to_string(),
        ),
    ];
    let mut rows = vec![header_row(&[w.figure, w.value])];
    rows.extend(
        figures
            .into_iter()
            .map(|(k, v)| row(vec![k.to_string(), v])),
    );
    b.table(Table {
        caption: w.key_figures.to_string(),
        description: w.key_figures_desc.to_string(),
        column_widths: vec![6_000, 3_000],
        header_rows: 1,
        rows,
    });
}

/// Reports per part of the coverage matrix.
const REPORTS_PER_TABLE: usize = 4;

/// Column headings of the matrix: ISO3 for States, S1, S2… for other
/// stakeholders (both explained in the legend under the matrix).
fn column_names(s: &RegionalSummary) -> Vec<String> {
    let mut other = 0;
    s.reports
        .iter()
        .map(|r| match &r.iso3 {
            Some(code) => code.clone(),
            None => {
                other += 1;
                format!("S{other}")
            }
        })
        .collect()
}

fn mark_text(mark: CoverageMark, w: &Words) -> &'static str {
    match mark {
        CoverageMark::Reported => w.reported,
        CoverageMark::Mentioned => w.mentioned,
        CoverageMark::None => "—",
    }
}

fn coverage(b: &mut Builder, s: &RegionalSummary, w: &Words) {
    b.heading(1, w.coverage);
    b.text(w.coverage_intro);
    let names = column_names(s);
    // At most four reports per table, so "Reported" and "Mentioned" fit on
    // an A4 page; each part repeats the objective and the count columns.
    let n = names.len().max(1);
    let parts = n.div_ceil(REPORTS_PER_TABLE);
    let per_part = n.div_ceil(parts);
    let chunks: Vec<(usize, usize)> = (0..parts)
        .map(|i| (i * per_part, ((i + 1) * per_part).min(names.len())))
        .filter(|(a, b)| a < b || names.is_empty())
        .collect();
    for (part, &(from, to)) in chunks.iter().enumerate() {
        let cols = to - from + 2;
        let mut header: Vec<&str> = vec![w.objective];
        header.extend(names[from..to].iter().map(String::as_str));
        header.push(w.col_covered);
        let mut rows = vec![header_row(&header)];
        for cluster in &s.coverage {
            rows.push(TableRow {
                cells: vec![TableCell {
                    paragraphs: vec![Paragraph {
                        content: vec![Inline::Run(Run::bold(format!(
                            "{} {}: {}",
                            w.cluster, cluster.cluster, cluster.theme
                        )))],
                        ..Paragraph::default()
                    }],
                    shading: Some("F2F2F2".into()),
                    span: cols as u32,
                }],
            });
            for o in &cluster.objectives {
                let mut cells = vec![format!("{}. {}", o.objective, o.label)];
                cells.extend(
                    o.marks
                        .get(from..to)
                        .unwrap_or_default()
                        .iter()
                        .map(|m| mark_text(*m, w).to_string()),
                );
                cells.push(o.covered.to_string());
                rows.push(row(cells));
            }
        }
        let first = 2_300u32;
        let count = 1_300u32;
        let each = (TEXT_WIDTH - first - count) / (cols as u32 - 2).max(1);
        let mut widths = vec![first];
        widths.extend(std::iter::repeat_n(each, cols - 2));
        widths.push(count);
        let caption = if chunks.len() > 1 {
            format!("{} ({}/{})", w.coverage_caption, part + 1, chunks.len())
        } else {
            w.coverage_caption.to_string()
        };
        b.table(Table {
            caption: caption.clone(),
            description: w.coverage_desc(s.reports.len()),
            column_widths: widths,
            header_rows: 1,
            rows,
        });
        b.para(Paragraph::text(caption).with_style(ParagraphStyle::Caption));
    }
    if !s.reports.is_empty() {
        let legend: Vec<String> = column_names(s)
            .iter()
            .zip(&s.reports)
            .map(|(code, r)| format!("{code} = {}", r.submitter))
            .collect();
        if !legend.is_empty() {
            b.para(Paragraph::text(legend.join("; ")).with_style(ParagraphStyle::Caption));
        }
    }
    let rows: Vec<&ObjectiveCoverage> = s.coverage.iter().flat_map(|c| &c.objectives).collect();
    b.blocks.push(DocBlock::BarChart(BarChart {
        title: w.chart_title.to_string(),
        description: w.chart_desc(
            &rows
                .iter()
                .map(|o| (o.objective, o.covered))
                .collect::<Vec<_>>(),
        ),
        categories: rows.iter().map(|o| o.objective.to_string()).collect(),
        series: vec![ChartSeries {
            name: w.chart_series.to_string(),
            values: rows.iter().map(|o| o.covered as f64).collect(),
        }],
        category_axis_title: Some(w.objective.to_string()),
        value_axis_title: Some(w.chart_series.to_string()),
        horizontal: false,
    }));
}

/// BCP-47 tag for an excerpt in a report language.
fn excerpt_lang(lang: &str) -> &str {
    match lang {
        "zh" => "zh-CN",
        other => other,
    }
}

fn excerpts(b: &mut Builder, list: &[Excerpt], w: &Words) {
    if list.is_empty() {
        b.text(w.no_excerpts);
        return;
    }
    for e in list {
        let mut text = e.text.clone();
        if e.shortened {
            text.push_str(" …");
        }
        b.para(Paragraph {
            content: vec![Inline::Run(Run::bold(format!("{}:", e.submitter)))],
            ..Paragraph::default()
        });
        let mut p = Paragraph::text(text).with_style(ParagraphStyle::Quote);
        if let Some(lang) = &e.language {
            p = p.with_lang(excerpt_lang(lang));
        }
        b.para(p);
        b.para(
            Paragraph::text(format!(
                "({} {}, {} {})",
                w.section,
                w.section_name(&e.section),
                w.paragraph,
                e.block
            ))
            .with_style(ParagraphStyle::Caption),
        );
    }
}

fn words_by_objective(b: &mut Builder, s: &RegionalSummary, w: &Words) {
    for cluster in &s.objectives {
        b.heading(
            1,
            format!("{} {}: {}", w.cluster, cluster.cluster, cluster.theme),
        );
        for o in &cluster.objectives {
            b.heading(2, format!("{} {}: {}", w.objective, o.objective, o.title));
            excerpts(b, &o.excerpts, w);
        }
    }
}

fn principles(b: &mut Builder, s: &RegionalSummary, w: &Words) {
    b.heading(1, w.principles);
    b.text(w.principles_intro);
    let mut rows = vec![header_row(&[w.submitter, w.principles_col])];
    for r in &s.reports {
        let list = if r.principle_names.is_empty() {
            "—".to_string()
        } else {
            r.principle_names.join(", ")
        };
        rows.push(row(vec![r.submitter.clone(), list]));
    }
    b.table(Table {
        caption: w.principles.to_string(),
        description: w.principles_desc.to_string(),
        column_widths: vec![3_000, 6_000],
        header_rows: 1,
        rows,
    });
}

fn annex_a(b: &mut Builder, s: &RegionalSummary, w: &Words) {
    b.heading(1, w.annex_a);
    let mut rows = vec![header_row(&[
        w.submitter,
        "ISO3",
        w.language,
        w.status,
        w.errors,
        w.warnings,
        w.file,
    ])];
    for r in &s.reports {
        rows.push(row(vec![
            r.submitter.clone(),
            r.iso3.clone().unwrap_or_else(|| "—".into()),
            r.language.clone().unwrap_or_else(|| "—".into()),
            w.status_name(r.status).to_string(),
            r.errors.to_string(),
            r.warnings.to_string(),
            file_name(&r.file),
        ]));
    }
    b.table(Table {
        caption: w.annex_a.to_string(),
        description: w.annex_a_desc.to_string(),
        column_widths: vec![1_900, 900, 1_200, 1_000, 900, 1_200, 1_900],
        header_rows: 1,
        rows,
    });
    if !s.excluded_reports.is_empty() {
        b.para(Paragraph::text(w.annex_a_excluded).with_style(ParagraphStyle::Caption));
        let mut rows = vec![header_row(&[w.file, w.submitter, w.reason])];
        for e in &s.excluded_reports {
            let why = match &e.reason {
                ExclusionReason::OutOfRegion { commissions } => {
                    w.out_of_region(&s.region.id, commissions)
                }
                ExclusionReason::RegionNotDeclared => w.region_not_declared.to_string(),
                ExclusionReason::Unreadable { message } => format!("{}: {message}", w.unreadable),
            };
            rows.push(row(vec![
                file_name(&e.file),
                e.submitter.clone().unwrap_or_else(|| "—".into()),
                why,
            ]));
        }
        b.table(Table {
            caption: w.annex_a_excluded.to_string(),
            description: w.excluded_desc.to_string(),
            column_widths: even_widths(3),
            header_rows: 1,
            rows,
        });
    }
}

fn annex_b(b: &mut Builder, s: &RegionalSummary, w: &Words) {
    b.heading(1, w.annex_b);
    b.text(w.annex_b_intro);
    if s.excluded_passages.is_empty() {
        b.text(w.no_passages);
        return;
    }
    let mut by_report: BTreeMap<(usize, &str), Vec<&ExcludedPassage>> = BTreeMap::new();
    let order = |file: &str| {
        s.reports
            .iter()
            .position(|r| r.file == file)
            .unwrap_or(usize::MAX)
    };
    for p in &s.excluded_passages {
        by_report
            .entry((order(&p.file), p.submitter.as_str()))
            .or_default()
            .push(p);
    }
    let mut rows = vec![header_row(&[
        w.submitter,
        w.kind,
        w.section,
        w.paragraph,
        w.excerpt,
    ])];
    for ((_, who), passages) in by_report {
        for p in passages {
            let kind = if p.code == super::EXCLUDED_CODE {
                w.refugee_only
            } else {
                w.check_scope
            };
            rows.push(row(vec![
                who.to_string(),
                kind.to_string(),
                p.section
                    .as_deref()
                    .map(|id| w.section_name(id))
                    .unwrap_or_else(|| "—".into()),
                p.block.map(|n| n.to_string()).unwrap_or_else(|| "—".into()),
                p.excerpt.clone().unwrap_or_default(),
            ]));
        }
    }
    b.table(Table {
        caption: w.annex_b.to_string(),
        description: w.annex_b_desc.to_string(),
        column_widths: vec![1_500, 1_300, 1_700, 900, 3_600],
        header_rows: 1,
        rows,
    });
}

/// The file name without its folders (full paths are long and personal).
fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty() -> RegionalSummary {
        RegionalSummary {
            region: RegionInfo {
                id: "ESCWA".into(),
                name: "Economic and Social Commission for Western Asia".into(),
            },
            cycle: "2022".into(),
            cutoff: None,
            generated: Some("2022-03-01".into()),
            language: "en".into(),
            reports: Vec::new(),
            excluded_reports: Vec::new(),
            coverage: Vec::new(),
            objectives: Vec::new(),
            means_of_implementation: Vec::new(),
            next_steps: Vec::new(),
            excluded_passages: Vec::new(),
        }
    }

    #[test]
    fn an_empty_summary_renders_cleanly_in_every_language() {
        for lang in Words::LANGUAGES {
            let bytes = render(&empty(), lang).expect("renders");
            let problems = crate::docx_writer::lint::lint_docx(&bytes);
            assert!(problems.is_empty(), "{lang}: {problems:?}");
        }
    }

    #[test]
    fn headings_go_down_one_level_at_a_time() {
        let doc = document(&empty(), "en");
        let mut last = 0u8;
        for b in &doc.blocks {
            if let DocBlock::Heading { level, .. } = b {
                assert!(*level <= last + 1, "heading level jumps to {level}");
                last = *level;
            }
        }
        assert_eq!(doc.language, "en-GB");
        assert!(doc.title.ends_with("Western Asia"));
    }
}
