//! The few words of the blank template that are not template data: the
//! cover table's caption and column names, the note on reporting per
//! objective or per cluster, and the prompt inside each objective box.

/// Words of the blank template in one language.
pub(crate) struct Words {
    /// BCP-47 tag written to `dc:language` and `w:lang`.
    pub language_tag: &'static str,
    /// Caption of the cover table.
    pub cover_caption: &'static str,
    /// One-sentence description of the cover table (screen readers).
    pub cover_description: &'static str,
    /// Header of the label column.
    pub field: &'static str,
    /// Header of the value column.
    pub value: &'static str,
    /// Note under the objectives section.
    pub objectives_note: &'static str,
    /// Prompt inside each optional objective box.
    pub objective_prompt: &'static str,
}

const EN: Words = Words {
    language_tag: "en",
    cover_caption: "Cover page",
    cover_description: "Who submits the report: one row per field, the label then a box to fill in.",
    field: "Field",
    value: "Value",
    objectives_note: "States may report per objective (the optional sub-sections below) or per round-table cluster; covering every objective is not required. Delete the sub-sections you do not use.",
    objective_prompt: "Optional: progress, good practices, challenges and lessons learned on this objective.",
};

const FR: Words = Words {
    language_tag: "fr",
    cover_caption: "Page de couverture",
    cover_description: "Qui soumet le rapport : une ligne par champ, l'intitulé puis une zone à remplir.",
    field: "Champ",
    value: "Valeur",
    objectives_note: "Les États peuvent présenter leur rapport par objectif (sous-sections facultatives ci-dessous) ou par groupe de tables rondes ; il n'est pas nécessaire de couvrir tous les objectifs. Supprimez les sous-sections inutilisées.",
    objective_prompt: "Facultatif : progrès, bonnes pratiques, difficultés et enseignements pour cet objectif.",
};

const ES: Words = Words {
    language_tag: "es",
    cover_caption: "Portada",
    cover_description: "Quién presenta el informe: una fila por campo, la etiqueta y un recuadro para completar.",
    field: "Campo",
    value: "Valor",
    objectives_note: "Los Estados pueden informar por objetivo (subsecciones opcionales a continuación) o por grupo de mesas redondas; no es necesario abarcar todos los objetivos. Elimine las subsecciones que no utilice.",
    objective_prompt: "Opcional: avances, buenas prácticas, dificultades y lecciones aprendidas en este objetivo.",
};

const RU: Words = Words {
    language_tag: "ru",
    cover_caption: "Титульная страница",
    cover_description: "Кто представляет доклад: по строке на поле, название и поле для заполнения.",
    field: "Поле",
    value: "Значение",
    objectives_note: "Государства могут представлять информацию по каждой цели (необязательные подразделы ниже) или по группам целей круглых столов; охватывать все цели не требуется. Удалите неиспользуемые подразделы.",
    objective_prompt: "Необязательно: прогресс, передовая практика, трудности и извлечённые уроки по этой цели.",
};

const AR: Words = Words {
    language_tag: "ar",
    cover_caption: "صفحة الغلاف",
    cover_description: "الجهة المقدمة للتقرير: صف لكل حقل، التسمية ثم خانة للتعبئة.",
    field: "الحقل",
    value: "القيمة",
    objectives_note: "يجوز للدول أن تقدم تقاريرها حسب كل هدف (الأقسام الفرعية الاختيارية أدناه) أو حسب مجموعات الموائد المستديرة؛ ولا يلزم تغطية جميع الأهداف. احذف الأقسام الفرعية التي لا تستخدمها.",
    objective_prompt: "اختياري: التقدم المحرز والممارسات الجيدة والتحديات والدروس المستفادة بشأن هذا الهدف.",
};

const ZH: Words = Words {
    language_tag: "zh-CN",
    cover_caption: "封面",
    cover_description: "报告提交方：每个字段一行，先是标签，然后是填写框。",
    field: "字段",
    value: "内容",
    objectives_note:
        "各国可按目标（下列可选小节）或按圆桌会议组别报告；无需涵盖所有目标。请删除不使用的小节。",
    objective_prompt: "可选：本目标的进展、良好做法、挑战和经验教训。",
};

/// The words for `lang`, one of the six UN languages.
pub(crate) fn words(lang: &str) -> Option<&'static Words> {
    match lang {
        "en" => Some(&EN),
        "fr" => Some(&FR),
        "es" => Some(&ES),
        "ru" => Some(&RU),
        "ar" => Some(&AR),
        "zh" => Some(&ZH),
        _ => None,
    }
}
