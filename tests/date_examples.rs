//! Every language's `dates.examples.tsv` (see `data/README.md`): each text,
//! against its reference date, yields exactly the listed dates and values.

mod common;

use std::collections::BTreeMap;

use corpus::extract::Kinds;
use corpus::scan::{ScanOptions, extract_text};

struct Expected {
    span: String,
    value: String,
    kind: String,
}

fn examples(lang: &str) -> BTreeMap<(String, String), Vec<Expected>> {
    let path = format!("{}/data/lang/{lang}/dates.examples.tsv", env!("CARGO_MANIFEST_DIR"));
    let contents = std::fs::read_to_string(&path).unwrap();
    let mut out: BTreeMap<(String, String), Vec<Expected>> = BTreeMap::new();
    for (n, line) in contents.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 5, "{path}:{}: want 5 columns", n + 1);
        let entry = out.entry((cols[0].to_string(), cols[1].to_string())).or_default();
        if !cols[2].is_empty() {
            entry.push(Expected {
                span: cols[2].into(),
                value: cols[3].into(),
                kind: cols[4].into(),
            });
        }
    }
    out
}

/// Run one language's examples; returns the failures.
fn run(lang: &str) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let all = examples(lang);
    for ((reference, text), expected) in &all {
        let opts = ScanOptions {
            reference_date: Some(reference.parse().unwrap()),
            only: Kinds::ALL,
            ..Default::default()
        };
        let article = extract_text(text, "example.txt", &opts);
        let got: Vec<(String, String, String)> = article
            .dates
            .iter()
            .map(|d| {
                let kind = serde_json::to_value(d.kind).unwrap().as_str().unwrap().to_string();
                (
                    d.span.text.to_string(),
                    d.value.as_deref().unwrap_or("null").to_string(),
                    kind,
                )
            })
            .collect();
        let want: Vec<(String, String, String)> = expected
            .iter()
            .map(|e| (e.span.clone(), e.value.clone(), e.kind.clone()))
            .collect();
        let mut got_sorted = got.clone();
        got_sorted.sort();
        let mut want_sorted = want.clone();
        want_sorted.sort();
        if got_sorted != want_sorted {
            failures.push(format!("[{reference}] {text}\n    want {want:?}\n    got  {got:?}"));
        }
    }
    (all.len(), failures)
}

fn check(lang: &str, min: usize) {
    common::check(lang, min, run);
}

#[test]
fn bengali_date_examples() {
    check("bn", 150);
}

#[test]
fn hindi_date_examples() {
    check("hi", 150);
}

#[test]
fn english_date_examples() {
    check("en", 100);
}
