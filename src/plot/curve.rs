//! The early-classification curve: macro-F1 (and accuracy) against the number of packets (or
//! payload packets) seen, one evenly spaced step per point ("3, 5, 10, 20, all"), each macro-F1
//! with its value.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{draw_error, palette, score_chart, score_chart_width, text_style, PlotError};
use crate::eval::{CurveCounts, CurvePoint};

const STEP_WIDTH: u32 = 110;
const SERIES: [(&str, RGBColor); 2] = [("macro-F1", palette(4)), ("accuracy", palette(0))];

/// The chart's title for a curve that counts `counts`.
fn title(counts: CurveCounts) -> String {
    format!(
        "Early classification: scores by {} seen per flow",
        counts.noun()
    )
}

/// Macro-F1 and accuracy of `points`, in their order, as two lines with a legend; the points
/// count `counts`.
pub fn curve_svg(points: &[CurvePoint], counts: CurveCounts) -> Result<String, PlotError> {
    if points.is_empty() {
        return Err(PlotError::Empty("the curve has no points"));
    }
    let n = points.len();
    let title = title(counts);
    let width = score_chart_width(&title, &SERIES, n, STEP_WIDTH);
    let height = 440;

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let draw = draw_error("curve");
        let mut chart = score_chart(&root, &title, &SERIES, n, 56).map_err(&draw)?;

        let x = |i: usize| i as f64 + 0.5;
        let accuracy: Vec<(f64, f64)> = points
            .iter()
            .enumerate()
            .map(|(i, p)| (x(i), p.accuracy))
            .collect();
        let macro_f1: Vec<(f64, f64)> = points
            .iter()
            .enumerate()
            .map(|(i, p)| (x(i), p.macro_f1))
            .collect();
        for (line, (_, colour)) in [&accuracy, &macro_f1]
            .into_iter()
            .zip([SERIES[1], SERIES[0]])
        {
            chart
                .draw_series(LineSeries::new(
                    line.iter().copied(),
                    colour.stroke_width(3),
                ))
                .map_err(&draw)?;
            chart
                .draw_series(
                    line.iter()
                        .map(|point| Circle::new(*point, 5, colour.filled())),
                )
                .map_err(&draw)?;
        }
        let above = Pos::new(HPos::Center, VPos::Bottom);
        let below = Pos::new(HPos::Center, VPos::Top);
        for (i, point) in points.iter().enumerate() {
            let (px, py) = chart.backend_coord(&(x(i), point.macro_f1));
            // The value goes on the side away from the accuracy line.
            let (offset, pos) = if point.macro_f1 >= point.accuracy {
                (-9, above)
            } else {
                (9, below)
            };
            root.draw(&Text::new(
                format!("{:.3}", point.macro_f1),
                (px, py + offset),
                text_style(13, SERIES[0].1, pos),
            ))
            .map_err(&draw)?;
            let (px, py) = chart.backend_coord(&(x(i), 0.0));
            root.draw(&Text::new(
                point.label(),
                (px, py + 10),
                text_style(15, BLACK, below),
            ))
            .map_err(&draw)?;
        }
        let (px, py) = chart.backend_coord(&(n as f64 / 2.0, 0.0));
        root.draw(&Text::new(
            format!("{} seen per flow", counts.noun()),
            (px, py + 36),
            text_style(15, BLACK, below),
        ))
        .map_err(&draw)?;
        root.present().map_err(&draw)?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::tests::{find, texts};

    fn point(packets: Option<u64>, macro_f1: f64, accuracy: f64) -> CurvePoint {
        CurvePoint {
            packets,
            macro_f1,
            accuracy,
        }
    }

    #[test]
    fn points_go_left_to_right_and_higher_scores_stand_higher() {
        let points = [
            point(Some(3), 0.512, 0.6),
            point(Some(5), 0.734, 0.7),
            point(Some(10), 0.881, 0.9),
            point(Some(20), 0.903, 0.95),
            point(None, 0.957, 0.97),
        ];
        let svg = curve_svg(&points, CurveCounts::Packets).unwrap();
        let texts = texts(&svg);
        find(&texts, &title(CurveCounts::Packets));
        find(&texts, "macro-F1");
        find(&texts, "accuracy");
        find(&texts, "packets seen per flow");
        let mut last = (f64::MIN, f64::MAX);
        for (label, value) in [
            ("3", "0.512"),
            ("5", "0.734"),
            ("10", "0.881"),
            ("20", "0.903"),
            ("all", "0.957"),
        ] {
            let label = find(&texts, label);
            let value = find(&texts, value);
            assert_eq!(label.x, value.x, "a value stands over its packet count");
            assert!(label.x > last.0, "packet counts run left to right");
            assert!(value.y < last.1, "macro-F1 rises, so its values climb");
            last = (label.x, value.y);
        }
        // One line and five points for each series, in its legend colour.
        for (_, colour) in SERIES {
            let hex = format!("#{:02X}{:02X}{:02X}", colour.0, colour.1, colour.2);
            let line = format!("stroke=\"{hex}\" stroke-width=\"3\"");
            assert_eq!(svg.matches(&line).count(), 1, "{line} in {svg}");
            let points = svg
                .split("<circle")
                .skip(1)
                .filter(|c| c.contains(&format!("fill=\"{hex}\"")))
                .count();
            assert_eq!(points, 5, "{hex}");
        }
    }

    #[test]
    fn a_curve_by_payload_packets_says_so() {
        let svg = curve_svg(&[point(Some(10), 0.9, 0.9)], CurveCounts::PayloadPackets).unwrap();
        let texts = texts(&svg);
        find(
            &texts,
            "Early classification: scores by payload packets seen per flow",
        );
        find(&texts, "payload packets seen per flow");
    }

    #[test]
    fn no_points_is_an_error_not_a_panic() {
        assert!(matches!(
            curve_svg(&[], CurveCounts::Packets),
            Err(PlotError::Empty(_))
        ));
    }
}
