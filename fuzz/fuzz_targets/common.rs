//! What the extractor targets share: extract from any bytes (read as UTF-8,
//! bad bytes as U+FFFD) and check that every span of the record holds the
//! code points it says it does.

use std::sync::OnceLock;

use corpus::extract::{Kinds, Pipeline};
use corpus::input::Job;
use corpus::scan::process;

/// Extract `kinds` (with what they read) from `data` and check the record.
pub fn check(pipeline: &'static OnceLock<Pipeline>, kinds: Kinds, data: &[u8]) {
    let pipeline = pipeline.get_or_init(|| Pipeline::standard(kinds, None, true));
    let text = String::from_utf8_lossy(data).into_owned();
    let job = Job {
        path: "fuzz.txt".into(),
        text: text.clone(),
        ..Job::default()
    };
    let record = process(job, pipeline, None);
    let problems = record.span_problems(&text);
    assert!(problems.is_empty(), "{problems:?}");
    serde_json::to_string(&record).expect("the record serialises");
}
