//! Every extractor on any text: no panic, and every span of the record
//! holds the code points it says it does.
#![no_main]

use corpus::extract::{Kinds, Pipeline};
use corpus::input::Job;
use corpus::scan::process;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    let pipeline = PIPELINE.get_or_init(|| Pipeline::standard(Kinds::ALL, None));
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
});
