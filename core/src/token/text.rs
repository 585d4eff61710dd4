//! A token as a binding hands it over: the rule of how long a token may be, and how a string
//! too long to read is measured, in one place for the addon, the Python extension and the
//! WebAssembly build.

use std::borrow::Cow;

use crate::error::Error;
use crate::token::diagnosis::too_long;
use crate::token::jws::{MAX_TOKEN_CHARS_MEASURED, MAX_TOKEN_LEN};
use crate::token::{TokenDiagnosis, TokenError, TokenSigner, UnixTime, VerifiedToken};

/// A token argument, measured before it is read: its text, or, over [`MAX_TOKEN_LEN`] bytes,
/// only how long it is.
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenText<'a> {
    /// The text; `None` when the language's string has a lone surrogate (no UTF-8 form, and no
    /// base64url: a malformed token).
    Text(Option<Cow<'a, str>>),
    /// Longer than the cap: its UTF-8 length, or, past [`MAX_TOKEN_CHARS_MEASURED`]
    /// characters, that character count (a lower bound of its bytes).
    TooLong(usize),
}

impl<'a> TokenText<'a> {
    /// Measures a string of `chars` characters (UTF-16 units, code points: what the language
    /// knows without reading it). Past [`MAX_TOKEN_CHARS_MEASURED`] it is too long whatever it
    /// holds; nearer the cap `utf8_len` gives its UTF-8 length (a lone surrogate counting 3
    /// bytes, as U+FFFD), and only a string within the cap is read with `text`.
    pub fn measure<E>(
        chars: usize,
        utf8_len: impl FnOnce() -> Result<usize, E>,
        text: impl FnOnce() -> Result<Option<Cow<'a, str>>, E>,
    ) -> Result<Self, E> {
        if chars > MAX_TOKEN_CHARS_MEASURED {
            return Ok(TokenText::TooLong(chars));
        }
        match utf8_len()? {
            len if len > MAX_TOKEN_LEN => Ok(TokenText::TooLong(len)),
            _ => text().map(TokenText::Text),
        }
    }
}

/// What the doctor and the verifier read of a text: U+FFFD for a lone surrogate (malformed).
fn readable<'t>(text: &'t Option<Cow<'_, str>>) -> &'t str {
    text.as_deref().unwrap_or("\u{fffd}")
}

impl TokenSigner {
    /// [`TokenSigner::verify_at`] of a measured token: one too long is `ERR_TOKEN_TOO_LONG`.
    #[doc(hidden)]
    pub fn verify_text(&self, jwt: &TokenText, now: UnixTime) -> Result<VerifiedToken, Error> {
        match jwt {
            TokenText::Text(text) => self.verify_at(readable(text), now),
            TokenText::TooLong(len) => Err(Error::Token(TokenError::TooLong {
                len: *len,
                limit: MAX_TOKEN_LEN,
            })),
        }
    }

    /// [`TokenSigner::explain_at`] of a measured token: one too long is the doctor's `TOO_LONG`.
    #[doc(hidden)]
    pub fn explain_text(&self, jwt: &TokenText, now: UnixTime) -> TokenDiagnosis {
        match jwt {
            TokenText::Text(text) => self.explain_at(readable(text), now),
            TokenText::TooLong(len) => too_long(self, *len),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Measured = Result<TokenText<'static>, ()>;

    fn measure(chars: usize, utf8_len: usize) -> Measured {
        TokenText::measure(chars, || Ok(utf8_len), || Ok(Some("x".into())))
    }

    #[test]
    fn a_token_is_read_only_within_the_cap_and_measured_at_every_edge() {
        let text = TokenText::Text(Some("x".into()));
        assert_eq!(measure(MAX_TOKEN_LEN, MAX_TOKEN_LEN), Ok(text.clone()));
        assert_eq!(
            measure(10, MAX_TOKEN_LEN + 1),
            Ok(TokenText::TooLong(MAX_TOKEN_LEN + 1))
        );
        // 4-byte characters: within the characters measured, the bytes decide.
        let chars = MAX_TOKEN_CHARS_MEASURED / 4;
        assert_eq!(measure(chars, 4 * chars), Ok(TokenText::TooLong(4 * chars)));
        assert_eq!(measure(MAX_TOKEN_CHARS_MEASURED, MAX_TOKEN_LEN), Ok(text));
        // Past the characters measured, neither the length nor the text is asked for.
        let past = MAX_TOKEN_CHARS_MEASURED + 1;
        let untouched: Measured = TokenText::measure(past, || Err(()), || Err(()));
        assert_eq!(untouched, Ok(TokenText::TooLong(past)));
    }

    #[test]
    fn a_lone_surrogate_is_malformed_and_too_long_is_its_own_error() {
        let signer = TokenSigner::new(
            crate::Secret::new("an-embed-secret").unwrap(),
            crate::TokenOptions::default(),
        )
        .unwrap();
        let now = UnixTime::now();
        let lone = TokenText::Text(None);
        let error = signer.verify_text(&lone, now).unwrap_err();
        assert_eq!(error.code(), "ERR_TOKEN_MALFORMED");
        assert_eq!(signer.explain_text(&lone, now).code.as_str(), "MALFORMED");
        let long = TokenText::TooLong(1 << 20);
        assert_eq!(
            signer.verify_text(&long, now).unwrap_err().code(),
            "ERR_TOKEN_TOO_LONG"
        );
        assert_eq!(signer.explain_text(&long, now).code.as_str(), "TOO_LONG");
    }
}
