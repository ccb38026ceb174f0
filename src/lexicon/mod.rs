//! Language data compiled into the binary (see `data/README.md`), parsed once
//! on first use.

pub mod dates;
pub mod entities;
pub mod events;
pub mod memo;
pub mod prefix;
pub mod word;

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

/// A list of word endings, looked up by the word's last character: a word
/// is checked against the few endings that end as it does, not the whole list.
#[derive(Debug, Clone, Default)]
pub struct Endings {
    all: Vec<String>,
    by_last: rustc_hash::FxHashMap<char, Vec<u32>>,
    /// The last bytes of the endings, a bit each: most words end in a byte
    /// no ending does, and are turned away before their last character is
    /// read and looked up.
    last_bytes: [u64; 4],
}

impl Endings {
    pub fn push(&mut self, ending: String) {
        if let (Some(c), Some(&b)) = (ending.chars().next_back(), ending.as_bytes().last()) {
            self.by_last.entry(c).or_default().push(self.all.len() as u32);
            self.last_bytes[usize::from(b >> 6)] |= 1 << (b & 63);
            self.all.push(ending);
        }
    }

    /// The endings in the order pushed.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.all.iter().map(String::as_str)
    }

    pub fn contains(&self, ending: &str) -> bool {
        self.candidates(ending).any(|e| e == ending)
    }

    /// Whether `word` ends in one of the endings and is more than `extra`
    /// bytes longer than it (with 0: more than the ending alone).
    pub fn ends(&self, word: &str, extra: usize) -> bool {
        self.candidates(word)
            .any(|e| word.len() > e.len() + extra && word.ends_with(e))
    }

    fn candidates<'s>(&'s self, word: &str) -> impl Iterator<Item = &'s str> + 's {
        let last_byte_ends_one = word
            .as_bytes()
            .last()
            .is_some_and(|&b| self.last_bytes[usize::from(b >> 6)] & (1 << (b & 63)) != 0);
        last_byte_ends_one
            .then(|| word.chars().next_back())
            .flatten()
            .and_then(|c| self.by_last.get(&c))
            .into_iter()
            .flatten()
            .map(|&i| self.all[i as usize].as_str())
    }
}

impl FromIterator<String> for Endings {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let mut e = Endings::default();
        for s in iter {
            e.push(s);
        }
        e
    }
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
mod endings_tests {
    use super::*;

    #[test]
    fn a_word_ends_in_an_ending_it_is_longer_than() {
        let list = ["বেন", "েছেন", "गा", "will", "ে"];
        let endings: Endings = list.iter().map(|s| s.to_string()).collect();
        // `जाते` ends in the byte `ে` ends in (U+0947 and U+09C7 share
        // their last) but not in `ে`; `downwill` passes on its last byte
        // and ends in `will`; `downwills` is turned away by its last byte.
        for word in [
            "করবেন",
            "করেছেন",
            "जाएगा",
            "will",
            "দিল্লিতে",
            "ে",
            "বেন",
            "",
            "ঢাকা",
            "जाते",
            "downwill",
            "downwills",
        ] {
            let want = list.iter().any(|e| word.len() > e.len() && word.ends_with(e));
            assert_eq!(endings.ends(word, 0), want, "{word}");
        }
        assert!(endings.contains("गा"));
        assert!(!endings.contains("বে"));
        // More than three bytes besides the ending.
        assert!(endings.ends("শিবগঞ্জে", 3));
        assert!(!endings.ends("এে", 3));
    }
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
