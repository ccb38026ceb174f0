//! The JSONL reader on any bytes: no panic, records and notices in line
//! order, each record's text as its line gives it.
#![no_main]

use std::ops::ControlFlow;

use corpus::input::{InputOptions, Item, read_jsonl};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = InputOptions {
        max_bytes: 4096,
        ..InputOptions::default()
    };
    let mut lines = 0usize;
    let _ = read_jsonl(data, "fuzz.jsonl", &opts, &mut |item| {
        let n = match &item {
            Item::Job(j) => j.path.rsplit_once('#').and_then(|(_, n)| n.parse::<usize>().ok()),
            Item::Notice(n) => n.path.rsplit_once(':').and_then(|(_, n)| n.parse::<usize>().ok()),
        };
        let n = n.expect("every item names its line");
        assert!(n >= lines, "line {n} after line {lines}");
        lines = n;
        ControlFlow::Continue(())
    });
});
