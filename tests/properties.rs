//! Properties that hold for any text: every span of every record points at
//! its text (code point offsets, on character boundaries, inside the text),
//! and a scan writes the same records whatever the thread count.

use corpus::extract::Kinds;
use corpus::report::json::JsonlSink;
use corpus::scan::{ScanOptions, extract_text, scan};
use proptest::prelude::*;

/// Pieces news text is made of, and the traps of its scripts: names with
/// case endings, dates in three scripts, joiners, precomposed and
/// decomposed letters, marks on Latin letters, stray combining marks.
const PIECES: &[&str] = &[
    "পুতিনের",
    "ট্রাম্প",
    "মস্কোয়",
    "আলাস্কা\u{09DF}",
    "১৫ আগস্ট ২০২৫",
    "সোমবার",
    "বৈঠক হবে",
    "বলেন",
    "রাত সাড়ে ১২টায়",
    "ঢাকা",
    "মোঃ",
    "পুতিন",
    "पुतिन",
    "ट्रंप",
    "मास्को",
    "27 जून 2025",
    "को",
    "बैठक",
    "होगी",
    "ने कहा",
    "साढ़े",
    "Putin",
    "Trump",
    "Alaska",
    "on 15 August 2025",
    "met",
    "will meet",
    "Dr.",
    "said",
    "Monday",
    "11pm",
    "2025-08-15",
    "U.S.",
    "DHAKA, Nov 17",
    "\u{200C}",
    "\u{200D}",
    "\u{00AD}",
    "\u{FEFF}",
    "e\u{0301}",
    "\u{0301}",
    "\u{09BC}",
    "\u{094D}",
    "্",
    "়",
    "।",
    ".",
    ",",
    " ",
    " ",
    " ",
    "\n",
    "(",
    ")",
    "'",
    "\"",
    "-",
    "/",
    ":",
    "০",
    "৯",
    "०",
    "९",
    "0",
    "9",
];

fn article() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        // Any character but NUL, which makes a file binary (and skipped).
        1 => any::<char>().prop_filter("NUL", |&c| c != '\0').prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn every_span_points_at_its_text(text in article()) {
        let opts = ScanOptions { only: Kinds::ALL, ..ScanOptions::default() };
        let record = extract_text(&text, "t.txt", &opts);
        let problems = record.span_problems(&text);
        prop_assert!(problems.is_empty(), "{:?} in {:?}", problems, text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn records_are_the_same_whatever_the_thread_count(texts in proptest::collection::vec(article(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        for (i, t) in texts.iter().enumerate() {
            std::fs::write(dir.path().join(format!("{i:03}.txt")), t).unwrap();
        }
        let paths = vec![dir.path().display().to_string()];
        let run = |threads: usize| {
            let mut out = Vec::new();
            let opts = ScanOptions { threads, ..ScanOptions::default() };
            scan(&paths, &opts, &mut JsonlSink::new(&mut out), &mut |_| {}, &mut |_, _| {}).unwrap();
            String::from_utf8(out).unwrap()
        };
        let one = run(1);
        prop_assert_eq!(one.lines().count(), texts.len());
        prop_assert_eq!(&one, &run(2));
        prop_assert_eq!(&one, &run(5));
    }
}

/// Inputs the fuzz targets (`fuzz/`) found crashing, kept as they were
/// found: each must now give a record whose spans point at its text.
#[test]
fn what_fuzzing_found_stays_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let opts = ScanOptions {
            only: Kinds::ALL,
            ..ScanOptions::default()
        };
        let record = extract_text(&text, "t.txt", &opts);
        let problems = record.span_problems(&text);
        assert!(problems.is_empty(), "{}: {problems:?}", path.display());
        n += 1;
    }
    assert!(n >= 2);
}
