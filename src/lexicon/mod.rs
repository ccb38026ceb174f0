//! Language data compiled into the binary (see `data/README.md`), parsed once
//! on first use.

pub mod dates;
pub mod entities;
pub mod events;

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::text::normalize_str;

include!(concat!(env!("OUT_DIR"), "/lang_files.rs"));

/// The contents of `data/lang/<lang>/<name>`, if that file exists.
pub fn lang_file(lang: &str, name: &str) -> Option<&'static str> {
    LANG_FILES
        .iter()
        .find(|(l, n, _)| *l == lang && *n == name)
        .map(|(_, _, c)| *c)
}

/// Every language's copy of the file `name`, as (language, contents).
pub fn files_named(name: &str) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    LANG_FILES
        .iter()
        .filter(move |(_, n, _)| *n == name)
        .map(|(l, _, c)| (*l, *c))
}

/// The data lines of a TSV or list file: comments and blank lines skipped,
/// with their 1-based line numbers.
pub fn data_lines(contents: &str) -> impl Iterator<Item = (usize, &str)> {
    contents
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// One `kind surface value` row of a vocabulary file, its surface
/// normalised; `at` names the file and line for error messages.
pub struct Row<'a> {
    pub at: String,
    pub kind: &'a str,
    pub surface: String,
    pub value: &'a str,
}

/// Whether `word` ends in `ending` and is more than it. The last bytes are
/// compared first: most words of a text end otherwise.
#[inline]
pub fn has_ending(word: &str, ending: &str) -> bool {
    word.len() > ending.len() && word.as_bytes().last() == ending.as_bytes().last() && word.ends_with(ending)
}

/// The rows of `data/lang/<lang>/<file>`; a row with no surface is an error.
pub fn rows<'a>(lang: &str, file: &str, contents: &'a str) -> impl Iterator<Item = Result<Row<'a>, String>> {
    let (lang, file) = (lang.to_string(), file.to_string());
    data_lines(contents).map(move |(line, text)| {
        let at = format!("data/lang/{lang}/{file} line {line}");
        let mut cols = text.split('\t');
        let kind = cols.next().unwrap_or("").trim();
        let surface = normalize_str(cols.next().unwrap_or("").trim());
        let value = cols.next().unwrap_or("").trim();
        if surface.is_empty() {
            return Err(format!("{at}: empty surface"));
        }
        Ok(Row {
            at,
            kind,
            surface,
            value,
        })
    })
}

/// Abbreviations of every language, normalised: a full stop after them does
/// not end a sentence.
pub fn abbreviations() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        files_named("abbreviations.txt")
            .flat_map(|(_, c)| data_lines(c))
            .map(|(_, l)| normalize_str(l.trim()))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_abbreviations() {
        for lang in ["bn", "hi", "en"] {
            assert!(lang_file(lang, "abbreviations.txt").is_some(), "{lang}");
        }
        assert!(abbreviations().contains("Mr"));
        assert!(abbreviations().contains("ড"));
        assert!(abbreviations().contains("डॉ"));
    }

    #[test]
    fn data_lines_skip_comments_and_blanks() {
        let lines: Vec<_> = data_lines("# c\n\na\tb\r\n  # x\nc").collect();
        assert_eq!(lines, vec![(3, "a\tb"), (5, "c")]);
    }
}
