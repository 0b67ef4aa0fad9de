//! The individual lint rules over parsed parts.

use super::order;
use super::tree::Element;
use super::{problem, LintProblem, LintRule, Parts};
use std::collections::{BTreeMap, BTreeSet};

type Trees = BTreeMap<String, Element>;

const CONTENT_TYPES: &str = "[Content_Types].xml";

/// The content type of each part, from Overrides and Defaults.
struct TypeMap {
    defaults: BTreeMap<String, String>,
    overrides: BTreeMap<String, String>,
}

impl TypeMap {
    fn new(types: &Element) -> Self {
        let mut map = TypeMap {
            defaults: BTreeMap::new(),
            overrides: BTreeMap::new(),
        };
        for c in &types.children {
            let Some(ct) = c.attr("ContentType").filter(|t| !t.is_empty()) else {
                continue;
            };
            match (c.name.as_str(), c.attr("Extension"), c.attr("PartName")) {
                ("Default", Some(ext), _) => {
                    map.defaults
                        .insert(ext.to_ascii_lowercase(), ct.to_string());
                }
                ("Override", _, Some(name)) => {
                    let key = name.trim_start_matches('/').to_ascii_lowercase();
                    map.overrides.insert(key, ct.to_string());
                }
                _ => {}
            }
        }
        map
    }

    fn get(&self, part: &str) -> Option<&str> {
        let lower = part.to_ascii_lowercase();
        if let Some(ct) = self.overrides.get(&lower) {
            return Some(ct);
        }
        let last = lower.rsplit('/').next().unwrap_or("");
        let ext = last.rsplit_once('.').map(|(_, e)| e)?;
        self.defaults.get(ext).map(String::as_str)
    }
}

/// Content type a part must have when reached through a relationship type
/// (suffix after `.../relationships/`). Word identifies parts this way and
/// refuses, for example, styles served as plain `application/xml`.
fn expected_type(rel_type: &str) -> Option<&'static str> {
    let suffix = rel_type.rsplit('/').next().unwrap_or("");
    Some(match suffix {
        "officeDocument" => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
        }
        "styles" => "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
        "settings" => "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
        "webSettings" => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.webSettings+xml"
        }
        "fontTable" => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"
        }
        "numbering" => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
        }
        "footnotes" => {
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
        }
        "endnotes" => "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
        "header" => "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
        "footer" => "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
        "theme" => "application/vnd.openxmlformats-officedocument.theme+xml",
        "chart" => "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
        "core-properties" => "application/vnd.openxmlformats-package.core-properties+xml",
        "extended-properties" => {
            "application/vnd.openxmlformats-officedocument.extended-properties+xml"
        }
        _ => return None,
    })
}

/// One internal relationship: (rels part, id, type, resolved target, raw target).
struct Rel<'a> {
    rels_part: &'a str,
    id: &'a str,
    kind: &'a str,
    resolved: String,
    target: &'a str,
}

fn internal_rels(trees: &Trees) -> Vec<Rel<'_>> {
    let mut out = Vec::new();
    for (name, tree) in trees
        .iter()
        .filter(|(n, _)| n.to_ascii_lowercase().ends_with(".rels"))
    {
        // "word/_rels/document.xml.rels" -> source directory "word".
        let base_dir = name
            .rsplit_once("_rels/")
            .map(|(dir, _)| dir.trim_end_matches('/'))
            .unwrap_or("");
        for rel in tree.children.iter().filter(|c| c.name == "Relationship") {
            if rel.attr("TargetMode") == Some("External") {
                continue;
            }
            let target = rel.attr("Target").unwrap_or("");
            out.push(Rel {
                rels_part: name,
                id: rel.attr("Id").unwrap_or("?"),
                kind: rel.attr("Type").unwrap_or(""),
                resolved: resolve(base_dir, target),
                target,
            });
        }
    }
    out
}

/// Every part has a content type (Default by extension or Override), and
/// parts reached through known relationship types have the right one.
pub(super) fn content_types(parts: &Parts, trees: &Trees, out: &mut Vec<LintProblem>) {
    let Some(types) = trees.get(CONTENT_TYPES) else {
        if !parts.contains_key(CONTENT_TYPES) {
            out.push(problem(
                LintRule::ContentType,
                CONTENT_TYPES,
                "the package has no [Content_Types].xml",
            ));
        }
        return;
    };
    let map = TypeMap::new(types);
    for name in parts.keys().filter(|n| n.as_str() != CONTENT_TYPES) {
        if map.get(name).is_none() {
            out.push(problem(
                LintRule::ContentType,
                name,
                "no Default or Override content type",
            ));
        }
    }
    let names: BTreeMap<String, &String> =
        parts.keys().map(|n| (n.to_ascii_lowercase(), n)).collect();
    for rel in internal_rels(trees) {
        let (Some(want), Some(part)) = (
            expected_type(rel.kind),
            names.get(&rel.resolved.to_ascii_lowercase()),
        ) else {
            continue;
        };
        if let Some(have) = map.get(part).filter(|have| *have != want) {
            out.push(problem(
                LintRule::ContentType,
                part,
                format!(
                    "content type is {have}, but a {} relationship needs {want}",
                    rel.kind.rsplit('/').next().unwrap_or("")
                ),
            ));
        }
    }
}

/// Resolves a relationship target against the directory of its source part.
fn resolve(base_dir: &str, target: &str) -> String {
    let target = target.split('#').next().unwrap_or("");
    let mut segments: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        base_dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

/// Every internal relationship target exists in the package.
pub(super) fn relationships(parts: &Parts, trees: &Trees, out: &mut Vec<LintProblem>) {
    let names: BTreeSet<String> = parts.keys().map(|n| n.to_ascii_lowercase()).collect();
    for rel in internal_rels(trees) {
        if rel.resolved.is_empty() || !names.contains(&rel.resolved.to_ascii_lowercase()) {
            out.push(problem(
                LintRule::RelationshipTarget,
                rel.rels_part,
                format!(
                    "relationship {} targets {}, which is not in the package",
                    rel.id, rel.target
                ),
            ));
        }
    }
}

/// `dc:title` and `dc:language` are present and non-empty.
pub(super) fn core_properties(trees: &Trees, out: &mut Vec<LintProblem>) {
    let part = "docProps/core.xml";
    let Some(core) = trees.get(part) else {
        out.push(problem(
            LintRule::CoreProperties,
            part,
            "no core properties part",
        ));
        return;
    };
    for name in ["dc:title", "dc:language"] {
        if core.child(name).is_none_or(|e| e.text.trim().is_empty()) {
            out.push(problem(
                LintRule::CoreProperties,
                part,
                format!("{name} is missing or empty"),
            ));
        }
    }
}

/// Elements that may follow the last paragraph of a cell without harm.
fn is_range_marker(name: &str) -> bool {
    matches!(
        name,
        "w:bookmarkEnd"
            | "w:commentRangeEnd"
            | "w:permEnd"
            | "w:proofErr"
            | "w:moveFromRangeEnd"
            | "w:moveToRangeEnd"
    )
}

/// Checks on WordprocessingML parts: cells, tables, drawings, child order.
pub(super) fn wordprocessing(trees: &Trees, out: &mut Vec<LintProblem>) {
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    for (name, tree) in trees
        .iter()
        .filter(|(n, _)| n.starts_with("word/") && n.ends_with(".xml"))
    {
        tree.walk(&mut |e| match e.name.as_str() {
            "w:tc" => {
                let last = e.children.iter().rev().find(|c| !is_range_marker(&c.name));
                if last.is_none_or(|c| c.name != "w:p") {
                    out.push(problem(
                        LintRule::CellEndsWithParagraph,
                        name,
                        "a w:tc does not end with a w:p",
                    ));
                }
            }
            "w:tbl" => table(name, e, out),
            "wp:docPr" => {
                let id = e.attr("id").unwrap_or("").to_string();
                if let Some(first) = ids.get(&id) {
                    out.push(problem(
                        LintRule::DrawingIdUnique,
                        name,
                        format!("wp:docPr id \"{id}\" is already used in {first}"),
                    ));
                } else {
                    ids.insert(id.clone(), name.clone());
                }
                if e.attr("descr").is_none_or(|d| d.trim().is_empty()) {
                    out.push(problem(
                        LintRule::DrawingDescription,
                        name,
                        format!("wp:docPr id \"{id}\" has no descr (alt text)"),
                    ));
                }
            }
            parent if order::is_checked(parent) => child_order(name, e, out),
            _ => {}
        });
    }
}

fn table(part: &str, tbl: &Element, out: &mut Vec<LintProblem>) {
    match tbl.child("w:tblGrid") {
        None => out.push(problem(
            LintRule::TableGrid,
            part,
            "a w:tbl has no w:tblGrid",
        )),
        Some(grid) => {
            let cols: Vec<&Element> = grid
                .children
                .iter()
                .filter(|c| c.name == "w:gridCol")
                .collect();
            if cols.is_empty() || cols.iter().any(|c| c.attr("w:w").is_none()) {
                out.push(problem(
                    LintRule::TableGrid,
                    part,
                    "a w:tblGrid has no w:gridCol or one without w:w",
                ));
            }
        }
    }
    if tbl
        .child("w:tblPr")
        .and_then(|p| p.child("w:tblW"))
        .is_none()
    {
        out.push(problem(
            LintRule::TableWidth,
            part,
            "a w:tbl has no w:tblPr/w:tblW",
        ));
    }
}

fn child_order(part: &str, parent: &Element, out: &mut Vec<LintProblem>) {
    let mut last: Option<(usize, &str)> = None;
    for c in &parent.children {
        let Some(rank) = order::rank(&parent.name, &c.name) else {
            continue;
        };
        if let Some((prev_rank, prev)) = last {
            if rank < prev_rank {
                out.push(problem(
                    LintRule::ChildOrder,
                    part,
                    format!(
                        "in {}, {} comes after {} but the schema puts it before",
                        parent.name, c.name, prev
                    ),
                ));
                return;
            }
        }
        last = Some((rank, &c.name));
    }
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn resolves_targets() {
        assert_eq!(resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(
            resolve("word", "/customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(
            resolve("word/charts", "../embeddings/x.xlsx"),
            "word/embeddings/x.xlsx"
        );
        assert_eq!(resolve("word", "./media/a.png"), "word/media/a.png");
    }
}
