//! The colours flowclass draws classes and series with: Okabe and Ito's palette, which stays
//! distinguishable with every common form of colour blindness, and the text colour that reads
//! on each.

/// An sRGB colour.
pub type Rgb = (u8, u8, u8);

/// Okabe and Ito's eight colours; class `i` of a model is drawn in `OKABE_ITO[i % 8]`.
pub const OKABE_ITO: [Rgb; 8] = [
    (0xE6, 0x9F, 0x00), // orange
    (0x56, 0xB4, 0xE9), // sky blue
    (0x00, 0x9E, 0x73), // bluish green
    (0xF0, 0xE4, 0x42), // yellow
    (0x00, 0x72, 0xB2), // blue
    (0xD5, 0x5E, 0x00), // vermillion
    (0xCC, 0x79, 0xA7), // reddish purple
    (0x99, 0x99, 0x99), // grey
];

/// The colour of the class at `index` in a model's class list.
pub fn class_colour(index: usize) -> Rgb {
    OKABE_ITO[index % OKABE_ITO.len()]
}

/// `#RRGGBB`.
pub fn hex((r, g, b): Rgb) -> String {
    format!("#{r:02X}{g:02X}{b:02X}")
}

/// Black or white, whichever contrasts more with `background` (by WCAG relative luminance).
pub fn ink_on(background: Rgb) -> Rgb {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let (r, g, b) = background;
    let luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    // Contrast with black (L + 0.05) / 0.05 beats contrast with white 1.05 / (L + 0.05) above this.
    if luminance > 0.179 {
        (0, 0, 0)
    } else {
        (0xFF, 0xFF, 0xFF)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn light_colours_take_black_text_and_dark_ones_white() {
        assert_eq!(hex(class_colour(0)), "#E69F00");
        assert_eq!(hex(class_colour(9)), "#56B4E9", "the palette repeats");
        for light in [0, 1, 2, 3] {
            assert_eq!(ink_on(OKABE_ITO[light]), (0, 0, 0), "{light}");
        }
        assert_eq!(ink_on(OKABE_ITO[4]), (0xFF, 0xFF, 0xFF), "blue");
        assert_eq!(ink_on((0, 0, 0)), (0xFF, 0xFF, 0xFF));
        assert_eq!(ink_on((0xFF, 0xFF, 0xFF)), (0, 0, 0));
    }
}
