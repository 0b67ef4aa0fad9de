//! Native DrawingML bar charts: a `word/charts/chartN.xml` part with literal
//! data (no embedded workbook) and an inline drawing in the body that points
//! to it. Word and LibreOffice draw it with document fonts, so Arabic and
//! Chinese labels are shaped, and `wp:docPr/@descr` carries the alt text.

use super::body::{para_props, Ctx, ParaProps};
use super::model::BarChart;
use super::xml::Xml;
use super::WriteError;

const NS_C: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Width of a chart: the A4 text width (6.27 in) in EMU.
const WIDTH_EMU: u64 = 5_731_510;
/// Colours for up to six series (accessible contrast on white), then repeated.
const PALETTE: [&str; 6] = ["2F5597", "C55A11", "548235", "7F6000", "7030A0", "404040"];

/// Writes the paragraph holding the inline chart and records the chart part.
pub(crate) fn write_inline(x: &mut Xml, ctx: &mut Ctx, chart: &BarChart) -> Result<(), WriteError> {
    ctx.charts.push(chart_part(chart, &ctx.lang));
    let n = ctx.charts.len();
    let rel = format!("rIdChart{n}");
    let id = ctx.docpr_id().to_string();
    let rows = u64::try_from(chart.categories.len()).unwrap_or(u64::MAX);
    let height = if chart.horizontal {
        rows.saturating_mul(330_000).clamp(3_200_400, 8_000_000)
    } else {
        3_200_400
    };
    // Alt text is required (Word's accessibility checker, WCAG 1.1.1).
    let descr = [
        chart.description.as_str(),
        chart.title.as_str(),
        "Bar chart",
    ]
    .into_iter()
    .find(|t| !super::xml::clean(t).trim().is_empty())
    .unwrap_or("Bar chart");
    // The paragraph holding the chart is never `w:bidi`: LibreOffice draws
    // axis numbers reversed ("21" for 12) inside a right-to-left paragraph,
    // and a full-width drawing needs no direction of its own.
    let props = ParaProps {
        rtl: false,
        lang: None,
    };
    x.open("w:p", &[]);
    para_props(x, None, &props, false);
    x.open("w:r", &[]);
    x.open("w:drawing", &[]);
    x.open(
        "wp:inline",
        &[
            ("distT", "0"),
            ("distB", "0"),
            ("distL", "0"),
            ("distR", "0"),
        ],
    );
    x.empty(
        "wp:extent",
        &[("cx", &WIDTH_EMU.to_string()), ("cy", &height.to_string())],
    );
    x.empty(
        "wp:effectExtent",
        &[("l", "0"), ("t", "0"), ("r", "0"), ("b", "0")],
    );
    x.empty(
        "wp:docPr",
        &[
            ("id", &id),
            ("name", &format!("Chart {n}")),
            ("descr", descr),
        ],
    );
    x.empty("wp:cNvGraphicFramePr", &[]);
    x.open("a:graphic", &[("xmlns:a", NS_A)]);
    x.open("a:graphicData", &[("uri", NS_C)]);
    x.empty(
        "c:chart",
        &[("xmlns:c", NS_C), ("xmlns:r", NS_R), ("r:id", &rel)],
    );
    x.close("a:graphicData");
    x.close("a:graphic");
    x.close("wp:inline");
    x.close("w:drawing");
    x.close("w:r");
    x.close("w:p");
    Ok(())
}

fn rich_title(x: &mut Xml, text: &str, lang: &str, size: &str) {
    x.open("c:title", &[]);
    x.open("c:tx", &[]);
    x.open("c:rich", &[]);
    x.empty("a:bodyPr", &[]);
    x.empty("a:lstStyle", &[]);
    x.open("a:p", &[]);
    x.open("a:pPr", &[]);
    x.empty("a:defRPr", &[("sz", size), ("b", "1")]);
    x.close("a:pPr");
    x.open("a:r", &[]);
    x.empty("a:rPr", &[("lang", lang), ("sz", size), ("b", "1")]);
    x.leaf("a:t", &[], text);
    x.close("a:r");
    x.close("a:p");
    x.close("c:rich");
    x.close("c:tx");
    x.empty("c:overlay", &[("val", "0")]);
    x.close("c:title");
}

fn v(x: &mut Xml, name: &str, val: &str) {
    x.empty(name, &[("val", val)]);
}

/// The chart part's XML.
pub(crate) fn chart_part(chart: &BarChart, lang: &str) -> String {
    let mut x = Xml::new();
    x.open(
        "c:chartSpace",
        &[("xmlns:c", NS_C), ("xmlns:a", NS_A), ("xmlns:r", NS_R)],
    );
    v(&mut x, "c:date1904", "0");
    v(&mut x, "c:lang", lang);
    v(&mut x, "c:roundedCorners", "0");
    x.open("c:chart", &[]);
    let has_title = !chart.title.trim().is_empty();
    if has_title {
        rich_title(&mut x, &chart.title, lang, "1400");
    }
    v(
        &mut x,
        "c:autoTitleDeleted",
        if has_title { "0" } else { "1" },
    );
    x.open("c:plotArea", &[]);
    x.empty("c:layout", &[]);
    x.open("c:barChart", &[]);
    v(
        &mut x,
        "c:barDir",
        if chart.horizontal { "bar" } else { "col" },
    );
    v(&mut x, "c:grouping", "clustered");
    v(&mut x, "c:varyColors", "0");
    for (i, s) in chart.series.iter().enumerate() {
        series(&mut x, chart, i, &s.name, &s.values);
    }
    v(&mut x, "c:gapWidth", "150");
    v(&mut x, "c:axId", "500000001");
    v(&mut x, "c:axId", "500000002");
    x.close("c:barChart");
    let (cat_pos, val_pos) = if chart.horizontal {
        ("l", "b")
    } else {
        ("b", "l")
    };
    axis(
        &mut x,
        "c:catAx",
        ("500000001", "500000002"),
        cat_pos,
        chart.category_axis_title.as_deref(),
        lang,
        chart.horizontal,
    );
    axis(
        &mut x,
        "c:valAx",
        ("500000002", "500000001"),
        val_pos,
        chart.value_axis_title.as_deref(),
        lang,
        chart.horizontal,
    );
    x.close("c:plotArea");
    if chart.series.len() > 1 {
        x.open("c:legend", &[]);
        v(&mut x, "c:legendPos", "b");
        v(&mut x, "c:overlay", "0");
        x.close("c:legend");
    }
    v(&mut x, "c:plotVisOnly", "1");
    v(&mut x, "c:dispBlanksAs", "gap");
    x.close("c:chart");
    x.close("c:chartSpace");
    x.finish()
}

fn series(x: &mut Xml, chart: &BarChart, i: usize, name: &str, values: &[f64]) {
    let idx = i.to_string();
    let count = chart.categories.len().to_string();
    x.open("c:ser", &[]);
    v(x, "c:idx", &idx);
    v(x, "c:order", &idx);
    x.open("c:tx", &[]);
    x.leaf("c:v", &[], name);
    x.close("c:tx");
    x.open("c:spPr", &[]);
    x.open("a:solidFill", &[]);
    v(x, "a:srgbClr", PALETTE[i % PALETTE.len()]);
    x.close("a:solidFill");
    x.close("c:spPr");
    v(x, "c:invertIfNegative", "0");
    x.open("c:cat", &[]);
    x.open("c:strLit", &[]);
    v(x, "c:ptCount", &count);
    for (j, label) in chart.categories.iter().enumerate() {
        x.open("c:pt", &[("idx", &j.to_string())]);
        x.leaf("c:v", &[], label);
        x.close("c:pt");
    }
    x.close("c:strLit");
    x.close("c:cat");
    x.open("c:val", &[]);
    x.open("c:numLit", &[]);
    x.leaf("c:formatCode", &[], "General");
    v(x, "c:ptCount", &count);
    for (j, value) in values.iter().take(chart.categories.len()).enumerate() {
        if value.is_finite() {
            x.open("c:pt", &[("idx", &j.to_string())]);
            x.leaf("c:v", &[], &value.to_string());
            x.close("c:pt");
        }
    }
    x.close("c:numLit");
    x.close("c:val");
    x.close("c:ser");
}

/// A category or value axis; children in CT_CatAx / CT_ValAx order.
///
/// Horizontal bar charts list the first category at the top (as people read
/// a table): the category axis runs max to min and the value axis crosses it
/// at the maximum, which keeps the value axis at the bottom.
fn axis(
    x: &mut Xml,
    kind: &str,
    ids: (&str, &str),
    pos: &str,
    title: Option<&str>,
    lang: &str,
    top_down: bool,
) {
    let value_axis = kind == "c:valAx";
    x.open(kind, &[]);
    v(x, "c:axId", ids.0);
    x.open("c:scaling", &[]);
    let reversed = top_down && !value_axis;
    v(
        x,
        "c:orientation",
        if reversed { "maxMin" } else { "minMax" },
    );
    x.close("c:scaling");
    v(x, "c:delete", "0");
    v(x, "c:axPos", pos);
    if value_axis {
        x.empty("c:majorGridlines", &[]);
    }
    if let Some(t) = title.filter(|t| !t.trim().is_empty()) {
        rich_title(x, t, lang, "1000");
    }
    if value_axis {
        x.empty(
            "c:numFmt",
            &[("formatCode", "General"), ("sourceLinked", "0")],
        );
    }
    v(x, "c:majorTickMark", "out");
    v(x, "c:minorTickMark", "none");
    v(x, "c:tickLblPos", "nextTo");
    v(x, "c:crossAx", ids.1);
    v(
        x,
        "c:crosses",
        if top_down && value_axis {
            "max"
        } else {
            "autoZero"
        },
    );
    if value_axis {
        v(x, "c:crossBetween", "between");
    } else {
        v(x, "c:auto", "1");
        v(x, "c:lblAlgn", "ctr");
        v(x, "c:lblOffset", "100");
        v(x, "c:noMultiLvlLbl", "0");
    }
    x.close(kind);
}
