//! Text as JavaScript and Python hold it: UTF-16 code units, where a lone surrogate
//! (`"\ud800"`) is a legal string that has no UTF-8 form. Rust's `&str` cannot hold one, so
//! inside this crate each lone surrogate is a stand-in character from Plane 15's private use
//! area (U+F0000 + (unit − 0xD800)), and in `conformance.json` it is the JSON escape `\ud800`,
//! which `JSON.parse` and Python's `json.loads` read as the lone surrogate itself.

/// The first stand-in: U+F0000 stands for U+D800.
const BASE: u32 = 0xF_0000;
const SURROGATES: std::ops::RangeInclusive<u32> = 0xD800..=0xDFFF;

/// The stand-in of the lone surrogate `unit` (0xD800..=0xDFFF).
pub fn lone(unit: u16) -> char {
    assert!(
        SURROGATES.contains(&u32::from(unit)),
        "{unit:#x} is no surrogate"
    );
    char::from_u32(BASE + (u32::from(unit) - 0xD800)).expect("plane 15 is valid")
}

/// The surrogate a stand-in stands for.
fn unit_of(c: char) -> Option<u32> {
    let offset = u32::from(c).checked_sub(BASE)?;
    (offset <= 0x7FF).then_some(0xD800 + offset)
}

/// Whether the text holds a lone surrogate (a stand-in).
pub fn is_lone(text: &str) -> bool {
    text.chars().any(|c| unit_of(c).is_some())
}

/// The text as a JavaScript engine writes it as UTF-8: each lone surrogate is U+FFFD.
pub fn lossy(text: &str) -> String {
    text.chars()
        .map(|c| if unit_of(c).is_some() { '\u{FFFD}' } else { c })
        .collect()
}

/// JSON text from serde_json's, with each stand-in written as its `\udXXX` escape (serde_json
/// writes non-ASCII characters as they are, so every stand-in is a character of a string).
pub fn escape(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match unit_of(c) {
            Some(unit) => out.push_str(&format!("\\u{unit:04x}")),
            None => out.push(c),
        }
    }
    out
}

/// JSON text whose `\udXXX` escapes that are not part of a pair become stand-ins, so that
/// serde_json (which refuses a lone surrogate) can read it.
pub fn unescape(json: &str) -> String {
    let chars: Vec<char> = json.chars().collect();
    let surrogate_at = |i: usize| -> Option<u32> {
        if chars.get(i) != Some(&'\\') || chars.get(i + 1) != Some(&'u') {
            return None;
        }
        let hex: String = chars.get(i + 2..i + 6)?.iter().collect();
        u32::from_str_radix(&hex, 16)
            .ok()
            .filter(|u| SURROGATES.contains(u))
    };
    let mut out = String::with_capacity(json.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' && chars.get(i + 1) == Some(&'\\') {
            out.push_str("\\\\");
            i += 2;
            continue;
        }
        if let Some(unit) = surrogate_at(i) {
            let paired = (0xD800..0xDC00).contains(&unit)
                && surrogate_at(i + 6).is_some_and(|low| low >= 0xDC00);
            if paired {
                out.extend(&chars[i..i + 12]);
                i += 12;
            } else {
                out.push(lone(unit as u16));
                i += 6;
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip() {
        let text = format!("a{}b😀\\ud800", lone(0xD800));
        let json = serde_json::to_string(&text).unwrap();
        let escaped = escape(&json);
        assert!(escaped.contains(r"a\ud800b"), "{escaped}");
        let back: String = serde_json::from_str(&unescape(&escaped)).unwrap();
        assert_eq!(back, text);
        assert!(is_lone(&back));
        assert_eq!(lossy(&back), "a\u{FFFD}b😀\\ud800");
        let pair: String = serde_json::from_str(&unescape(r#""\ud83d\ude00""#)).unwrap();
        assert_eq!(pair, "😀");
    }
}
