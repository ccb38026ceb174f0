//! A sound key for names: the consonant skeleton of the name's Latin
//! spelling, with letters that transliteration confuses folded together
//! (`v`/`b`/`bh`, `z`/`j`, `ph`/`f`/`p`, `c`/`k`/`q`). Vowels, `h`, `w` and
//! `y` drop out, so vowel length and the many ways to write them do not
//! matter: `পুটিন`, `पुतिन` and `Putin` share the key `PTN`.

use crate::lexicon::entities::EntityLexicon;

use super::romanize::romanize_word;

/// The key of a name of one or more words (words keep their order; spaces
/// are dropped).
pub fn sound_key(lex: &EntityLexicon, name: &str) -> String {
    let mut latin = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        romanize_word(lex, word, &mut latin);
        latin.push(' ');
    }
    latin_key(&latin)
}

/// The key of Latin text.
pub fn latin_key(latin: &str) -> String {
    let folded: Vec<u8> = latin
        .chars()
        .filter_map(|c| {
            let c = fold_accent(c.to_ascii_lowercase());
            c.is_ascii_alphabetic().then_some(c as u8)
        })
        .collect();
    let mut key = Vec::with_capacity(folded.len());
    let mut i = 0;
    while i < folded.len() {
        let (class, len) = class_at(&folded, i);
        i += len;
        for &c in class.as_bytes() {
            // A nasal before a labial is heard as m: ট্রাম্প, ट्रंप, Trump.
            if (c == b'B' || c == b'P') && key.last() == Some(&b'N') {
                *key.last_mut().unwrap() = b'M';
            }
            if key.last() != Some(&c) {
                key.push(c);
            }
        }
    }
    String::from_utf8(key).unwrap_or_default()
}

/// The class of the letter (or digraph) at `i`, and its length.
fn class_at(s: &[u8], i: usize) -> (&'static str, usize) {
    let next = s.get(i + 1).copied();
    let two = |c: u8| next == Some(c);
    match s[i] {
        b's' if two(b'h') => ("S", 2),
        b's' if next == Some(b'c') && s.get(i + 2) == Some(&b'h') => ("S", 3),
        b'c' if two(b'h') => ("C", 2),
        b't' if two(b'h') => ("T", 2),
        b'd' if two(b'h') => ("D", 2),
        b'p' if two(b'h') => ("P", 2),
        b'b' if two(b'h') => ("B", 2),
        b'k' if two(b'h') => ("K", 2),
        b'g' if two(b'h') => ("G", 2),
        b'j' if two(b'h') => ("J", 2),
        b'z' if two(b'h') => ("J", 2),
        b'r' if two(b'h') => ("R", 2),
        b'c' if two(b'k') => ("K", 2),
        b'c' if matches!(next, Some(b'e' | b'i' | b'y')) => ("S", 1),
        b'b' | b'v' => ("B", 1),
        b'p' | b'f' => ("P", 1),
        b't' => ("T", 1),
        b'd' => ("D", 1),
        b'k' | b'q' | b'c' => ("K", 1),
        b'g' => ("G", 1),
        b'j' | b'z' => ("J", 1),
        b's' => ("S", 1),
        b'x' => ("KS", 1),
        b'm' => ("M", 1),
        b'n' => ("N", 1),
        b'l' => ("L", 1),
        b'r' => ("R", 1),
        _ => ("", 1),
    }
}

fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'š' => 's',
        'ž' => 'z',
        'č' => 'c',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::entities::entity_lexicon;
    use crate::text::normalize_str;

    fn key(s: &str) -> String {
        sound_key(entity_lexicon(), &normalize_str(s))
    }

    #[test]
    fn spellings_of_one_name_share_a_key() {
        for (a, b) in [
            ("পুটিন", "Putin"),
            ("पुतिन", "Putin"),
            ("জেলেনস্কি", "Zelensky"),
            ("ज़ेलेंस्की", "Zelenskyy"),
            ("ভলোডাইমির", "Volodymyr"),
            ("ভলোদিমির", "Volodymyr"),
            ("ট্রাম্প", "Trump"),
            ("ट्रंप", "Trump"),
            ("নিইউয়র্ক", "New York"),
            ("দিমিত্রিভ", "Dmitriev"),
            ("ম্যাক্রন", "Macron"),
        ] {
            assert_eq!(key(a), key(b), "{a} / {b}");
        }
    }

    #[test]
    fn different_names_differ() {
        assert_ne!(key("Putin"), key("Peskov"));
        assert_ne!(key("Modi"), key("Maduro"));
        assert_ne!(key("ট্রাম্প"), key("ট্রুডো"));
    }
}
