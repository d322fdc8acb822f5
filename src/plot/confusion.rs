//! The confusion matrix as a heat map: one row per true class, top to bottom, one column per
//! predicted class, left to right. Each cell shows its count and its share of the row; its shade
//! is that share, so a small class's mistakes stand out as much as a large one's.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{draw_error, text_style, text_width, PlotError, CENTRED, FONT};
use crate::eval::Metrics;

const MARGIN: i32 = 16;
const TITLE_HEIGHT: i32 = 48;
/// Room for the rotated "truth" beside the row labels, and "predicted" under the column labels.
const AXIS_NAME: i32 = 28;
const LABEL_SIZE: u32 = 15;
const MIN_CELL: u32 = 96;

/// Light to dark blue, as the share of the row goes from 0 to 1.
fn shade(share: f64) -> RGBColor {
    let (light, dark) = ((247.0, 251.0, 255.0), (8.0, 48.0, 107.0));
    let mix = |a: f64, b: f64| (a + (b - a) * share.clamp(0.0, 1.0)).round() as u8;
    RGBColor(
        mix(light.0, dark.0),
        mix(light.1, dark.1),
        mix(light.2, dark.2),
    )
}

/// The heat map of `metrics.confusion` with the class names on both axes and macro-F1 in the title.
pub fn confusion_svg(metrics: &Metrics) -> Result<String, PlotError> {
    let classes = &metrics.classes;
    let k = classes.len();
    if k == 0 || metrics.confusion.len() != k {
        return Err(PlotError::Empty("the confusion matrix has no classes"));
    }
    let title = format!(
        "Confusion matrix: macro-F1 {:.3}, accuracy {:.3}, {} flows",
        metrics.macro_f1, metrics.accuracy, metrics.total
    );
    let longest = classes
        .iter()
        .map(|c| text_width(c, LABEL_SIZE))
        .max()
        .unwrap_or(0);
    let cell = MIN_CELL.max(longest + 12) as i32;
    let grid = cell * k as i32;
    // The matrix with its labels, centred under the title when the title is wider.
    let content = AXIS_NAME + longest as i32 + 12 + grid;
    let width = (content + 2 * MARGIN).max(2 * MARGIN + text_width(&title, 20) as i32);
    let left = (width - content) / 2;
    let grid_x = left + AXIS_NAME + longest as i32 + 12;
    let grid_y = MARGIN + TITLE_HEIGHT;
    let height = grid_y + grid + 24 + AXIS_NAME + MARGIN;

    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (width as u32, height as u32)).into_drawing_area();
        let draw = draw_error("confusion");
        root.fill(&WHITE).map_err(&draw)?;
        root.draw(&Text::new(
            title,
            (width / 2, MARGIN + 12),
            text_style(20, BLACK, CENTRED),
        ))
        .map_err(&draw)?;
        for (t, row) in metrics.confusion.iter().enumerate() {
            let row_total: u64 = row.iter().sum();
            let y0 = grid_y + t as i32 * cell;
            for (p, &count) in row.iter().enumerate() {
                let x0 = grid_x + p as i32 * cell;
                let share = if row_total > 0 {
                    count as f64 / row_total as f64
                } else {
                    0.0
                };
                root.draw(&Rectangle::new(
                    [(x0, y0), (x0 + cell, y0 + cell)],
                    shade(share).filled(),
                ))
                .map_err(&draw)?;
                let ink = if share > 0.45 { WHITE } else { BLACK };
                let (cx, cy) = (x0 + cell / 2, y0 + cell / 2);
                root.draw(&Text::new(
                    count.to_string(),
                    (cx, cy - 8),
                    text_style(20, ink, CENTRED),
                ))
                .map_err(&draw)?;
                if row_total > 0 {
                    root.draw(&Text::new(
                        format!("{:.1}%", 100.0 * share),
                        (cx, cy + 14),
                        text_style(12, ink, CENTRED),
                    ))
                    .map_err(&draw)?;
                }
            }
        }
        root.draw(&Rectangle::new(
            [(grid_x, grid_y), (grid_x + grid, grid_y + grid)],
            BLACK.stroke_width(1),
        ))
        .map_err(&draw)?;
        let right = Pos::new(HPos::Right, VPos::Center);
        for (i, class) in classes.iter().enumerate() {
            let middle = i as i32 * cell + cell / 2;
            root.draw(&Text::new(
                class.clone(),
                (grid_x - 8, grid_y + middle),
                text_style(LABEL_SIZE, BLACK, right),
            ))
            .map_err(&draw)?;
            root.draw(&Text::new(
                class.clone(),
                (grid_x + middle, grid_y + grid + 14),
                text_style(LABEL_SIZE, BLACK, CENTRED),
            ))
            .map_err(&draw)?;
        }
        let axis_name = |text: &str, x: i32, y: i32, rotated: bool| {
            let font = (FONT, 16).into_font().style(FontStyle::Bold);
            let font = if rotated {
                font.transform(FontTransform::Rotate270)
            } else {
                font
            };
            Text::new(text.to_string(), (x, y), font.color(&BLACK).pos(CENTRED))
        };
        root.draw(&axis_name(
            "predicted",
            grid_x + grid / 2,
            grid_y + grid + 24 + AXIS_NAME / 2,
            false,
        ))
        .map_err(&draw)?;
        root.draw(&axis_name(
            "truth",
            left + AXIS_NAME / 2,
            grid_y + grid / 2,
            true,
        ))
        .map_err(&draw)?;
        root.present().map_err(&draw)?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::tests::{find, metrics, texts};

    #[test]
    fn cells_sit_in_the_row_of_the_truth_and_the_column_of_the_prediction() {
        let m = metrics();
        let svg = confusion_svg(&m).unwrap();
        let texts = texts(&svg);
        let expected = (20.0 / 30.0 + 40.0 / 58.0 + 60.0 / 78.0) / 3.0;
        assert!((m.macro_f1 - expected).abs() < 1e-12);
        find(
            &texts,
            &format!(
                "Confusion matrix: macro-F1 {:.3}, accuracy 0.723, 83 flows",
                expected
            ),
        );
        // Each class name appears twice: as a row label (left) and a column label (below).
        let label = |class: &str| -> (f64, f64) {
            let found: Vec<_> = texts.iter().filter(|t| t.text == class).collect();
            assert_eq!(found.len(), 2, "{class}");
            let (row, column) = if found[0].x < found[1].x {
                (found[0], found[1])
            } else {
                (found[1], found[0])
            };
            (column.x, row.y)
        };
        let classes = ["bittorrent", "http", "websocket"];
        for (t, truth) in classes.iter().enumerate() {
            for (p, predicted) in classes.iter().enumerate() {
                let count = find(&texts, &m.confusion[t][p].to_string());
                let (column_x, _) = label(predicted);
                let (_, row_y) = label(truth);
                assert_eq!(count.x, column_x, "{truth} predicted as {predicted}");
                assert!(
                    (count.y - row_y).abs() < 20.0,
                    "{truth} predicted as {predicted}: {count:?} vs row at {row_y}"
                );
            }
        }
        // Rows run top to bottom in class order, and their shares are of the row: 10 of 16.
        assert!(label("bittorrent").1 < label("http").1);
        assert!(label("http").1 < label("websocket").1);
        find(&texts, "62.5%");
        find(&texts, "predicted");
        find(&texts, "truth");
    }

    #[test]
    fn the_shade_darkens_with_the_share_of_the_row() {
        let svg = confusion_svg(&metrics()).unwrap();
        // websocket → websocket, 30 of 38, is the darkest cell; http → bittorrent, 1 of 29, the lightest.
        let darkest = shade(30.0 / 38.0);
        let lightest = shade(1.0 / 29.0);
        assert!(darkest.0 < lightest.0 && darkest.2 < lightest.2);
        for colour in [darkest, lightest] {
            let fill = format!("fill=\"#{:02X}{:02X}{:02X}\"", colour.0, colour.1, colour.2);
            assert!(svg.contains(&fill), "{fill}");
        }
    }

    #[test]
    fn no_classes_is_an_error_not_a_panic() {
        let empty = Metrics::compute(&[], &[], &[]);
        assert!(matches!(confusion_svg(&empty), Err(PlotError::Empty(_))));
    }
}
