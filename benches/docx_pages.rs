//! Issue 3 benchmark: `check` on a 10-, 50- and 200-page Word report against
//! a plain zip + quick-xml scan of the same file, in the same run.
//!
//!   cargo bench --bench docx_pages -- generate DIR   # writes report-{10,50,200}.docx (varied
//!                                                    # prose), report-{10,50,200}-repeated.docx
//!                                                    # and report-50-{fr,es,ru,ar,zh}.docx
//!   cargo bench --bench docx_pages -- compare DIR    # prints the timing table
//!   cargo bench --bench docx_pages -- corpus ../shared/corpus/docx-real   # real files
//!   cargo bench --bench docx_pages -- profile DIR    # checks report-200 300 times (for perf;
//!                                                    # PAGES=10, N=5000, READ=1 to read only,
//!                                                    # LANG_CODE=fr for a translated report)
//!
//! `benches/docx.sh` runs both and adds peak memory of the binary.

use std::io::{Cursor, Read};
use std::path::Path;
use std::time::Instant;

use gcm_review::check::{CheckOptions, Checker};
use gcm_review::docx_writer::{write_docx, DocBlock, DocxDocument, Paragraph};

#[path = "support/prose.rs"]
mod prose;
use prose::{varied_sentence, Random};

const PAGES: [usize; 3] = [10, 50, 200];
const WORDS_PER_PAGE: usize = 500;

/// One language of the benchmark report: its code, section headings, the
/// word for "Objective" and six sentences of prose.
struct Language {
    code: &'static str,
    /// The document language Word records (`w:lang`).
    tag: &'static str,
    sections: [&'static str; 5],
    objective: &'static str,
    sentences: [&'static str; 6],
}

/// English first (the 10/50/200-page figures), then the five other UN
/// languages (the per-language figures): the same report, translated, so
/// text that is not ASCII (accents, Cyrillic, Arabic, Chinese) is measured
/// too.
const LANGUAGES: [Language; 6] = [
    Language {
        code: "en",
        tag: "en-GB",
        sections: [
            "1. Methodology for the review",
            "2. Policy and enabling environment",
            "3. Progress on GCM objectives",
            "4. Means of implementation",
            "5. Next steps",
        ],
        objective: "Objective",
        sentences: [
            "The national plan sets out measures on labour migration, integration and the rights of migrant workers.",
            "Local authorities offer language courses, legal information and access to services for migrants and their families.",
            "Data from the statistics office are disaggregated by sex, age and migratory status, in line with objective 1.",
            "Bilateral labour mobility agreements were signed with three countries of origin and cover seasonal work.",
            "The cost of sending remittances fell below five per cent for the main corridors used by migrant workers.",
            "Consultations with civil society, trade unions, employers and diaspora organisations informed the review.",
        ],
    },
    Language {
        code: "fr",
        tag: "fr-FR",
        sections: [
            "1. Méthodologie",
            "2. Cadre juridique et politique",
            "3. Mise en œuvre des objectifs",
            "4. Moyens d'exécution",
            "5. Étapes suivantes",
        ],
        objective: "Objectif",
        sentences: [
            "Le plan national prévoit des mesures sur la migration de main-d'œuvre, l'intégration et les droits des travailleurs migrants.",
            "Les autorités locales proposent des cours de langue, des informations juridiques et l'accès aux services pour les migrants et leurs familles.",
            "Les données de l'office statistique sont ventilées par sexe, âge et statut migratoire, conformément à l'objectif 1.",
            "Des accords bilatéraux de mobilité de la main-d'œuvre ont été signés avec trois pays d'origine et couvrent le travail saisonnier.",
            "Le coût des envois de fonds est tombé sous cinq pour cent pour les principaux corridors utilisés par les travailleurs migrants.",
            "Des consultations avec la société civile, les syndicats, les employeurs et les organisations de la diaspora ont nourri l'examen.",
        ],
    },
    Language {
        code: "es",
        tag: "es-ES",
        sections: [
            "1. Metodología",
            "2. Marco normativo",
            "3. Implementación de los objetivos",
            "4. Medios de ejecución",
            "5. Pasos siguientes",
        ],
        objective: "Objetivo",
        sentences: [
            "El plan nacional establece medidas sobre migración laboral, integración y los derechos de los trabajadores migrantes.",
            "Las autoridades locales ofrecen cursos de idiomas, información jurídica y acceso a servicios para los migrantes y sus familias.",
            "Los datos de la oficina de estadística están desglosados por sexo, edad y situación migratoria, en línea con el objetivo 1.",
            "Se firmaron acuerdos bilaterales de movilidad laboral con tres países de origen que abarcan el trabajo estacional.",
            "El costo del envío de remesas bajó del cinco por ciento en los principales corredores utilizados por los trabajadores migrantes.",
            "Las consultas con la sociedad civil, los sindicatos, los empleadores y las organizaciones de la diáspora orientaron el examen.",
        ],
    },
    Language {
        code: "ru",
        tag: "ru-RU",
        sections: [
            "1. Методология",
            "2. Нормативно-правовая база",
            "3. Осуществление целей",
            "4. Средства реализации",
            "5. Следующие шаги",
        ],
        objective: "Цель",
        sentences: [
            "Национальный план предусматривает меры в области трудовой миграции, интеграции и прав трудящихся-мигрантов.",
            "Местные органы власти предлагают языковые курсы, правовую информацию и доступ к услугам для мигрантов и их семей.",
            "Данные статистического управления дезагрегированы по полу, возрасту и миграционному статусу в соответствии с целью 1.",
            "Двусторонние соглашения о трудовой мобильности подписаны с тремя странами происхождения и охватывают сезонную работу.",
            "Стоимость денежных переводов снизилась ниже пяти процентов на основных коридорах, которыми пользуются трудящиеся-мигранты.",
            "Консультации с гражданским обществом, профсоюзами, работодателями и организациями диаспоры легли в основу обзора.",
        ],
    },
    Language {
        code: "ar",
        tag: "ar-SA",
        sections: [
            "1. المنهجية",
            "2. الإطار السياساتي",
            "3. تنفيذ الأهداف",
            "4. سبل التنفيذ",
            "5. الخطوات المقبلة",
        ],
        objective: "الهدف",
        sentences: [
            "تحدد الخطة الوطنية تدابير بشأن هجرة اليد العاملة والإدماج وحقوق العمال المهاجرين.",
            "تقدم السلطات المحلية دورات لغوية ومعلومات قانونية وإمكانية الحصول على الخدمات للمهاجرين وأسرهم.",
            "البيانات الصادرة عن مكتب الإحصاء مصنفة حسب الجنس والعمر ووضع الهجرة، تماشيا مع الهدف 1.",
            "وقعت اتفاقات ثنائية بشأن تنقل اليد العاملة مع ثلاثة من بلدان المنشأ وهي تشمل العمل الموسمي.",
            "انخفضت تكلفة إرسال التحويلات المالية إلى أقل من خمسة في المائة في الممرات الرئيسية التي يستخدمها العمال المهاجرون.",
            "استرشد الاستعراض بمشاورات مع المجتمع المدني والنقابات وأصحاب العمل ومنظمات المغتربين.",
        ],
    },
    Language {
        code: "zh",
        tag: "zh-CN",
        sections: [
            "1. 方法",
            "2. 政策框架",
            "3. 目标进展",
            "4. 实施手段",
            "5. 下一步",
        ],
        objective: "目标",
        sentences: [
            "国家计划规定了有关劳动力移民、融合和移民工人权利的措施。",
            "地方当局为移民及其家人提供语言课程、法律信息和获得服务的机会。",
            "统计局的数据按性别、年龄和移民身份分列，符合目标1。",
            "与三个原籍国签署了双边劳动力流动协议，涵盖季节性工作。",
            "在移民工人使用的主要通道上，汇款成本降至百分之五以下。",
            "与民间社会、工会、雇主和侨民组织的磋商为审查提供了参考。",
        ],
    },
];

/// Pages of the per-language reports.
const LANGUAGE_PAGES: usize = 50;

/// How the benchmark report's prose is made.
#[derive(Clone, Copy, PartialEq)]
enum Prose {
    /// Words of the language's six sentences in a new order in every
    /// sentence (see `support/prose.rs`): the headline figures.
    Varied,
    /// The six sentences themselves, over and over: the sessions 1-5
    /// figures, kept for comparison.
    Repeated,
}

/// A sentence as long as sentence `k` of the language (in words, or in
/// characters for Chinese), of words drawn from all six sentences.
fn varied(lang: &Language, k: usize, random: &mut Random) -> String {
    let zh = lang.code == "zh";
    let len = if zh {
        lang.sentences[k].chars().count().saturating_sub(1)
    } else {
        lang.sentences[k].split_whitespace().count()
    };
    varied_sentence(&lang.sentences, len, zh, random)
}

fn report(pages: usize, lang: &Language, prose: Prose) -> DocxDocument {
    let mut random = Random::new(1);
    // Lengths follow the English sentences, so every language carries the
    // same content (a Chinese sentence is one "word" per character for Word).
    let english = &LANGUAGES[0].sentences;
    let target = pages * WORDS_PER_PAGE;
    let per_section = target / lang.sections.len();
    let mut blocks = Vec::new();
    let mut sentence = 0usize;
    for (i, title) in lang.sections.iter().enumerate() {
        blocks.push(DocBlock::Heading {
            level: 1,
            text: title.to_string(),
            bookmark: None,
        });
        let mut words = 0;
        let mut objective = 1u32;
        while words < per_section {
            if i == 2 && words % 1500 < 100 && objective <= 23 {
                blocks.push(DocBlock::Heading {
                    level: 2,
                    text: format!("{} {objective}", lang.objective),
                    bookmark: None,
                });
                objective += 1;
            }
            let picked: Vec<usize> = (0..4).map(|k| (sentence + k) % english.len()).collect();
            sentence += 1;
            let separator = if lang.code == "zh" { "" } else { " " };
            let text: Vec<String> = picked
                .iter()
                .map(|&k| match prose {
                    Prose::Repeated => lang.sentences[k].to_string(),
                    Prose::Varied => varied(lang, k, &mut random),
                })
                .collect();
            words += picked
                .iter()
                .map(|&k| english[k].split_whitespace().count())
                .sum::<usize>();
            blocks.push(DocBlock::Paragraph(Paragraph::text(text.join(separator))));
        }
    }
    DocxDocument {
        title: format!("Voluntary GCM review, {pages} pages"),
        language: lang.tag.into(),
        rtl: lang.code == "ar",
        header: None,
        footer: None,
        page_numbers: true,
        blocks,
    }
}

/// The least any checker must do: open the zip and walk the XML of the parts
/// that carry report text, with the zip crate's own reader (zlib-rs).
fn scan(bytes: &[u8]) -> usize {
    scan_with(bytes, |zip, name| {
        let mut s = String::new();
        let mut f = zip.by_name(name).ok()?;
        f.read_to_string(&mut s).ok()?;
        Some(s)
    })
}

/// The same scan with each part inflated by libdeflate, as `check` does:
/// the ratio to it shows what `check` costs beyond a faster inflater.
fn scan_libdeflate(bytes: &[u8]) -> usize {
    let mut inflater = libdeflater::Decompressor::new();
    scan_with(bytes, |zip, name| {
        let f = zip.by_name_raw(name.as_bytes()).ok()?;
        let start = usize::try_from(f.data_start()?).ok()?;
        let len = usize::try_from(f.compressed_size()).ok()?;
        let mut out = vec![0; usize::try_from(f.size()).ok()?];
        drop(f);
        let raw = bytes.get(start..start + len)?;
        inflater.deflate_decompress(raw, &mut out).ok()?;
        String::from_utf8(out).ok()
    })
}

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

fn scan_with<'a>(
    bytes: &'a [u8],
    mut part: impl FnMut(&mut Zip<'a>, &str) -> Option<String>,
) -> usize {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return 0;
    };
    let mut text = 0;
    for name in [
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "word/footnotes.xml",
    ] {
        let Some(s) = part(&mut zip, name) else {
            continue;
        };
        let mut r = quick_xml::Reader::from_str(&s);
        loop {
            match r.read_event() {
                Ok(quick_xml::events::Event::Text(t)) => text += t.len(),
                Ok(quick_xml::events::Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
    }
    text
}

fn median_ms(mut f: impl FnMut(), runs: usize) -> f64 {
    // Untimed runs first: the allocator's first pages and the caches warm up
    // before either side is measured.
    for _ in 0..runs / 10 {
        f();
    }
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[times.len() / 2]
}

/// Medians in ms of one file's scan, scan with libdeflate, read and check.
struct Timing {
    scan: f64,
    scan_libdeflate: f64,
    read: f64,
    check: f64,
    /// The outcome's status and finding count, for the table.
    note: String,
}

impl Timing {
    /// A table row after the row's own first cells.
    fn cells(&self) -> String {
        format!(
            "{:.3} ms | {:.3} ms | {:.3} ms | {:.3} ms | {:.2}× | {:.2}× |  ({})",
            self.scan,
            self.scan_libdeflate,
            self.read,
            self.check,
            self.check / self.scan,
            self.check / self.scan_libdeflate,
            self.note
        )
    }
}

const COLUMNS: &str =
    "scan (median) | scan, libdeflate | read | check | check/scan | check/scan (libdeflate) |";

fn measure(checker: &Checker, bytes: &[u8], runs: usize) -> Timing {
    let options = CheckOptions::default();
    let limits = gcm_review::ingest::Limits::default();
    let outcome = checker.check("bench.docx", bytes, &options);
    assert_eq!(
        scan(bytes),
        scan_libdeflate(bytes),
        "both scans read the same text"
    );
    Timing {
        scan: median_ms(|| _ = std::hint::black_box(scan(bytes)), runs),
        scan_libdeflate: median_ms(|| _ = std::hint::black_box(scan_libdeflate(bytes)), runs),
        read: median_ms(
            || {
                drop(std::hint::black_box(
                    gcm_review::ingest::docx::read(bytes, &limits).ok(),
                ))
            },
            runs,
        ),
        check: median_ms(
            || {
                drop(std::hint::black_box(checker.check(
                    "bench.docx",
                    bytes,
                    &options,
                )))
            },
            runs,
        ),
        note: format!(
            "{:?}, {} findings",
            outcome.status,
            outcome.diagnostics.len()
        ),
    }
}

/// The file of a report: English under its page count, other languages
/// with their code.
fn file_name(pages: &str, lang: &str) -> String {
    if lang == "en" {
        format!("report-{pages}.docx")
    } else {
        format!("report-{pages}-{lang}.docx")
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let (Some(mode), Some(dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: docx_pages generate|compare|profile DIR");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    match mode.as_str() {
        "generate" => {
            std::fs::create_dir_all(dir).expect("create dir");
            let english = &LANGUAGES[0];
            for pages in PAGES {
                for (prose, code) in [(Prose::Varied, "en"), (Prose::Repeated, "repeated")] {
                    let bytes = write_docx(&report(pages, english, prose)).expect("write");
                    std::fs::write(dir.join(file_name(&pages.to_string(), code)), bytes)
                        .expect("write file");
                }
            }
            for lang in LANGUAGES.iter().skip(1) {
                let bytes =
                    write_docx(&report(LANGUAGE_PAGES, lang, Prose::Varied)).expect("write");
                let name = file_name(&LANGUAGE_PAGES.to_string(), lang.code);
                std::fs::write(dir.join(name), bytes).expect("write file");
            }
        }
        "corpus" => {
            // Real Word files (DIR: `../shared/corpus/docx-real`) with at
            // least 20 KB of text: check against scan, file by file.
            let checker = Checker::new().expect("checker");
            let options = CheckOptions::default();
            let mut files = Vec::new();
            let mut stack = vec![dir.to_path_buf()];
            while let Some(d) = stack.pop() {
                let Ok(entries) = std::fs::read_dir(&d) else {
                    continue;
                };
                for e in entries.flatten() {
                    let p = e.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if p.extension().is_some_and(|x| x == "docx") {
                        files.push(p);
                    }
                }
            }
            files.sort();
            let (mut scans, mut checks, mut rows) = (0.0, 0.0, Vec::new());
            for f in &files {
                let Ok(bytes) = std::fs::read(f) else {
                    continue;
                };
                if scan(&bytes) < 20_000 {
                    continue;
                }
                let s = median_ms(
                    || {
                        std::hint::black_box(scan(&bytes));
                    },
                    15,
                );
                let c = median_ms(
                    || {
                        std::hint::black_box(checker.check("bench.docx", &bytes, &options));
                    },
                    15,
                );
                scans += s;
                checks += c;
                rows.push((
                    c / s,
                    s,
                    c,
                    f.strip_prefix(dir).unwrap_or(f).display().to_string(),
                ));
            }
            rows.sort_by(|a, b| a.0.total_cmp(&b.0));
            println!("| file | scan | check | ratio |");
            println!("|---|---|---|---|");
            for (ratio, s, c, name) in &rows {
                println!("| {name} | {s:.3} ms | {c:.3} ms | {ratio:.2}× |");
            }
            println!(
                "\n{} files with 20 KB of text or more: scan {scans:.1} ms, check {checks:.1} ms in all, ratio {:.2}×",
                rows.len(),
                checks / scans
            );
        }
        "profile" => {
            // `perf record` target: check (or only read) one report over and over.
            let checker = Checker::new().expect("checker");
            let pages = std::env::var("PAGES").unwrap_or("200".into());
            let lang = std::env::var("LANG_CODE").unwrap_or("en".into());
            let n: usize = std::env::var("N")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(300);
            let bytes = std::fs::read(dir.join(file_name(&pages, &lang))).expect("read");
            if std::env::var("READ").is_ok() {
                let limits = gcm_review::ingest::Limits::default();
                for _ in 0..n {
                    std::hint::black_box(gcm_review::ingest::docx::read(&bytes, &limits).ok());
                }
                return;
            }
            for _ in 0..n {
                std::hint::black_box(checker.check("bench.docx", &bytes, &CheckOptions::default()));
            }
        }
        _ => {
            let checker = Checker::new().expect("checker");
            println!("| pages | words | size | {COLUMNS}");
            println!("|---|---|---|---|---|---|---|---|---|");
            for code in ["en", "repeated"] {
                if code == "repeated" {
                    println!(
                        "\nThe same reports with the six sentences repeated (sessions 1-5):\n"
                    );
                }
                for pages in PAGES {
                    let bytes =
                        std::fs::read(dir.join(file_name(&pages.to_string(), code))).expect("read");
                    let runs = if pages >= 200 { 41 } else { 201 };
                    let timing = measure(&checker, &bytes, runs);
                    let words = pages * WORDS_PER_PAGE;
                    println!(
                        "| {pages} | ~{words} | {} KB | {}",
                        bytes.len() / 1024,
                        timing.cells()
                    );
                }
            }
            println!();
            println!("| language ({LANGUAGE_PAGES} pages) | size | {COLUMNS}");
            println!("|---|---|---|---|---|---|---|---|");
            for lang in &LANGUAGES {
                let name = file_name(&LANGUAGE_PAGES.to_string(), lang.code);
                let bytes = std::fs::read(dir.join(name)).expect("read");
                let timing = measure(&checker, &bytes, 101);
                println!(
                    "| {} | {} KB | {}",
                    lang.code,
                    bytes.len() / 1024,
                    timing.cells()
                );
            }
        }
    }
}

// The same allocator as the `gcm-review` binary, so the figures are the
// command's (the scan runs on it too).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
