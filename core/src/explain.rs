//! `explain`: why a hash does not verify.
//!
//! It tries the mistakes that integrations of this kind make (base64 instead of hex, a prefix,
//! a differently written email, key and message swapped, another hash function, a secret
//! decoded or with a newline) and names the first that produces the given hash.
//!
//! # What it reveals
//!
//! Nothing about the secret, and nothing that `verify` does not already give:
//!
//! - It returns a code, a fixed sentence and at most a fingerprint, never a computed MAC or any
//!   byte derived from the secret other than the fingerprint, which is public by design (it is
//!   logged, and `Signer::fingerprint` returns it).
//! - Each check answers "is the given value equal to F(secret, email)?" for a fixed, public
//!   function F. The only way to make such a check succeed is to hold F(secret, email), which
//!   takes the secret; for anyone else it is a guess-confirmation oracle of the same strength
//!   as `verify` (which is the same question for F = HMAC-SHA256), so a brute-force guesser of
//!   the secret gains nothing over `verify`.
//! - The comparisons are made in constant time, like `verify`'s.
//! - It does not echo the email either: the message names the transformation ("the email
//!   lowercased"), not the address.

use std::fmt;

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::diagnosis::Diagnosis;
use crate::email::EmailPolicy;
use crate::fingerprint::Fingerprint;
use crate::key::{Key, TAG_LEN};
use crate::secret::Secret;

/// The stable code of a diagnosis: the same string in every language and in the CLI's `--json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DiagnosisCode {
    /// The hash verifies with the primary secret.
    Verified,
    /// The hash verifies, with a previous secret (a rotation is still in progress).
    VerifiedPreviousSecret,
    /// The hash verifies, written in uppercase hex (accepted; the portal may expect lowercase).
    VerifiedUppercase,
    /// Base64 of the right MAC, instead of hex.
    Base64,
    /// Base64url of the right MAC, instead of hex.
    Base64Url,
    /// Hex digits separated by `-` or `:` (.NET's `BitConverter`), instead of plain hex.
    HexWithSeparators,
    /// The right hex with a prefix such as `sha256=`.
    Prefixed,
    /// The right hex inside quotes or whitespace.
    Wrapped,
    /// The hash of the email with surrounding whitespace removed.
    EmailTrimmed,
    /// The hash of the email in lowercase (trimmed too, when that was needed).
    EmailLowercased,
    /// The hash of the email in Unicode NFC form.
    EmailNfc,
    /// The hash of the email in Unicode NFD form.
    EmailNfd,
    /// The hash of the email followed by a newline.
    EmailTrailingNewline,
    /// The hash of the email as a JSON string, quotes included.
    EmailJsonQuoted,
    /// HMAC with the email as the key and the secret as the message.
    KeyMessageSwapped,
    /// HMAC-SHA1 instead of HMAC-SHA256.
    HmacSha1,
    /// HMAC-SHA512 instead of HMAC-SHA256.
    HmacSha512,
    /// HMAC-MD5 instead of HMAC-SHA256.
    HmacMd5,
    /// Plain SHA-256 of the email, with no secret at all.
    PlainSha256,
    /// HMAC with the secret followed by a newline.
    SecretTrailingNewline,
    /// HMAC with the secret hex-decoded to bytes.
    SecretHexDecoded,
    /// HMAC with the secret base64-decoded to bytes.
    SecretBase64Decoded,
    /// The email is one the policy refuses, so no hash of it can verify.
    EmailRefused,
    /// Not 64 hex digits long, and no known encoding.
    MalformedLength,
    /// 64 characters, but not all hex digits.
    MalformedAlphabet,
    /// None of the above: most likely another secret (a test workspace's, say).
    Unknown,
}

impl crate::diagnosis::sealed::Sealed for DiagnosisCode {}

impl crate::diagnosis::DoctorCode for DiagnosisCode {
    fn as_str(self) -> &'static str {
        DiagnosisCode::as_str(self)
    }
}

impl DiagnosisCode {
    /// The code as the other languages and the CLI spell it (`"BASE64"`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            DiagnosisCode::Verified => "VERIFIED",
            DiagnosisCode::VerifiedPreviousSecret => "VERIFIED_PREVIOUS_SECRET",
            DiagnosisCode::VerifiedUppercase => "VERIFIED_UPPERCASE",
            DiagnosisCode::Base64 => "BASE64",
            DiagnosisCode::Base64Url => "BASE64URL",
            DiagnosisCode::HexWithSeparators => "HEX_WITH_SEPARATORS",
            DiagnosisCode::Prefixed => "PREFIXED",
            DiagnosisCode::Wrapped => "WRAPPED",
            DiagnosisCode::EmailTrimmed => "EMAIL_TRIMMED",
            DiagnosisCode::EmailLowercased => "EMAIL_LOWERCASED",
            DiagnosisCode::EmailNfc => "EMAIL_NFC",
            DiagnosisCode::EmailNfd => "EMAIL_NFD",
            DiagnosisCode::EmailTrailingNewline => "EMAIL_TRAILING_NEWLINE",
            DiagnosisCode::EmailJsonQuoted => "EMAIL_JSON_QUOTED",
            DiagnosisCode::KeyMessageSwapped => "KEY_MESSAGE_SWAPPED",
            DiagnosisCode::HmacSha1 => "HMAC_SHA1",
            DiagnosisCode::HmacSha512 => "HMAC_SHA512",
            DiagnosisCode::HmacMd5 => "HMAC_MD5",
            DiagnosisCode::PlainSha256 => "PLAIN_SHA256",
            DiagnosisCode::SecretTrailingNewline => "SECRET_TRAILING_NEWLINE",
            DiagnosisCode::SecretHexDecoded => "SECRET_HEX_DECODED",
            DiagnosisCode::SecretBase64Decoded => "SECRET_BASE64_DECODED",
            DiagnosisCode::EmailRefused => "EMAIL_REFUSED",
            DiagnosisCode::MalformedLength => "MALFORMED_LENGTH",
            DiagnosisCode::MalformedAlphabet => "MALFORMED_ALPHABET",
            DiagnosisCode::Unknown => "UNKNOWN",
        }
    }

    /// Whether the hash verifies as given.
    pub const fn verified(self) -> bool {
        matches!(
            self,
            DiagnosisCode::Verified
                | DiagnosisCode::VerifiedPreviousSecret
                | DiagnosisCode::VerifiedUppercase
        )
    }

    /// One sentence: what the hash is, and what to do.
    pub const fn message(self) -> &'static str {
        match self {
            DiagnosisCode::Verified => "The hash verifies with the primary secret.",
            DiagnosisCode::VerifiedPreviousSecret => {
                "The hash verifies with a previous secret: sign with the primary one, and remove the old secret once it is no longer seen."
            }
            DiagnosisCode::VerifiedUppercase => {
                "The hash verifies, but in uppercase hex: send lowercase hex, as the portal compares the hex text."
            }
            DiagnosisCode::Base64 => {
                "This is base64 of the right HMAC-SHA256: send it as lowercase hex (digest('hex') / hexdigest())."
            }
            DiagnosisCode::Base64Url => {
                "This is base64url of the right HMAC-SHA256: send it as lowercase hex (digest('hex') / hexdigest())."
            }
            DiagnosisCode::HexWithSeparators => {
                "This is the right hash with '-' or ':' between the bytes (as .NET's BitConverter writes): remove the separators and lowercase it."
            }
            DiagnosisCode::Prefixed => {
                "This is the right hash after a prefix such as 'sha256=': send the 64 hex digits alone."
            }
            DiagnosisCode::Wrapped => {
                "This is the right hash inside quotes or whitespace: send the 64 hex digits alone."
            }
            DiagnosisCode::EmailTrimmed => {
                "This is the hash of the email without its surrounding whitespace: hash and send the same string (or use the canonical policy)."
            }
            DiagnosisCode::EmailLowercased => {
                "This is the hash of the email in lowercase: hash exactly the email you send (or use the canonical policy on both sides)."
            }
            DiagnosisCode::EmailNfc => {
                "This is the hash of the email in Unicode NFC form, while the email given is not: normalise it the same way before hashing and sending."
            }
            DiagnosisCode::EmailNfd => {
                "This is the hash of the email in Unicode NFD form, while the email given is not: normalise it the same way before hashing and sending."
            }
            DiagnosisCode::EmailTrailingNewline => {
                "This is the hash of the email followed by a newline (echo, or a line read with its end): hash the email alone."
            }
            DiagnosisCode::EmailJsonQuoted => {
                "This is the hash of the email as a JSON string, quotes included: hash the email itself, not its JSON."
            }
            DiagnosisCode::KeyMessageSwapped => {
                "This HMAC used the email as the key and the secret as the message: the secret is the key, the email the message."
            }
            DiagnosisCode::HmacSha1 => "This is HMAC-SHA1: use HMAC-SHA256.",
            DiagnosisCode::HmacSha512 => "This is HMAC-SHA512: use HMAC-SHA256.",
            DiagnosisCode::HmacMd5 => "This is HMAC-MD5: use HMAC-SHA256.",
            DiagnosisCode::PlainSha256 => {
                "This is a plain SHA-256 of the email, with no secret: compute HMAC-SHA256 keyed with the identity verification secret."
            }
            DiagnosisCode::SecretTrailingNewline => {
                "This HMAC used the secret followed by a newline: remove the newline from the secret (an environment variable or file)."
            }
            DiagnosisCode::SecretHexDecoded => {
                "This HMAC used the secret hex-decoded to bytes: use the secret's text as it is."
            }
            DiagnosisCode::SecretBase64Decoded => {
                "This HMAC used the secret base64-decoded to bytes: use the secret's text as it is."
            }
            DiagnosisCode::EmailRefused => {
                "The email is one the policy refuses (empty, too long, not valid Unicode, with control characters or surrounding whitespace, or without '@'): no hash of it verifies."
            }
            DiagnosisCode::MalformedLength => {
                "The hash is not 64 hex digits, nor a known encoding of one: send HMAC-SHA256 as 64 lowercase hex digits."
            }
            DiagnosisCode::MalformedAlphabet => {
                "The hash has 64 characters but not all are hex digits (0-9, a-f): send HMAC-SHA256 as lowercase hex."
            }
            DiagnosisCode::Unknown => {
                "The hash matches no known mistake: it was most likely made with another secret (a test workspace's, say); compare the fingerprints."
            }
        }
    }
}

impl fmt::Display for DiagnosisCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The secrets to try: the primary first, then the previous ones.
pub(crate) struct Candidates<'a> {
    pub(crate) keys: Vec<(&'a Key, &'a Secret)>,
}

/// HMAC-SHA256 with any key: the crate's own (`Key`, proptested against the `hmac` crate).
fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    Key::from_bytes(key).tag(message).to_vec()
}

/// HMAC with another hash function (SHA-1, SHA-512, MD5), for recognizing a hash made with the
/// wrong one: the `hmac` crate, since the crate's own `Key` is HMAC-SHA256 only.
fn hmac<M: Mac + KeyInit>(key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut mac = <M as KeyInit>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

/// An email's Unicode normal forms, for the doctor's NFC and NFD diagnoses: computed by the core
/// (feature `normalization`, on by default), or handed over by a binding whose runtime has them
/// (the WebAssembly build takes `String.prototype.normalize`'s, which spares the tables).
#[doc(hidden)]
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormalForms {
    /// The email in NFC.
    pub nfc: Option<String>,
    /// The email in NFD.
    pub nfd: Option<String>,
}

impl NormalForms {
    /// The forms the core computes: none without the feature `normalization`.
    pub(crate) fn of(email: &str) -> Self {
        #[cfg(feature = "normalization")]
        {
            use unicode_normalization::UnicodeNormalization;
            NormalForms {
                nfc: Some(email.nfc().collect()),
                nfd: Some(email.nfd().collect()),
            }
        }
        #[cfg(not(feature = "normalization"))]
        {
            let _ = email;
            NormalForms::default()
        }
    }
}

/// The diagnosis of `hash` for `email`.
pub(crate) fn explain(
    keys: &Candidates<'_>,
    policy: EmailPolicy,
    email: &str,
    hash: &str,
    forms: NormalForms,
) -> Diagnosis<DiagnosisCode> {
    let primary = *keys.keys[0].0.fingerprint();
    let found = |code, key: &Key| diagnosis(code, *key.fingerprint());
    let Ok(hashed) = policy.apply(email) else {
        return diagnosis(DiagnosisCode::EmailRefused, primary);
    };
    let message = hashed.as_bytes();
    let tags: Vec<[u8; TAG_LEN]> = keys.keys.iter().map(|(key, _)| key.tag(message)).collect();

    // As given: lowercase or uppercase hex, primary or previous secret.
    if let Some(bytes) = decode_hex(hash) {
        for (i, tag) in tags.iter().enumerate() {
            if same(&bytes, &tag[..]) {
                let code = if i > 0 {
                    DiagnosisCode::VerifiedPreviousSecret
                } else if hash.bytes().any(|b| b.is_ascii_uppercase()) {
                    DiagnosisCode::VerifiedUppercase
                } else {
                    DiagnosisCode::Verified
                };
                return found(code, keys.keys[i].0);
            }
        }
    }

    // The right MAC, written another way.
    let encodings: [(DiagnosisCode, Option<Vec<u8>>); 5] = [
        (DiagnosisCode::Base64, decode_base64(hash, false)),
        (DiagnosisCode::Base64Url, decode_base64(hash, true)),
        (DiagnosisCode::HexWithSeparators, decode_separated_hex(hash)),
        (
            DiagnosisCode::Prefixed,
            strip_prefix(hash).and_then(decode_hex),
        ),
        (DiagnosisCode::Wrapped, unwrap(hash).and_then(decode_hex)),
    ];
    for (code, bytes) in encodings {
        let Some(bytes) = bytes else { continue };
        for (i, tag) in tags.iter().enumerate() {
            if same(&bytes, &tag[..]) {
                return found(code, keys.keys[i].0);
            }
        }
    }

    let Some(given) = decode_hex(hash) else {
        let code = if hash.len() == 2 * TAG_LEN {
            DiagnosisCode::MalformedAlphabet
        } else {
            DiagnosisCode::MalformedLength
        };
        return diagnosis(code, primary);
    };

    // Another message, another key, another function.
    let json = serde_json::to_string(email).unwrap_or_default();
    let emails: Vec<(DiagnosisCode, String)> = [
        Some((DiagnosisCode::EmailTrimmed, email.trim().to_owned())),
        Some((DiagnosisCode::EmailLowercased, email.to_lowercase())),
        Some((DiagnosisCode::EmailLowercased, email.trim().to_lowercase())),
        forms.nfc.map(|nfc| (DiagnosisCode::EmailNfc, nfc)),
        forms.nfd.map(|nfd| (DiagnosisCode::EmailNfd, nfd)),
        Some((DiagnosisCode::EmailTrailingNewline, format!("{email}\n"))),
    ]
    .into_iter()
    .flatten()
    .collect();
    for (key, secret) in &keys.keys {
        let secret = secret.expose();
        for (code, variant) in &emails {
            if variant.as_bytes() != message && same(&given, &key.tag(variant.as_bytes())) {
                return found(*code, key);
            }
        }
        let others: [(DiagnosisCode, Option<Vec<u8>>); 9] = [
            (
                DiagnosisCode::EmailJsonQuoted,
                Some(key.tag(json.as_bytes()).to_vec()),
            ),
            (
                DiagnosisCode::KeyMessageSwapped,
                Some(hmac_sha256(email.as_bytes(), secret)),
            ),
            (
                DiagnosisCode::HmacSha1,
                Some(hmac::<Hmac<sha1::Sha1>>(secret, email.as_bytes())),
            ),
            (
                DiagnosisCode::HmacSha512,
                Some(hmac::<Hmac<sha2::Sha512>>(secret, email.as_bytes())),
            ),
            (
                DiagnosisCode::HmacMd5,
                Some(hmac::<Hmac<md5::Md5>>(secret, email.as_bytes())),
            ),
            (
                DiagnosisCode::PlainSha256,
                Some(Sha256::digest(email.as_bytes()).to_vec()),
            ),
            (
                DiagnosisCode::SecretTrailingNewline,
                Some(hmac_sha256(&[secret, b"\n"].concat(), email.as_bytes())),
            ),
            (
                DiagnosisCode::SecretHexDecoded,
                hex::decode(secret)
                    .ok()
                    .map(|k| hmac_sha256(&k, email.as_bytes())),
            ),
            (
                DiagnosisCode::SecretBase64Decoded,
                base64::engine::general_purpose::STANDARD
                    .decode(secret)
                    .ok()
                    .map(|k| hmac_sha256(&k, email.as_bytes())),
            ),
        ];
        for (code, candidate) in others {
            if candidate.is_some_and(|c| same(&given, &c)) {
                return found(code, key);
            }
        }
    }
    diagnosis(DiagnosisCode::Unknown, primary)
}

/// The diagnosis for `code`: its sentence, and whether it means the hash verifies.
fn diagnosis(code: DiagnosisCode, fingerprint: Fingerprint) -> Diagnosis<DiagnosisCode> {
    Diagnosis::new(
        code,
        code.message().to_owned(),
        code.verified(),
        fingerprint,
    )
}

/// Hex of any case and of a digest's length (MD5 to SHA-512), as bytes.
fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !matches!(text.len(), 32 | 40 | 64 | 128) {
        return None;
    }
    hex::decode(text).ok()
}

fn decode_base64(text: &str, url: bool) -> Option<Vec<u8>> {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    let engines = if url {
        [URL_SAFE, URL_SAFE_NO_PAD]
    } else {
        [STANDARD, STANDARD_NO_PAD]
    };
    let text = text.trim();
    engines
        .iter()
        .find_map(|engine| engine.decode(text).ok())
        .filter(|bytes| bytes.len() == TAG_LEN)
}

fn decode_separated_hex(text: &str) -> Option<Vec<u8>> {
    let separated = text.len() == 3 * TAG_LEN - 1 && (text.contains('-') || text.contains(':'));
    if !separated {
        return None;
    }
    decode_hex(&text.replace(['-', ':'], ""))
}

fn strip_prefix(text: &str) -> Option<&str> {
    let lower = text.to_ascii_lowercase();
    ["hmac-sha256=", "sha256=", "sha256:", "hmac=", "v1="]
        .iter()
        .find(|prefix| lower.starts_with(*prefix))
        .map(|prefix| &text[prefix.len()..])
}

fn unwrap(text: &str) -> Option<&str> {
    let inner = text
        .trim()
        .trim_matches(|c| c == '"' || c == '\'' || c == '`');
    (inner.len() != text.len()).then_some(inner.trim())
}
