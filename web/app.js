// The in-browser checker: loads the checker (gcm-review.wasm, built from
// web/wasm) and shows its findings. The file is read with the File API and
// handed to the WebAssembly module in this page; nothing is sent anywhere
// (the page's Content-Security-Policy forbids it).
'use strict';

(function () {
  // ---------------------------------------------------------------- words
  // Interface words per language. Messages about findings (what is wrong,
  // how to fix it) come from the checker's catalogue, in the same language
  // when the catalogue has it.
  const WORDS = {
    en: {
      brand: 'GCM voluntary report checker',
      language: 'Language',
      title: 'Check your voluntary GCM review report before you submit it',
      intro: 'Choose your draft report (a Word .docx file or a JSON report). The page checks it against the indicative template of the UN Network on Migration and lists what to fix, paragraph by paragraph.',
      privacy: 'Your file never leaves this computer: it is checked inside this page, and nothing is uploaded or sent anywhere.',
      pickTitle: 'Your report',
      dropHint: 'Drag and drop the file here, or press Enter to choose it.',
      dropNow: 'Release to check this file.',
      fileLabel: 'Report file (.docx or .json)',
      findingsTitle: 'What to fix',
      summaryTitle: 'What the checker found in your report',
      footer: 'This checker runs the same checks as the gcm-review command-line tool.',
      version: 'Version {v}.',
      loading: 'Preparing the checker…',
      ready: 'Ready. Choose a file to check.',
      checking: 'Checking “{name}”…',
      checked: 'Checked “{name}” in {ms} ms, on this computer.',
      needServer: 'The checker could not start from a file on disk in this browser. Open the page from the web address where it is published, or ask your IT team to serve the folder with any web server (for example: python3 -m http.server).',
      loadFailed: 'The checker could not start in this browser ({detail}). Please use an up-to-date version of Chrome, Edge, Firefox or Safari.',
      crashed: 'The checker stopped unexpectedly on this file. Nothing was sent anywhere. Please try again; if it happens again, please tell the maintainers of gcm-review which file caused it.',
      readFailed: 'The file could not be opened ({detail}). Check that it is not open in another program, then choose it again.',
      valid: 'Valid: no errors',
      invalid: 'Not valid: errors to fix',
      unreadable: 'Unreadable: the file could not be checked',
      validDetail: 'The report follows the template. {counts}',
      invalidDetail: '{counts} The errors must be fixed before the report is submitted.',
      unreadableDetail: 'See below why, and how to save the report in a form the checker can read.',
      counts: '{errors}, {warnings} and {notes}.',
      error: ['error', 'errors'],
      warning: ['warning', 'warnings'],
      note: ['note', 'notes'],
      sevError: 'Error',
      sevWarning: 'Warning',
      sevInfo: 'Note',
      file: 'File',
      format: 'Format',
      submitter: 'Submitted by',
      reportLanguage: 'Report language',
      groupGeneral: 'The whole report',
      groupCover: 'Cover page',
      groupSection: 'Section “{title}”',
      groupOther: 'Other findings',
      where: 'Where',
      objective: 'objective {n}',
      paragraph: 'paragraph {n}',
      inYourReport: 'Text in your report',
      fix: 'How to fix',
      rule: 'Rule',
      noFindings: 'Nothing to fix: the checker found no problem in this report.',
      paragraphsNote: 'Paragraph numbers count every heading, paragraph, list item, table row and footnote from the start of the document, so you can count down to the place in Word.',
      scopeTitle: 'What does this mean?',
      scopeExplain: 'The Global Compact for Migration is about migrants. Refugees are covered by a separate agreement, the Global Compact on Refugees, which has its own reporting. The checker points at passages that speak only of refugees, asylum or displacement. It reads the words, not the intention: if the passage is also about migrants, say so explicitly in the text.',
      sectionsTitle: 'Template sections',
      sectionFound: 'found at paragraph {block}, {count}',
      sectionFoundNoBlock: 'found, {count}',
      sectionEmpty: 'found, but empty',
      sectionMissing: 'not found',
      paragraphs: ['paragraph', 'paragraphs'],
      required: 'required',
      objectivesTitle: 'GCM objectives with their own sub-section',
      objectivesNone: 'No sub-section on a particular objective was found. Reporting objective by objective is optional.',
      objectiveItem: 'Objective {n}: {label}',
      objectiveUnknown: 'Objective {n}: not a GCM objective (the GCM has objectives 1 to 23)',
      langNote: 'The explanations of findings are not yet available in this language; they are shown in English.',
      formats: { json: 'JSON report', docx: 'Word document' },
      colon: ': ',
    },
    fr: {
      brand: 'Vérificateur des rapports volontaires sur le Pacte mondial',
      language: 'Langue',
      title: 'Vérifiez votre rapport d’examen volontaire du Pacte mondial avant de le soumettre',
      intro: 'Choisissez votre projet de rapport (fichier Word .docx ou rapport JSON). La page le compare au modèle indicatif du Réseau des Nations Unies sur les migrations et indique ce qu’il faut corriger, paragraphe par paragraphe.',
      privacy: 'Votre fichier ne quitte jamais cet ordinateur : il est vérifié dans cette page, et rien n’est téléversé ni envoyé.',
      pickTitle: 'Votre rapport',
      dropHint: 'Glissez-déposez le fichier ici, ou appuyez sur Entrée pour le choisir.',
      dropNow: 'Relâchez pour vérifier ce fichier.',
      fileLabel: 'Fichier du rapport (.docx ou .json)',
      findingsTitle: 'Ce qu’il faut corriger',
      summaryTitle: 'Ce que le vérificateur a trouvé dans votre rapport',
      footer: 'Ce vérificateur effectue les mêmes contrôles que l’outil en ligne de commande gcm-review.',
      version: 'Version {v}.',
      loading: 'Préparation du vérificateur…',
      ready: 'Prêt. Choisissez un fichier à vérifier.',
      checking: 'Vérification de « {name} »…',
      checked: '« {name} » vérifié en {ms} ms, sur cet ordinateur.',
      needServer: 'Le vérificateur n’a pas pu démarrer depuis un fichier local dans ce navigateur. Ouvrez la page à l’adresse web où elle est publiée, ou demandez à votre service informatique de servir le dossier avec un serveur web (par exemple : python3 -m http.server).',
      loadFailed: 'Le vérificateur n’a pas pu démarrer dans ce navigateur ({detail}). Utilisez une version à jour de Chrome, Edge, Firefox ou Safari.',
      crashed: 'Le vérificateur s’est arrêté de manière inattendue sur ce fichier. Rien n’a été envoyé. Réessayez ; si le problème persiste, signalez aux responsables de gcm-review quel fichier l’a causé.',
      readFailed: 'Le fichier n’a pas pu être ouvert ({detail}). Vérifiez qu’il n’est pas ouvert dans un autre programme, puis choisissez-le à nouveau.',
      valid: 'Valide : aucune erreur',
      invalid: 'Non valide : des erreurs à corriger',
      unreadable: 'Illisible : le fichier n’a pas pu être vérifié',
      validDetail: 'Le rapport suit le modèle. {counts}',
      invalidDetail: '{counts} Les erreurs doivent être corrigées avant la soumission du rapport.',
      unreadableDetail: 'Voir ci-dessous pourquoi, et comment enregistrer le rapport sous une forme que le vérificateur peut lire.',
      counts: '{errors}, {warnings} et {notes}.',
      error: ['erreur', 'erreurs'],
      warning: ['avertissement', 'avertissements'],
      note: ['remarque', 'remarques'],
      sevError: 'Erreur',
      sevWarning: 'Avertissement',
      sevInfo: 'Remarque',
      file: 'Fichier',
      format: 'Format',
      submitter: 'Soumis par',
      reportLanguage: 'Langue du rapport',
      groupGeneral: 'L’ensemble du rapport',
      groupCover: 'Page de couverture',
      groupSection: 'Section « {title} »',
      groupOther: 'Autres constats',
      where: 'Où',
      objective: 'objectif {n}',
      paragraph: 'paragraphe {n}',
      inYourReport: 'Texte de votre rapport',
      fix: 'Comment corriger',
      rule: 'Règle',
      noFindings: 'Rien à corriger : le vérificateur n’a trouvé aucun problème dans ce rapport.',
      paragraphsNote: 'Les numéros de paragraphe comptent chaque titre, paragraphe, élément de liste, ligne de tableau et note depuis le début du document, pour retrouver l’endroit dans Word.',
      scopeTitle: 'Qu’est-ce que cela signifie ?',
      scopeExplain: 'Le Pacte mondial sur les migrations porte sur les migrants. Les réfugiés relèvent d’un accord distinct, le Pacte mondial sur les réfugiés, qui a ses propres rapports. Le vérificateur signale les passages qui ne parlent que de réfugiés, d’asile ou de déplacement. Il lit les mots, pas l’intention : si le passage concerne aussi les migrants, dites-le explicitement dans le texte.',
      sectionsTitle: 'Sections du modèle',
      sectionFound: 'trouvée au paragraphe {block}, {count}',
      sectionFoundNoBlock: 'trouvée, {count}',
      sectionEmpty: 'trouvée, mais vide',
      sectionMissing: 'non trouvée',
      paragraphs: ['paragraphe', 'paragraphes'],
      required: 'obligatoire',
      objectivesTitle: 'Objectifs du Pacte mondial traités dans une sous-section',
      objectivesNone: 'Aucune sous-section consacrée à un objectif particulier n’a été trouvée. Rendre compte objectif par objectif est facultatif.',
      objectiveItem: 'Objectif {n} : {label}',
      objectiveUnknown: 'Objectif {n} : n’est pas un objectif du Pacte mondial (il compte les objectifs 1 à 23)',
      langNote: 'Les explications des constats ne sont pas encore disponibles en français ; elles sont affichées en anglais.',
      formats: { json: 'rapport JSON', docx: 'document Word' },
      colon: '\u202f: ',
    },
    es: {
      brand: 'Verificador de informes voluntarios sobre el Pacto Mundial',
      language: 'Idioma',
      title: 'Verifique su informe de examen voluntario del Pacto Mundial antes de presentarlo',
      intro: 'Elija su proyecto de informe (archivo Word .docx o informe JSON). La página lo compara con la plantilla indicativa de la Red de las Naciones Unidas sobre la Migración e indica qué corregir, párrafo por párrafo.',
      privacy: 'Su archivo nunca sale de esta computadora: se verifica dentro de esta página y no se sube ni se envía a ninguna parte.',
      pickTitle: 'Su informe',
      dropHint: 'Arrastre y suelte el archivo aquí, o pulse Intro para elegirlo.',
      dropNow: 'Suelte para verificar este archivo.',
      fileLabel: 'Archivo del informe (.docx o .json)',
      findingsTitle: 'Qué corregir',
      summaryTitle: 'Qué encontró el verificador en su informe',
      footer: 'Este verificador realiza las mismas comprobaciones que la herramienta de línea de comandos gcm-review.',
      version: 'Versión {v}.',
      loading: 'Preparando el verificador…',
      ready: 'Listo. Elija un archivo para verificar.',
      checking: 'Verificando «{name}»…',
      checked: '«{name}» verificado en {ms} ms, en esta computadora.',
      needServer: 'El verificador no pudo iniciarse desde un archivo local en este navegador. Abra la página en la dirección web donde está publicada, o pida a su servicio informático que sirva la carpeta con un servidor web (por ejemplo: python3 -m http.server).',
      loadFailed: 'El verificador no pudo iniciarse en este navegador ({detail}). Use una versión actualizada de Chrome, Edge, Firefox o Safari.',
      crashed: 'El verificador se detuvo inesperadamente con este archivo. No se envió nada. Inténtelo de nuevo; si vuelve a ocurrir, indique a los responsables de gcm-review qué archivo lo causó.',
      readFailed: 'No se pudo abrir el archivo ({detail}). Compruebe que no esté abierto en otro programa y vuelva a elegirlo.',
      valid: 'Válido: sin errores',
      invalid: 'No válido: hay errores que corregir',
      unreadable: 'Ilegible: no se pudo verificar el archivo',
      validDetail: 'El informe sigue la plantilla. {counts}',
      invalidDetail: '{counts} Los errores deben corregirse antes de presentar el informe.',
      unreadableDetail: 'Vea abajo por qué, y cómo guardar el informe en una forma que el verificador pueda leer.',
      counts: '{errors}, {warnings} y {notes}.',
      error: ['error', 'errores'],
      warning: ['advertencia', 'advertencias'],
      note: ['nota', 'notas'],
      sevError: 'Error',
      sevWarning: 'Advertencia',
      sevInfo: 'Nota',
      file: 'Archivo',
      format: 'Formato',
      submitter: 'Presentado por',
      reportLanguage: 'Idioma del informe',
      groupGeneral: 'El informe en su conjunto',
      groupCover: 'Portada',
      groupSection: 'Sección «{title}»',
      groupOther: 'Otras observaciones',
      where: 'Dónde',
      objective: 'objetivo {n}',
      paragraph: 'párrafo {n}',
      inYourReport: 'Texto de su informe',
      fix: 'Cómo corregirlo',
      rule: 'Regla',
      noFindings: 'Nada que corregir: el verificador no encontró ningún problema en este informe.',
      paragraphsNote: 'Los números de párrafo cuentan cada título, párrafo, elemento de lista, fila de tabla y nota desde el principio del documento, para encontrar el lugar en Word.',
      scopeTitle: '¿Qué significa esto?',
      scopeExplain: 'El Pacto Mundial para la Migración trata de los migrantes. Los refugiados están cubiertos por un acuerdo distinto, el Pacto Mundial sobre los Refugiados, que tiene sus propios informes. El verificador señala los pasajes que solo hablan de refugiados, asilo o desplazamiento. Lee las palabras, no la intención: si el pasaje también trata de migrantes, indíquelo expresamente en el texto.',
      sectionsTitle: 'Secciones de la plantilla',
      sectionFound: 'encontrada en el párrafo {block}, {count}',
      sectionFoundNoBlock: 'encontrada, {count}',
      sectionEmpty: 'encontrada, pero vacía',
      sectionMissing: 'no encontrada',
      paragraphs: ['párrafo', 'párrafos'],
      required: 'obligatoria',
      objectivesTitle: 'Objetivos del Pacto Mundial con una subsección propia',
      objectivesNone: 'No se encontró ninguna subsección dedicada a un objetivo concreto. Informar objetivo por objetivo es opcional.',
      objectiveItem: 'Objetivo {n}: {label}',
      objectiveUnknown: 'Objetivo {n}: no es un objetivo del Pacto Mundial (tiene los objetivos 1 a 23)',
      langNote: 'Las explicaciones de las observaciones aún no están disponibles en español; se muestran en inglés.',
      formats: { json: 'informe JSON', docx: 'documento Word' },
      colon: ': ',
    },
  };
  const RTL = ['ar'];
  const LANGUAGE_NAMES = { en: 'English', fr: 'Français', es: 'Español', ar: 'العربية', ru: 'Русский', zh: '中文' };

  // ---------------------------------------------------------------- state
  const $ = (id) => document.getElementById(id);
  let lang = pickLanguage();
  let ui = null; // words from the checker's built-in data (sections, objectives, languages)
  let wasmModule = null; // compiled once
  let exportsRef = null; // the current instance's exports
  let lastFile = null; // { name, bytes } to check again when the language changes
  let lastResult = null;

  function pickLanguage() {
    const wanted = [];
    try {
      const saved = window.localStorage.getItem('gcm-review-lang');
      if (saved) wanted.push(saved);
    } catch (_) { /* storage may be disabled */ }
    for (const l of navigator.languages || [navigator.language || 'en']) wanted.push(l);
    for (const l of wanted) {
      const base = String(l).toLowerCase().split('-')[0];
      if (WORDS[base]) return base;
    }
    return 'en';
  }

  function t(key, values) {
    const words = WORDS[lang] || WORDS.en;
    let s = key in words ? words[key] : WORDS.en[key];
    if (typeof s !== 'string') return s;
    if (values) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
    return s;
  }

  function plural(n, key) {
    const forms = t(key);
    // French uses the singular for 0 and 1; English and Spanish for 1 only.
    const one = lang === 'fr' ? n <= 1 : n === 1;
    return `${n} ${one ? forms[0] : forms[1]}`;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === 'class') node.className = v;
        else if (k === 'text') node.textContent = v;
        else node.setAttribute(k, v === true ? '' : v);
      }
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function setStatus(text, kind) {
    const s = $('status');
    s.textContent = text || '';
    s.className = 'status' + (kind ? ' status-' + kind : '');
  }

  // ---------------------------------------------------------------- language
  function applyLanguage() {
    document.documentElement.lang = lang;
    document.documentElement.dir = RTL.includes(lang) ? 'rtl' : 'ltr';
    for (const node of document.querySelectorAll('[data-i18n]')) {
      node.textContent = t(node.getAttribute('data-i18n'));
    }
    document.title = t('brand');
    $('lang').value = lang;
    if (ui) $('version').textContent = t('version', { v: ui.tool.version });
  }

  function populateLanguages() {
    const select = $('lang');
    const have = new Set([...select.options].map((o) => o.value));
    for (const code of Object.keys(WORDS)) {
      if (!have.has(code)) {
        select.append(el('option', { value: code, lang: code, text: LANGUAGE_NAMES[code] || code }));
      }
    }
  }

  // ---------------------------------------------------------------- the checker
  async function loadWasmBytes() {
    if (location.protocol === 'file:') {
      // Browsers refuse fetch() from file://; the build also ships the module
      // as a script, which a page opened from disk may load.
      return loadWasmFromScript();
    }
    const response = await fetch('gcm-review.wasm', { cache: 'no-cache', credentials: 'omit' });
    if (!response.ok) throw new Error(`gcm-review.wasm: HTTP ${response.status}`);
    return response.arrayBuffer();
  }

  function loadWasmFromScript() {
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = 'gcm-review-wasm.js';
      script.onload = () => {
        try {
          const b64 = window.GCM_REVIEW_WASM_BASE64;
          if (typeof b64 !== 'string') throw new Error('gcm-review-wasm.js is empty');
          const bin = atob(b64);
          const bytes = new Uint8Array(bin.length);
          for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
          delete window.GCM_REVIEW_WASM_BASE64;
          resolve(bytes.buffer);
        } catch (e) {
          reject(e);
        }
      };
      script.onerror = () => reject(new Error('needServer'));
      document.head.append(script);
    });
  }

  // The module's only real import: random bytes to seed its hash tables
  // (its Rust dependencies ask for them through wasm-bindgen's names). Any
  // other import is never called; if it were, the check stops with an error.
  function importsFor(module) {
    const imports = {};
    for (const imp of WebAssembly.Module.imports(module)) {
      if (imp.kind !== 'function') continue;
      const ns = (imports[imp.module] = imports[imp.module] || {});
      if (imp.name.startsWith('__wbg_getRandomValues_')) {
        ns[imp.name] = (ptr, len) => {
          const view = new Uint8Array(exportsRef.memory.buffer, ptr >>> 0, len >>> 0);
          for (let i = 0; i < view.length; i += 65536) {
            crypto.getRandomValues(view.subarray(i, i + 65536));
          }
        };
      } else {
        ns[imp.name] = () => {
          throw new Error(`unexpected call to ${imp.module}.${imp.name}`);
        };
      }
    }
    return imports;
  }

  async function instantiate() {
    const instance = await WebAssembly.instantiate(wasmModule, importsFor(wasmModule));
    exportsRef = instance.exports;
  }

  function readResult(ptr) {
    const e = exportsRef;
    if (!ptr) throw new Error('the checker ran out of memory');
    const len = new DataView(e.memory.buffer).getUint32(ptr, true);
    const text = new TextDecoder().decode(new Uint8Array(e.memory.buffer, ptr + 4, len));
    e.dealloc(ptr, len + 4);
    return JSON.parse(text);
  }

  function lend(bytes) {
    const e = exportsRef;
    if (bytes.length === 0) return [0, 0];
    const ptr = e.alloc(bytes.length);
    if (!ptr) throw new Error('the checker ran out of memory');
    new Uint8Array(e.memory.buffer, ptr, bytes.length).set(bytes);
    return [ptr, bytes.length];
  }

  function todayIso() {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }

  // Runs the checker on one file. Returns { result, ms }.
  function runCheck(name, bytes, today, messageLang) {
    const enc = new TextEncoder();
    const args = [enc.encode(name), bytes, enc.encode(today), enc.encode(messageLang || '')];
    const lent = [];
    try {
      for (const a of args) lent.push(lend(a));
      const t0 = performance.now();
      const ptr = exportsRef.check(...lent.flat());
      const ms = performance.now() - t0;
      const result = readResult(ptr);
      return { result, ms };
    } finally {
      for (const [p, l] of lent) if (p) exportsRef.dealloc(p, l);
    }
  }

  // For the end-to-end test: the check alone, without the page around it.
  window.__gcmReviewCheck = (name, bytes, today, messageLang) =>
    runCheck(name, bytes, today || todayIso(), messageLang);

  // ---------------------------------------------------------------- checking a file
  async function checkFile(file) {
    let bytes;
    setStatus(t('checking', { name: file.name }), 'busy');
    document.body.dataset.state = 'checking';
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      setStatus(t('readFailed', { detail: e && e.message ? e.message : String(e) }), 'error');
      document.body.dataset.state = 'ready';
      return;
    }
    lastFile = { name: file.name, bytes };
    await checkBytes(true);
  }

  async function checkBytes(focusVerdict) {
    if (!lastFile || !exportsRef) return;
    // Let the "Checking…" message paint before the (short) synchronous check.
    await new Promise((r) => setTimeout(r, 0));
    let outcome;
    try {
      outcome = runCheck(lastFile.name, lastFile.bytes, todayIso(), lang);
    } catch (e) {
      // A trap leaves the instance unusable: start a fresh one for the next file.
      setStatus(t('crashed'), 'error');
      console.error(e);
      document.body.dataset.state = 'ready';
      try { await instantiate(); } catch (_) { /* reported on next use */ }
      return;
    }
    const { result, ms } = outcome;
    lastResult = result;
    window.__lastResult = result;
    window.__lastCheckMs = ms;
    $('raw').textContent = JSON.stringify(result);
    if (result.error) {
      setStatus(t('loadFailed', { detail: result.error.message }), 'error');
      document.body.dataset.state = 'ready';
      return;
    }
    setStatus(t('checked', { name: lastFile.name, ms: ms < 10 ? ms.toFixed(1) : Math.round(ms) }), 'ok');
    render(result);
    document.body.dataset.state = 'checked';
    if (focusVerdict) $('verdict-title').focus();
  }

  // ---------------------------------------------------------------- rendering
  function sectionTitle(id) {
    const s = ui && ui.sections.find((x) => x.id === id);
    if (!s) return id;
    return s.title[lang] || s.title.en || id;
  }

  function objectiveLabel(n) {
    const o = ui && ui.objectives.find((x) => x.number === n);
    if (!o) return null;
    return o.label[lang] || o.label.en || '';
  }

  function render(result) {
    const report = result.report;
    const found = result.found || { sections: [], objectives: [] };
    const count = (sev) => report.diagnostics.filter((d) => d.severity === sev).length;
    const counts = t('counts', {
      errors: plural(count('error'), 'error'),
      warnings: plural(count('warning'), 'warning'),
      notes: plural(count('info'), 'note'),
    });

    // Verdict: in words, with a symbol; colour only adds to it.
    const verdict = $('verdict');
    verdict.className = 'verdict verdict-' + report.status;
    verdict.dataset.status = report.status;
    const symbol = { valid: '✓', invalid: '✗', unreadable: '!' }[report.status] || '';
    $('verdict-title').replaceChildren(
      el('span', { class: 'verdict-symbol', 'aria-hidden': 'true', text: symbol }),
      ' ',
      t(report.status),
    );
    $('verdict-detail').textContent =
      report.status === 'valid' ? t('validDetail', { counts })
        : report.status === 'invalid' ? t('invalidDetail', { counts })
          : t('unreadableDetail');

    const meta = [];
    meta.push(`${t('file')}${t('colon')}${report.file}`);
    if (report.format) meta.push(`${t('format')}${t('colon')}${t('formats')[report.format] || report.format}`);
    if (report.submitter) {
      const s = report.submitter;
      meta.push(`${t('submitter')}${t('colon')}${s.name}${s.iso3 ? ` (${s.iso3})` : ''}`);
    }
    if (report.language) meta.push(`${t('reportLanguage')}${t('colon')}${LANGUAGE_NAMES[report.language] || report.language}`);
    $('verdict-meta').textContent = meta.join(' · ');

    const note = $('lang-note');
    const messagesInLang = ui && ui.languages.includes(lang);
    note.hidden = messagesInLang || report.diagnostics.length === 0;
    note.textContent = messagesInLang ? '' : t('langNote');

    renderFindings(report, found);
    renderSummary(report, found);
    $('result').hidden = false;
  }

  function groupKey(d) {
    return d.location && d.location.section ? d.location.section : '';
  }

  function renderFindings(report, found) {
    const box = $('findings');
    box.replaceChildren();
    if (report.diagnostics.length === 0) {
      box.append(el('p', { class: 'all-good', text: t('noFindings') }));
      return;
    }
    // Groups: the whole report, the cover, then sections in document order,
    // then sections the report lacks (template order), then anything else.
    const order = ['', 'cover'];
    for (const s of found.sections) if (!order.includes(s.id)) order.push(s.id);
    if (ui) for (const s of ui.sections) if (!order.includes(s.id)) order.push(s.id);
    const groups = new Map();
    for (const d of report.diagnostics) {
      const k = groupKey(d);
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(d);
    }
    const keys = [...groups.keys()].sort((a, b) => {
      const ia = order.indexOf(a), ib = order.indexOf(b);
      return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib);
    });
    let anyBlock = false;
    for (const k of keys) {
      const title = k === '' ? t('groupGeneral')
        : k === 'cover' ? t('groupCover')
          : ui && ui.sections.some((s) => s.id === k) ? t('groupSection', { title: sectionTitle(k) })
            : t('groupOther');
      const list = el('ul', { class: 'findings' });
      for (const d of groups.get(k)) {
        if (d.location && d.location.block) anyBlock = true;
        list.append(renderFinding(d));
      }
      box.append(el('section', { class: 'group', 'data-section': k || 'report' },
        el('h3', { text: title }), list));
    }
    if (anyBlock) box.append(el('p', { class: 'hint', text: t('paragraphsNote') }));
  }

  function renderFinding(d) {
    const sevWord = { error: t('sevError'), warning: t('sevWarning'), info: t('sevInfo') }[d.severity] || d.severity;
    const loc = d.location || {};
    const where = [];
    if (loc.objective !== null && loc.objective !== undefined) where.push(t('objective', { n: loc.objective }));
    if (loc.block) where.push(t('paragraph', { n: loc.block }));
    const item = el('li', {
      class: 'finding sev-' + d.severity,
      'data-code': d.code,
      'data-severity': d.severity,
      'data-block': loc.block || null,
    },
    el('p', { class: 'message' },
      el('span', { class: 'badge badge-' + d.severity, text: sevWord }), ' ', d.message),
    where.length ? el('p', { class: 'where' }, el('strong', { text: t('where') + t('colon') }), where.join(', ')) : null,
    loc.excerpt ? el('blockquote', { class: 'excerpt', 'aria-label': t('inYourReport') }, el('p', { text: loc.excerpt })) : null,
    d.help ? el('p', { class: 'fix' }, el('strong', { text: t('fix') + t('colon') }), d.help) : null,
    d.code.startsWith('scope.') ? el('details', { class: 'scope' },
      el('summary', { text: t('scopeTitle') }), el('p', { text: t('scopeExplain') })) : null,
    el('p', { class: 'code' }, `${t('rule')}${t('colon')}`, el('code', { text: d.code })));
    return item;
  }

  function renderSummary(report, found) {
    const box = $('summary');
    box.replaceChildren();
    if (report.status === 'unreadable') {
      $('summary-title').hidden = true;
      return;
    }
    $('summary-title').hidden = false;
    const sections = el('ul', { class: 'checklist' });
    for (const s of ui ? ui.sections : []) {
      const hits = found.sections.filter((f) => f.id === s.id);
      const first = hits[0];
      let state, text;
      if (!first) {
        state = 'missing';
        text = t('sectionMissing');
      } else if (hits.every((h) => h.paragraphs === 0)) {
        state = 'empty';
        text = t('sectionEmpty');
      } else {
        state = 'found';
        const n = hits.reduce((a, h) => a + h.paragraphs, 0);
        text = first.block ? t('sectionFound', { block: first.block, count: plural(n, 'paragraphs') })
          : t('sectionFoundNoBlock', { count: plural(n, 'paragraphs') });
      }
      const mark = { found: '✓', empty: '!', missing: '✗' }[state];
      sections.append(el('li', { class: 'check-' + state, 'data-section': s.id, 'data-state': state },
        el('span', { class: 'mark', 'aria-hidden': 'true', text: mark }), ' ',
        el('strong', { text: sectionTitle(s.id) }),
        s.required ? ` (${t('required')})` : '', t('colon'), text));
    }
    box.append(el('h3', { text: t('sectionsTitle') }), sections);

    box.append(el('h3', { text: t('objectivesTitle') }));
    if (found.objectives.length === 0) {
      box.append(el('p', { text: t('objectivesNone') }));
    } else {
      const list = el('ul', { class: 'objectives' });
      for (const o of found.objectives) {
        const label = objectiveLabel(o.objective);
        list.append(el('li', { 'data-objective': o.objective, class: label === null ? 'objective-unknown' : null },
          label === null ? t('objectiveUnknown', { n: o.objective })
            : t('objectiveItem', { n: o.objective, label })));
      }
      box.append(list);
    }
  }

  // ---------------------------------------------------------------- events
  function wire() {
    const input = $('file');
    const drop = $('drop');
    input.addEventListener('change', () => {
      if (input.files && input.files[0]) checkFile(input.files[0]);
    });
    drop.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        input.click();
      }
    });
    drop.addEventListener('click', () => input.click());
    const over = (on) => {
      drop.classList.toggle('drop-over', on);
      $('drop-hint').textContent = on ? t('dropNow') : t('dropHint');
    };
    // The whole "Your report" box takes a dropped file.
    const zone = $('pick');
    zone.addEventListener('dragover', (ev) => { ev.preventDefault(); over(true); });
    zone.addEventListener('dragenter', (ev) => { ev.preventDefault(); over(true); });
    zone.addEventListener('dragleave', (ev) => { if (!zone.contains(ev.relatedTarget)) over(false); });
    zone.addEventListener('drop', (ev) => {
      ev.preventDefault();
      over(false);
      const f = ev.dataTransfer && ev.dataTransfer.files && ev.dataTransfer.files[0];
      if (f) checkFile(f);
    });
    // A file dropped outside the zone must not make the browser open it.
    window.addEventListener('dragover', (ev) => ev.preventDefault());
    window.addEventListener('drop', (ev) => ev.preventDefault());

    $('lang').addEventListener('change', () => {
      lang = WORDS[$('lang').value] ? $('lang').value : 'en';
      try { window.localStorage.setItem('gcm-review-lang', lang); } catch (_) { /* ignore */ }
      applyLanguage();
      if (lastFile && exportsRef) checkBytes(false);
      else if (document.body.dataset.state === 'ready') setStatus(t('ready'));
      else if (document.body.dataset.state === 'loading') setStatus(t('loading'), 'busy');
    });
  }

  async function start() {
    populateLanguages();
    applyLanguage();
    wire();
    setStatus(t('loading'), 'busy');
    try {
      const bytes = await loadWasmBytes();
      wasmModule = await WebAssembly.compile(bytes);
      await instantiate();
      ui = readResult(exportsRef.ui());
      if (ui.error) throw new Error(ui.error.message);
      window.__ui = ui;
    } catch (e) {
      const detail = e && e.message ? e.message : String(e);
      setStatus(detail === 'needServer' || location.protocol === 'file:' ? t('needServer') : t('loadFailed', { detail }), 'error');
      document.body.dataset.state = 'failed';
      return;
    }
    applyLanguage();
    setStatus(t('ready'));
    document.body.dataset.state = 'ready';
  }

  start();
})();
