//! Mentions that join entities already found: a surname or short form of a
//! full name printed elsewhere in the article (`রুবিও`, `मोदी`, `কিম`), and a
//! spelling no list has that sounds like a known name (`পুটিন`,
//! `ভলোডাইমির জেলেনস্কি`).

use rustc_hash::FxHashMap as HashMap;

use super::{Found, Mention, Via, Who, add_mention, covered, overlaps_any};
use crate::gazetteer::NameIndex;
use crate::gazetteer::romanize::romanize_word;
use crate::gazetteer::sound::{latin_key, sound_key};
use crate::lexicon::entities::EntityLexicon;
use crate::text::{Document, Script, script_of, word_start};

/// Join a person found from context to a fuller name of the article: one
/// printed right before a known person's mention is its first part (`आमिर
/// खान` + `मुत्ताकी`), and a one-word one that is the first or last word of
/// exactly one other person's name is that person (`মোরিওকা`).
pub fn merge_partial_names(doc: &Document, found: &mut Vec<Found>) {
    let text = doc.norm_text();
    let mut i = 0;
    while i < found.len() {
        let (Who::Pattern(key), true) = (found[i].who.clone(), found[i].person) else {
            i += 1;
            continue;
        };
        let mut keep = Vec::new();
        for m in std::mem::take(&mut found[i].mentions) {
            let next = m.range.end + 1;
            let mut joined = false;
            if text[m.range.end..].starts_with(' ') {
                for g in found.iter_mut().filter(|g| g.person) {
                    for k in g.mentions.iter_mut().filter(|k| k.range.start == next) {
                        k.range.start = m.range.start;
                        k.stem.start = m.range.start;
                        joined = true;
                    }
                }
            }
            if !joined {
                keep.push(m);
            }
        }
        found[i].mentions = keep;
        if !key.contains(' ') {
            let (first, last) = (format!("{key} "), format!(" {key}"));
            let owners: Vec<usize> = (0..found.len())
                .filter(|&j| j != i && found[j].person)
                .filter(|&j| {
                    found[j].mentions.iter().any(|k| {
                        let name = &text[k.stem.clone()];
                        name.starts_with(&first) || name.ends_with(&last)
                    })
                })
                .collect();
            if let [j] = owners[..] {
                let moved = std::mem::take(&mut found[i].mentions);
                found[j].mentions.extend(moved.into_iter().map(|m| Mention {
                    via: Via::ShortForm,
                    ..m
                }));
            }
        }
        if found[i].mentions.is_empty() {
            found.remove(i);
        } else {
            i += 1;
        }
    }
}

/// Link the article's other words to the entities already found, in one
/// pass: a surname or first word of a full name printed elsewhere (a short
/// form), else a spelling that sounds like one of their names.
pub fn join_words(doc: &Document, index: &NameIndex, lex: &EntityLexicon, found: &mut Vec<Found>) {
    let text = doc.norm_text();
    let tokens = short_form_tokens(text, lex, found);
    let (keys, first_names) = sound_keys(index, lex, found);
    extend_first_names(doc, lex, &first_names, found);
    let cover = covered(found);
    let mut new = Vec::new();
    // Words recur: look each one's sound up once.
    let mut sounds: HashMap<&str, Option<Join>> = HashMap::default();
    let mut buf = String::new();
    for w in doc.words() {
        if overlaps_any(&cover, w) {
            continue;
        }
        let word = &text[w.clone()];
        let hit = short_form(text, w, lex, &tokens, &cover).or_else(|| {
            if keys.is_empty() {
                return None;
            }
            sounds
                .entry(word)
                .or_insert_with(|| {
                    sound_candidate(word, lex)
                        .then(|| sound_alike(word, lex, &keys, &mut buf))
                        .flatten()
                })
                .clone()
        });
        if let Some((who, person, len, via)) = hit {
            let mention = Mention {
                range: w.clone(),
                stem: w.start..w.start + len,
                via,
            };
            new.push((who, person, mention));
        }
    }
    for (who, person, m) in new {
        add_mention(found, who, person, m);
    }
}

/// A found entity a word joins: who, whether a person, the length of the
/// name within the word, and how it was linked.
type Join = (Who, bool, usize, Via);

/// First and last words of the article's full names → the one person each
/// can stand for (`None` once two share it).
fn short_form_tokens<'t>(text: &'t str, lex: &EntityLexicon, found: &[Found]) -> HashMap<&'t str, Option<Who>> {
    let mut tokens: HashMap<&str, Option<Who>> = HashMap::default();
    for f in found.iter().filter(|f| f.person) {
        for m in f
            .mentions
            .iter()
            .filter(|m| matches!(m.via, Via::Gazetteer | Via::Pattern))
        {
            let name = &text[m.stem.clone()];
            let parts: Vec<&str> = name.split(' ').filter(|t| !t.is_empty()).collect();
            if parts.len() < 2 {
                continue;
            }
            for t in [parts[0], parts[parts.len() - 1]] {
                if t.chars().count() < 2 || lex.is_not_name(t) || lex.is_common(t) {
                    continue;
                }
                let slot = tokens.entry(t).or_insert_with(|| Some(f.who.clone()));
                if slot.as_ref() != Some(&f.who) {
                    *slot = None;
                }
            }
        }
    }
    tokens
}

/// The person whose surname or first word `w` is, with or without a case
/// ending; not when `w` ends another name (`ডিম্পল যাদব`).
fn short_form(
    text: &str,
    w: &std::ops::Range<usize>,
    lex: &EntityLexicon,
    tokens: &HashMap<&str, Option<Who>>,
    cover: &[std::ops::Range<usize>],
) -> Option<Join> {
    if tokens.is_empty() || follows_unknown_name_word(text, w.start, lex, cover) {
        return None;
    }
    let word = &text[w.clone()];
    let stem = lex.strip_suffix(word, 1);
    [word, stem].into_iter().find_map(|s| {
        tokens
            .get(s)
            .cloned()
            .flatten()
            .map(|who| (who, true, s.len(), Via::ShortForm))
    })
}

/// Whether the word at `start` comes right after a name-like word no entity
/// holds: then it is the end of another name (`डिंपल यादव` is not the
/// `यादव` of `अखिलेश यादव`).
fn follows_unknown_name_word(text: &str, start: usize, lex: &EntityLexicon, cover: &[std::ops::Range<usize>]) -> bool {
    let Some(before) = text[..start].strip_suffix(' ') else {
        return false;
    };
    let prev = word_start(text, before.len())..before.len();
    if prev.is_empty() || overlaps_any(cover, &prev) {
        return false;
    }
    let word = &text[prev];
    let capital_or_native = word
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || matches!(script_of(c), Script::Bengali | Script::Devanagari));
    capital_or_native && !lex.is_not_name(word) && !lex.is_common(word)
}

/// Sound key → (who, is a person, the Latin spelling that has the key) for
/// every name of the entities found, and the keys of each known person's
/// first names.
#[allow(clippy::type_complexity)]
fn sound_keys(
    index: &NameIndex,
    lex: &EntityLexicon,
    found: &[Found],
) -> (HashMap<String, Vec<(Who, bool, String)>>, HashMap<u32, Vec<String>>) {
    let mut keys: HashMap<String, Vec<(Who, bool, String)>> = HashMap::default();
    let mut first_names: HashMap<u32, Vec<String>> = HashMap::default();
    let sound = |s: &str| {
        let latin = latin_of(lex, s);
        let key = latin_key(&latin);
        (latin, key)
    };
    for f in found {
        match &f.who {
            Who::Entry(i) => {
                let sounds = index.entry_sounds(*i, sound);
                for (k, latin) in &sounds.keys {
                    keys.entry(k.clone())
                        .or_default()
                        .push((f.who.clone(), f.person, latin.clone()));
                }
                if f.person && !sounds.first_names.is_empty() {
                    first_names
                        .entry(*i)
                        .or_default()
                        .extend(sounds.first_names.iter().cloned());
                }
            }
            Who::Pattern(name) => {
                let (latin, k) = sound(name);
                if k.len() >= 3 {
                    keys.entry(k).or_default().push((f.who.clone(), f.person, latin));
                }
                let parts: Vec<&str> = name.split(' ').collect();
                if f.person && parts.len() >= 2 {
                    let (latin, k) = sound(parts[parts.len() - 1]);
                    if k.len() >= 3 {
                        keys.entry(k).or_default().push((f.who.clone(), f.person, latin));
                    }
                }
            }
        }
    }
    (keys, first_names)
}

/// The entity a word sounds like. Only entities the article names in a
/// known spelling (across the whole gazetteer, a consonant skeleton matches
/// common words too often), and only spellings that differ in a letter or
/// two from one of theirs (`भर्ती` is not `भारत`).
fn sound_alike(
    word: &str,
    lex: &EntityLexicon,
    keys: &HashMap<String, Vec<(Who, bool, String)>>,
    latin: &mut String,
) -> Option<Join> {
    let stem = lex.strip_suffix(word, 1);
    for s in [word, stem] {
        latin.clear();
        latin_into(lex, s, latin);
        let latin = latin.as_str();
        let near = |known: &str| edit_distance(latin, known) <= (latin.chars().count() / 4).max(1);
        let mut hits = keys
            .get(&latin_key(latin))
            .into_iter()
            .flatten()
            .filter(|(_, _, l)| near(l));
        let hit = hits.next().map(|(who, person, _)| (who.clone(), *person));
        if let Some((who, person)) = hit.filter(|(who, _)| hits.all(|(w, _, _)| w == who)) {
            return Some((who, person, s.len(), Via::Sound));
        }
    }
    None
}

/// The lower-case Latin spelling of a name.
fn latin_of(lex: &EntityLexicon, name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    latin_into(lex, name, &mut out);
    out
}

fn latin_into(lex: &EntityLexicon, name: &str, out: &mut String) {
    for word in name.split_whitespace() {
        romanize_word(lex, word, out);
    }
    out.make_ascii_lowercase();
}

/// Levenshtein distance of two short strings.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// A word worth a sound lookup: a native-script word of three letters or
/// more, or a capitalised Latin one, that is not a common word.
fn sound_candidate(word: &str, lex: &EntityLexicon) -> bool {
    let Some(first) = word.chars().next() else { return false };
    let ok_script = match script_of(first) {
        Script::Latin => first.is_uppercase(),
        Script::Bengali | Script::Devanagari => true,
        Script::Other => false,
    };
    ok_script
        && word.chars().count() >= 3
        && !word.bytes().any(|b| b.is_ascii_digit())
        && !lex.is_not_name(word)
        && !lex.is_common(word)
        && !lex.is_not_name(lex.strip_suffix(word, 1))
        && !lex.is_common(lex.strip_suffix(word, 1))
}

/// A first name spelled another way (`ভলোডাইমির`) right before a known
/// person's surname joins that mention.
fn extend_first_names(
    doc: &Document,
    lex: &EntityLexicon,
    first_names: &HashMap<u32, Vec<String>>,
    found: &mut [Found],
) {
    let text = doc.norm_text();
    let cover = covered(found);
    for f in found.iter_mut() {
        let Who::Entry(i) = f.who else { continue };
        let Some(keys) = first_names.get(&i) else { continue };
        for m in &mut f.mentions {
            if text[m.stem.clone()].contains(' ') {
                continue;
            }
            let Some(before) = text[..m.range.start].strip_suffix(' ') else {
                continue;
            };
            let prev = word_start(text, before.len())..before.len();
            if prev.is_empty()
                || overlaps_any(&cover, &prev)
                || lex.is_not_name(&text[prev.clone()])
                || lex.is_common(&text[prev.clone()])
            {
                continue;
            }
            if keys.contains(&sound_key(lex, &text[prev.clone()])) {
                m.range.start = prev.start;
                m.stem.start = prev.start;
            }
        }
    }
}
