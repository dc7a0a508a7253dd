//! The report as aligned text tables.

use std::fmt::Write as _;

use super::report::{AlternativesReport, Report, SensitivityEntry, ORIENTATION, SENSITIVITY_TITLE};

impl Report {
    /// Readable, aligned tables: weights and consistency per node (inconsistent matrices
    /// flagged), the hierarchy CR, each object's vectors and verdict, and the ranking.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let o = &self.options;
        let _ = writeln!(
            out,
            "Method: {} weights; RI table {}; CR threshold {}; operator {}",
            o.weighting.name(),
            o.random_index.name(),
            o.cr_threshold,
            o.operator.name()
        );
        if let Some(details) = self.method_details() {
            let _ = writeln!(out, "{details}");
        }
        let _ = writeln!(out, "Judgment matrices are read {ORIENTATION}.\n");
        let width = self
            .nodes
            .iter()
            .map(|n| 2 * n.depth + last_name(&n.path).chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        let _ = writeln!(
            out,
            "{}  {:>8}  {:>8}  {:>8}  {:>7}  {:>7}  {:>6}  {:>6}  {:>6}",
            padded("node", width),
            "local",
            "global",
            "λmax",
            "CI",
            "CR",
            "RI",
            "GCI",
            "Kocz."
        );
        for node in &self.nodes {
            let name = format!("{}{}", "  ".repeat(node.depth), last_name(&node.path));
            let _ = write!(
                out,
                "{}  {:>8.4}  {:>8.4}",
                padded(&name, width),
                node.local_weight,
                node.global_weight
            );
            if let Some(c) = &node.consistency {
                let flag = if c.acceptable {
                    ""
                } else {
                    "  ← INCONSISTENT"
                };
                let koczkodaj = c
                    .koczkodaj
                    .map_or_else(|| "–".to_owned(), |k| format!("{k:.4}"));
                let _ = write!(
                    out,
                    "  {:>8.4}  {:>7.4}  {:>7.4}  {:>6.2}  {:>6.4}  {koczkodaj:>6}{flag}",
                    c.lambda_max, c.ci, c.cr, c.ri, c.geometric.gci
                );
            }
            out.push('\n');
        }
        let repaired: Vec<_> = self
            .nodes
            .iter()
            .filter(|n| !n.reciprocal_repairs.is_empty())
            .collect();
        if !repaired.is_empty() {
            let _ = writeln!(
                out,
                "\nTyped reciprocals replaced by the exact ones (the upper triangle is kept):"
            );
            for node in repaired {
                let cells: Vec<String> = node
                    .reciprocal_repairs
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                let _ = writeln!(out, "  {}: {}", node.path, cells.join("; "));
            }
        }
        for node in &self.nodes {
            if let Some(lines) = node.completion_lines() {
                let _ = writeln!(out, "\nJudgments not given at {}:", node.path);
                for line in lines {
                    let _ = writeln!(out, "  {line}");
                }
            }
        }
        let indicators: Vec<String> = self
            .nodes
            .iter()
            .filter_map(|n| n.indicator_line())
            .collect();
        if !indicators.is_empty() {
            let _ = writeln!(out, "\nMembership functions of the measured indicators:");
            for line in indicators {
                let _ = writeln!(out, "  {line}");
            }
        }
        for node in &self.nodes {
            if let Some(panel) = &node.panel {
                let _ = writeln!(out, "\nPanel at {}:", node.path);
                for line in panel.lines() {
                    let _ = writeln!(out, "  {line}");
                }
            }
        }
        for node in &self.nodes {
            let Some(found) = &node.inconsistency else {
                continue;
            };
            let _ = writeln!(
                out,
                "\nWhere the inconsistency of {} comes from (Koczkodaj index {:.4}); reconsider first:",
                node.path, found.koczkodaj
            );
            for line in found.lines() {
                let _ = writeln!(out, "  {line}");
            }
        }
        let h = &self.hierarchy_consistency;
        let _ = writeln!(
            out,
            "\nHierarchy CR = {:.4} ({}){}",
            h.cr,
            if h.acceptable {
                "acceptable"
            } else {
                "NOT acceptable"
            },
            if h.all_nodes_acceptable {
                ""
            } else {
                "; some matrices are inconsistent"
            }
        );
        if let Some(line) = self.levels_line() {
            let _ = writeln!(out, "{line}");
        }
        if let Some(alternatives) = &self.alternatives {
            alternatives_table(&mut out, alternatives);
            sensitivity_table(&mut out, &alternatives.sensitivity, false);
            if self.objects.is_empty() {
                if let Some(note) = &self.sensitivity_note {
                    let _ = writeln!(out, "\n{note}");
                }
            }
        }
        if let Some(lines) = self.uncertainty_lines() {
            let mut lines = lines.into_iter();
            if let Some(head) = lines.next() {
                let _ = writeln!(out, "\n{head}:");
            }
            for line in lines {
                let _ = writeln!(out, "  {line}");
            }
        }
        if self.objects.is_empty() {
            return out;
        }
        let grade_names: Vec<&str> = self.grades.iter().map(|g| g.name.as_str()).collect();
        for object in &self.objects {
            let _ = writeln!(
                out,
                "\n{}: grade vectors over ({})",
                object.name,
                grade_names.join(", ")
            );
            let label_width = object
                .node_vectors
                .iter()
                .map(|v| v.path.chars().count())
                .max()
                .unwrap_or(0)
                .max(1);
            for v in &object.node_vectors {
                let _ = writeln!(
                    out,
                    "  {}  {}",
                    padded(&v.path, label_width),
                    vector(&v.vector)
                );
            }
            let _ = write!(
                out,
                "  verdict: {} {}",
                object.verdict.name,
                self.verdict_detail(object)
            );
            if let Some(score) = object.score {
                let _ = write!(out, "; score {score:.4}");
            }
            out.push('\n');
            if !object.contributions.is_empty() {
                let _ = writeln!(
                    out,
                    "  contributions (weight, weight × grade vector, score):"
                );
                let width = object
                    .contributions
                    .iter()
                    .map(|c| last_name(&c.path).chars().count())
                    .max()
                    .unwrap_or(0);
                for c in &object.contributions {
                    let _ = write!(
                        out,
                        "    {}  {:.4}  {}",
                        padded(last_name(&c.path), width),
                        c.weight,
                        vector(&c.weighted)
                    );
                    if let Some(score) = c.score {
                        let _ = write!(out, "  {score:.4}");
                    }
                    out.push('\n');
                }
            }
        }
        if let Some(sensitivity) = &self.sensitivity {
            sensitivity_table(&mut out, &sensitivity.criteria, true);
        }
        if let Some(note) = &self.sensitivity_note {
            let _ = writeln!(out, "\n{note}");
        }
        if !self.ranking.is_empty() {
            let _ = writeln!(out, "\nRanking ({}):", self.options.rank_order.describe());
            let name_width = self
                .ranking
                .iter()
                .map(|e| e.name.chars().count())
                .max()
                .unwrap_or(0);
            for entry in &self.ranking {
                let _ = writeln!(
                    out,
                    "  {:>2}. {}  {:.4}",
                    entry.rank,
                    padded(&entry.name, name_width),
                    entry.score
                );
            }
        }
        out
    }
}

/// Alternatives × leaves (the priorities as the mode uses them), the overall priority and
/// the rank.
fn alternatives_table(out: &mut String, a: &AlternativesReport) {
    let _ = writeln!(out, "\n{}:", a.title());
    let first = a
        .names
        .iter()
        .map(|n| n.chars().count())
        .chain(["alternative".len(), "(weight)".len()])
        .max()
        .unwrap_or(0);
    let heads: Vec<&str> = a.leaves.iter().map(|l| last_name(&l.path)).collect();
    let widths: Vec<usize> = heads.iter().map(|h| h.chars().count().max(6)).collect();
    let _ = write!(out, "  {}", padded("alternative", first));
    for (head, &w) in heads.iter().zip(&widths) {
        let _ = write!(out, "  {}", padded(head, w));
    }
    let _ = writeln!(out, "  {:>8}  rank", "overall");
    let _ = write!(out, "  {}", padded("(weight)", first));
    for (leaf, &w) in a.leaves.iter().zip(&widths) {
        let _ = write!(
            out,
            "  {}",
            padded(&format!("{:.4}", leaf.global_weight), w)
        );
    }
    out.push('\n');
    for (k, name) in a.names.iter().enumerate() {
        let _ = write!(out, "  {}", padded(name, first));
        for (leaf, &w) in a.leaves.iter().zip(&widths) {
            let value = leaf
                .used
                .get(k)
                .map_or_else(String::new, |v| format!("{v:.4}"));
            let _ = write!(out, "  {}", padded(&value, w));
        }
        let overall = a.overall.get(k).copied().unwrap_or(f64::NAN);
        let rank = a.rank_of(k).map_or_else(String::new, |r| r.to_string());
        let _ = writeln!(out, "  {overall:>8.4}  {rank:>4}");
    }
    let judged: Vec<String> = a
        .leaves
        .iter()
        .filter_map(|l| {
            let c = l.consistency.as_ref()?;
            Some(format!(
                "{} {:.4}{}",
                last_name(&l.path),
                c.cr,
                if c.acceptable { "" } else { " (INCONSISTENT)" }
            ))
        })
        .collect();
    if !judged.is_empty() {
        let _ = writeln!(
            out,
            "  CR of the alternatives' judgments: {}",
            judged.join(", ")
        );
    }
    for leaf in &a.leaves {
        let Some(found) = &leaf.inconsistency else {
            continue;
        };
        let _ = writeln!(
            out,
            "  Where the inconsistency of the alternatives under {} comes from (Koczkodaj index \
             {:.4}); reconsider first:",
            leaf.path, found.koczkodaj
        );
        for line in found.lines() {
            let _ = writeln!(out, "    {line}");
        }
    }
}

/// One line per criterion: its weight and where the best, the ranks and (for objects) the
/// verdicts change.
fn sensitivity_table(out: &mut String, entries: &[SensitivityEntry], verdicts: bool) {
    if entries.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{SENSITIVITY_TITLE}:");
    let width = entries
        .iter()
        .map(|e| e.path.chars().count())
        .max()
        .unwrap_or(0)
        .max("criterion".len());
    let _ = write!(
        out,
        "  {}  {:>8}  {:>19}  {:>19}",
        padded("criterion", width),
        "weight",
        "best changes at",
        "ranks change at"
    );
    if verdicts {
        let _ = write!(out, "  {:>19}", "verdicts change at");
    }
    out.push('\n');
    for e in entries {
        let [top, ranks, verdict] = e.cells();
        let _ = write!(
            out,
            "  {}  {:>8.4}  {top:>19}  {ranks:>19}",
            padded(&e.path, width),
            e.sensitivity.weight
        );
        if verdicts {
            let _ = write!(out, "  {verdict:>19}");
        }
        if !e.sensitivity.exact {
            out.push_str("  (bisected)");
        }
        out.push('\n');
    }
}

fn last_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn vector(values: &[f64]) -> String {
    let cells: Vec<String> = values.iter().map(|v| format!("{v:.4}")).collect();
    format!("({})", cells.join(", "))
}

/// `text` followed by spaces up to `width` characters. Written out because `format!`'s own
/// padding panics beyond a width of 65,535, which a long name in a file can ask for.
fn padded(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(text.chars().count());
    let mut out = String::with_capacity(text.len() + fill);
    out.push_str(text);
    out.extend(std::iter::repeat_n(' ', fill));
    out
}
