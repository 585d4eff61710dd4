//! Signing and verifying email addresses.

use std::fmt;

use crate::diagnosis::Diagnosis;
use crate::email::EmailPolicy;
use crate::email_hash::EmailHash;
use crate::error::{EmailProblem, Error};
use crate::explain::{self, Candidates, DiagnosisCode};
use crate::fingerprint::Fingerprint;
use crate::hex::HexDigits;
use crate::key::lowercase_hex;
use crate::keyring::Keyring;
use crate::script;
use crate::secret::{Secret, SecretWarning};
use crate::user::{SignedUser, UserRef};

/// Signs and verifies email addresses with the identity verification secret.
///
/// Built once at start-up (the HMAC key state is precomputed), then shared: it is
/// `Send + Sync`, and cloning it copies a few hundred bytes.
///
/// ```
/// use unthread_identity::{Secret, Signer};
/// let signer = Signer::new(Secret::new("demo-secret")?);
/// let hash = signer.sign("ada@example.com")?;
/// assert_eq!(hash.as_str().len(), 64);
/// assert!(signer.verify("ada@example.com", hash.as_str()));
/// assert!(signer.verify("ada@example.com", &hash.as_str().to_uppercase()));
/// assert!(!signer.verify("eve@example.com", hash.as_str()));
/// let for_the_login_response: String = hash.into();
/// # Ok::<(), unthread_identity::Error>(())
/// ```
#[derive(Clone)]
pub struct Signer {
    keys: Keyring,
    policy: EmailPolicy,
    warnings: Vec<SecretWarning>,
}

impl Signer {
    /// A signer for `secret`, with the [`EmailPolicy::Exact`] policy. The secret is consumed,
    /// and its bytes zeroized, once the key state is computed.
    pub fn new(secret: Secret) -> Self {
        let warnings = secret.warnings().to_vec();
        Signer {
            keys: Keyring::new(secret),
            policy: EmailPolicy::default(),
            warnings,
        }
    }

    /// A signer whose secret is read from the environment variable `name`, or by default from
    /// `UNTHREAD_IDENTITY_SECRET` ([`DEFAULT_SECRET_VARIABLE`](crate::secret::DEFAULT_SECRET_VARIABLE)),
    /// by the rules of [`Secret::from_env_var`]: the twin of
    /// [`TokenSigner::from_env`](crate::token::TokenSigner::from_env), and of `Signer.fromEnv` /
    /// `Signer.from_env` in Node and Python.
    ///
    /// ```
    /// use unthread_identity::Signer;
    /// # unsafe { std::env::set_var("UNTHREAD_IDENTITY_SECRET", "demo-identity-secret") };
    /// let signer = Signer::from_env(None)?;
    /// assert_eq!(signer.sign("ada@example.com")?.as_str().len(), 64);
    /// # Ok::<(), unthread_identity::Error>(())
    /// ```
    pub fn from_env(name: Option<&str>) -> Result<Self, Error> {
        let name = name.unwrap_or(crate::secret::DEFAULT_SECRET_VARIABLE);
        Ok(Self::new(Secret::from_env_var(name)?))
    }

    /// Sets the email policy, applied to every email this signer signs, verifies or puts in a
    /// user object.
    #[must_use]
    pub fn with_email_policy(mut self, policy: EmailPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// Adds previous secrets: hashes made with them still verify, while new hashes are made
    /// with the primary secret only. See [`Signer::matching_key`] for rotation.
    ///
    /// ```
    /// use unthread_identity::{Secret, Signer};
    /// let old = Signer::new(Secret::new("old-secret")?);
    /// let hash = old.sign("ada@example.com")?;
    ///
    /// let rotated = Signer::new(Secret::new("new-secret")?)
    ///     .with_previous([Secret::new("old-secret")?]);
    /// assert!(rotated.verify("ada@example.com", hash.as_str()));
    /// assert_eq!(rotated.matching_key("ada@example.com", hash.as_str()), Some(*old.fingerprint()));
    /// assert!(!old.verify("ada@example.com", rotated.sign("ada@example.com")?.as_str()));
    /// # Ok::<(), unthread_identity::Error>(())
    /// ```
    #[must_use]
    pub fn with_previous(mut self, secrets: impl IntoIterator<Item = Secret>) -> Self {
        for secret in secrets {
            self.warnings.extend_from_slice(secret.warnings());
            self.keys.push(secret, None);
        }
        self
    }

    /// The email policy in force.
    pub fn email_policy(&self) -> EmailPolicy {
        self.policy
    }

    /// What is worth fixing about where the secrets came from (a secret file that other users
    /// can read, say). Empty when all is well.
    pub fn warnings(&self) -> &[SecretWarning] {
        &self.warnings
    }

    /// The fingerprint of the primary secret (the one that signs).
    pub fn fingerprint(&self) -> &Fingerprint {
        self.keys.primary().key.fingerprint()
    }

    /// The fingerprints of the previous secrets, in the order they were added.
    pub fn previous_fingerprints(&self) -> impl ExactSizeIterator<Item = &Fingerprint> {
        self.keys.previous().iter().map(|e| e.key.fingerprint())
    }

    /// The hash of `email` for the portal: HMAC-SHA256 of the email (after the email policy)
    /// with the primary secret, as 64 lowercase hex digits. With the default policy these are
    /// the bytes of Node's `createHmac('sha256', secret).update(email).digest('hex')`.
    ///
    /// Sign only the email of the user who is logged in, never one sent by the client.
    pub fn sign(&self, email: &str) -> Result<EmailHash, Error> {
        let email = self.policy.apply(email)?;
        Ok(self.sign_raw(email.as_bytes()))
    }

    /// [`Signer::sign`] of an email as a binding measured it ([`MeasuredText`]): one longer
    /// than any input is the policy's length error without being read, one with a lone
    /// surrogate `NotUnicode`.
    #[doc(hidden)]
    pub fn sign_measured(&self, email: MeasuredText<'_>) -> Result<EmailHash, Error> {
        match email {
            MeasuredText::Short(email) => self.sign(email),
            MeasuredText::Long(len) => Err(self.policy.too_long(len)),
            MeasuredText::NotUnicode => Err(Error::email(EmailProblem::NotUnicode)),
        }
    }

    /// [`Signer::verify`] of a measured email and hash: a long or non-Unicode one verifies
    /// nothing (no policy accepts such an email, and no such hash is 64 hex digits).
    #[doc(hidden)]
    pub fn verify_measured(&self, email: MeasuredText<'_>, hash: MeasuredText<'_>) -> bool {
        match (email, hash) {
            (MeasuredText::Short(email), MeasuredText::Short(hash)) => self.verify(email, hash),
            _ => false,
        }
    }

    /// HMAC-SHA256 of arbitrary bytes with the primary secret, as lowercase hex, with no email
    /// policy. For test vectors and diagnostics; use [`Signer::sign`] for the portal.
    #[must_use = "a hash that is not used signs nothing"]
    pub fn sign_raw(&self, message: &[u8]) -> EmailHash {
        self.keys.primary().key.hex_tag(message)
    }

    /// Signs a batch of emails. Fails on the first invalid one, whose index the error gives.
    pub fn sign_many<I>(&self, emails: I) -> Result<Vec<EmailHash>, Error>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let emails = emails.into_iter();
        let mut hashes = Vec::with_capacity(emails.size_hint().0);
        for (index, email) in emails.enumerate() {
            hashes.push(self.sign(email.as_ref()).map_err(|e| e.at_index(index))?);
        }
        Ok(hashes)
    }

    /// Whether `hash` is the hash of `email` under any configured secret (primary or previous).
    ///
    /// Hex of either case is accepted; the tags are compared in constant time. A malformed
    /// hash or an email the policy refuses gives `false`, never an error.
    #[must_use = "ignoring the answer of verify checks nothing"]
    pub fn verify(&self, email: &str, hash: &str) -> bool {
        let Some(hex) = lowercase_hex(hash) else {
            return false;
        };
        match self.policy.apply(email) {
            Ok(email) => self.keys.verify_hex(email.as_bytes(), &hex),
            Err(_) => false,
        }
    }

    /// Like [`Signer::verify`], but tells which secret made the hash, by fingerprint: compare it
    /// with [`Signer::fingerprint`] to see whether a previous secret is still in use.
    #[must_use = "ignoring the answer of matching_key checks nothing"]
    pub fn matching_key(&self, email: &str, hash: &str) -> Option<Fingerprint> {
        let hex = lowercase_hex(hash)?;
        let email = self.policy.apply(email).ok()?;
        self.keys.find_hex(email.as_bytes(), &hex)
    }

    /// [`Signer::matching_key`] for text from a language whose strings can hold a lone
    /// surrogate (`None`: such text, which has no UTF-8 form): `None`, as it is neither an
    /// email a policy accepts nor hex.
    #[doc(hidden)]
    #[must_use = "ignoring the answer of matching_key checks nothing"]
    pub fn matching_key_text(
        &self,
        email: Option<&str>,
        hash: Option<&str>,
    ) -> Option<Fingerprint> {
        email.zip(hash).and_then(|(e, h)| self.matching_key(e, h))
    }

    /// Why `hash` does (or does not) verify for `email`: a [`Diagnosis`] with a stable code, a
    /// sentence saying what to do, and the fingerprint of the secret concerned. It tries the
    /// usual mistakes (base64, a prefix, the email written differently, key and message
    /// swapped, another hash function, the secret decoded or with a newline) with the primary
    /// and the previous secrets. Pure, with no I/O; it reveals nothing that `verify` does not
    /// (see the module documentation of `explain`).
    ///
    /// ```
    /// use unthread_identity::{DiagnosisCode, Secret, Signer};
    /// let signer = Signer::new(Secret::new("demo-secret")?);
    /// let hash = signer.sign("ada@example.com")?;
    /// assert_eq!(signer.explain("ada@example.com", hash.as_str()).code, DiagnosisCode::Verified);
    /// let wrong_case = signer.explain("Ada@Example.com", hash.as_str());
    /// assert_eq!(wrong_case.code, DiagnosisCode::EmailLowercased);
    /// assert!(!wrong_case.valid);
    /// # Ok::<(), unthread_identity::Error>(())
    /// ```
    #[must_use]
    pub fn explain(&self, email: &str, hash: &str) -> Diagnosis<DiagnosisCode> {
        self.explain_with_forms(email, hash, explain::NormalForms::of(email))
    }

    /// [`Signer::explain`] with the email's normal forms computed by the caller.
    fn explain_with_forms(
        &self,
        email: &str,
        hash: &str,
        forms: explain::NormalForms,
    ) -> Diagnosis<DiagnosisCode> {
        let candidates = Candidates {
            keys: self
                .keys
                .entries()
                .iter()
                .map(|e| (&e.key, &e.secret))
                .collect(),
        };
        explain::explain(&candidates, self.policy, email, hash, forms)
    }

    /// [`Signer::explain`] for text from a language whose strings can hold a lone surrogate
    /// (JavaScript, Python), which has no UTF-8 form: `None` stands for such text. Like
    /// `explain`, it never fails: such an email is [`DiagnosisCode::EmailRefused`], such a hash
    /// [`DiagnosisCode::MalformedLength`] (it is no hex and no known encoding of one).
    ///
    /// [`DiagnosisCode::EmailRefused`]: crate::DiagnosisCode::EmailRefused
    /// [`DiagnosisCode::MalformedLength`]: crate::DiagnosisCode::MalformedLength
    pub fn explain_text(
        &self,
        email: Option<&str>,
        hash: Option<&str>,
    ) -> Diagnosis<DiagnosisCode> {
        // An empty email is one every policy refuses, and U+FFFD alone is no hex and no
        // encoding of one: the two diagnoses above, reached through `explain`'s own order.
        self.explain(email.unwrap_or(""), hash.unwrap_or("\u{FFFD}"))
    }

    /// [`Signer::explain_text`] with the email's normal forms given by a binding whose runtime
    /// computes them (`String.prototype.normalize`), for a core built without the feature
    /// `normalization`.
    #[doc(hidden)]
    pub fn explain_text_with_forms(
        &self,
        email: Option<&str>,
        hash: Option<&str>,
        forms: explain::NormalForms,
    ) -> Diagnosis<DiagnosisCode> {
        self.explain_with_forms(email.unwrap_or(""), hash.unwrap_or("\u{FFFD}"), forms)
    }

    /// The signed user object for the portal's `start` call.
    ///
    /// ```
    /// use unthread_identity::{Secret, Signer};
    /// let signer = Signer::new(Secret::new("demo-secret")?);
    /// let user = signer.user("ada@example.com", Some("Ada Lovelace"))?;
    /// assert_eq!(user.email_hash(), signer.sign("ada@example.com")?.as_str());
    /// assert!(user.to_json().starts_with(r#"{"name":"Ada Lovelace","email":"ada@example.com","emailHash":""#));
    /// # Ok::<(), unthread_identity::Error>(())
    /// ```
    pub fn user(&self, email: &str, name: Option<&str>) -> Result<SignedUser, Error> {
        self.signed_user(UserRef::new(email).with_name(name))
    }

    /// The signed user for `user`: its email is signed, or, when it carries an `emailHash`
    /// already, that hash is checked (in constant time, against every configured secret) and
    /// kept, never recomputed. A hash that does not verify is
    /// [`Error::EmailHashMismatch`], not silently replaced.
    pub fn signed_user(&self, user: UserRef<'_>) -> Result<SignedUser, Error> {
        let email = self.policy.apply(user.email())?;
        let hash = match user.email_hash() {
            None => self.sign_raw(email.as_bytes()),
            Some(given) => {
                let hex = lowercase_hex(given).ok_or(Error::EmailHashMismatch)?;
                if !self.keys.verify_hex(email.as_bytes(), &hex) {
                    return Err(Error::EmailHashMismatch);
                }
                // It verified, so it is the lowercase hex of a tag.
                EmailHash::new(HexDigits::from_lowercase(hex))
            }
        };
        Ok(SignedUser::new(user.name(), email.into_owned(), hash))
    }

    /// A complete `<script>` element that starts the portal for `user`: it calls
    /// `window.$unthread.helpCenter("start", {user})` at once, or as soon as Unthread's embed
    /// code defines it (see [`PORTAL_WAIT_TRIES`](crate::PORTAL_WAIT_TRIES)).
    ///
    /// `user` is a [`SignedUser`] from [`Signer::user`] (its hash is checked, not recomputed),
    /// or a [`UserRef`] with an email and name to sign. The JSON is escaped so that no name
    /// can close the element, and `nonce` (the page's CSP nonce, base64 or base64url) is
    /// refused when it is anything else, rather than placed in an attribute.
    ///
    /// ```
    /// use unthread_identity::{Secret, Signer};
    /// let signer = Signer::new(Secret::new("demo-secret")?);
    /// let user = signer.user("ada@example.com", Some("</script><script>alert(1)</script>"))?;
    /// let html = signer.start_script(&user, Some("r4nd0m+Nonce/=="))?;
    /// assert!(html.starts_with(r#"<script nonce="r4nd0m+Nonce/==">"#));
    /// assert!(html.contains(r#"(["start",{"user":{"name":"\u003c/script\u003e"#));
    /// assert_eq!(html.matches("</script>").count(), 1);
    /// assert!(signer.start_script(&user, Some(r#"x" onload="alert(1)"#)).is_err());
    /// # Ok::<(), unthread_identity::Error>(())
    /// ```
    pub fn start_script<'a>(
        &self,
        user: impl Into<UserRef<'a>>,
        nonce: Option<&str>,
    ) -> Result<String, Error> {
        script::start_script(&self.signed_user(user.into())?, nonce)
    }

    /// The script for any page: the start call when a user is logged in, the stop call when
    /// nobody is. Rendering `stop` on every logged-out page, not only after the logout click,
    /// is what clears the portal when a session ends by expiry or in another tab.
    ///
    /// ```
    /// use unthread_identity::{Secret, Signer, UserRef};
    /// let signer = Signer::new(Secret::new("demo-secret")?);
    /// assert!(signer.page_script(Some(UserRef::new("ada@example.com")), None)?.contains(r#"["start","#));
    /// assert!(signer.page_script(None, None)?.contains(r#"["stop"]"#));
    /// # Ok::<(), unthread_identity::Error>(())
    /// ```
    pub fn page_script(
        &self,
        user: Option<UserRef<'_>>,
        nonce: Option<&str>,
    ) -> Result<String, Error> {
        match user {
            Some(user) => self.start_script(user, nonce),
            None => script::stop_script(nonce),
        }
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("fingerprint", self.fingerprint())
            .field(
                "previous",
                &self.previous_fingerprints().collect::<Vec<_>>(),
            )
            .field("email_policy", &self.policy)
            .finish()
    }
}

/// An email or a hash as a binding reads it without copying a long one: its text, only the
/// UTF-8 length of one longer than [`MAX_EMAIL_INPUT_LEN`](crate::MAX_EMAIL_INPUT_LEN) (more
/// than any policy accepts), or `NotUnicode` for a string with a lone surrogate.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasuredText<'a> {
    /// The whole text (the policy's length check applies to it as to any).
    Short(&'a str),
    /// Longer than any input the core reads: its UTF-8 length.
    Long(usize),
    /// No UTF-8 form.
    NotUnicode,
}

/// A language's string as its UTF-8 text, or `None` when it has none (a lone surrogate).
impl<'a> From<Option<&'a str>> for MeasuredText<'a> {
    fn from(text: Option<&'a str>) -> Self {
        text.map_or(MeasuredText::NotUnicode, MeasuredText::Short)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{MAX_EMAIL_INPUT_LEN, MAX_EMAIL_LEN};

    #[test]
    fn a_measured_email_gets_the_answers_of_its_text() {
        let signer = Signer::new(Secret::new("a-secret").unwrap());
        let hash = signer.sign("ada@example.com").unwrap();
        let short = MeasuredText::Short("ada@example.com");
        let measured = signer.sign_measured(short).unwrap();
        assert!(signer.verify("ada@example.com", measured.as_str()));
        assert!(signer.verify_measured(short, MeasuredText::Short(hash.as_str())));
        for (policy, limit) in [
            (EmailPolicy::Exact, MAX_EMAIL_LEN),
            (EmailPolicy::Canonical, MAX_EMAIL_INPUT_LEN),
        ] {
            let signer = Signer::new(Secret::new("a-secret").unwrap()).with_email_policy(policy);
            let long = MeasuredText::Long(MAX_EMAIL_INPUT_LEN + 1);
            let message = signer.sign_measured(long).unwrap_err().to_string();
            assert!(
                message.contains(&format!("the limit is {limit} bytes")),
                "{message}"
            );
            // The same words as for the text itself.
            let text = "a".repeat(MAX_EMAIL_INPUT_LEN + 1);
            let direct = signer.sign(&text).unwrap_err().to_string();
            assert_eq!(message, direct);
            assert!(!signer.verify_measured(long, MeasuredText::Short(hash.as_str())));
        }
        let lone = signer.sign_measured(MeasuredText::NotUnicode).unwrap_err();
        assert_eq!(lone.code(), "ERR_INVALID_EMAIL");
        assert!(
            !signer.verify_measured(MeasuredText::NotUnicode, MeasuredText::Short(hash.as_str()))
        );
    }

    #[test]
    fn text_with_no_utf8_form_matches_nothing_and_is_no_email() {
        let signer = Signer::new(Secret::new("a-secret").unwrap());
        let hash = signer.sign("ada@example.com").unwrap();
        let (email, hex) = (Some("ada@example.com"), Some(hash.as_str()));
        assert_eq!(
            signer.matching_key_text(email, hex),
            Some(*signer.fingerprint())
        );
        assert_eq!(signer.matching_key_text(None, hex), None);
        assert_eq!(signer.matching_key_text(email, None), None);
        assert!(signer.verify_measured(email.into(), hex.into()));
        assert!(!signer.verify_measured(None.into(), hex.into()));
        assert_eq!(MeasuredText::from(None), MeasuredText::NotUnicode);
    }
}
