//! Readable token colours: WCAG 2 contrast, and a colour's lightness moved
//! in Oklab (keeping its hue) until it reaches a contrast against every
//! background it is drawn on. Highlighting themes are made for editors, not
//! for WCAG AA: comments and constants are often too faint to read.
//!
//! The few formulas are written out here (sRGB transfer, Björn Ottosson's
//! Oklab matrices) rather than pulled in with a colour crate.

use syntect::highlighting::Color;

/// WCAG AA for normal text, which all code is (it is small, even in bold).
pub(crate) const AA: f64 = 4.5;

/// The relative luminance of an opaque colour, as WCAG 2 defines it.
fn luminance(c: Color) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

/// The WCAG 2 contrast ratio of two opaque colours (1 to 21).
pub(crate) fn contrast(a: Color, b: Color) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// `fg` drawn over the opaque `bg`: what the reader sees of a translucent colour.
pub(crate) fn over(fg: Color, bg: Color) -> Color {
    let t = f64::from(fg.a) / 255.0;
    let mix = |f: u8, b: u8| (f64::from(f) * t + f64::from(b) * (1.0 - t)).round() as u8;
    Color {
        r: mix(fg.r, bg.r),
        g: mix(fg.g, bg.g),
        b: mix(fg.b, bg.b),
        a: 0xff,
    }
}

/// `a` moved towards `b` by `t` (0 to 1), channel by channel.
pub(crate) fn mix(a: Color, b: Color, t: f64) -> Color {
    over(
        Color {
            a: (t * 255.0).round() as u8,
            ..b
        },
        a,
    )
}

/// The lowest contrast of `fg` against any of `backgrounds`.
fn worst(fg: Color, backgrounds: &[Color]) -> f64 {
    backgrounds
        .iter()
        .map(|bg| contrast(fg, *bg))
        .fold(f64::INFINITY, f64::min)
}

/// `fg` as it is if it reaches `min` against every one of `backgrounds`
/// (opaque colours of one theme, its first the code background); else the
/// nearest colour of the same hue, darker on light backgrounds and lighter
/// on dark ones, that does.
pub(crate) fn readable(fg: Color, backgrounds: &[Color], min: f64) -> Color {
    let Some(&base) = backgrounds.first() else {
        return fg;
    };
    if backgrounds
        .iter()
        .all(|bg| contrast(over(fg, *bg), *bg) >= min)
    {
        return fg;
    }
    let seen = over(fg, base);
    let black = Color {
        r: 0,
        g: 0,
        b: 0,
        a: 0xff,
    };
    let white = Color {
        r: 0xff,
        g: 0xff,
        b: 0xff,
        a: 0xff,
    };
    let darker = worst(black, backgrounds) >= worst(white, backgrounds);
    let [l, a, b] = oklab(seen);
    let (chroma, hue) = (a.hypot(b), b.atan2(a));
    // Small steps, so the colour moves no further than it has to.
    const STEP: f64 = 0.005;
    for i in 1..=(1.0 / STEP) as usize {
        let step = STEP * i as f64;
        let lightness = if darker { l - step } else { l + step };
        if !(0.0..=1.0).contains(&lightness) {
            break;
        }
        let candidate = in_gamut(lightness, chroma, hue);
        if worst(candidate, backgrounds) >= min {
            return candidate;
        }
    }
    if darker {
        black
    } else {
        white
    }
}

/// The sRGB colour of this Oklab lightness and hue with as much of `chroma`
/// as sRGB can show (less chroma rather than a shifted hue).
fn in_gamut(lightness: f64, chroma: f64, hue: f64) -> Color {
    let at = |c: f64| linear_from_oklab([lightness, c * hue.cos(), c * hue.sin()]);
    let fits = |rgb: [f64; 3]| rgb.iter().all(|v| (-1e-4..=1.0 + 1e-4).contains(v));
    let (mut low, mut high) = (0.0, chroma);
    if !fits(at(high)) {
        for _ in 0..24 {
            let mid = (low + high) / 2.0;
            if fits(at(mid)) {
                low = mid;
            } else {
                high = mid;
            }
        }
        high = low;
    }
    let [r, g, b] = at(high).map(encode);
    Color { r, g, b, a: 0xff }
}

fn decode(v: u8) -> f64 {
    let v = f64::from(v) / 255.0;
    if v <= 0.04045 {
        v / 12.92
    } else {
        ((v + 0.055) / 1.055).powf(2.4)
    }
}

fn encode(v: f64) -> u8 {
    let v = v.clamp(0.0, 1.0);
    let v = if v <= 0.003_130_8 {
        v * 12.92
    } else {
        1.055 * v.powf(1.0 / 2.4) - 0.055
    };
    (v * 255.0).round() as u8
}

fn oklab(c: Color) -> [f64; 3] {
    let [r, g, b] = [c.r, c.g, c.b].map(decode);
    let l = (0.412_221_470_8 * r + 0.536_332_536_3 * g + 0.051_445_992_9 * b).cbrt();
    let m = (0.211_903_498_2 * r + 0.680_699_545_1 * g + 0.107_396_956_6 * b).cbrt();
    let s = (0.088_302_461_9 * r + 0.281_718_837_6 * g + 0.629_978_700_5 * b).cbrt();
    [
        0.210_454_255_3 * l + 0.793_617_785 * m - 0.004_072_046_8 * s,
        1.977_998_495_1 * l - 2.428_592_205 * m + 0.450_593_709_9 * s,
        0.025_904_037_1 * l + 0.782_771_766_2 * m - 0.808_675_766 * s,
    ]
}

fn linear_from_oklab([l, a, b]: [f64; 3]) -> [f64; 3] {
    let l_ = (l + 0.396_337_777_4 * a + 0.215_803_757_3 * b).powi(3);
    let m_ = (l - 0.105_561_345_8 * a - 0.063_854_172_8 * b).powi(3);
    let s_ = (l - 0.089_484_177_5 * a - 1.291_485_548 * b).powi(3);
    [
        4.076_741_662_1 * l_ - 3.307_711_591_3 * m_ + 0.230_969_929_2 * s_,
        -1.268_438_004_6 * l_ + 2.609_757_401_1 * m_ - 0.341_319_396_5 * s_,
        -0.004_196_086_3 * l_ - 0.703_418_614_7 * m_ + 1.707_614_701 * s_,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb(hex: u32) -> Color {
        Color {
            r: (hex >> 16) as u8,
            g: (hex >> 8) as u8,
            b: hex as u8,
            a: 0xff,
        }
    }

    #[test]
    fn contrast_matches_wcag() {
        assert!((contrast(rgb(0x000000), rgb(0xffffff)) - 21.0).abs() < 1e-9);
        assert!((contrast(rgb(0x777777), rgb(0xffffff)) - 4.48).abs() < 0.01);
        // InspiredGitHub's comments on white, as axe measures them.
        assert!((contrast(rgb(0x969896), rgb(0xffffff)) - 2.9).abs() < 0.01);
    }

    #[test]
    fn oklab_round_trips() {
        for hex in [0x969896, 0x0086b3, 0xe06c75, 0x282c34, 0xffffff, 0x000000] {
            let c = rgb(hex);
            let [l, a, b] = oklab(c);
            let back = in_gamut(l, a.hypot(b), b.atan2(a));
            assert_eq!((back.r, back.g, back.b), (c.r, c.g, c.b), "{hex:06x}");
        }
    }

    #[test]
    fn faint_colours_are_lifted_keeping_their_hue() {
        let white = rgb(0xffffff);
        let teal = rgb(0x0086b3);
        let lifted = readable(teal, &[white], AA);
        assert!(contrast(lifted, white) >= AA);
        // Only a little darker, and still teal: blue above green above red.
        assert!(contrast(lifted, white) < 4.8, "{lifted:?}");
        assert!(lifted.b > lifted.g && lifted.g > lifted.r, "{lifted:?}");
        let dark = rgb(0x282c34);
        let red = readable(rgb(0xe06c75), &[dark], AA);
        assert!(contrast(red, dark) >= AA);
        assert!(
            red.r > red.g && red.r > 0xe0,
            "lighter and still red: {red:?}"
        );
    }

    #[test]
    fn readable_colours_and_translucent_ones() {
        let white = rgb(0xffffff);
        assert_eq!(readable(rgb(0x183691), &[white], AA), rgb(0x183691));
        let faint = Color {
            a: 0x40,
            ..rgb(0x000000)
        };
        let seen = readable(faint, &[white], AA);
        assert_eq!(seen.a, 0xff);
        assert!(contrast(seen, white) >= AA);
    }

    #[test]
    fn every_background_counts() {
        let (white, cream) = (rgb(0xffffff), rgb(0xfdf3cc));
        let c = readable(rgb(0x0086b3), &[white, cream], AA);
        assert!(
            contrast(c, white) >= AA && contrast(c, cream) >= AA,
            "{c:?}"
        );
    }
}
