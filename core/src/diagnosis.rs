//! One shape for what both doctors find: [`Signer::explain`](crate::Signer::explain) on an email
//! hash and [`TokenSigner::explain`](crate::TokenSigner::explain) on a token. The same field
//! names in Rust, Node (`extraClaims`) and Python (`extra_claims`); each mode has its own code
//! enum, whose strings are stable.

use serde_json::{Map, Value};

use crate::fingerprint::Fingerprint;
use crate::source::Language;

/// A doctor's code: `DiagnosisCode` for an email hash, `TokenDiagnosisCode` for a token
/// (sealed: nothing else is one).
pub trait DoctorCode: Copy + sealed::Sealed {
    /// The stable code, in `SCREAMING_SNAKE_CASE`.
    fn as_str(self) -> &'static str;
}

pub(crate) mod sealed {
    /// Only the crate's two code enums are diagnosis codes.
    pub trait Sealed {}
}

/// What a doctor found: a stable code, what to do, whether the input is valid as given, and the
/// fingerprint of the key concerned. Token mode also fills `kid`, `extra_claims` and `claims`;
/// for an email hash they are `None` and empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnosis<C: DoctorCode> {
    /// What it found (`DiagnosisCode` for a hash, `TokenDiagnosisCode` for a token).
    pub code: C,
    /// One or two sentences: what it is, and what to do. Never a secret or an email address.
    pub message: String,
    /// Whether the input verifies as given (`verify` / `verify_token` accept it).
    pub valid: bool,
    /// The fingerprint of the key concerned: the one that made it when one did, else the
    /// primary key's, to compare with the other side's.
    pub fingerprint: Fingerprint,
    /// A token header's `kid`, if any.
    pub kid: Option<String>,
    /// Claims of a token that the signer does not write (a typo of a claim name, often).
    pub extra_claims: Vec<String>,
    /// A token's payload as decoded, untrusted (`None` when it cannot be, and for a hash).
    pub claims: Option<Map<String, Value>>,
}

impl<C: DoctorCode> Diagnosis<C> {
    /// A diagnosis with no token details.
    pub(crate) fn new(code: C, message: String, valid: bool, fingerprint: Fingerprint) -> Self {
        Diagnosis {
            code,
            message,
            valid,
            fingerprint,
            kid: None,
            extra_claims: Vec::new(),
            claims: None,
        }
    }
}

impl<C: DoctorCode> Diagnosis<C> {
    /// The diagnosis as the one object both bindings return, its keys in `language`'s names
    /// (`extraClaims` in JavaScript, `extra_claims` in Python): `code`, `message`, `valid`,
    /// `fingerprint`, `kid`, `extra_claims`, `claims` (`null` for a hash).
    #[doc(hidden)]
    pub fn to_json(&self, language: Language) -> Value {
        let entries: [(&str, Value); 7] = [
            ("code", self.code.as_str().into()),
            ("message", self.message.as_str().into()),
            ("valid", self.valid.into()),
            ("fingerprint", self.fingerprint.as_str().into()),
            ("kid", self.kid.clone().into()),
            ("extra_claims", self.extra_claims.clone().into()),
            (
                "claims",
                self.claims.clone().map_or(Value::Null, Value::Object),
            ),
        ];
        let map = entries
            .into_iter()
            .map(|(field, value)| (language.key(field).into_owned(), value));
        Value::Object(map.collect())
    }
}
