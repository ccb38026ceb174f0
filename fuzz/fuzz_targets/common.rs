//! What the extractor targets share: extract from any bytes (read as UTF-8,
//! bad bytes as U+FFFD) and check that every span of the record holds the
//! code points it says it does, and that reading it again, with what the
//! first reading left remembered, gives the same record.

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
    let record = process(job.clone(), pipeline, None);
    let problems = record.span_problems(&text);
    assert!(problems.is_empty(), "{problems:?}");
    let json = serde_json::to_string(&record).expect("the record serialises");
    // Read again, every word's answers are the ones the thread remembers
    // from the first reading: they must give the same record.
    let again = serde_json::to_string(&process(job, pipeline, None)).expect("the record serialises");
    assert_eq!(json, again, "a second reading differs");
}
