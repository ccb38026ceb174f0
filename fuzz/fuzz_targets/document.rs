//! The document every extractor reads: normalisation and its offset map
//! back to the text as read, language, sentences and words.
#![no_main]

use corpus::text::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let doc = Document::new(text.clone());
    let norm = doc.norm_text();
    // Every character of the normalised text maps back to a range of the
    // original on character boundaries, in order.
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in norm.char_indices() {
        let orig = doc.orig_range(i..i + c.len_utf8());
        assert!(
            orig.start <= orig.end && orig.end <= text.len(),
            "{orig:?} outside the text"
        );
        assert!(text.is_char_boundary(orig.start) && text.is_char_boundary(orig.end));
        let span = doc.span(i..i + c.len_utf8());
        assert!(span.end <= chars.len());
        assert_eq!(chars[span.start..span.end].iter().collect::<String>(), span.text);
    }
    for s in &doc.sentences {
        assert!(s.start < s.end && s.end <= norm.len());
        assert!(norm.is_char_boundary(s.start) && norm.is_char_boundary(s.end));
    }
    let mut prev = 0;
    for w in doc.words() {
        assert!(prev <= w.start && w.start < w.end && w.end <= norm.len());
        assert!(norm.is_char_boundary(w.start) && norm.is_char_boundary(w.end));
        prev = w.end;
    }
});
