//! Charts of an evaluation as SVG, drawn with `plotters`: the confusion matrix as a heat map
//! ([`confusion_svg`]), precision, recall and F1 per class as grouped bars ([`scores_svg`]), and
//! macro-F1 against the number of packets seen ([`curve_svg`]).
//!
//! SVG text is left to the viewer's fonts, so nothing here needs font files; positions are laid
//! out from an estimate of the text width. [`write_charts`] writes the charts of one evaluation
//! into a directory.

mod confusion;
mod curve;
mod scores;

pub use confusion::confusion_svg;
pub use curve::curve_svg;
pub use scores::scores_svg;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use thiserror::Error;

use crate::eval::{CurveCounts, CurvePoint, Metrics};
use crate::palette::OKABE_ITO;

/// Why a chart could not be made.
#[derive(Debug, Error)]
pub enum PlotError {
    #[error("nothing to plot: {0}")]
    Empty(&'static str),
    #[error("cannot draw the {chart} chart: {message}")]
    Draw {
        chart: &'static str,
        message: String,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// The font family of every text; the viewer picks the actual font.
const FONT: &str = "sans-serif";

/// Estimated width of `text` in pixels at `size` (a generous average for sans-serif glyphs).
fn text_width(text: &str, size: u32) -> u32 {
    (text.chars().count() as f64 * f64::from(size) * 0.6).ceil() as u32
}

/// Text of `size` pixels, anchored as `pos`, in `colour`.
fn text_style(size: u32, colour: RGBColor, pos: Pos) -> TextStyle<'static> {
    (FONT, size).into_font().color(&colour).pos(pos)
}

/// Centred on its point, both ways.
const CENTRED: Pos = Pos {
    h_pos: HPos::Center,
    v_pos: VPos::Center,
};

/// Colour `i` of [`OKABE_ITO`], for plotters.
const fn palette(i: usize) -> RGBColor {
    let (r, g, b) = OKABE_ITO[i];
    RGBColor(r, g, b)
}

/// A row of coloured swatches with their names, starting at `(x, y)` (the swatches' centre line).
fn draw_legend(
    area: &DrawingArea<SVGBackend, Shift>,
    items: &[(&str, RGBColor)],
    (x, y): (i32, i32),
) -> Result<(), DrawingAreaErrorKind<io::Error>> {
    let size = 14;
    let mut x = x;
    for (name, colour) in items {
        area.draw(&Rectangle::new(
            [(x, y - 7), (x + 14, y + 7)],
            colour.filled(),
        ))?;
        let left = Pos::new(HPos::Left, VPos::Center);
        area.draw(&Text::new(
            name.to_string(),
            (x + 20, y),
            text_style(size, BLACK, left),
        ))?;
        x += 20 + text_width(name, size) as i32 + 24;
    }
    Ok(())
}

/// The width a legend of `items` takes.
fn legend_width(items: &[&str]) -> u32 {
    items
        .iter()
        .map(|name| 20 + text_width(name, 14) + 24)
        .sum()
}

/// Space around a chart, in pixels.
const MARGIN: i32 = 16;
/// Room above a score chart for its title and legend.
const TITLE_HEIGHT: i32 = 76;
/// Room left of a score chart for its axis labels.
const SCORE_AXIS_WIDTH: u32 = 64;

/// The width a score chart needs: its `columns` of `column_width`, and room for its title and legend.
fn score_chart_width(
    title: &str,
    series: &[(&str, RGBColor)],
    columns: usize,
    column_width: u32,
) -> u32 {
    let names: Vec<&str> = series.iter().map(|(name, _)| *name).collect();
    (2 * MARGIN as u32 + SCORE_AXIS_WIDTH + column_width * columns as u32)
        .max(2 * MARGIN as u32 + text_width(title, 20))
        .max(2 * MARGIN as u32 + legend_width(&names))
}

/// The frame the score charts share: a white canvas with the title and legend centred on top,
/// over a chart of `columns` unlabelled slots across and a score from 0 to 1 up.
fn score_chart<'a, 'b>(
    root: &'a DrawingArea<SVGBackend<'b>, Shift>,
    title: &str,
    series: &[(&str, RGBColor)],
    columns: usize,
    x_label_area: u32,
) -> Result<
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    DrawingAreaErrorKind<io::Error>,
> {
    root.fill(&WHITE)?;
    let centre = root.dim_in_pixel().0 as i32 / 2;
    root.draw(&Text::new(
        title.to_string(),
        (centre, MARGIN + 12),
        text_style(20, BLACK, CENTRED),
    ))?;
    let names: Vec<&str> = series.iter().map(|(name, _)| *name).collect();
    let legend = legend_width(&names) as i32;
    draw_legend(root, series, (centre - legend / 2, MARGIN + 42))?;
    let mut chart = ChartBuilder::on(root)
        .margin(MARGIN)
        .margin_top(MARGIN + TITLE_HEIGHT)
        .x_label_area_size(x_label_area)
        .y_label_area_size(SCORE_AXIS_WIDTH)
        .build_cartesian_2d(0.0..columns as f64, 0.0..1.0)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&|v| format!("{v:.1}"))
        .y_desc("score")
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 15))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(0xDD, 0xDD, 0xDD))
        .draw()?;
    Ok(chart)
}

/// Turns a drawing error of `chart` into a [`PlotError`].
fn draw_error(chart: &'static str) -> impl Fn(DrawingAreaErrorKind<io::Error>) -> PlotError {
    move |e| PlotError::Draw {
        chart,
        message: e.to_string(),
    }
}

/// Writes `confusion.svg` and `scores.svg`, and `curve.svg` when `curve` has points (counting
/// `counts`), into `dir` (created if needed); returns the paths written.
pub fn write_charts(
    dir: &Path,
    metrics: &Metrics,
    curve: &[CurvePoint],
    counts: CurveCounts,
) -> Result<Vec<PathBuf>, PlotError> {
    let mut charts = vec![
        ("confusion.svg", confusion_svg(metrics)?),
        ("scores.svg", scores_svg(metrics)?),
    ];
    if !curve.is_empty() {
        charts.push(("curve.svg", curve_svg(curve, counts)?));
    }
    fs::create_dir_all(dir).map_err(|source| PlotError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    charts
        .into_iter()
        .map(|(name, svg)| {
            let path = dir.join(name);
            fs::write(&path, svg).map_err(|source| PlotError::Write {
                path: path.clone(),
                source,
            })?;
            Ok(path)
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// One `<text>` element of an SVG: its anchor point and its content, unescaped.
    #[derive(Debug, Clone, PartialEq)]
    pub struct SvgText {
        pub x: f64,
        pub y: f64,
        pub text: String,
    }

    /// Every `<text>` element of `svg`, in document order.
    pub fn texts(svg: &str) -> Vec<SvgText> {
        let attr = |tag: &str, name: &str| -> f64 {
            let start = tag.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
            let end = start + tag[start..].find('"').unwrap();
            tag[start..end].parse().unwrap()
        };
        svg.split("<text")
            .skip(1)
            .map(|rest| {
                let tag_end = rest.find('>').unwrap();
                let body_end = rest.find("</text>").unwrap();
                let tag = &rest[..tag_end];
                SvgText {
                    x: attr(tag, "x"),
                    y: attr(tag, "y"),
                    text: rest[tag_end + 1..body_end]
                        .trim()
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"")
                        .replace("&#39;", "'")
                        .replace("&amp;", "&"),
                }
            })
            .collect()
    }

    /// The one text element whose content is `text`.
    pub fn find<'a>(texts: &'a [SvgText], text: &str) -> &'a SvgText {
        let found: Vec<&SvgText> = texts.iter().filter(|t| t.text == text).collect();
        assert_eq!(found.len(), 1, "{text:?} in {texts:#?}");
        found[0]
    }

    /// Three classes with a different count in every cell, worked by hand (rows truth, columns
    /// predicted): bittorrent P 10/14, R 10/16; http P 20/29, R 20/29; websocket P 30/40, R 30/38;
    /// F1 = 2tp / (row + column): 20/30, 40/58, 60/78; accuracy 60/83.
    pub fn metrics() -> Metrics {
        let classes = ["bittorrent", "http", "websocket"].map(String::from);
        let confusion = [[10u64, 4, 2], [1, 20, 8], [3, 5, 30]];
        let (mut truth, mut predicted) = (Vec::new(), Vec::new());
        for (t, row) in confusion.iter().enumerate() {
            for (p, n) in row.iter().enumerate() {
                truth.extend(std::iter::repeat_n(t, *n as usize));
                predicted.extend(std::iter::repeat_n(p, *n as usize));
            }
        }
        Metrics::compute(&classes, &truth, &predicted)
    }

    #[test]
    fn write_charts_makes_the_directory_and_the_curve_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("new/charts");
        let written = write_charts(&out, &metrics(), &[], CurveCounts::Packets).unwrap();
        assert_eq!(
            written,
            vec![out.join("confusion.svg"), out.join("scores.svg")]
        );
        let confusion = fs::read_to_string(&written[0]).unwrap();
        assert!(confusion.starts_with("<svg"), "{confusion}");
        assert!(!out.join("curve.svg").exists());
        let curve = [CurvePoint {
            packets: None,
            macro_f1: 0.5,
            accuracy: 0.5,
        }];
        let written = write_charts(&out, &metrics(), &curve, CurveCounts::Packets).unwrap();
        assert_eq!(written.len(), 3);
        assert!(out.join("curve.svg").exists());
    }

    #[test]
    fn a_file_in_the_way_is_a_write_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        fs::write(&file, "").unwrap();
        let err = write_charts(&file, &metrics(), &[], CurveCounts::Packets).unwrap_err();
        assert!(
            matches!(&err, PlotError::Write { path, .. } if path == &file),
            "{err}"
        );
    }
}
