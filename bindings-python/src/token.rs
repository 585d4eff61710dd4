//! `TokenSigner`: the embedded portal's tokens. Argument conversion and error mapping only;
//! every rule (lifetimes, claim names, checks, the doctor) is the core's `TokenSigner`.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use unthread_identity as core;

use crate::args;
use crate::errors::to_py;
use crate::json::to_py_value;
use crate::source::{self, from_py};
use core::bindings::HeaderValues;

/// Mints and verifies the embedded portal's short-lived tokens (HS256 JWTs) with the embed
/// secret (``UNTHREAD_PORTAL_EMBED_SECRET``). Build it once at start-up and share it.
#[pyclass(frozen, module = "unthread_identity")]
pub struct TokenSigner {
    pub(crate) inner: core::TokenSigner,
}

/// What ``mint_token`` returns: the JSON a token endpoint sends, with its wire names.
#[derive(IntoPyObject)]
pub struct MintedToken {
    jwt: String,
    #[pyo3(item("expiresAt"))]
    expires_at: u64,
}

#[pymethods]
impl TokenSigner {
    /// ``secret`` is ``str`` (its UTF-8 bytes are the key, unless ``secret_encoding`` is
    /// ``"base64"`` or ``"hex"``) or ``bytes`` (a raw key). Raises ``InvalidSecret`` for a
    /// refused secret and ``InvalidOption`` for an option out of range (a ``ttl_seconds``
    /// above 3600, which is what milliseconds look like).
    #[new]
    #[pyo3(signature = (secret, **options))]
    fn new(secret: &Bound<'_, PyAny>, options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let config: core::TokenSignerConfig = source::options(options)?;
        let inner = config.build(source::checked(secret, "secret")?);
        let inner = inner.map_err(to_py)?;
        Ok(TokenSigner { inner })
    }

    /// A token signer whose secret is read, as text, from the environment variable ``name``;
    /// by default ``UNTHREAD_PORTAL_EMBED_SECRET``, else ``PORTAL_EMBED_SECRET`` (both set to
    /// different values raises ``InvalidSecret``, naming both). The rules of
    /// ``Signer.from_env`` apply. Takes the constructor's keyword options.
    #[staticmethod]
    #[pyo3(signature = (name = None, **options))]
    fn from_env(
        name: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let name: Option<core::bindings::VariableName> = source::optional_checked(name, "name")?;
        let config: core::TokenSignerConfig = source::options(options)?;
        let inner = config.build_from_env(name.as_deref()).map_err(to_py)?;
        Ok(TokenSigner { inner })
    }

    /// A token for the logged-in user (from your session, never from the request):
    /// ``{"jwt": ..., "expiresAt": ...}``, the JSON a token endpoint sends, ``expiresAt`` in
    /// seconds since 1970. The keywords are the user's other fields (``id``, which replaces
    /// the email as the subject, and the profile claims) and the mint options (``issued_at``
    /// in seconds and ``jwt_id`` make it reproducible, for tests). Raises ``InvalidEmail`` for
    /// an email the policy refuses.
    #[pyo3(signature = (email, name = None, **fields))]
    fn mint_token<'py>(
        &self,
        email: &Bound<'py, PyAny>,
        name: Option<&Bound<'py, PyAny>>,
        fields: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<MintedToken> {
        // The user's fields first, in their order, as the user's errors come first.
        let all = PyDict::new(email.py());
        all.set_item("email", email)?;
        all.set_item("name", name)?;
        // Without keywords, only the user is read (the common call, measured in bench/tokens.py).
        let (user, options): (core::TokenUserInput, core::MintConfig) = match fields {
            Some(fields) => {
                all.update(fields.as_mapping())?;
                source::pair_from_py(&all)?
            }
            None => (from_py(all.as_any(), "")?, core::MintConfig::default()),
        };
        let user = user.as_user("id").map_err(to_py)?;
        let minted = options.mint(&self.inner, user).map_err(to_py)?;
        Ok(MintedToken {
            jwt: minted.jwt,
            expires_at: minted.expires_at.as_secs(),
        })
    }

    /// The claims of a valid token, as a dict. Raises a subclass of ``InvalidToken`` whose
    /// ``code`` says why it is refused (``TokenExpired`` / ``ERR_TOKEN_EXPIRED``,
    /// ``TokenAlgorithm``, ``TokenSignature``, ...). ``now`` (seconds) checks it
    /// as of another time.
    #[pyo3(signature = (jwt, **options))]
    fn verify_token<'py>(
        &self,
        py: Python<'py>,
        jwt: &Bound<'py, PyAny>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let now = now_of(options)?;
        let verified = self.inner.verify_text(&token_text(jwt)?, now);
        let verified = verified.map_err(to_py)?;
        to_py_value(py, &serde_json::Value::Object(verified.claims))
    }

    /// What is wrong with a token, decoded without trusting it: ``{"code", "message",
    /// "valid", "kid", "fingerprint", "extra_claims", "claims"}``, with a stable code
    /// (``"VALID"``, ``"EXPIRED"``, ``"EXP_IN_MILLISECONDS"``, ``"SIGNED_BY_OTHER_KEY"``,
    /// ``"SECRET_ENCODING"``, ...). Never the secret.
    #[pyo3(signature = (jwt, **options))]
    fn explain_token<'py>(
        &self,
        py: Python<'py>,
        jwt: &Bound<'py, PyAny>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let now = now_of(options)?;
        diagnosis_dict(py, self.inner.explain_text(&token_text(jwt)?, now))
    }

    /// The fingerprint of the primary key: compare it with the minting server's.
    #[getter]
    fn fingerprint(&self) -> String {
        self.inner.fingerprint().to_string()
    }

    /// The primary key's ``kid``, or None.
    #[getter]
    fn kid(&self) -> Option<String> {
        self.inner.kid().map(str::to_owned)
    }

    /// The lifetime of a minted token, in seconds.
    #[getter]
    fn ttl_seconds(&self) -> u64 {
        self.inner.options().ttl.as_secs()
    }

    /// What is worth fixing about the keys: an embed secret shorter than 32 bytes (RFC 7518
    /// section 3.2), a secret file that other users can read. Empty when all is well.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        crate::warning_texts(self.inner.warnings())
    }

    fn __repr__(&self) -> String {
        format!(
            "TokenSigner(fingerprint='{}', kid={}, ttl_seconds={})",
            self.inner.fingerprint(),
            self.inner
                .kid()
                .map_or_else(|| "None".to_owned(), |k| format!("{k:?}")),
            self.ttl_seconds()
        )
    }

    fn __reduce__(&self) -> PyResult<()> {
        Err(PyTypeError::new_err(
            "a TokenSigner cannot be pickled: it holds a secret; build one from the environment",
        ))
    }
}

/// A token, measured by the core's rule (`TokenText`) before any copy: its length in code
/// points first, then in UTF-8 (a lone surrogate counting 3 bytes, as Node's U+FFFD does).
fn token_text<'a>(value: &'a Bound<'_, PyAny>) -> PyResult<core::bindings::TokenText<'a>> {
    let Ok(text) = value.cast::<PyString>() else {
        return Err(args::type_error("jwt", "str", value));
    };
    let utf8_len = || match text.to_str() {
        Ok(jwt) => Ok(jwt.len()),
        Err(_) => text
            .call_method1("encode", ("utf-8", "surrogatepass"))?
            .len(),
    };
    let read = || Ok(text.to_str().ok().map(Into::into));
    core::bindings::TokenText::measure(text.len()?, utf8_len, read)
}

/// ``now`` (seconds), or the system clock.
fn now_of(options: Option<&Bound<'_, PyDict>>) -> PyResult<core::UnixTime> {
    let options: core::TimeConfig = source::options(options)?;
    options.now().map_err(to_py)
}

/// A diagnosis of either doctor as the core's one shape (`Diagnosis::to_json`).
pub(crate) fn diagnosis_dict<'py, C: core::DoctorCode>(
    py: Python<'py>,
    d: core::Diagnosis<C>,
) -> PyResult<Bound<'py, PyAny>> {
    to_py_value(py, &d.to_json(core::bindings::Language::Python))
}

/// The origins allowed to fetch a token (each ``scheme://host[:port]``), checked once. A token
/// endpoint answers ``403`` when ``allows`` is False: a request whose ``Origin`` is not listed,
/// or, without ``Origin``, one whose ``Sec-Fetch-Site`` says it came from another site.
#[pyclass(frozen, module = "unthread_identity")]
pub struct AllowedOrigins {
    pub(crate) inner: core::AllowedOrigins,
}

#[pymethods]
impl AllowedOrigins {
    /// Raises ``InvalidOption`` for an empty list, ``*``, or an entry that is not an origin.
    #[new]
    pub(crate) fn new(origins: &Bound<'_, PyAny>) -> PyResult<Self> {
        let inner = source::checked(origins, "origins")?;
        Ok(AllowedOrigins { inner })
    }

    /// Whether a request with these ``Origin`` and ``Sec-Fetch-Site`` headers may get a token.
    /// Give each header's values as they arrived: ``None`` when absent, one value, or a list
    /// when the header came more than once. A value is ``bytes`` (ASGI) or ``str`` (WSGI, which
    /// decodes header bytes as Latin-1; a character above U+00FF is refused). Two ``Origin``
    /// headers, an ``Origin`` that is not UTF-8, two ``Sec-Fetch-Site`` headers or an unknown
    /// one are refused.
    #[pyo3(signature = (origin, sec_fetch_site = None))]
    fn allows(
        &self,
        origin: Option<&Bound<'_, PyAny>>,
        sec_fetch_site: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        let origin: HeaderValues = source::optional(origin, "origin")?;
        let site: HeaderValues = source::optional(sec_fetch_site, "sec_fetch_site")?;
        Ok(self.inner.allows_headers(origin.slices(), site.slices()))
    }

    /// The origins, normalized (scheme and host lowercased).
    #[getter]
    fn origins(&self) -> Vec<String> {
        self.inner.as_slice().to_vec()
    }

    fn __repr__(&self) -> String {
        format!("AllowedOrigins({:?})", self.inner.as_slice())
    }
}
