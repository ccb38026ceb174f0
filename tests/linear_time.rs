//! Pathological texts take time in proportion to their size: four times the
//! text takes about four times as long, never sixteen (quadratic) or more.
//! A ratio, not a time, so the test holds on a slow or busy machine; the
//! sizes are small enough for a debug build. The full-size cases (10 MB of
//! digits, a trigger a million times) are timed with the release build in
//! the README.

use std::time::{Duration, Instant};

use corpus::extract::Kinds;
use corpus::scan::{ScanOptions, extract_text};

/// The fastest of three runs of a scan of `text` with every extractor.
fn fastest(text: &str) -> Duration {
    let opts = ScanOptions {
        only: Kinds::ALL,
        ..ScanOptions::default()
    };
    (0..3)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(extract_text(text, "t.txt", &opts));
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// `make(n)` and `make(4 n)` scan in about the same time per byte.
fn scales_linearly(name: &str, n: usize, make: impl Fn(usize) -> String) {
    // Warm the vocabularies and the name index up first.
    fastest("warm up");
    let small = fastest(&make(n));
    let large = fastest(&make(4 * n));
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
    assert!(
        ratio < 10.0,
        "{name}: 4x the text took {ratio:.1}x as long ({small:?} → {large:?})"
    );
}

#[test]
fn digits() {
    scales_linearly("digits", 100_000, |n| "7".repeat(n));
}

#[test]
fn a_trigger_repeated() {
    scales_linearly("বৈঠক repeated", 1_500, |n| "বৈঠক ".repeat(n));
    scales_linearly("talks repeated", 1_500, |n| "talks ".repeat(n));
    scales_linearly("এই বৈঠক repeated", 1_000, |n| "এই বৈঠক ".repeat(n));
}

#[test]
fn dates_and_names_repeated() {
    scales_linearly("dates repeated", 1_000, |n| "১৫ আগস্ট, ".repeat(n));
    scales_linearly("names and speech repeated", 1_000, |n| "পুতিন বলেন, ট্রাম্প ".repeat(n));
    scales_linearly("credits repeated", 1_000, |n| "(ছবি: এপি) ".repeat(n));
}

#[test]
fn many_different_names() {
    // Names made up from a counter: each one new to the article.
    let bengali = |i: usize| {
        let letters: Vec<char> = "কখগঘচছজটডতদনপবমরলসহ".chars().collect();
        (0..4)
            .map(|d| letters[(i / letters.len().pow(d)) % letters.len()])
            .collect::<String>()
    };
    scales_linearly("Bengali speakers", 800, |n| {
        (0..n)
            .map(|i| format!("{} {} বলেন, ", bengali(i), bengali(i + 7)))
            .collect()
    });
    let latin = |i: usize| {
        let mut s: String = (0..5)
            .map(|d| (b'a' + ((i / 26usize.pow(d)) % 26) as u8) as char)
            .collect();
        s[..1].make_ascii_uppercase();
        s
    };
    scales_linearly("English titled names", 800, |n| {
        (0..n)
            .map(|i| format!("Dr. {} {} said. ", latin(i), latin(i + 3)))
            .collect()
    });
    scales_linearly("Bengali towns", 1_000, |n| {
        (0..n).map(|i| format!("{}পুরে ", bengali(i))).collect()
    });
}

#[test]
fn a_run_without_spaces() {
    scales_linearly("a letter without spaces", 50_000, |n| "ক".repeat(n));
}

#[test]
fn combining_marks_repeated() {
    scales_linearly("marks on one letter", 20_000, |n| {
        format!("ক{}", "\u{09BC}\u{09CD}".repeat(n))
    });
}
