//! The summary's own fixed text in English, French and Spanish. Excerpts
//! are never translated; only these words change with `--lang`.

use crate::outcome::Status;

/// Every fixed string of the summary document in one language.
pub struct Words {
    /// Document title (before the region name).
    pub title: &'static str,
    /// Short title for the page header.
    pub short_title: &'static str,
    /// "Review cycle".
    pub cycle: &'static str,
    /// "Cut-off date".
    pub cutoff: &'static str,
    /// "Generated on".
    pub generated: &'static str,
    /// Note under the title.
    pub title_note: &'static str,
    /// Contents heading.
    pub contents: &'static str,
    /// "About this summary".
    pub about: &'static str,
    /// "Languages of the reports".
    pub languages: &'static str,
    /// GCM paragraph 4 scope note.
    pub scope_note: &'static str,
    /// States in several commissions.
    pub also_in: &'static str,
    /// No report excluded.
    pub none_excluded: &'static str,
    /// Before the list of excluded reports.
    pub excluded_intro: &'static str,
    /// Stakeholder without a region.
    pub region_not_declared: &'static str,
    /// "The file could not be read".
    pub unreadable: &'static str,
    /// "Key figures".
    pub key_figures: &'static str,
    /// Table description.
    pub key_figures_desc: &'static str,
    /// Column: figure.
    pub figure: &'static str,
    /// Column: value.
    pub value: &'static str,
    /// Figure labels.
    pub fig_reports: &'static str,
    /// Figure: States.
    pub fig_states: &'static str,
    /// Figure: other stakeholders.
    pub fig_others: &'static str,
    /// Figure: valid reports.
    pub fig_valid: &'static str,
    /// Figure: excluded reports.
    pub fig_excluded_reports: &'static str,
    /// Figure: objectives covered.
    pub fig_objectives_covered: &'static str,
    /// Figure: most covered objective.
    pub fig_most: &'static str,
    /// Figure: passages left out.
    pub fig_passages: &'static str,
    /// "Objective".
    pub objective: &'static str,
    /// "Cluster".
    pub cluster: &'static str,
    /// Coverage heading.
    pub coverage: &'static str,
    /// Coverage introduction.
    pub coverage_intro: &'static str,
    /// Coverage caption.
    pub coverage_caption: &'static str,
    /// Cell: reported.
    pub reported: &'static str,
    /// Cell: mentioned.
    pub mentioned: &'static str,
    /// Column: reports covering.
    pub col_covered: &'static str,
    /// Chart title.
    pub chart_title: &'static str,
    /// Chart series / value axis.
    pub chart_series: &'static str,
    /// No excerpts.
    pub no_excerpts: &'static str,
    /// "section".
    pub section: &'static str,
    /// "paragraph".
    pub paragraph: &'static str,
    /// Means of implementation heading.
    pub means: &'static str,
    /// Next steps heading.
    pub next_steps: &'static str,
    /// Guiding principles heading.
    pub principles: &'static str,
    /// Principles introduction.
    pub principles_intro: &'static str,
    /// Principles column.
    pub principles_col: &'static str,
    /// Principles table description.
    pub principles_desc: &'static str,
    /// "Submitted by".
    pub submitter: &'static str,
    /// "Language".
    pub language: &'static str,
    /// "Status".
    pub status: &'static str,
    /// "Errors".
    pub errors: &'static str,
    /// "Warnings".
    pub warnings: &'static str,
    /// "File".
    pub file: &'static str,
    /// "Reason".
    pub reason: &'static str,
    /// Annex A heading.
    pub annex_a: &'static str,
    /// Annex A description.
    pub annex_a_desc: &'static str,
    /// Excluded reports caption.
    pub annex_a_excluded: &'static str,
    /// Excluded reports description.
    pub excluded_desc: &'static str,
    /// Annex B heading.
    pub annex_b: &'static str,
    /// Annex B introduction.
    pub annex_b_intro: &'static str,
    /// Annex B description.
    pub annex_b_desc: &'static str,
    /// No passages left out.
    pub no_passages: &'static str,
    /// Column: kind.
    pub kind: &'static str,
    /// Column: excerpt.
    pub excerpt: &'static str,
    /// Kind: refugee-only.
    pub refugee_only: &'static str,
    /// Kind: check scope.
    pub check_scope: &'static str,
    lang: &'static str,
}

const EN: Words = Words {
    title: "Regional summary of voluntary GCM reviews",
    short_title: "Regional summary of voluntary GCM reviews",
    cycle: "Review cycle",
    cutoff: "Cut-off date",
    generated: "Generated on",
    title_note: "Compiled from the voluntary national and stakeholder reviews of the Global Compact for Safe, Orderly and Regular Migration. Quotations are the submitters' own words.",
    contents: "Contents",
    about: "About this summary",
    languages: "Languages of the reports",
    scope_note: "Under paragraph 4 of the GCM, migrants and refugees are distinct groups governed by separate legal frameworks; only migrants are covered by the Global Compact for Migration. Passages that concern only refugees or asylum seekers are therefore left out of this summary and listed in Annex B, with passages to check for scope.",
    also_in: "These States are members of more than one regional commission, so their reports appear in both summaries:",
    none_excluded: "No report was left out.",
    excluded_intro: "These reports were received but are not part of this summary:",
    region_not_declared: "the report names no region of this commission",
    unreadable: "the file could not be read",
    key_figures: "Key figures",
    key_figures_desc: "Counts of reports, submitters, objectives covered and passages left out.",
    figure: "Figure",
    value: "Value",
    fig_reports: "Reports in this summary",
    fig_states: "Reports from States",
    fig_others: "Reports from other stakeholders",
    fig_valid: "Reports without errors",
    fig_excluded_reports: "Reports left out",
    fig_objectives_covered: "Objectives covered by at least one report",
    fig_most: "Objective covered by the most reports",
    fig_passages: "Refugee-only passages left out (Annex B)",
    objective: "Objective",
    cluster: "Cluster",
    coverage: "Objective coverage",
    coverage_intro: "“Reported” means the report has a sub-section on the objective; “Mentioned” means the objective is cited elsewhere in the report; “—” means it is not covered. Objectives are grouped by round-table cluster.",
    coverage_caption: "Objectives covered by each report",
    reported: "Reported",
    mentioned: "Mentioned",
    col_covered: "Reports covering",
    chart_title: "Number of reports covering each objective",
    chart_series: "Reports",
    no_excerpts: "No report in this summary covers this topic.",
    section: "section",
    paragraph: "paragraph",
    means: "Means of implementation",
    next_steps: "Next steps",
    principles: "Guiding principles invoked",
    principles_intro: "The cross-cutting guiding principles of the GCM (paragraph 15) that each report refers to by name.",
    principles_col: "Guiding principles",
    principles_desc: "One row per report with the guiding principles it refers to.",
    submitter: "Submitted by",
    language: "Language",
    status: "Status",
    errors: "Errors",
    warnings: "Warnings",
    file: "File",
    reason: "Reason",
    annex_a: "Annex A. Reports in this summary",
    annex_a_desc: "One row per report: submitter, ISO3 code, language, checker status, number of errors and warnings, and file.",
    annex_a_excluded: "Reports received but left out",
    excluded_desc: "One row per report left out, with the reason.",
    annex_b: "Annex B. Passages left out of the summary",
    annex_b_intro: "Passages that concern only refugees or asylum seekers (left out of the body), and passages on displacement to check for scope, by report, section and paragraph.",
    annex_b_desc: "One row per passage: submitter, kind, section, paragraph number and excerpt.",
    no_passages: "No passage was left out.",
    kind: "Kind",
    excerpt: "Excerpt",
    refugee_only: "Refugees or asylum seekers only (left out)",
    check_scope: "Check scope",
    lang: "en",
};

const FR: Words = Words {
    title: "Synthèse régionale des examens volontaires du PMM",
    short_title: "Synthèse régionale des examens volontaires du PMM",
    cycle: "Cycle d’examen",
    cutoff: "Date limite",
    generated: "Produit le",
    title_note: "Établie à partir des examens volontaires nationaux et des parties prenantes du Pacte mondial pour des migrations sûres, ordonnées et régulières. Les citations reprennent les mots des auteurs.",
    contents: "Table des matières",
    about: "À propos de cette synthèse",
    languages: "Langues des rapports",
    scope_note: "Selon le paragraphe 4 du Pacte, les migrants et les réfugiés sont des groupes distincts régis par des cadres juridiques distincts ; seuls les migrants relèvent du Pacte mondial sur les migrations. Les passages qui ne concernent que les réfugiés ou les demandeurs d’asile sont donc exclus de cette synthèse et énumérés à l’annexe B, avec les passages dont la portée est à vérifier.",
    also_in: "Ces États sont membres de plus d’une commission régionale ; leurs rapports figurent donc dans les deux synthèses :",
    none_excluded: "Aucun rapport n’a été exclu.",
    excluded_intro: "Ces rapports ont été reçus mais ne font pas partie de cette synthèse :",
    region_not_declared: "le rapport ne mentionne aucune région de cette commission",
    unreadable: "le fichier n’a pas pu être lu",
    key_figures: "Chiffres clés",
    key_figures_desc: "Nombre de rapports, d’auteurs, d’objectifs couverts et de passages exclus.",
    figure: "Indicateur",
    value: "Valeur",
    fig_reports: "Rapports dans cette synthèse",
    fig_states: "Rapports d’États",
    fig_others: "Rapports d’autres parties prenantes",
    fig_valid: "Rapports sans erreur",
    fig_excluded_reports: "Rapports exclus",
    fig_objectives_covered: "Objectifs couverts par au moins un rapport",
    fig_most: "Objectif couvert par le plus de rapports",
    fig_passages: "Passages sur les seuls réfugiés exclus (annexe B)",
    objective: "Objectif",
    cluster: "Groupe",
    coverage: "Couverture des objectifs",
    coverage_intro: "« Traité » : le rapport comporte une sous-section sur l’objectif ; « Mentionné » : l’objectif est cité ailleurs dans le rapport ; « — » : non couvert. Les objectifs sont regroupés par table ronde.",
    coverage_caption: "Objectifs couverts par chaque rapport",
    reported: "Traité",
    mentioned: "Mentionné",
    col_covered: "Rapports le couvrant",
    chart_title: "Nombre de rapports couvrant chaque objectif",
    chart_series: "Rapports",
    no_excerpts: "Aucun rapport de cette synthèse ne traite ce sujet.",
    section: "section",
    paragraph: "paragraphe",
    means: "Moyens de mise en œuvre",
    next_steps: "Prochaines étapes",
    principles: "Principes directeurs invoqués",
    principles_intro: "Les principes directeurs transversaux du Pacte (paragraphe 15) que chaque rapport cite.",
    principles_col: "Principes directeurs",
    principles_desc: "Une ligne par rapport avec les principes directeurs cités.",
    submitter: "Soumis par",
    language: "Langue",
    status: "Statut",
    errors: "Erreurs",
    warnings: "Avertissements",
    file: "Fichier",
    reason: "Motif",
    annex_a: "Annexe A. Rapports de cette synthèse",
    annex_a_desc: "Une ligne par rapport : auteur, code ISO3, langue, statut, nombre d’erreurs et d’avertissements, fichier.",
    annex_a_excluded: "Rapports reçus mais exclus",
    excluded_desc: "Une ligne par rapport exclu, avec le motif.",
    annex_b: "Annexe B. Passages exclus de la synthèse",
    annex_b_intro: "Passages ne concernant que les réfugiés ou les demandeurs d’asile (exclus du corps du texte) et passages sur les déplacements dont la portée est à vérifier, par rapport, section et paragraphe.",
    annex_b_desc: "Une ligne par passage : auteur, type, section, numéro de paragraphe et extrait.",
    no_passages: "Aucun passage n’a été exclu.",
    kind: "Type",
    excerpt: "Extrait",
    refugee_only: "Réfugiés ou demandeurs d’asile uniquement (exclu)",
    check_scope: "Portée à vérifier",
    lang: "fr",
};

const ES: Words = Words {
    title: "Resumen regional de los exámenes voluntarios del PMM",
    short_title: "Resumen regional de los exámenes voluntarios del PMM",
    cycle: "Ciclo de examen",
    cutoff: "Fecha límite",
    generated: "Generado el",
    title_note: "Elaborado a partir de los exámenes voluntarios nacionales y de las partes interesadas del Pacto Mundial para la Migración Segura, Ordenada y Regular. Las citas son palabras de los propios autores.",
    contents: "Índice",
    about: "Acerca de este resumen",
    languages: "Idiomas de los informes",
    scope_note: "Según el párrafo 4 del Pacto, los migrantes y los refugiados son grupos distintos que se rigen por marcos jurídicos separados; solo los migrantes están comprendidos en el Pacto Mundial para la Migración. Por ello, los pasajes que se refieren únicamente a refugiados o solicitantes de asilo se excluyen de este resumen y se enumeran en el anexo B, junto con los pasajes cuyo alcance debe verificarse.",
    also_in: "Estos Estados son miembros de más de una comisión regional, por lo que sus informes figuran en ambos resúmenes:",
    none_excluded: "No se excluyó ningún informe.",
    excluded_intro: "Estos informes se recibieron pero no forman parte de este resumen:",
    region_not_declared: "el informe no indica ninguna región de esta comisión",
    unreadable: "no se pudo leer el archivo",
    key_figures: "Cifras clave",
    key_figures_desc: "Número de informes, autores, objetivos abordados y pasajes excluidos.",
    figure: "Indicador",
    value: "Valor",
    fig_reports: "Informes en este resumen",
    fig_states: "Informes de Estados",
    fig_others: "Informes de otras partes interesadas",
    fig_valid: "Informes sin errores",
    fig_excluded_reports: "Informes excluidos",
    fig_objectives_covered: "Objetivos abordados por al menos un informe",
    fig_most: "Objetivo abordado por más informes",
    fig_passages: "Pasajes solo sobre refugiados excluidos (anexo B)",
    objective: "Objetivo",
    cluster: "Grupo",
    coverage: "Cobertura de los objetivos",
    coverage_intro: "«Informado»: el informe tiene una subsección sobre el objetivo; «Mencionado»: el objetivo se cita en otra parte del informe; «—»: no se aborda. Los objetivos se agrupan por mesa redonda.",
    coverage_caption: "Objetivos abordados por cada informe",
    reported: "Informado",
    mentioned: "Mencionado",
    col_covered: "Informes que lo abordan",
    chart_title: "Número de informes que abordan cada objetivo",
    chart_series: "Informes",
    no_excerpts: "Ningún informe de este resumen aborda este tema.",
    section: "sección",
    paragraph: "párrafo",
    means: "Medios de implementación",
    next_steps: "Próximos pasos",
    principles: "Principios rectores invocados",
    principles_intro: "Los principios rectores transversales del Pacto (párrafo 15) que cita cada informe.",
    principles_col: "Principios rectores",
    principles_desc: "Una fila por informe con los principios rectores que cita.",
    submitter: "Presentado por",
    language: "Idioma",
    status: "Estado",
    errors: "Errores",
    warnings: "Advertencias",
    file: "Archivo",
    reason: "Motivo",
    annex_a: "Anexo A. Informes de este resumen",
    annex_a_desc: "Una fila por informe: autor, código ISO3, idioma, estado, número de errores y advertencias, y archivo.",
    annex_a_excluded: "Informes recibidos pero excluidos",
    excluded_desc: "Una fila por informe excluido, con el motivo.",
    annex_b: "Anexo B. Pasajes excluidos del resumen",
    annex_b_intro: "Pasajes que se refieren únicamente a refugiados o solicitantes de asilo (excluidos del cuerpo) y pasajes sobre desplazamiento cuyo alcance debe verificarse, por informe, sección y párrafo.",
    annex_b_desc: "Una fila por pasaje: autor, tipo, sección, número de párrafo y extracto.",
    no_passages: "No se excluyó ningún pasaje.",
    kind: "Tipo",
    excerpt: "Extracto",
    refugee_only: "Solo refugiados o solicitantes de asilo (excluido)",
    check_scope: "Verificar alcance",
    lang: "es",
};

impl Words {
    /// The words for `lang`; English for any other language.
    pub fn for_lang(lang: &str) -> &'static Words {
        match lang {
            "fr" => &FR,
            "es" => &ES,
            _ => &EN,
        }
    }

    /// Languages with their own words.
    pub const LANGUAGES: [&'static str; 3] = ["en", "fr", "es"];

    /// "N reports from M States and K other stakeholders".
    pub fn about_counts(&self, n: usize, states: usize, others: usize, region: &str) -> String {
        match self.lang {
            "fr" => format!("Cette synthèse rassemble {n} rapport(s) reçu(s) dans la région de la {region} : {states} d’États membres ou observateurs et {others} d’autres parties prenantes."),
            "es" => format!("Este resumen reúne {n} informe(s) recibido(s) en la región de la {region}: {states} de Estados miembros u observadores y {others} de otras partes interesadas."),
            _ => format!("This summary brings together {n} report(s) received in the region of the {region}: {states} from Member or observer States and {others} from other stakeholders."),
        }
    }

    /// Why an out-of-region State is left out.
    pub fn out_of_region(&self, region: &str, commissions: &[String]) -> String {
        let list = commissions.join(", ");
        match self.lang {
            "fr" => format!("État non membre de la {region} (membre de : {list}) ; son rapport figure dans la synthèse de sa région"),
            "es" => format!("Estado no miembro de la {region} (miembro de: {list}); su informe figura en el resumen de su región"),
            _ => format!("not a member State of {region} (member of: {list}); the report belongs in that region's summary"),
        }
    }

    /// Coverage table description.
    pub fn coverage_desc(&self, reports: usize) -> String {
        match self.lang {
            "fr" => format!("Les 23 objectifs, regroupés par table ronde, sur {reports} rapport(s) : Traité, Mentionné ou —, puis le nombre de rapports."),
            "es" => format!("Los 23 objetivos, agrupados por mesa redonda, en {reports} informe(s): Informado, Mencionado o —, y el número de informes."),
            _ => format!("The 23 objectives, grouped by round-table cluster, across {reports} report(s): Reported, Mentioned or —, then the number of reports."),
        }
    }

    /// Chart alternative text, with every number.
    pub fn chart_desc(&self, counts: &[(u8, usize)]) -> String {
        let list: Vec<String> = counts.iter().map(|(o, n)| format!("{o}: {n}")).collect();
        let intro = match self.lang {
            "fr" => "Diagramme à barres du nombre de rapports couvrant chaque objectif (mêmes chiffres que la colonne « Rapports le couvrant » du tableau). Objectif : rapports —",
            "es" => "Gráfico de barras del número de informes que abordan cada objetivo (las mismas cifras que la columna «Informes que lo abordan»). Objetivo: informes —",
            _ => "Bar chart of the number of reports covering each objective (the same numbers as the table's “Reports covering” column). Objective: reports —",
        };
        format!("{intro} {}.", list.join("; "))
    }

    /// A section id in words: the template's title in this language, in
    /// quotation marks ("—" when unknown).
    pub fn section_name(&self, id: &str) -> String {
        if id.is_empty() {
            return "—".into();
        }
        let title = crate::template::Template::builtin().ok().and_then(|t| {
            t.sections
                .iter()
                .find(|s| s.id == id)
                .and_then(|s| s.title.get(self.lang).or_else(|| s.title.get("en")))
                .cloned()
        });
        let title = title.unwrap_or_else(|| id.replace('_', " "));
        match self.lang {
            "fr" => format!("« {title} »"),
            "es" => format!("«{title}»"),
            _ => format!("“{title}”"),
        }
    }

    /// A checker status in words.
    pub fn status_name(&self, status: Status) -> &'static str {
        match (self.lang, status) {
            ("fr", Status::Valid) => "valide",
            ("fr", Status::Invalid) => "non valide",
            ("fr", Status::Unreadable) => "illisible",
            ("es", Status::Valid) => "válido",
            ("es", Status::Invalid) => "no válido",
            ("es", Status::Unreadable) => "ilegible",
            (_, Status::Valid) => "valid",
            (_, Status::Invalid) => "invalid",
            (_, Status::Unreadable) => "unreadable",
        }
    }
}
