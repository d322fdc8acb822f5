//! Precision, recall and F1 of each class as grouped bars, each bar with its value on top.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    draw_error, palette, score_chart, score_chart_width, text_style, text_width, PlotError,
};
use crate::eval::Metrics;

const GROUP_WIDTH: u32 = 150;
const LABEL_SIZE: u32 = 15;
/// The three scores, their colours (blue, orange, bluish green) and how to read them.
const SERIES: [(&str, RGBColor); 3] = [
    ("precision", palette(4)),
    ("recall", palette(0)),
    ("F1", palette(2)),
];

/// Grouped bars of precision, recall and F1 per class of `metrics`, with a legend.
pub fn scores_svg(metrics: &Metrics) -> Result<String, PlotError> {
    let scores = &metrics.per_class;
    if scores.is_empty() {
        return Err(PlotError::Empty("there are no per-class scores"));
    }
    let k = scores.len();
    let title = format!(
        "Scores per class: macro-F1 {:.3}, accuracy {:.3}",
        metrics.macro_f1, metrics.accuracy
    );
    let group = GROUP_WIDTH.max(
        scores
            .iter()
            .map(|s| text_width(&label(&s.class, s.support), LABEL_SIZE) + 16)
            .max()
            .unwrap_or(0),
    );
    let width = score_chart_width(&title, &SERIES, k, group);
    let height = 460;

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let draw = draw_error("scores");
        let mut chart = score_chart(&root, &title, &SERIES, k, 44).map_err(&draw)?;

        let bar = 0.26;
        let start = 0.5 - 1.5 * bar;
        for (c, class) in scores.iter().enumerate() {
            let values = [class.precision, class.recall, class.f1];
            for (s, (value, (_, colour))) in values.iter().zip(SERIES).enumerate() {
                let x0 = c as f64 + start + s as f64 * bar;
                let x1 = x0 + bar;
                chart
                    .draw_series([Rectangle::new(
                        [(x0 + 0.01, 0.0), (x1 - 0.01, *value)],
                        colour.filled(),
                    )])
                    .map_err(&draw)?;
                let (x, y) = chart.backend_coord(&((x0 + x1) / 2.0, *value));
                let above = Pos::new(HPos::Center, VPos::Bottom);
                root.draw(&Text::new(
                    format!("{value:.3}"),
                    (x, y - 3),
                    text_style(12, BLACK, above),
                ))
                .map_err(&draw)?;
            }
            let (x, y) = chart.backend_coord(&(c as f64 + 0.5, 0.0));
            let below = Pos::new(HPos::Center, VPos::Top);
            root.draw(&Text::new(
                label(&class.class, class.support),
                (x, y + 10),
                text_style(LABEL_SIZE, BLACK, below),
            ))
            .map_err(&draw)?;
        }
        root.present().map_err(&draw)?;
    }
    Ok(svg)
}

/// A class's name under its bars, with how many flows of it there are.
fn label(class: &str, support: u64) -> String {
    format!("{class} ({support} flows)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::tests::{find, metrics, texts};

    #[test]
    fn each_class_has_its_three_scores_above_its_label() {
        let m = metrics();
        let svg = scores_svg(&m).unwrap();
        let texts = texts(&svg);
        find(
            &texts,
            &format!(
                "Scores per class: macro-F1 {:.3}, accuracy 0.723",
                m.macro_f1
            ),
        );
        for name in ["precision", "recall", "F1"] {
            find(&texts, name);
        }
        // Worked values (see `metrics`): precision, recall, F1 per class, to three places.
        let expected = [
            ("bittorrent (16 flows)", ["0.714", "0.625", "0.667"]),
            ("http (29 flows)", ["0.690", "0.690", "0.690"]),
            ("websocket (38 flows)", ["0.750", "0.789", "0.769"]),
        ];
        let mut last_x = f64::MIN;
        for (class, values) in expected {
            let label = find(&texts, class);
            assert!(label.x > last_x, "classes left to right in order");
            last_x = label.x;
            // The group's bar values, left to right, are the ones centred over this label.
            let mut group: Vec<_> = texts
                .iter()
                .filter(|t| (t.x - label.x).abs() < 60.0 && t.text.parse::<f64>().is_ok())
                .collect();
            group.sort_by(|a, b| a.x.total_cmp(&b.x));
            let group: Vec<&str> = group.iter().map(|t| t.text.as_str()).collect();
            assert_eq!(group, values, "{class}");
        }
    }

    #[test]
    fn a_taller_bar_has_its_value_higher_up() {
        let svg = scores_svg(&metrics()).unwrap();
        let texts = texts(&svg);
        // bittorrent: precision 0.714 stands above recall 0.625 (smaller y is higher).
        let precision = find(&texts, "0.714");
        let recall = find(&texts, "0.625");
        assert!(precision.y < recall.y, "{precision:?} {recall:?}");
    }

    #[test]
    fn no_classes_is_an_error_not_a_panic() {
        let empty = Metrics::compute(&[], &[], &[]);
        assert!(matches!(scores_svg(&empty), Err(PlotError::Empty(_))));
    }
}
