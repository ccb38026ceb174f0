//! Every language's `events.examples.tsv` (see `data/README.md`): each text,
//! against its reference date, yields exactly the listed events, each with
//! its participants, place, date and status.

mod common;

use std::collections::BTreeMap;

use corpus::extract::Kinds;
use corpus::model::Event;
use corpus::scan::{ScanOptions, extract_text};

#[derive(Debug, Clone, PartialEq)]
struct Expected {
    kind: String,
    participants: Vec<String>,
    place: String,
    date: String,
    status: String,
}

fn examples(lang: &str) -> BTreeMap<(String, String), Vec<Expected>> {
    let path = format!("{}/data/lang/{lang}/events.examples.tsv", env!("CARGO_MANIFEST_DIR"));
    let contents = std::fs::read_to_string(&path).unwrap();
    let mut out: BTreeMap<(String, String), Vec<Expected>> = BTreeMap::new();
    for (n, line) in contents.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols: Vec<&str> = line.split('\t').collect();
        assert!((2..=7).contains(&cols.len()), "{path}:{}: want 7 columns", n + 1);
        cols.resize(7, "");
        let entry = out.entry((cols[0].to_string(), cols[1].to_string())).or_default();
        if !cols[2].trim().is_empty() {
            let mut participants: Vec<String> = cols[3]
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            participants.sort();
            entry.push(Expected {
                kind: cols[2].trim().into(),
                participants,
                place: cols[4].trim().into(),
                date: cols[5].trim().into(),
                status: cols[6].trim().into(),
            });
        }
    }
    out
}

fn described(e: &Event) -> Expected {
    let mut participants: Vec<String> = e.participants.iter().map(|p| p.to_string()).collect();
    participants.sort();
    Expected {
        kind: e.kind.as_str().into(),
        participants,
        place: e.place.as_deref().unwrap_or_default().to_string(),
        date: e.date.as_deref().unwrap_or_default().to_string(),
        status: e.status.as_str().into(),
    }
}

/// Run one language's examples; returns the count and the failures.
fn run(lang: &str) -> (usize, Vec<String>) {
    let all = examples(lang);
    let mut failures = Vec::new();
    for ((reference, text), expected) in &all {
        let opts = ScanOptions {
            reference_date: Some(reference.parse().unwrap()),
            only: Kinds::ALL,
            ..Default::default()
        };
        let article = extract_text(text, "example.txt", &opts);
        let got: Vec<Expected> = article.events.iter().map(described).collect();
        let mut want = expected.clone();
        let mut unmatched = got.clone();
        want.retain(|w| match unmatched.iter().position(|g| g == w) {
            Some(i) => {
                unmatched.remove(i);
                false
            }
            None => true,
        });
        if !want.is_empty() || !unmatched.is_empty() {
            failures.push(format!("[{reference}] {text}\n    want {expected:?}\n    got  {got:?}"));
        }
    }
    (all.len(), failures)
}

fn check(lang: &str, min: usize) {
    common::check(lang, min, run);
}

#[test]
fn bengali_event_examples() {
    check("bn", 80);
}

#[test]
fn hindi_event_examples() {
    check("hi", 80);
}

#[test]
fn english_event_examples() {
    check("en", 80);
}
