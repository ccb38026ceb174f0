//! The normaliser's fast paths against its cluster-by-cluster path on any
//! text: the same normalised text, map back, letter counts and words.
#![no_main]

use corpus::text::normalize::assert_fast_paths_agree;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| assert_fast_paths_agree(&String::from_utf8_lossy(data)));
