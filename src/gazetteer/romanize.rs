//! Latin spellings of Bengali and Devanagari names, by the tables in
//! `data/lang/*/romanize.tsv`: the canonical name of a person no gazetteer
//! knows, and the input of the sound key.

use crate::lexicon::entities::{EntityLexicon, Glyph, Romanizer};
use crate::text::{Script, script_of};

/// `text` in Latin letters, each word capitalised. Latin text is kept as it
/// is; characters no table knows are dropped.
pub fn romanize(lex: &EntityLexicon, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let start = out.len();
        romanize_word(lex, word, &mut out);
        capitalize_from(&mut out, start);
    }
    out
}

/// Lower-case Latin for one word, appended to `out`.
pub fn romanize_word(lex: &EntityLexicon, word: &str, out: &mut String) {
    let script = word.chars().map(script_of).find(|s| *s != Script::Other);
    let Some(rom) = script.and_then(|s| lex.romanizer(s)) else {
        out.extend(
            word.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase),
        );
        return;
    };
    let mut pending = false;
    let mut rest = word;
    while let Some(c) = rest.chars().next() {
        let (len, entry) = longest_grapheme(rom, rest);
        rest = &rest[len..];
        let Some((latin, glyph)) = entry else {
            if pending {
                out.push_str(&rom.inherent);
                pending = false;
            }
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
            continue;
        };
        match glyph {
            Glyph::Consonant => {
                if pending {
                    out.push_str(&rom.inherent);
                }
                out.push_str(latin);
                pending = true;
            }
            Glyph::Medial => out.push_str(latin),
            Glyph::Sign => {
                out.push_str(latin);
                pending = false;
            }
            Glyph::Virama => pending = false,
            Glyph::Mark | Glyph::Vowel => {
                if pending {
                    out.push_str(&rom.inherent);
                    pending = false;
                }
                out.push_str(latin);
            }
        }
    }
}

/// The longest grapheme of the table at the start of `s`: its byte length
/// and entry, or the first char's length and `None`.
fn longest_grapheme<'a>(rom: &'a Romanizer, s: &str) -> (usize, Option<&'a (String, Glyph)>) {
    let ends: Vec<usize> = s
        .char_indices()
        .skip(1)
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .take(rom.longest)
        .collect();
    for &end in ends.iter().rev() {
        if let Some(entry) = rom.table.get(&s[..end]) {
            return (end, Some(entry));
        }
    }
    (ends[0], None)
}

fn capitalize_from(s: &mut String, start: usize) {
    if let Some(c) = s[start..].chars().next()
        && c.is_lowercase()
    {
        let upper: String = c.to_uppercase().collect();
        s.replace_range(start..start + c.len_utf8(), &upper);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::entities::entity_lexicon;
    use crate::text::normalize_str;

    fn rom(s: &str) -> String {
        romanize(entity_lexicon(), &normalize_str(s))
    }

    #[test]
    fn bengali_names() {
        assert_eq!(rom("বেন কার্টিস"), "Ben Kartis");
        assert_eq!(rom("ম্যাক্রন"), "Makran");
        assert_eq!(rom("কিম জং উন"), "Kim Jang Un");
    }

    #[test]
    fn devanagari_names() {
        assert_eq!(rom("राम प्रसाद शर्मा"), "Ram Prasad Sharma");
        assert_eq!(rom("ज़ेलेंस्की"), "Zelenski");
    }

    #[test]
    fn latin_is_kept() {
        assert_eq!(rom("Jane Doe"), "Jane Doe");
    }
}
