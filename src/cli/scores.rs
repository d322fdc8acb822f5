//! Printing scores for people: per-class precision/recall/F1, the confusion matrix, and
//! per-capture, per-scenario and per-kind breakdowns.

use std::io::{self, Write};

use flowclass::eval::{Breakdown, Metrics};

/// The per-class table, macro-F1 and accuracy.
pub fn print_metrics(out: &mut dyn Write, title: &str, metrics: &Metrics) -> io::Result<()> {
    writeln!(out, "{title}")?;
    writeln!(
        out,
        "  {:<12} {:>9} {:>9} {:>9} {:>9}",
        "class", "precision", "recall", "F1", "flows"
    )?;
    for c in &metrics.per_class {
        writeln!(
            out,
            "  {:<12} {:>9.4} {:>9.4} {:>9.4} {:>9}",
            c.class, c.precision, c.recall, c.f1, c.support
        )?;
    }
    writeln!(
        out,
        "  macro-F1 {:.4}   accuracy {:.4}   flows {}",
        metrics.macro_f1, metrics.accuracy, metrics.total
    )?;
    Ok(())
}

/// The confusion matrix with counts: rows are the truth, columns the prediction.
pub fn print_confusion(out: &mut dyn Write, metrics: &Metrics) -> io::Result<()> {
    let width = metrics
        .classes
        .iter()
        .map(String::len)
        .max()
        .unwrap_or(5)
        .max(7);
    write!(out, "  {:<width$}", "truth \\ predicted")?;
    for class in &metrics.classes {
        write!(out, " {class:>width$}")?;
    }
    writeln!(out)?;
    for (class, row) in metrics.classes.iter().zip(&metrics.confusion) {
        write!(out, "  {class:<width$}")?;
        for count in row {
            write!(out, " {count:>width$}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// One line per capture, scenario or kind: flows, accuracy, recall per class present, and
/// recall per kind of flow where a row holds more than one kind.
pub fn print_breakdowns(
    out: &mut dyn Write,
    title: &str,
    classes: &[String],
    rows: &[Breakdown],
) -> io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(out, "{title}")?;
    for row in rows {
        let recalls: Vec<String> = classes
            .iter()
            .zip(&row.recall)
            .filter_map(|(class, recall)| recall.map(|r| format!("{class} {r:.3}")))
            .collect();
        let kinds: Vec<String> = row
            .kinds
            .iter()
            .map(|k| format!("{} {:.3} of {}", k.kind, k.recall, k.flows))
            .collect();
        let kinds = if kinds.len() > 1 {
            format!("  kinds: {}", kinds.join(", "))
        } else {
            String::new()
        };
        writeln!(
            out,
            "  {:<48} {:>6} flows  accuracy {:.4}  recall: {}{kinds}",
            row.name,
            row.flows,
            row.accuracy,
            recalls.join(", ")
        )?;
    }
    Ok(())
}
