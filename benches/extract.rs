//! In-process throughput of the extractors, per language and per kind, on
//! the fixture articles: `cargo bench --bench extract`. End-to-end figures
//! (reading, writing, threads, memory, start-up) come from `scripts/bench.py`.

use std::path::Path;

use corpus::extract::{Kind, Kinds, Pipeline};
use corpus::gazetteer::NameIndex;
use corpus::input::Job;
use corpus::scan::process;
use divan::{Bencher, counter::BytesCount};

fn main() {
    // Build the shared automata once, outside the timed loops.
    let _ = NameIndex::builtin();
    divan::main();
}

/// The fixture articles whose file names carry `tag` (`_bn_`, `_hi_`, `_en_`).
fn articles(tag: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    for dir in ["articles", "seeds"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let name = p.file_name().unwrap_or_default().to_string_lossy().into_owned();
            if name.ends_with(".txt") && (tag.is_empty() || name.contains(tag)) {
                out.push(std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
    }
    out
}

fn run(bencher: Bencher, texts: Vec<String>, kinds: Kinds) {
    run_with(bencher, texts, kinds, true);
}

fn run_with(bencher: Bencher, texts: Vec<String>, kinds: Kinds, model: bool) {
    let pipeline = Pipeline::standard(kinds, None, model);
    let bytes: usize = texts.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for text in &texts {
            let job = Job {
                path: "bench.txt".into(),
                text: text.clone(),
                ..Job::default()
            };
            divan::black_box(process(job, &pipeline, None));
        }
    });
}

/// Every extractor, by language.
#[divan::bench(args = ["_bn_", "_hi_", "_en_", ""])]
fn all_kinds(bencher: Bencher, tag: &str) {
    run(bencher, articles(tag), Kinds::ALL);
}

/// One kind at a time (with what it needs), on every fixture article.
#[divan::bench(args = ["dates", "people", "places", "events"])]
fn one_kind(bencher: Bencher, kind: &str) {
    let kind: Kind = kind.parse().unwrap_or(Kind::Dates);
    run(bencher, articles(""), Kinds::of(&[kind]));
}

/// People with and without the tagger, on every fixture article.
#[divan::bench(args = [true, false])]
fn people_model(bencher: Bencher, model: bool) {
    run_with(bencher, articles(""), Kinds::of(&[Kind::People]), model);
}

/// Reading the built-in tagger models.
#[divan::bench]
fn load_models() -> corpus::tagger::Taggers {
    corpus::tagger::Taggers::load_builtin().unwrap_or_default()
}

/// The shared document alone: normalisation, words, sentences — the floor
/// under every extractor.
#[divan::bench]
fn document(bencher: Bencher) {
    let texts = articles("");
    let bytes: usize = texts.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for text in &texts {
            divan::black_box(corpus::text::Document::new(text.clone()));
        }
    });
}
