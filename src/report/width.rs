//! Terminal column widths. `unicode-width` gives Bengali and Devanagari
//! spacing vowel signs (`া` U+09BE, `ৗ` U+09D7, `ा` ...) zero columns, but
//! terminals and glibc give them one, so Indic marks are classed here by
//! their general category: spacing marks (Mc) take a column, others none.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

/// Whether an Indic mark is non-spacing (Mn): it takes no column.
fn indic_nonspacing(c: char) -> bool {
    matches!(c,
        '\u{0900}'..='\u{0902}' | '\u{093A}' | '\u{093C}' | '\u{0941}'..='\u{0948}' | '\u{094D}'
        | '\u{0951}'..='\u{0957}' | '\u{0962}' | '\u{0963}'
        | '\u{0981}' | '\u{09BC}' | '\u{09C1}'..='\u{09C4}' | '\u{09CD}' | '\u{09E2}' | '\u{09E3}' | '\u{09FE}')
}

/// Columns one character takes.
pub fn char_width(c: char) -> usize {
    match c {
        '\u{0900}'..='\u{097F}' | '\u{0980}'..='\u{09FF}' => usize::from(!indic_nonspacing(c)),
        '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '\u{00AD}' => 0,
        _ => c.width().unwrap_or(0),
    }
}

/// Columns a string takes.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// `s` cut to at most `max` columns at a grapheme boundary, with `…` when cut.
pub fn truncate(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if width(s) <= max {
        return s.into();
    }
    let mut used = 0;
    let mut end = 0;
    for (i, g) in s.grapheme_indices(true) {
        let w = width(g);
        if used + w + 1 > max {
            break;
        }
        used += w;
        end = i + g.len();
    }
    format!("{}…", &s[..end]).into()
}

/// `s` padded with spaces to `cols` columns.
pub fn pad(s: &str, cols: usize) -> String {
    let w = width(s);
    let mut out = String::with_capacity(s.len() + cols.saturating_sub(w));
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indic_spacing_marks_take_a_column() {
        assert_eq!(width("া"), 1);
        assert_eq!(width("ৗ"), 1);
        assert_eq!(width("পুতিন"), 4); // প ু(0) ত ি(1) ন
        assert_eq!(width("রাশিয়া"), 6); // র া শ ি য ়(0) া
        assert_eq!(width("पुतिन"), 4);
        assert_eq!(width("ट्रंप"), 3); // ट ्(0) र ं(0) प
        assert_eq!(width("Putin"), 5);
        assert_eq!(width("東京"), 4);
    }

    #[test]
    fn truncation_keeps_clusters_whole() {
        assert_eq!(truncate("Vladimir Putin", 8), "Vladimi…");
        assert_eq!(truncate("Putin", 8), "Putin");
        let t = truncate("ভ্লাদিমির পুতিন", 6);
        assert!(width(&t) <= 6);
        assert!(t.ends_with('…'));
        assert!("ভ্লাদিমির পুতিন".starts_with(t.trim_end_matches('…')));
    }

    #[test]
    fn padding_aligns_by_columns() {
        assert_eq!(width(&pad("রাশিয়া", 8)), 8);
        assert_eq!(width(&pad("रूस", 8)), 8);
    }
}
