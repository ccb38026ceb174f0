//! Every language's `entities.examples.tsv` (see `data/README.md`): each text
//! yields exactly the listed people and places. A gazetteer person or place
//! is named by its canonical name; one found from context by `~` and the
//! name as printed (its `native` form).

mod common;

use corpus::extract::Kinds;
use corpus::model::Source;
use corpus::scan::{ScanOptions, extract_text};

struct Example {
    line: usize,
    text: String,
    people: Vec<String>,
    places: Vec<String>,
}

fn examples(lang: &str) -> Vec<Example> {
    let path = format!("{}/data/lang/{lang}/entities.examples.tsv", env!("CARGO_MANIFEST_DIR"));
    let contents = std::fs::read_to_string(&path).unwrap();
    let list = |s: &str| -> Vec<String> {
        let mut v: Vec<String> = s
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        v.sort();
        v
    };
    contents
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, line)| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(cols.len() == 3 || cols.len() == 2, "{path}:{}: want 3 columns", n + 1);
            Example {
                line: n + 1,
                text: cols[0].to_string(),
                people: list(cols[1]),
                places: list(cols.get(2).copied().unwrap_or("")),
            }
        })
        .collect()
}

/// How the examples file names entities: a gazetteer entity by its name,
/// one found from context by `~` and its native form; sorted.
fn labels<'a>(entities: impl Iterator<Item = (Source, &'a str, &'a str)>) -> Vec<String> {
    let mut v: Vec<String> = entities
        .map(|(source, name, native)| match source {
            Source::Gazetteer => name.to_string(),
            _ => format!("~{native}"),
        })
        .collect();
    v.sort();
    v
}

/// Run one language's examples; returns the count and the failures.
fn run(lang: &str) -> (usize, Vec<String>) {
    let opts = ScanOptions {
        only: Kinds::ALL,
        ..Default::default()
    };
    let all = examples(lang);
    let mut failures = Vec::new();
    for ex in &all {
        let article = extract_text(&ex.text, "example.txt", &opts);
        let people = labels(
            article
                .people
                .iter()
                .map(|p| (p.source, p.name.as_str(), p.native.as_str())),
        );
        let places = labels(
            article
                .places
                .iter()
                .map(|p| (p.source, p.name.as_str(), p.native.as_str())),
        );
        if people != ex.people || places != ex.places {
            let mentions = |names: Vec<(String, Vec<String>)>| {
                names
                    .into_iter()
                    .map(|(n, m)| format!("{n} {m:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let got_people = article
                .people
                .iter()
                .map(|p| {
                    (
                        p.name.to_string(),
                        p.mentions.iter().map(|m| m.text.to_string()).collect(),
                    )
                })
                .collect();
            let got_places = article
                .places
                .iter()
                .map(|p| {
                    (
                        p.name.to_string(),
                        p.mentions.iter().map(|m| m.text.to_string()).collect(),
                    )
                })
                .collect();
            failures.push(format!(
                "line {}: {}\n    want people {:?} places {:?}\n    got  people [{}] places [{}]",
                ex.line,
                ex.text,
                ex.people,
                ex.places,
                mentions(got_people),
                mentions(got_places)
            ));
        }
    }
    (all.len(), failures)
}

fn check(lang: &str, min: usize) {
    common::check(lang, min, run);
}

#[test]
fn bengali_entity_examples() {
    check("bn", 100);
}

#[test]
fn hindi_entity_examples() {
    check("hi", 100);
}

#[test]
fn english_entity_examples() {
    check("en", 100);
}
