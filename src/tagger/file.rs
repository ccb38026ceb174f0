//! The model file: a header, then a row of eight little-endian `i16`
//! weights per feature bucket (`LABELS` of them, then zeros), laid out as
//! the tagger reads them: a built-in model's weights are read where the
//! binary holds them, never decoded (on Linux, from one copy in large
//! pages once the model tags: [`super::pages`]).
//!
//! ```text
//! corpus-tagger\n   magic
//! u8  version of the features and layout (FEATURES)
//! u8  script (1 Bengali, 2 Devanagari)
//! u8  bits (1 << bits buckets)
//! u8  labels
//! i32 × 2  least margin of a person and of a place the tagger adds
//! u8 × 6   zero, so that the rows start 32 bytes in
//! [i16; 8] × (1 << bits)
//! ```

use std::borrow::Cow;

use super::{LABELS, Model};
use crate::text::Script;

const MAGIC: &[u8] = b"corpus-tagger\n";

/// Where the rows of weights start.
const HEADER: usize = 32;

/// A row of weights: `LABELS` of them, padded to eight (one vector load).
pub type Row = [i16; 8];

/// Bump when the features or the layout change: a model made for others is
/// refused.
pub const FEATURES: u8 = 6;

/// The bytes of a model file.
pub fn write(script: Script, bits: u32, margins: [i32; 2], weights: &[i16]) -> Vec<u8> {
    let code = match script {
        Script::Bengali => 1,
        Script::Devanagari => 2,
        _ => 0,
    };
    let mut out = Vec::with_capacity(HEADER + weights.len() / LABELS * size_of::<Row>());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[FEATURES, code, bits as u8, LABELS as u8]);
    for m in margins {
        out.extend_from_slice(&m.to_le_bytes());
    }
    out.resize(HEADER, 0);
    for row in weights.chunks_exact(LABELS) {
        let mut padded: Row = [0; 8];
        padded[..LABELS].copy_from_slice(row);
        for w in padded {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
    out
}

/// A model from the bytes of a file, its weights copied.
pub fn read(bytes: impl AsRef<[u8]>) -> Result<(Script, Model), String> {
    let file = parse(bytes.as_ref())?;
    let weights = Cow::Owned(decode(file.rows));
    Ok((file.script, Model::new(file.bits, file.margins, weights)))
}

/// A model from bytes the binary holds: its weights are read in place when
/// they lie as a row of `i16`s needs (the built-in files are so laid out).
pub fn read_static(bytes: &'static [u8]) -> Result<(Script, Model), String> {
    let file = parse(bytes)?;
    let weights = match bytemuck::try_cast_slice::<u8, Row>(file.rows) {
        Ok(rows) if cfg!(target_endian = "little") => Cow::Borrowed(rows),
        _ => Cow::Owned(decode(file.rows)),
    };
    Ok((file.script, Model::new(file.bits, file.margins, weights)))
}

/// Rows of little-endian bytes as weights.
fn decode(rows: &[u8]) -> Vec<Row> {
    rows.chunks_exact(size_of::<Row>())
        .map(|row| {
            let mut out: Row = [0; 8];
            for (w, b) in out.iter_mut().zip(row.chunks_exact(2)) {
                *w = i16::from_le_bytes([b[0], b[1]]);
            }
            out
        })
        .collect()
}

/// A model file's header, and its rows of weights as bytes.
struct File<'b> {
    script: Script,
    bits: u32,
    margins: [i32; 2],
    rows: &'b [u8],
}

/// The parts of a model file, checked.
fn parse(bytes: &[u8]) -> Result<File<'_>, String> {
    if bytes.len() < HEADER || &bytes[..MAGIC.len()] != MAGIC {
        return Err("not a corpus tagger model".into());
    }
    let [version, code, bits, labels] = [
        bytes[MAGIC.len()],
        bytes[MAGIC.len() + 1],
        bytes[MAGIC.len() + 2],
        bytes[MAGIC.len() + 3],
    ];
    if version != FEATURES {
        return Err(format!(
            "trained on features version {version}, this build has {FEATURES}: retrain with `corpus train`"
        ));
    }
    let script = match code {
        1 => Script::Bengali,
        2 => Script::Devanagari,
        c => return Err(format!("unknown script code {c}")),
    };
    if usize::from(labels) != LABELS || !(8..=24).contains(&bits) {
        return Err(format!("{labels} labels and {bits} bits: not a model this build reads"));
    }
    let margin = |k: usize| {
        let at = MAGIC.len() + 4 + 4 * k;
        i32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
    };
    let margins = [margin(0), margin(1)];
    let expected = HEADER + (1usize << bits) * size_of::<Row>();
    if bytes.len() != expected {
        return Err(format!("{} bytes, expected {expected}", bytes.len()));
    }
    Ok(File {
        script,
        bits: u32::from(bits),
        margins,
        rows: &bytes[HEADER..],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_reads_back_and_a_bad_file_is_refused() {
        let weights: Vec<i16> = (0..(1 << 8) * LABELS as i32).map(|i| (i % 300 - 150) as i16).collect();
        let bytes = write(Script::Devanagari, 8, [1234, -5], &weights);
        let (script, model) = read(&bytes).unwrap();
        assert_eq!(script, Script::Devanagari);
        assert_eq!(model.bits, 8);
        assert_eq!(model.margins, [1234, -5]);
        let mut scores = [0; LABELS];
        // The bucket of the top 8 bits 0x01: weights 7..14.
        model.add(&[1u64 << 56], &mut scores);
        assert_eq!(scores, [-143, -142, -141, -140, -139, -138, -137]);
        // Bytes the binary holds are read in place, to the same weights.
        let held: &'static [u8] = bytes.clone().leak();
        let (_, in_place) = read_static(held).unwrap();
        assert_eq!(
            matches!(in_place.weights, Cow::Borrowed(_)),
            cfg!(target_endian = "little")
        );
        assert_eq!(in_place.weights, model.weights);
        // Each row is padded to eight with zeros.
        assert_eq!(bytes.len(), HEADER + (1 << 8) * 16);
        assert!(model.weights.iter().all(|row| row[LABELS..].iter().all(|&w| w == 0)));
        assert!(read(&bytes[..bytes.len() - 1]).unwrap_err().contains("bytes"));
        assert!(read(b"hello").is_err());
        let mut old = bytes.clone();
        old[MAGIC.len()] = FEATURES + 1;
        assert!(read(old).unwrap_err().contains("retrain"));
    }
}
