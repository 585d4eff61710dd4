//! Python binding: argument conversion and error mapping only. Every rule lives in the core.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use unthread_identity as core;

pyo3::create_exception!(
    unthread_identity,
    IdentityError,
    PyValueError,
    "Base class of every unthread_identity error (a ValueError)."
);
pyo3::create_exception!(
    unthread_identity,
    InvalidSecret,
    IdentityError,
    "The secret is empty, missing or unreadable."
);
pyo3::create_exception!(
    unthread_identity,
    ExposedSecretVariable,
    IdentityError,
    "The secret was to be read from a variable that frontend bundlers expose to browsers."
);
pyo3::create_exception!(
    unthread_identity,
    InvalidEmail,
    IdentityError,
    "The email address was refused by the email policy."
);
pyo3::create_exception!(
    unthread_identity,
    InvalidNonce,
    IdentityError,
    "The CSP nonce is malformed."
);
pyo3::create_exception!(
    unthread_identity,
    InvalidOption,
    IdentityError,
    "An option (such as email_policy) has an unknown value."
);

/// The one place core errors become Python exceptions.
fn to_py(error: core::Error) -> PyErr {
    let message = error.to_string();
    match error.kind() {
        core::ErrorKind::InvalidSecret => InvalidSecret::new_err(message),
        core::ErrorKind::ExposedSecretVariable => ExposedSecretVariable::new_err(message),
        core::ErrorKind::InvalidEmail => InvalidEmail::new_err(message),
        core::ErrorKind::InvalidNonce => InvalidNonce::new_err(message),
        core::ErrorKind::InvalidOption => InvalidOption::new_err(message),
        _ => IdentityError::new_err(message),
    }
}

/// A `str` as UTF-8. A string with a lone surrogate has no UTF-8 form: that is the core's
/// `NotUnicode` email problem (at `index` in a batch), not a crash or a `UnicodeEncodeError`.
fn email_str<'a>(
    email: &'a Bound<'_, PyString>,
    index: Option<usize>,
) -> Result<&'a str, core::Error> {
    email.to_str().map_err(|_| core::Error::InvalidEmail {
        problem: core::EmailProblem::NotUnicode,
        index,
    })
}

fn secret_of(secret: &Bound<'_, PyAny>) -> PyResult<core::Secret> {
    let secret = if let Ok(text) = secret.cast::<PyString>() {
        core::Secret::new(text.to_str()?)
    } else if let Ok(bytes) = secret.cast::<PyBytes>() {
        core::Secret::new(bytes.as_bytes())
    } else {
        return Err(PyTypeError::new_err(format!(
            "the secret must be str or bytes, not {}",
            secret.get_type().name()?
        )));
    };
    secret.map_err(to_py)
}

/// Signs and verifies email addresses with the identity verification secret.
///
/// Build it once at start-up and share it across threads: the HMAC key state is
/// precomputed, and the secret appears in no repr, str or exception message.
#[pyclass(frozen, module = "unthread_identity")]
struct Signer {
    inner: core::Signer,
}

#[pymethods]
impl Signer {
    #[new]
    #[pyo3(signature = (secret, *, email_policy = "exact", previous_secrets = Vec::new()))]
    fn new(
        secret: &Bound<'_, PyAny>,
        email_policy: &str,
        previous_secrets: Vec<Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        Self::build(secret_of(secret)?, email_policy, previous_secrets)
    }

    /// A signer whose secret is read from the environment variable ``name``.
    #[staticmethod]
    #[pyo3(signature = (name = core::DEFAULT_SECRET_VARIABLE, *, email_policy = "exact", previous_secrets = Vec::new()))]
    fn from_env(
        name: &str,
        email_policy: &str,
        previous_secrets: Vec<Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let secret = core::Secret::from_env_var(name).map_err(to_py)?;
        Self::build(secret, email_policy, previous_secrets)
    }

    /// A signer whose secret is read from a file (one trailing newline is ignored).
    #[staticmethod]
    #[pyo3(signature = (path, *, email_policy = "exact", previous_secrets = Vec::new()))]
    fn from_file(
        path: std::path::PathBuf,
        email_policy: &str,
        previous_secrets: Vec<Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let secret = core::Secret::from_file(path).map_err(to_py)?;
        Self::build(secret, email_policy, previous_secrets)
    }

    /// The hash of ``email``: HMAC-SHA256 as 64 lowercase hex digits, the same as
    /// ``hmac.new(secret, email.encode(), hashlib.sha256).hexdigest()`` with the default policy.
    fn sign(&self, email: &Bound<'_, PyString>) -> PyResult<String> {
        let email = email_str(email, None).map_err(to_py)?;
        Ok(self.inner.sign(email).map_err(to_py)?.into())
    }

    /// Whether ``hash`` is the hash of ``email`` under the primary or a previous secret
    /// (constant time, either hex case). A malformed hash or invalid email gives ``False``.
    fn verify(&self, email: &Bound<'_, PyString>, hash: &Bound<'_, PyString>) -> bool {
        self.matching_key(email, hash).is_some()
    }

    /// Like ``verify``, but returns the fingerprint of the secret that made the hash, or None.
    fn matching_key(
        &self,
        email: &Bound<'_, PyString>,
        hash: &Bound<'_, PyString>,
    ) -> Option<String> {
        let (Ok(email), Ok(hash)) = (email.to_str(), hash.to_str()) else {
            return None;
        };
        self.inner.matching_key(email, hash).map(|f| f.to_string())
    }

    /// Signs a batch of emails, without holding the GIL while hashing. Raises
    /// ``InvalidEmail`` naming the index of the first invalid one.
    fn sign_many(&self, py: Python<'_>, emails: Vec<Bound<'_, PyString>>) -> PyResult<Vec<String>> {
        let emails = emails
            .iter()
            .enumerate()
            .map(|(index, email)| email_str(email, Some(index)))
            .collect::<Result<Vec<&str>, _>>()
            .map_err(to_py)?;
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

    /// The signed user object for the portal's ``start`` call:
    /// ``{"name": ..., "email": ..., "emailHash": ...}`` (name omitted when None).
    #[pyo3(signature = (email, name = None))]
    fn user<'py>(
        &self,
        py: Python<'py>,
        email: &Bound<'py, PyString>,
        name: Option<&str>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let user = self.signed_user(email, name)?;
        let dict = PyDict::new(py);
        if let Some(name) = user.name() {
            dict.set_item("name", name)?;
        }
        dict.set_item("email", user.email())?;
        dict.set_item("emailHash", user.email_hash())?;
        Ok(dict)
    }

    /// A complete ``<script>`` element that starts the portal for the user, with the JSON
    /// escaped so that no name can close the element. ``user`` is ``{"email": ..., "name": ...}``.
    #[pyo3(signature = (user, nonce = None))]
    fn start_script(&self, user: &Bound<'_, PyDict>, nonce: Option<&str>) -> PyResult<String> {
        let email = user
            .get_item("email")?
            .ok_or_else(|| PyTypeError::new_err("user needs an 'email' key"))?;
        let email = email
            .cast::<PyString>()
            .map_err(|_| PyTypeError::new_err("user['email'] must be a str"))?;
        let name = match user.get_item("name")? {
            Some(name) if !name.is_none() => Some(name.extract::<String>()?),
            _ => None,
        };
        let user = self.signed_user(email, name.as_deref())?;
        core::start_script(&user, nonce).map_err(to_py)
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
    fn build(
        secret: core::Secret,
        email_policy: &str,
        previous_secrets: Vec<Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let policy: core::EmailPolicy = email_policy.parse().map_err(to_py)?;
        let previous = previous_secrets
            .iter()
            .map(secret_of)
            .collect::<PyResult<Vec<_>>>()?;
        let inner = core::Signer::new(secret)
            .with_email_policy(policy)
            .with_previous(previous);
        Ok(Signer { inner })
    }

    fn signed_user(
        &self,
        email: &Bound<'_, PyString>,
        name: Option<&str>,
    ) -> PyResult<core::SignedUser> {
        let email = email_str(email, None).map_err(to_py)?;
        self.inner.user(email, name).map_err(to_py)
    }
}

/// A complete ``<script>`` element that stops the portal: render it at logout, so the next
/// person on the same browser does not see this user's tickets.
#[pyfunction]
#[pyo3(signature = (nonce = None))]
fn stop_script(nonce: Option<&str>) -> PyResult<String> {
    core::stop_script(nonce).map_err(to_py)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<Signer>()?;
    m.add_function(wrap_pyfunction!(stop_script, m)?)?;
    m.add("IdentityError", py.get_type::<IdentityError>())?;
    m.add("InvalidSecret", py.get_type::<InvalidSecret>())?;
    m.add(
        "ExposedSecretVariable",
        py.get_type::<ExposedSecretVariable>(),
    )?;
    m.add("InvalidEmail", py.get_type::<InvalidEmail>())?;
    m.add("InvalidNonce", py.get_type::<InvalidNonce>())?;
    m.add("InvalidOption", py.get_type::<InvalidOption>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
