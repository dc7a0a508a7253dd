//! Plots the membership functions of `examples/models/indicators.toml`: for each leaf with an
//! indicator, every grade's degree as the measured value runs over its range, as one SVG.
//!
//!     cargo run --example indicator_plot > docs/indicators.svg

use std::fmt::Write as _;

use ahp_fce::fce::{IndicatorMembership, IndicatorShape};
use ahp_fce::model::Model;

const WIDTH: f64 = 640.0;
const PANEL: f64 = 220.0;
const MARGIN: f64 = 48.0;
const COLOURS: [&str; 6] = [
    "#2b7a3d", "#c9a227", "#b23a2e", "#3569a8", "#7a4fa0", "#555555",
];

fn main() -> Result<(), ahp_fce::Error> {
    let model = Model::from_toml(include_str!("models/indicators.toml"))?;
    let hierarchy = model.hierarchy();
    let grades = model
        .grades()
        .map(|g| g.names().to_vec())
        .unwrap_or_default();
    let leaves: Vec<(String, &IndicatorMembership)> = hierarchy
        .leaves()
        .zip(model.indicators())
        .filter_map(|(leaf, f)| Some((hierarchy.path(leaf), f.as_ref()?)))
        .collect();
    let height = PANEL * leaves.len() as f64 + 40.0;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" font-family="sans-serif" font-size="12">"#
    );
    for (k, (path, f)) in leaves.iter().enumerate() {
        let top = PANEL * k as f64 + 20.0;
        let (lo, hi) = range(f);
        let x = |v: f64| MARGIN + (v - lo) / (hi - lo) * (WIDTH - 2.0 * MARGIN);
        let y = |d: f64| top + 20.0 + (1.0 - d) * (PANEL - 70.0);
        let _ = writeln!(
            svg,
            r#"<text x="{MARGIN}" y="{}">{path} ({:?} is better)</text>"#,
            top + 10.0,
            f.better()
        );
        let _ = writeln!(
            svg,
            r#"<line x1="{MARGIN}" y1="{0}" x2="{1}" y2="{0}" stroke="black"/><line x1="{MARGIN}" y1="{0}" x2="{MARGIN}" y2="{2}" stroke="black"/>"#,
            y(0.0),
            WIDTH - MARGIN,
            y(1.0)
        );
        let _ = writeln!(
            svg,
            r#"<text x="{MARGIN}" y="{}">{lo:.4}</text><text x="{}" y="{}" text-anchor="end">{hi:.4}</text>"#,
            y(0.0) + 16.0,
            WIDTH - MARGIN,
            y(0.0) + 16.0
        );
        let samples: Vec<(f64, Vec<f64>)> = (0..=200)
            .map(|s| {
                let v = lo + (hi - lo) * f64::from(s) / 200.0;
                (v, f.degrees(v).unwrap_or_default())
            })
            .collect();
        for (h, grade) in grades.iter().enumerate() {
            let points: Vec<String> = samples
                .iter()
                .map(|(v, d)| format!("{:.1},{:.1}", x(*v), y(d.get(h).copied().unwrap_or(0.0))))
                .collect();
            let colour = COLOURS[h % COLOURS.len()];
            let _ = writeln!(
                svg,
                r#"<polyline fill="none" stroke="{colour}" stroke-width="2" points="{}"/>"#,
                points.join(" ")
            );
            let _ = writeln!(
                svg,
                r#"<text x="{}" y="{}" fill="{colour}">{grade}</text>"#,
                WIDTH - MARGIN - 240.0 + 80.0 * h as f64,
                top + 10.0
            );
        }
    }
    svg.push_str("</svg>\n");
    print!("{svg}");
    Ok(())
}

/// The breakpoints' span, widened by a fifth on each side.
fn range(f: &IndicatorMembership) -> (f64, f64) {
    let points: Vec<f64> = match f.shape() {
        IndicatorShape::Triangular(p) => p.clone(),
        IndicatorShape::Trapezoidal(p) => p.iter().flat_map(|&(a, b)| [a, b]).collect(),
        IndicatorShape::Gaussian(b) => b
            .iter()
            .flat_map(|&(c, w)| [c - 2.0 * w, c + 2.0 * w])
            .collect(),
        IndicatorShape::Sigmoid { thresholds, .. } => thresholds.clone(),
        _ => vec![0.0, 1.0],
    };
    let lo = points.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = points.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let pad = (hi - lo).max(1e-9) / 5.0;
    (lo - pad, hi + pad)
}
