//! The report as one self-contained HTML page: no script, no fonts or images from the
//! network; the charts are inline SVG.

use ahp_fce::model::Report;
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// One colour per item of a chart of curves (Okabe & Ito's palette, distinct for the common
/// forms of colour blindness); repeated past eight.
const ITEMS: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
];

/// One colour per grade, in order (repeated past ten grades); chosen to stay apart for the
/// common forms of colour blindness.
const PALETTE: [&str; 10] = [
    "#1b7837", "#7fbf7b", "#d9f0d3", "#e7d4e8", "#af8dc3", "#762a83", "#2166ac", "#92c5de",
    "#f4a582", "#b2182b",
];

const STYLE: &str = "
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { padding: 0.2rem 0.6rem; text-align: right; border-bottom: 1px solid #ddd; }
th:first-child, td:first-child { text-align: left; }
.bad { color: #b2182b; font-weight: bold; } .good { color: #1b7837; }
.method { color: #555; } .legend span { margin-right: 1rem; }
.swatch { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.3rem; }
";

/// The whole page.
pub(crate) fn page(report: &Report) -> String {
    let goal = report.nodes.first().map_or("", |n| n.path.as_str());
    let o = &report.options;
    let markup = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (goal) " — ahp-fce report" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { (goal) }
                p.method {
                    (capitalized(o.weighting.name())) " weights; random-index table " (o.random_index.name())
                    "; CR threshold " (o.cr_threshold) "; operator " (o.operator.name())
                    ". Judgment matrices are read " (ahp_fce::model::ORIENTATION) "."
                }
                @if let Some(details) = report.method_details() { p.method { (details) } }
                h2 { "Weights and consistency" }
                (weights_table(report))
                p.method { "Global weights of the leaves:" }
                (weights_chart(report))
                @for node in &report.nodes {
                    @if let Some(lines) = node.completion_lines() {
                        p.method { "Judgments not given at " (node.path) ":" }
                        ul { @for line in lines { li { (line) } } }
                    }
                    @if let Some(line) = node.indicator_line() {
                        p.method { "Membership function of " (line) }
                    }
                    @if let Some(panel) = &node.panel {
                        p.method { "Panel at " (node.path) ":" }
                        ul { @for line in panel.lines() { li { (line) } } }
                    }
                    @if let Some(found) = &node.inconsistency {
                        p.bad {
                            "Where the inconsistency of " (node.path) " comes from (Koczkodaj index "
                            (format!("{:.4}", found.koczkodaj)) "); reconsider first:"
                        }
                        ul { @for line in found.lines() { li { (line) } } }
                    }
                }
                @let h = &report.hierarchy_consistency;
                p {
                    "Hierarchy CR = " (format!("{:.4}", h.cr)) ": "
                    @if h.acceptable { span.good { "acceptable" } } @else { span.bad { "not acceptable" } }
                    @if !h.all_nodes_acceptable { "; some matrices are inconsistent" }
                }
                @if let Some(line) = report.levels_line() { p { (line) } }
                @if !report.objects.is_empty() {
                    h2 { "Objects" }
                    (legend(report))
                    (objects_chart(report))
                    @for object in &report.objects {
                        h2 { (object.name) }
                        (object_tables(report, object))
                    }
                }
                @if let Some(a) = &report.alternatives {
                    h2 { (a.title()) }
                    table id="alternatives" {
                        tr {
                            th { "alternative" }
                            @for leaf in &a.leaves {
                                th { (leaf.path.rsplit('/').next().unwrap_or(&leaf.path)) br; (format!("{:.4}", leaf.global_weight)) }
                            }
                            th { "overall" } th { "rank" }
                        }
                        @for (k, name) in a.names.iter().enumerate() {
                            tr {
                                td { (name) }
                                @for leaf in &a.leaves {
                                    td { (leaf.used.get(k).map_or_else(String::new, |v| format!("{v:.4}"))) }
                                }
                                td { (format!("{:.4}", a.overall.get(k).copied().unwrap_or(f64::NAN))) }
                                td { (a.rank_of(k).map_or_else(String::new, |r| r.to_string())) }
                            }
                        }
                    }
                }
                @if let Some(a) = &report.alternatives {
                    @if a.sensitivity.iter().any(|e| !e.sensitivity.curve.is_empty()) {
                        p.method { "Each alternative's overall priority as one criterion's weight moves (the dashed line is its weight now):" }
                        p.legend {
                            @for (k, name) in a.names.iter().enumerate() {
                                span { span.swatch style=(format!("background: {}", ITEMS[k % ITEMS.len()])) {} (name) }
                            }
                        }
                        @for entry in &a.sensitivity {
                            (curve_chart(entry))
                        }
                    }
                }
                @for leaf in report.alternatives.iter().flat_map(|a| &a.leaves) {
                    @if let Some(found) = &leaf.inconsistency {
                        p.bad {
                            "Where the inconsistency of the alternatives under " (leaf.path) " comes from (Koczkodaj index "
                            (format!("{:.4}", found.koczkodaj)) "); reconsider first:"
                        }
                        ul { @for line in found.lines() { li { (line) } } }
                    }
                }
                @for (entries, verdicts) in report.alternatives.as_ref().map(|a| (a.sensitivity.as_slice(), false)).into_iter().chain(report.sensitivity.as_ref().map(|s| (s.criteria.as_slice(), true))) {
                    @if !entries.is_empty() {
                        p.method { (ahp_fce::model::SENSITIVITY_TITLE) "." }
                        table.sensitivity {
                            tr {
                                th { "criterion" } th { "weight" } th { "best changes at" } th { "ranks change at" }
                                @if verdicts { th { "verdicts change at" } }
                            }
                            @for e in entries {
                                @let [top, ranks, verdict] = e.cells();
                                tr {
                                    td { (e.path) } td { (format!("{:.4}", e.sensitivity.weight)) } td { (top) } td { (ranks) }
                                    @if verdicts { td { (verdict) } }
                                }
                            }
                        }
                    }
                }
                @if let Some(note) = &report.sensitivity_note { p.method { (note) } }
                @if let Some(lines) = report.uncertainty_lines() {
                    @if let Some((head, rest)) = lines.split_first() {
                        p.method { (head) ":" }
                        ul { @for line in rest { li { (line) } } }
                    }
                }
                @if !report.ranking.is_empty() {
                    h2 { "Ranking (" (o.rank_order.describe()) ")" }
                    table {
                        tr { th { "rank" } th { "object" } th { "score" } }
                        @for entry in &report.ranking {
                            tr { td { (entry.rank) } td { (entry.name) } td { (format!("{:.4}", entry.score)) } }
                        }
                    }
                }
            }
        }
    };
    markup.into_string()
}

fn weights_table(report: &Report) -> Markup {
    html! {
        table id="weights" {
            tr { th { "node" } th { "local" } th { "global" } th { "λmax" } th { "CI" } th { "RI" } th { "CR" } }
            @for node in &report.nodes {
                tr {
                    td style=(format!("padding-left: {}rem", 0.6 + 1.2 * node.depth as f64)) {
                        (node.path.rsplit('/').next().unwrap_or(&node.path))
                    }
                    td { (format!("{:.4}", node.local_weight)) }
                    td { (format!("{:.4}", node.global_weight)) }
                    @if let Some(c) = &node.consistency {
                        td { (format!("{:.4}", c.lambda_max)) }
                        td { (format!("{:.4}", c.ci)) }
                        td { (format!("{:.2}", c.ri)) }
                        td class=(if c.acceptable { "good" } else { "bad" }) {
                            (format!("{:.4}", c.cr)) @if !c.acceptable { " inconsistent" }
                        }
                    } @else {
                        td {} td {} td {} td {}
                    }
                }
            }
        }
    }
}

/// A horizontal bar per leaf, as long as its global weight.
fn weights_chart(report: &Report) -> Markup {
    let leaves: Vec<_> = report
        .nodes
        .iter()
        .filter(|n| n.consistency.is_none() && n.depth > 0 && !has_children(report, &n.path))
        .collect();
    let largest = leaves.iter().map(|n| n.global_weight).fold(0.0, f64::max);
    let (label, bar, row) = (180.0, 420.0, 18.0);
    let height = row * leaves.len() as f64 + 4.0;
    html! {
        svg id="weights-chart" xmlns="http://www.w3.org/2000/svg" role="img"
            width=(label + bar + 70.0) height=(height)
            viewBox=(format!("0 0 {} {height}", label + bar + 70.0)) {
            title { "Global weights of the leaves" }
            @for (k, leaf) in leaves.iter().enumerate() {
                @let y = row * k as f64 + 2.0;
                @let width = if largest > 0.0 { bar * leaf.global_weight / largest } else { 0.0 };
                text x=(label - 6.0) y=(y + 12.0) text-anchor="end" font-size="12" {
                    (leaf.path.rsplit('/').next().unwrap_or(&leaf.path))
                }
                rect x=(label) y=(y) width=(width) height=(row - 4.0) fill="#2166ac" {}
                text x=(label + width + 4.0) y=(y + 12.0) font-size="12" {
                    (format!("{:.4}", leaf.global_weight))
                }
            }
        }
    }
}

/// One criterion's sensitivity curves: each item's score against the criterion's weight on
/// [0, 1], with the current weight dashed.
fn curve_chart(entry: &ahp_fce::model::SensitivityEntry) -> Markup {
    let curve = &entry.sensitivity.curve;
    let (width, height, pad) = (300.0, 160.0, 24.0);
    let (lo, hi) = curve
        .iter()
        .flat_map(|p| p.scores.iter().copied())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
            (l.min(v), h.max(v))
        });
    let span = if hi > lo { hi - lo } else { 1.0 };
    let x = |w: f64| pad + w * (width - 2.0 * pad);
    let y = |v: f64| height - pad - (v - lo) / span * (height - 2.0 * pad);
    let items = curve.first().map_or(0, |p| p.scores.len());
    html! {
        svg.curve xmlns="http://www.w3.org/2000/svg" role="img" width=(width) height=(height)
            viewBox=(format!("0 0 {width} {height}")) {
            title { (entry.path) }
            text x=(pad) y="14" font-size="12" { (entry.path.rsplit('/').next().unwrap_or(&entry.path)) }
            line x1=(pad) y1=(height - pad) x2=(width - pad) y2=(height - pad) stroke="#888" {}
            @let now = x(entry.sensitivity.weight);
            line x1=(now) y1=(pad) x2=(now) y2=(height - pad) stroke="#888" stroke-dasharray="4 3" {}
            text x=(pad) y=(height - 8.0) font-size="10" { "0" }
            text x=(width - pad) y=(height - 8.0) font-size="10" text-anchor="end" { "1" }
            @for k in 0..items {
                @let points: Vec<String> = curve
                    .iter()
                    .map(|p| format!("{:.1},{:.1}", x(p.weight), y(p.scores[k])))
                    .collect();
                polyline fill="none" stroke=(ITEMS[k % ITEMS.len()]) stroke-width="2"
                    points=(points.join(" ")) {}
            }
        }
    }
}

fn has_children(report: &Report, path: &str) -> bool {
    let prefix = format!("{path}/");
    report.nodes.iter().any(|n| n.path.starts_with(&prefix))
}

fn legend(report: &Report) -> Markup {
    html! {
        p.legend {
            @for (h, grade) in report.grades.iter().enumerate() {
                span { span.swatch style=(format!("background: {}", PALETTE[h % PALETTE.len()])) {} (grade.name) }
            }
        }
    }
}

/// Each object's final grade vector E as a stacked bar.
fn objects_chart(report: &Report) -> Markup {
    let (label, bar, row) = (180.0, 480.0, 22.0);
    let height = row * report.objects.len() as f64 + 4.0;
    html! {
        svg id="objects-chart" xmlns="http://www.w3.org/2000/svg" role="img"
            width=(label + bar + 10.0) height=(height)
            viewBox=(format!("0 0 {} {height}", label + bar + 10.0)) {
            title { "Each object's grade vector E" }
            @for (k, object) in report.objects.iter().enumerate() {
                @let y = row * k as f64 + 2.0;
                text x=(label - 6.0) y=(y + 14.0) text-anchor="end" font-size="12" { (object.name) }
                @for (h, (start, share)) in stacked(&object.result).into_iter().enumerate() {
                    rect x=(label + bar * start) y=(y) width=(bar * share) height=(row - 5.0)
                        fill=(PALETTE[h % PALETTE.len()]) {
                        title { (report.grades.get(h).map_or("", |g| g.name.as_str())) ": " (format!("{share:.4}")) }
                    }
                }
            }
        }
    }
}

/// (start, width) of each segment of a stacked bar over `shares`.
fn stacked(shares: &[f64]) -> Vec<(f64, f64)> {
    let mut start = 0.0;
    shares
        .iter()
        .map(|&share| {
            let segment = (start, share);
            start += share;
            segment
        })
        .collect()
}

fn object_tables(report: &Report, object: &ahp_fce::model::ObjectReport) -> Markup {
    let verdict = &object.verdict;
    html! {
        table {
            tr { th { "node" } @for g in &report.grades { th { (g.name) } } }
            @for v in &object.node_vectors {
                tr { td { (v.path) } @for x in &v.vector { td { (format!("{x:.4}")) } } }
            }
        }
        p {
            "Verdict: " strong { (verdict.name) } " "
            @if verdict.tied { span.bad { (report.verdict_detail(object)) } }
            @else { (report.verdict_detail(object)) }
            @if let Some(score) = object.score { "; score " (format!("{score:.4}")) }
        }
        @if !object.contributions.is_empty() {
            table {
                tr { th { "criterion" } th { "weight" } @for g in &report.grades { th { (g.name) } } th { "score" } }
                @for c in &object.contributions {
                    tr {
                        td { (c.path) }
                        td { (format!("{:.4}", c.weight)) }
                        @for x in &c.weighted { td { (format!("{x:.4}")) } }
                        td { (c.score.map_or_else(String::new, |s| format!("{s:.4}"))) }
                    }
                }
            }
        }
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
