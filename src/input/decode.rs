//! Bytes to text: UTF-8 with or without BOM, UTF-16 with BOM or recognisably
//! without, invalid UTF-8 replaced with U+FFFD and reported, binary refused.

use std::fmt;

/// Why bytes were not taken as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes that are not UTF-16: a binary file.
    Binary { offset: usize },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary { offset } => {
                write!(f, "binary file (NUL byte at offset {offset}), skipped")
            }
        }
    }
}

/// Decoded text and, when something had to be repaired, a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// Decode the bytes of one article.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return Ok(decode_utf8(rest));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(decode_utf16(rest, u16::from_le_bytes, "UTF-16LE"));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(decode_utf16(rest, u16::from_be_bytes, "UTF-16BE"));
    }
    if let Some(offset) = memchr::memchr(0, bytes) {
        return match utf16_without_bom(bytes) {
            Some(true) => Ok(decode_utf16(bytes, u16::from_le_bytes, "UTF-16LE")),
            Some(false) => Ok(decode_utf16(bytes, u16::from_be_bytes, "UTF-16BE")),
            None => Err(DecodeError::Binary { offset }),
        };
    }
    Ok(decode_utf8(bytes))
}

fn decode_utf8(bytes: &[u8]) -> Decoded {
    // Checked with SIMD (most text is valid); where it is not, std says where.
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Decoded {
            text: s.to_string(),
            warning: None,
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded {
            text: s.to_string(),
            warning: None,
        },
        Err(e) => {
            let first = e.valid_up_to();
            let text = String::from_utf8_lossy(bytes).into_owned();
            let n = text.matches('\u{FFFD}').count();
            Decoded {
                text,
                warning: Some(format!(
                    "invalid UTF-8 at byte {first}: {n} replacement character{} (U+FFFD) inserted",
                    if n == 1 { "" } else { "s" }
                )),
            }
        }
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, name: &str) -> Decoded {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut bad = 0;
    let text: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                bad += 1;
                '\u{FFFD}'
            })
        })
        .collect();
    let odd = bytes.len() % 2 == 1;
    let warning = (bad > 0 || odd).then(|| {
        format!(
            "{name}: {bad} unpaired surrogate{}{}",
            if bad == 1 { "" } else { "s" },
            if odd { " and a trailing odd byte" } else { "" }
        )
    });
    Decoded { text, warning }
}

/// Whether NUL-bearing bytes look like UTF-16 without a BOM: `Some(true)` for
/// little endian, `Some(false)` for big endian. Text in Latin, Bengali or
/// Devanagari puts a few distinct values (0x00, 0x09, 0x20...) in every
/// high byte.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 4 || bytes.len() % 2 == 1 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(8192) & !1];
    let pairs = sample.len() / 2;
    let high_like = |b: u8| matches!(b, 0x00 | 0x09 | 0x20 | 0x25);
    let even = sample.iter().step_by(2).filter(|&&b| high_like(b)).count();
    let odd = sample.iter().skip(1).step_by(2).filter(|&&b| high_like(b)).count();
    let nul_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let nul_odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd * 10 >= pairs * 9 && nul_even * 20 < pairs {
        Some(true)
    } else if even * 10 >= pairs * 9 && nul_odd * 20 < pairs {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut v = if bom { vec![0xFF, 0xFE] } else { vec![] };
        v.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        v
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("পুতিন".as_bytes()).unwrap().text, "পুতিন");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend("पुतिन".as_bytes());
        assert_eq!(
            decode(&b).unwrap(),
            Decoded {
                text: "पुतिन".into(),
                warning: None
            }
        );
    }

    #[test]
    fn invalid_utf8_is_repaired_with_a_warning() {
        let mut b = "ab".as_bytes().to_vec();
        b.push(0xFF);
        b.extend("cd".as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!(d.text, "ab\u{FFFD}cd");
        assert_eq!(
            d.warning.unwrap(),
            "invalid UTF-8 at byte 2: 1 replacement character (U+FFFD) inserted"
        );
    }

    #[test]
    fn utf16_with_bom_and_without() {
        assert_eq!(decode(&utf16le("মস্কো Moscow", true)).unwrap().text, "মস্কো Moscow");
        assert_eq!(
            decode(&utf16le("মস্কোতে বৈঠক হবে", false)).unwrap().text,
            "মস্কোতে বৈঠক হবে"
        );
        assert_eq!(
            decode(&utf16le("Talks in Moscow", false)).unwrap().text,
            "Talks in Moscow"
        );
        let mut be = vec![0xFE, 0xFF];
        be.extend("रूस".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be).unwrap().text, "रूस");
    }

    #[test]
    fn binary_is_refused() {
        let b = [0x7F, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 0x3E, 0, 0xAB, 0xCD];
        assert_eq!(decode(&b), Err(DecodeError::Binary { offset: 7 }));
    }
}
