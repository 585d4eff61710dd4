//! The compact serialization of an HS256 JWS (RFC 7515 §7.1):
//! `base64url(header) "." base64url(payload) "." base64url(HMAC-SHA256(signing input))`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::key::{Key, TAG_LEN};
use crate::token_error::TokenError;

/// The longest token accepted, in bytes. A portal token is a few hundred bytes; the cap bounds
/// the work done on hostile input before the signature is checked.
pub const MAX_TOKEN_LEN: usize = 8192;

/// How long a token a binding measures exactly, in characters (UTF-16 units in Node, code
/// points in Python): four times the cap, since no character is more than 4 UTF-8 bytes. A
/// longer string is too long whatever it holds, and is refused by its character count (a
/// lower bound of its bytes) without being read: measuring 64 MiB as UTF-8 took 66–240 ms.
pub(crate) const MAX_TOKEN_CHARS_MEASURED: usize = 4 * MAX_TOKEN_LEN;

/// The only algorithm minted or accepted.
pub(crate) const ALG: &str = "HS256";

/// The longest `kid` and token id, in bytes: one limit for a configured `kid` and for the
/// `kid` of a token's header. A longer header `kid` is refused whole, never shortened (a
/// shortened one could name another key).
pub const MAX_KID_LEN: usize = 128;

/// A token split and its header read, nothing trusted yet.
pub(crate) struct Parts<'a> {
    /// `base64url(header) "." base64url(payload)`, the bytes the signature covers.
    pub signing_input: &'a str,
    pub payload: &'a str,
    pub signature: &'a str,
    pub alg: String,
    pub kid: Option<String>,
}

/// Splits `jwt` and reads its header. Length first, so hostile input costs nothing.
pub(crate) fn split(jwt: &str) -> Result<Parts<'_>, TokenError> {
    if jwt.len() > MAX_TOKEN_LEN {
        return Err(TokenError::TooLong {
            len: jwt.len(),
            limit: MAX_TOKEN_LEN,
        });
    }
    let malformed = |reason| TokenError::Malformed { reason };
    let mut parts = jwt.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(malformed("it is not three parts separated by dots"));
    };
    let signing_len = header.len() + 1 + payload.len();
    let header: Header =
        decode_json(header).ok_or(malformed("its header is not base64url JSON"))?;
    // Any `crit` (even `null`, even `[]`): this SDK understands no extension, and RFC 7515
    // §4.1.11 makes one it does not understand fatal.
    if header.crit.is_some() {
        return Err(malformed(
            "its header has a crit member, and no extension is supported",
        ));
    }
    let alg = match header.alg {
        None => return Err(malformed("its header has no alg")),
        Some(Value::String(alg)) => alg,
        Some(_) => return Err(malformed("its header's alg is not a string")),
    };
    let kid = match header.kid {
        None => None,
        Some(Value::String(kid)) if kid.len() <= MAX_KID_LEN => Some(kid),
        Some(Value::String(_)) => {
            return Err(malformed("its header's kid is longer than 128 bytes"));
        }
        // Present but `null`, a number, …: not "no kid", which would try every key.
        Some(_) => return Err(malformed("its header's kid is not a string")),
    };
    Ok(Parts {
        signing_input: &jwt[..signing_len],
        payload,
        signature,
        alg,
        kid,
    })
}

/// A header value for a message: its first 32 characters (an `alg` may be any length).
pub(crate) fn shown(value: &str) -> String {
    value.chars().take(32).collect()
}

/// The signature's 32 bytes; `None` when it is not base64url of 32 bytes (then no key can
/// have made it).
pub(crate) fn signature_bytes(signature: &str) -> Option<[u8; TAG_LEN]> {
    let mut out = [0u8; TAG_LEN];
    // 43 characters of base64url without padding are exactly 32 bytes.
    if signature.len() != 43 {
        return None;
    }
    let len = URL_SAFE_NO_PAD.decode_slice(signature, &mut out).ok()?;
    (len == TAG_LEN).then_some(out)
}

/// The payload as a JSON object, still untrusted.
pub(crate) fn payload(parts: &Parts<'_>) -> Result<Map<String, Value>, TokenError> {
    payload_with_text(parts).map(|(claims, _)| claims)
}

/// The payload as a JSON object and as the JSON text it was decoded from.
pub(crate) fn payload_with_text(
    parts: &Parts<'_>,
) -> Result<(Map<String, Value>, String), TokenError> {
    let malformed = TokenError::Malformed {
        reason: "its payload is not base64url JSON of an object",
    };
    let bytes = URL_SAFE_NO_PAD
        .decode(parts.payload)
        .map_err(|_| malformed.clone())?;
    let text = String::from_utf8(bytes).map_err(|_| malformed.clone())?;
    let claims = json_object(text.as_bytes()).ok_or(malformed)?;
    Ok((claims, text))
}

/// The header fields this SDK reads; the others are ignored, as RFC 7515 allows. Each is
/// `Some` when the member is present, whatever its value: `"kid": null` is `Some(Null)`, not
/// absent (serde's `Option` alone would read both as `None`).
#[derive(Deserialize)]
struct Header {
    #[serde(default, deserialize_with = "present")]
    alg: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    kid: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    crit: Option<Value>,
}

/// A member that is present, with any value (`null` included).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// A base64url JSON object.
fn decode_json<T: DeserializeOwned>(part: &str) -> Option<T> {
    json_object(&URL_SAFE_NO_PAD.decode(part).ok()?)
}

/// A JSON object (serde would also take an array for a struct: refused here).
fn json_object<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace())?;
    if *first != b'{' {
        return None;
    }
    serde_json::from_slice(bytes).ok()
}

/// The compact token for a header and payload given as JSON text.
pub(crate) fn encode(key: &Key, header_json: &str, payload_json: &str) -> String {
    let mut jwt =
        String::with_capacity((header_json.len() + payload_json.len() + TAG_LEN) * 4 / 3 + 8);
    URL_SAFE_NO_PAD.encode_string(header_json, &mut jwt);
    jwt.push('.');
    URL_SAFE_NO_PAD.encode_string(payload_json, &mut jwt);
    let tag = key.tag(jwt.as_bytes());
    jwt.push('.');
    URL_SAFE_NO_PAD.encode_string(tag, &mut jwt);
    jwt
}

/// The header JSON, keys sorted as PyJWT and `jose` write them.
pub(crate) fn header_json(kid: Option<&str>) -> String {
    match kid {
        Some(kid) => format!(
            r#"{{"alg":"{ALG}","kid":{},"typ":"JWT"}}"#,
            Value::from(kid)
        ),
        None => format!(r#"{{"alg":"{ALG}","typ":"JWT"}}"#),
    }
}
