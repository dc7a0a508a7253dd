//! The report as Markdown: tables for papers and READMEs.

use std::fmt::Write as _;

use super::report::{Report, ORIENTATION, SENSITIVITY_TITLE};

impl Report {
    /// The report as Markdown: the method, a table of every node's weights and consistency
    /// (inconsistent matrices marked), the hierarchy CR, each object's grade vectors, verdict
    /// and contributions, and the ranking.
    ///
    /// ```
    /// use ahp_fce::model::Model;
    /// # fn main() -> Result<(), ahp_fce::Error> {
    /// let model = Model::from_toml(include_str!("../../examples/models/drinks.toml"))?;
    /// let markdown = model.evaluate()?.to_markdown();
    /// assert!(markdown.starts_with("# "));
    /// assert!(markdown.contains("| node | local | global |"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let root = self.nodes.first().map_or("", |n| n.path.as_str());
        let _ = writeln!(out, "# {}\n", cell(root));
        let o = &self.options;
        let _ = writeln!(
            out,
            "{} weights; random-index table {}; CR threshold {}; operator {}. Judgment \
             matrices are read {ORIENTATION}.\n",
            capitalized(o.weighting.name()),
            o.random_index.name(),
            o.cr_threshold,
            o.operator.name()
        );
        if let Some(details) = self.method_details() {
            let _ = writeln!(out, "{}\n", cell(&details));
        }
        let _ = writeln!(out, "## Weights and consistency\n");
        let _ = writeln!(
            out,
            "| node | local | global | λmax | CI | RI | CR | consistent |"
        );
        let _ = writeln!(
            out,
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
        );
        for node in &self.nodes {
            let indent = "&nbsp;&nbsp;".repeat(node.depth);
            let name = node.path.rsplit('/').next().unwrap_or(&node.path);
            let _ = write!(
                out,
                "| {indent}{} | {:.4} | {:.4} |",
                cell(name),
                node.local_weight,
                node.global_weight
            );
            match &node.consistency {
                Some(c) => {
                    let verdict = if c.acceptable { "yes" } else { "**no**" };
                    let _ = writeln!(
                        out,
                        " {:.4} | {:.4} | {:.2} | {:.4} | {verdict} |",
                        c.lambda_max, c.ci, c.ri, c.cr
                    );
                }
                None => out.push_str("  |  |  |  |  |\n"),
            }
        }
        let h = &self.hierarchy_consistency;
        let _ = writeln!(
            out,
            "\nHierarchy CR = {:.4}: {}.{}\n",
            h.cr,
            if h.acceptable {
                "acceptable"
            } else {
                "**not acceptable**"
            },
            if h.all_nodes_acceptable {
                ""
            } else {
                " Some matrices are inconsistent."
            }
        );
        if let Some(line) = self.levels_line() {
            let _ = writeln!(out, "{line}\n");
        }
        for node in self
            .nodes
            .iter()
            .filter(|n| !n.reciprocal_repairs.is_empty())
        {
            let cells: Vec<String> = node
                .reciprocal_repairs
                .iter()
                .map(ToString::to_string)
                .collect();
            let _ = writeln!(
                out,
                "- Typed reciprocals replaced by the exact ones in {}: {}",
                cell(&node.path),
                cells.join("; ")
            );
        }
        for node in &self.nodes {
            if let Some(lines) = node.completion_lines() {
                let _ = writeln!(out, "- Judgments not given at {}:", cell(&node.path));
                for line in lines {
                    let _ = writeln!(out, "  - {}", cell(&line));
                }
            }
        }
        for line in self.nodes.iter().filter_map(|n| n.indicator_line()) {
            let _ = writeln!(out, "- Membership function of {}", cell(&line));
        }
        for node in &self.nodes {
            if let Some(panel) = &node.panel {
                let _ = writeln!(out, "- Panel at {}:", cell(&node.path));
                for line in panel.lines() {
                    let _ = writeln!(out, "  - {}", cell(&line));
                }
            }
        }
        for node in &self.nodes {
            let Some(found) = &node.inconsistency else {
                continue;
            };
            let _ = writeln!(
                out,
                "\nWhere the inconsistency of {} comes from (Koczkodaj index {:.4}); reconsider \
                 first:\n",
                cell(&node.path),
                found.koczkodaj
            );
            for line in found.lines() {
                let _ = writeln!(out, "- {}", cell(&line));
            }
        }
        let grades: Vec<String> = self.grades.iter().map(|g| cell(&g.name)).collect();
        for object in &self.objects {
            let _ = writeln!(out, "\n## {}\n", cell(&object.name));
            let _ = writeln!(out, "| node | {} |", grades.join(" | "));
            let _ = writeln!(out, "| --- |{}", " ---: |".repeat(grades.len()));
            for v in &object.node_vectors {
                let _ = writeln!(out, "| {} | {} |", cell(&v.path), row(&v.vector));
            }
            let _ = write!(
                out,
                "\nVerdict: **{}** {}",
                cell(&object.verdict.name),
                cell(&self.verdict_detail(object))
            );
            if let Some(score) = object.score {
                let _ = write!(out, "; score {score:.4}");
            }
            out.push_str(".\n");
            if !object.contributions.is_empty() {
                let _ = writeln!(
                    out,
                    "\n| criterion | weight | {} | score |",
                    grades.join(" | ")
                );
                let _ = writeln!(
                    out,
                    "| --- | ---: |{} ---: |",
                    " ---: |".repeat(grades.len())
                );
                for c in &object.contributions {
                    let score = c.score.map_or_else(String::new, |s| format!("{s:.4}"));
                    let _ = writeln!(
                        out,
                        "| {} | {:.4} | {} | {score} |",
                        cell(&c.path),
                        c.weight,
                        row(&c.weighted)
                    );
                }
            }
        }
        if let Some(a) = &self.alternatives {
            let _ = writeln!(out, "\n## {}\n", cell(&a.title()));
            let heads: Vec<String> = a
                .leaves
                .iter()
                .map(|l| {
                    format!(
                        "{} ({:.4})",
                        cell(l.path.rsplit('/').next().unwrap_or(&l.path)),
                        l.global_weight
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "| alternative | {} | overall | rank |",
                heads.join(" | ")
            );
            let _ = writeln!(
                out,
                "| --- |{} ---: | ---: |",
                " ---: |".repeat(heads.len())
            );
            for (k, name) in a.names.iter().enumerate() {
                let values: Vec<String> = a
                    .leaves
                    .iter()
                    .map(|l| {
                        l.used
                            .get(k)
                            .map_or_else(String::new, |v| format!("{v:.4}"))
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "| {} | {} | {:.4} | {} |",
                    cell(name),
                    values.join(" | "),
                    a.overall.get(k).copied().unwrap_or(f64::NAN),
                    a.rank_of(k).map_or_else(String::new, |r| r.to_string())
                );
            }
        }
        for leaf in self.alternatives.iter().flat_map(|a| &a.leaves) {
            let Some(found) = &leaf.inconsistency else {
                continue;
            };
            let _ = writeln!(
                out,
                "\nWhere the inconsistency of the alternatives under {} comes from (Koczkodaj \
                 index {:.4}); reconsider first:\n",
                cell(&leaf.path),
                found.koczkodaj
            );
            for line in found.lines() {
                let _ = writeln!(out, "- {}", cell(&line));
            }
        }
        let sensitivity = self
            .alternatives
            .as_ref()
            .map(|a| (a.sensitivity.as_slice(), false))
            .into_iter()
            .chain(
                self.sensitivity
                    .as_ref()
                    .map(|s| (s.criteria.as_slice(), true)),
            );
        for (entries, verdicts) in sensitivity {
            if entries.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{SENSITIVITY_TITLE}.\n");
            let _ = writeln!(
                out,
                "| criterion | weight | best changes at | ranks change at |{}",
                if verdicts {
                    " verdicts change at |"
                } else {
                    ""
                }
            );
            let _ = writeln!(
                out,
                "| --- | ---: | ---: | ---: |{}",
                if verdicts { " ---: |" } else { "" }
            );
            for e in entries {
                let [top, ranks, verdict] = e.cells();
                let _ = writeln!(
                    out,
                    "| {} | {:.4} | {top} | {ranks} |{}",
                    cell(&e.path),
                    e.sensitivity.weight,
                    if verdicts {
                        format!(" {verdict} |")
                    } else {
                        String::new()
                    }
                );
            }
        }
        if let Some(lines) = self.uncertainty_lines() {
            let mut lines = lines.into_iter();
            if let Some(head) = lines.next() {
                let _ = writeln!(out, "\n{}:\n", cell(&head));
            }
            for line in lines {
                let _ = writeln!(out, "- {}", cell(&line));
            }
        }
        if let Some(note) = &self.sensitivity_note {
            let _ = writeln!(out, "\n{}", cell(note));
        }
        if !self.ranking.is_empty() {
            let _ = writeln!(
                out,
                "\n## Ranking ({})\n\n| rank | object | score |\n| ---: | --- | ---: |",
                self.options.rank_order.describe()
            );
            for entry in &self.ranking {
                let _ = writeln!(
                    out,
                    "| {} | {} | {:.4} |",
                    entry.rank,
                    cell(&entry.name),
                    entry.score
                );
            }
        }
        out
    }
}

/// Text safe inside a Markdown table cell: pipes escaped, line breaks flattened.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn row(values: &[f64]) -> String {
    values
        .iter()
        .map(|v| format!("{v:.4}"))
        .collect::<Vec<_>>()
        .join(" | ")
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
