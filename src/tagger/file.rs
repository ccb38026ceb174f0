//! The model file: a header, then `LABELS` little-endian `i16` weights per
//! feature bucket.
//!
//! ```text
//! corpus-tagger\n   magic
//! u8  version of the features (FEATURES)
//! u8  script (1 Bengali, 2 Devanagari)
//! u8  bits (1 << bits buckets)
//! u8  labels
//! i32 × 2  least margin of a person and of a place the tagger adds
//! [i16; labels] × (1 << bits)
//! ```

use super::{LABELS, Model};
use crate::text::Script;

const MAGIC: &[u8] = b"corpus-tagger\n";

/// Bump when the features change: a model trained on others is refused.
pub const FEATURES: u8 = 4;

/// The bytes of a model file.
pub fn write(script: Script, bits: u32, margins: [i32; 2], weights: &[i16]) -> Vec<u8> {
    let code = match script {
        Script::Bengali => 1,
        Script::Devanagari => 2,
        _ => 0,
    };
    let mut out = Vec::with_capacity(MAGIC.len() + 4 + weights.len() * 2);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[FEATURES, code, bits as u8, LABELS as u8]);
    for m in margins {
        out.extend_from_slice(&m.to_le_bytes());
    }
    for w in weights {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

/// A model from the bytes of a file.
pub fn read(bytes: impl AsRef<[u8]>) -> Result<(Script, Model), String> {
    let bytes = bytes.as_ref();
    let header = MAGIC.len() + 12;
    if bytes.len() < header || &bytes[..MAGIC.len()] != MAGIC {
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
    let expected = header + (1usize << bits) * LABELS * 2;
    if bytes.len() != expected {
        return Err(format!("{} bytes, expected {expected}", bytes.len()));
    }
    let weights = bytes[header..]
        .chunks_exact(LABELS * 2)
        .map(|row| {
            let mut out = [0i16; 8];
            for (w, b) in out.iter_mut().zip(row.chunks_exact(2)) {
                *w = i16::from_le_bytes([b[0], b[1]]);
            }
            out
        })
        .collect();
    Ok((script, Model::new(u32::from(bits), margins, weights)))
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
        assert!(read(&bytes[..bytes.len() - 1]).unwrap_err().contains("bytes"));
        assert!(read(b"hello").is_err());
        let mut old = bytes.clone();
        old[MAGIC.len()] = FEATURES + 1;
        assert!(read(old).unwrap_err().contains("retrain"));
    }
}
