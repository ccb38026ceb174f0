//! `corpus` reads news articles in Bengali, Hindi and English and extracts
//! dates (resolved to calendar values), people, places and events.
//!
//! ```
//! use corpus::scan::{extract_text, ScanOptions};
//!
//! let article = extract_text("মস্কোতে বৈঠক হবে।", "note.txt", &ScanOptions::default());
//! assert_eq!(article.lang.code(), "bn");
//! assert_eq!(article.schema, "corpus.article/1");
//! ```

pub mod allocator;
pub mod check;
pub mod cli;
pub mod extract;
pub mod gazetteer;
pub mod input;
pub mod lexicon;
pub mod model;
pub mod report;
pub mod scan;
pub mod schema;
pub mod tagger;
pub mod text;
