//! The individual lint rules over parsed parts.

use super::order;
use super::tree::Element;
use super::{problem, LintProblem, LintRule, Parts};
use std::collections::{BTreeMap, BTreeSet};

type Trees = BTreeMap<String, Element>;

const CONTENT_TYPES: &str = "[Content_Types].xml";

/// Every part has a Default (by extension) or an Override content type.
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
    let mut defaults = BTreeSet::new();
    let mut overrides = BTreeSet::new();
    for c in &types.children {
        match (
            c.name.as_str(),
            c.attr("ContentType").is_some_and(|t| !t.is_empty()),
        ) {
            ("Default", true) => {
                if let Some(ext) = c.attr("Extension") {
                    defaults.insert(ext.to_ascii_lowercase());
                }
            }
            ("Override", true) => {
                if let Some(name) = c.attr("PartName") {
                    overrides.insert(name.trim_start_matches('/').to_ascii_lowercase());
                }
            }
            _ => {}
        }
    }
    for name in parts.keys().filter(|n| n.as_str() != CONTENT_TYPES) {
        let lower = name.to_ascii_lowercase();
        let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        let last = lower.rsplit('/').next().unwrap_or("");
        let has_ext = last.contains('.');
        if !overrides.contains(&lower) && !(has_ext && defaults.contains(ext)) {
            out.push(problem(
                LintRule::ContentType,
                name,
                "no Default or Override content type",
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
            let resolved = resolve(base_dir, target);
            if resolved.is_empty() || !names.contains(&resolved.to_ascii_lowercase()) {
                let id = rel.attr("Id").unwrap_or("?");
                out.push(problem(
                    LintRule::RelationshipTarget,
                    name,
                    format!("relationship {id} targets {target}, which is not in the package"),
                ));
            }
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
