//! The events extractor alone (with what it reads) on any text.
#![no_main]

#[path = "common.rs"]
mod common;

use std::sync::OnceLock;

use corpus::extract::{Kind, Kinds, Pipeline};
use libfuzzer_sys::fuzz_target;

static PIPELINE: OnceLock<Pipeline> = OnceLock::new();

fuzz_target!(|data: &[u8]| common::check(&PIPELINE, Kinds::of(&[Kind::Events]), data));
