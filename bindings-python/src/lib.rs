//! Python binding: argument conversion and error mapping only. Every rule lives in the core.
// No `unsafe` of its own (PyO3's macros allow their own expansions).
#![deny(unsafe_code)]

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyType};
use unthread_identity as core;
use unthread_identity::bindings::VariableName;

mod args;
mod endpoint;
mod errors;
mod json;
mod source;
mod token;

use errors::to_py;
use source::{from_py, optional};

/// An email as UTF-8. A `str` with a lone surrogate has no UTF-8 form: that is the core's
/// `NotUnicode` email problem, not a `UnicodeEncodeError`.
fn email<'a>(value: &'a Bound<'_, PyAny>, what: &str) -> PyResult<&'a str> {
    args::text(value, what, || {
        core::Error::email(core::EmailProblem::NotUnicode)
    })
}

/// A rendered element as `unthread_identity._html.SafeHTML`: a `str` with `__html__`, so that
/// Jinja2 and Django insert it without escaping.
fn safe_html(py: Python<'_>, html: String) -> PyResult<Bound<'_, PyAny>> {
    static SAFE_HTML: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    SAFE_HTML
        .import(py, "unthread_identity._html", "SafeHTML")?
        .call1((html,))
}

fn nonce(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    optional(value, "nonce")
}

/// Signs and verifies email addresses with the identity verification secret.
///
/// Build it once at start-up and share it across threads: the HMAC key state is
/// precomputed, and the secret appears in no repr, str or exception.
#[pyclass(frozen, module = "unthread_identity")]
struct Signer {
    pub(crate) inner: core::Signer,
}

#[pymethods]
impl Signer {
    #[new]
    #[pyo3(signature = (secret, **options))]
    fn new(secret: &Bound<'_, PyAny>, options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let secret = source::checked(secret, "secret")?;
        Self::wrap(source::options::<core::SignerConfig>(options)?.build(secret))
    }

    /// A signer whose secret is read, as text, from the environment variable ``name``
    /// (default ``UNTHREAD_IDENTITY_SECRET``). A browser-exposed name raises
    /// ``ExposedSecretVariable``; an unset one ``InvalidSecret``, naming any exposed
    /// look-alike that is set.
    #[staticmethod]
    #[pyo3(signature = (name = None, **options))]
    fn from_env(
        name: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let name: Option<VariableName> = source::optional_checked(name, "name")?;
        let config: core::SignerConfig = source::options(options)?;
        Self::wrap(config.build_from_env(name.as_deref()))
    }

    /// A signer whose secret is read from a text file: a regular file of at most 4 KiB, with
    /// a UTF-8 BOM and one trailing newline removed. See ``warnings`` for a file that other
    /// users can read.
    #[staticmethod]
    #[pyo3(signature = (path, **options))]
    fn from_file(path: &Bound<'_, PyAny>, options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let path = args::path(path)?;
        Self::wrap(source::options::<core::SignerConfig>(options)?.build_from_file(path))
    }

    /// The hash of ``email``: HMAC-SHA256 as 64 lowercase hex digits, the same as
    /// ``hmac.new(secret, email.encode(), hashlib.sha256).hexdigest()`` with the default policy.
    /// Raises ``InvalidEmail`` for an email the policy refuses.
    fn sign(&self, email: &Bound<'_, PyAny>) -> PyResult<String> {
        let email = self::email(email, "email")?;
        Ok(self.inner.sign(email).map_err(to_py)?.into())
    }

    /// Whether ``hash`` is the hash of ``email`` under the primary or a previous secret
    /// (constant time, either hex case). A malformed hash or invalid email gives ``False``.
    fn verify(&self, email: &Bound<'_, PyString>, hash: &Bound<'_, PyString>) -> bool {
        let (email, hash) = (email.to_str().ok(), hash.to_str().ok());
        self.inner.verify_measured(email.into(), hash.into())
    }

    /// Like ``verify``, but returns the fingerprint of the secret that made the hash, or None.
    fn matching_key(
        &self,
        email: &Bound<'_, PyString>,
        hash: &Bound<'_, PyString>,
    ) -> Option<String> {
        let key = self
            .inner
            .matching_key_text(email.to_str().ok(), hash.to_str().ok());
        key.map(|fingerprint| fingerprint.to_string())
    }

    /// Why ``hash`` does or does not verify for ``email``: ``{"code", "message", "valid",
    /// "fingerprint"}``, with a stable code (``"VERIFIED"``, ``"BASE64"``,
    /// ``"EMAIL_LOWERCASED"``, ``"UNKNOWN"``, ...), one sentence saying what to do, and the
    /// fingerprint of the secret concerned. It reveals nothing that ``verify`` does not.
    fn explain<'py>(
        &self,
        py: Python<'py>,
        email: &Bound<'py, PyAny>,
        hash: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        // Never raises for a value: a lone surrogate is the core's diagnosis, as in Node.
        let email: core::bindings::Identity = from_py(email, "email")?;
        let hash: core::bindings::Identity = from_py(hash, "hash")?;
        let diagnosis = self.inner.explain_text(email.text(), hash.text());
        token::diagnosis_dict(py, diagnosis)
    }

    /// Signs a batch of emails, without holding the GIL while hashing. Raises
    /// ``InvalidEmail`` naming the index of the first invalid one.
    fn sign_many(&self, py: Python<'_>, emails: Vec<Bound<'_, PyAny>>) -> PyResult<Vec<String>> {
        let emails = emails
            .iter()
            .enumerate()
            .map(|(index, email)| {
                args::text(email, &format!("emails[{index}]"), || {
                    core::Error::email(core::EmailProblem::NotUnicode).at_index(index)
                })
            })
            .collect::<PyResult<Vec<&str>>>()?;
        let hashes = if emails.len() >= 64 {
            py.detach(|| self.inner.sign_many(&emails))
        } else {
            self.inner.sign_many(&emails)
        };
        Ok(hashes
            .map_err(to_py)?
            .into_iter()
            .map(String::from)
            .collect())
    }

    /// HMAC-SHA256 of raw bytes with the primary secret, with no email policy: for test
    /// vectors and diagnostics. Use ``sign`` for the portal.
    fn sign_raw(&self, data: &[u8]) -> String {
        self.inner.sign_raw(data).into()
    }

    /// The signed user dict for the portal's ``start`` call:
    /// ``{"name": ..., "email": ..., "emailHash": ...}`` (name omitted when None).
    #[pyo3(signature = (email, name = None))]
    fn user<'py>(
        &self,
        py: Python<'py>,
        email: &Bound<'py, PyAny>,
        name: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let name: Option<String> = optional(name, "name")?;
        let email = self::email(email, "email")?;
        let user = core::UserRef::new(email).with_name(name.as_deref());
        let signed = self.inner.signed_user(user).map_err(to_py)?;
        let dict = PyDict::new(py);
        for (key, value) in signed.entries() {
            dict.set_item(key, value)?;
        }
        Ok(dict.into_any())
    }

    /// A complete ``<script>`` element that starts the portal, with the JSON escaped so that
    /// no name can close the element.
    ///
    /// ``user`` is the dict that ``user()`` returned (its ``emailHash`` is checked, never
    /// recomputed: ``EmailHashMismatch`` if it is not the email's), a dict with ``email`` and
    /// ``name``, or an email ``str`` with ``name``. ``nonce`` is the page's CSP nonce.
    #[pyo3(signature = (user, name = None, *, nonce = None))]
    fn start_script<'py>(
        &self,
        user: &Bound<'py, PyAny>,
        name: Option<&Bound<'py, PyAny>>,
        nonce: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let html = self.signed_script(user, name, nonce)?;
        safe_html(user.py(), html)
    }

    /// The script for any page: ``start_script`` for ``user`` when one is logged in, and
    /// ``stop_script`` when ``user`` is None. Render it on every page, so that every
    /// logged-out page clears the portal, not only the one after the logout click.
    #[pyo3(signature = (user, name = None, *, nonce = None))]
    fn page_script<'py>(
        &self,
        py: Python<'py>,
        user: Option<&Bound<'py, PyAny>>,
        name: Option<&Bound<'py, PyAny>>,
        nonce: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let html = match user.filter(|user| !user.is_none()) {
            Some(user) => self.signed_script(user, name, nonce)?,
            None => core::stop_script(self::nonce(nonce)?.as_deref()).map_err(to_py)?,
        };
        safe_html(py, html)
    }

    /// The fingerprint of the primary secret: 12 hex digits that identify it without revealing it.
    #[getter]
    fn fingerprint(&self) -> String {
        self.inner.fingerprint().to_string()
    }

    /// The fingerprints of the previous secrets.
    #[getter]
    fn previous_fingerprints(&self) -> Vec<String> {
        self.inner
            .previous_fingerprints()
            .map(|f| f.to_string())
            .collect()
    }

    /// The email policy in force: ``"exact"`` or ``"canonical"``.
    #[getter]
    fn email_policy(&self) -> &'static str {
        self.inner.email_policy().as_str()
    }

    /// What is worth fixing about where the secrets came from (a secret file that other
    /// users can read, say). Empty when all is well.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        warning_texts(self.inner.warnings())
    }

    fn __repr__(&self) -> String {
        format!(
            "<Signer fingerprint={} email_policy={:?} previous={}>",
            self.inner.fingerprint(),
            self.inner.email_policy().as_str(),
            self.inner.previous_fingerprints().len()
        )
    }
}

impl Signer {
    /// The start script for `user` (an email `str` with `name`, or a user dict).
    fn signed_script(
        &self,
        user: &Bound<'_, PyAny>,
        name: Option<&Bound<'_, PyAny>>,
        nonce: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let nonce = self::nonce(nonce)?;
        let signed = if user.is_instance_of::<PyString>() {
            let name: Option<String> = optional(name, "name")?;
            let user = core::UserRef::new(email(user, "user")?).with_name(name.as_deref());
            self.inner.signed_user(user)
        } else {
            if name.is_some_and(|name| !name.is_none()) {
                return Err(PyTypeError::new_err(
                    "name is given inside the user dict, not beside it",
                ));
            }
            from_py::<core::UserInput>(user, "user")?.signed_by(&self.inner)
        };
        let signed = signed.map_err(to_py)?;
        self.inner
            .start_script(&signed, nonce.as_deref())
            .map_err(to_py)
    }

    fn wrap(made: core::Result<core::Signer>) -> PyResult<Self> {
        made.map(|inner| Signer { inner }).map_err(to_py)
    }
}

/// A complete ``<script>`` element that stops the portal: render it on every logged-out
/// page, so the next person on the same browser does not see this user's tickets.
#[pyfunction]
#[pyo3(signature = (nonce = None))]
fn stop_script<'py>(
    py: Python<'py>,
    nonce: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let html = core::stop_script(self::nonce(nonce)?.as_deref()).map_err(to_py)?;
    safe_html(py, html)
}

/// The Content-Security-Policy that the portal needs: ``{"origin": ..., "origins": [...],
/// "header": ...}``, the header with ``script-src`` (its ``embed.js``), ``connect-src`` and
/// ``frame-src`` for the portal, the nonce of the inline scripts when given, ``object-src
/// 'none'`` and ``base-uri 'self'``. ``host`` is your workspace's host under unthread.io
/// (``acme``, ``acme.unthread.io``, ``help.acme.unthread.io``, with or without ``https://``),
/// or a list of them for an app with both portals; with ``custom_domain=True``, the custom
/// domain configured in Unthread (``https://support.acme.com``). ``development=True`` adds
/// ``'unsafe-eval'`` (a development server); ``policy`` adds the portal's sources to the policy
/// your app already sends instead. Raises ``InvalidOption`` for anything else.
#[pyfunction]
#[pyo3(signature = (host, **options))]
fn portal_csp<'py>(
    host: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let config: core::PortalCspConfig = source::options(options)?;
    let hosts: core::bindings::PortalHosts = from_py(host, "host")?;
    json::loads(host.py(), &config.answer(&hosts).map_err(to_py)?)
}

/// The embedded portal's boot snippet, as Unthread documents it, as ``SafeHTML``: the queue
/// stub, ``UnthreadPortal('boot', {baseUrl, getToken, container})`` and the ``embed.js``
/// element, both ``<script>`` elements carrying ``nonce``. Its ``getToken`` is a same-origin
/// ``GET`` of ``token_url`` with ``cache: 'no-store'``, resolving ``null`` on 401 and rejecting
/// on any other failure. ``base_url`` is a host under unthread.io
/// (``https://help.acme.unthread.io``), or a custom domain with ``custom_domain=True``.
#[pyfunction]
#[pyo3(signature = (base_url, **options))]
fn portal_boot_script<'py>(
    base_url: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    // PyO3 makes the keywords' dict for this call: adding the first argument to it is safe.
    let options = options
        .cloned()
        .unwrap_or_else(|| PyDict::new(base_url.py()));
    options.set_item("base_url", base_url)?;
    let config: core::PortalBootConfig = from_py(options.as_any(), "")?;
    safe_html(base_url.py(), config.boot_script().map_err(to_py)?)
}

/// Runs the ``unthread-identity`` command with ``args`` (without the program name) and returns
/// its exit code: what ``python -m unthread_identity`` calls. The command is the Rust CLI's.
#[pyfunction]
fn run_cli(py: Python<'_>, args: Vec<String>) -> i32 {
    let argv: Vec<String> = std::iter::once("unthread-identity".to_owned())
        .chain(args)
        .collect();
    py.detach(|| unthread_identity_cli::run(argv))
}

/// The sentences of a signer's warnings (both modes' ``warnings`` properties).
pub(crate) fn warning_texts(warnings: &[core::SecretWarning]) -> Vec<String> {
    warnings.iter().map(ToString::to_string).collect()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Signer>()?;
    m.add_class::<token::TokenSigner>()?;
    m.add_class::<token::AllowedOrigins>()?;
    m.add_class::<endpoint::UserEndpoint>()?;
    m.add_class::<endpoint::TokenEndpoint>()?;
    errors::add_classes(m)?;
    m.add("MAX_TOKEN_LEN", core::MAX_TOKEN_LEN)?;
    m.add_function(wrap_pyfunction!(stop_script, m)?)?;
    m.add_function(wrap_pyfunction!(portal_csp, m)?)?;
    m.add_function(wrap_pyfunction!(portal_boot_script, m)?)?;
    m.add_function(wrap_pyfunction!(run_cli, m)?)?;
    m.add_function(wrap_pyfunction!(endpoint::session_user_py, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
