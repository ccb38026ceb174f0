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

/// The conventional Latin spelling of a whole word, where its table lists
/// one (`মো.` Md.).
pub fn conventional<'a>(lex: &'a EntityLexicon, word: &str) -> Option<&'a str> {
    let script = word.chars().map(script_of).find(|s| *s != Script::Other)?;
    lex.romanizer(script)?.words.get(word).map(String::as_str)
}

/// Lower-case Latin for one word, appended to `out`.
///
/// The inherent vowel is dropped at the end of a word and, as speakers drop
/// it, between a vowel and a consonant that has a vowel of its own
/// (`কামরুল` Kamrul, `भटनागर` Bhatnagar, `রহমান` Rahman): never after the
/// word's first consonant nor where it would leave three consonants together.
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
    if let Some(latin) = rom.words.get(word) {
        out.push_str(&latin.to_lowercase());
        return;
    }
    let mut units = Graphemes { rom, rest: word }.peekable();
    // Whether the next unit gives the consonant before it a vowel of its
    // own: a sign, or its inherent vowel before another consonant.
    let voiced = |next: Option<&(char, Option<&(String, Glyph)>)>| {
        matches!(next, Some((_, Some((_, Glyph::Sign | Glyph::Consonant)))))
    };
    // Whether the consonant whose inherent vowel is pending is the word's
    // first, and whether a vowel came right before it.
    let mut pending: Option<(bool, bool)> = None;
    let mut after_vowel = false;
    let mut first = true;
    while let Some((c, entry)) = units.next() {
        let is_first = std::mem::replace(&mut first, false);
        let Some((latin, glyph)) = entry else {
            if pending.take().is_some() {
                out.push_str(&rom.inherent);
            }
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
            after_vowel = false;
            continue;
        };
        match glyph {
            Glyph::Consonant => {
                if let Some((initial, vowel_before)) = pending {
                    let drop = !initial && vowel_before && voiced(units.peek());
                    if !drop {
                        out.push_str(&rom.inherent);
                    }
                    after_vowel = !drop;
                }
                out.push_str(latin);
                pending = Some((is_first, after_vowel));
                after_vowel = false;
            }
            Glyph::Medial => {
                out.push_str(latin);
                // A cluster: its vowel is never dropped.
                pending = pending.map(|(initial, _)| (initial, false));
            }
            Glyph::Sign => {
                out.push_str(latin);
                pending = None;
                after_vowel = true;
            }
            Glyph::Virama => {
                pending = None;
                after_vowel = false;
            }
            Glyph::Mark | Glyph::Vowel => {
                if pending.take().is_some() {
                    out.push_str(&rom.inherent);
                }
                out.push_str(latin);
                after_vowel = *glyph == Glyph::Vowel;
            }
        }
    }
}

/// The graphemes of a word with their table entries.
struct Graphemes<'a, 'w> {
    rom: &'a Romanizer,
    rest: &'w str,
}

impl<'a> Iterator for Graphemes<'a, '_> {
    type Item = (char, Option<&'a (String, Glyph)>);

    fn next(&mut self) -> Option<Self::Item> {
        let c = self.rest.chars().next()?;
        let (len, entry) = self.rom.grapheme_at(self.rest);
        self.rest = &self.rest[len..];
        Some((c, entry))
    }
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
        assert_eq!(rom("কামরুল হাসান"), "Kamrul Hasan");
        assert_eq!(rom("হাবিবুর রহমান তালুকদার"), "Habibur Rahman Talukdar");
        assert_eq!(rom("মোহাম্মদ"), "Mohammad");
    }

    #[test]
    fn devanagari_names() {
        assert_eq!(rom("राम प्रसाद शर्मा"), "Ram Prasad Sharma");
        assert_eq!(rom("ज़ेलेंस्की"), "Zelenski");
        assert_eq!(rom("नीरज भटनागर"), "Niraj Bhatnagar");
        assert_eq!(rom("कमलेश"), "Kamlesh");
        assert_eq!(rom("शिवबरन"), "Shivbaran");
        assert_eq!(rom("प्रधान"), "Pradhan");
    }

    #[test]
    fn latin_is_kept() {
        assert_eq!(rom("Jane Doe"), "Jane Doe");
    }
}
