//! ``UserEndpoint`` and ``TokenEndpoint``: the HTTP decisions of the two JSON endpoints, made by
//! the core (``unthread_identity::{UserEndpoint, TokenEndpoint}``). The Starlette, Django and
//! Flask integrations only read the request and write the ``{"status", "headers", "body"}``
//! these return. Argument conversion only.

use crate::json::loads;
use crate::source::{checked, optional_checked};
use core::bindings::{HeaderValues, SessionEndpoint};
use pyo3::prelude::*;
use unthread_identity as core;

/// The classic portal's signed-user endpoint: ``{"user": ...}`` for the session's user, ``401``
/// without one, always ``Cache-Control: no-store``.
#[pyclass(frozen, module = "unthread_identity")]
pub struct UserEndpoint {
    inner: core::UserEndpoint,
}

#[pymethods]
impl UserEndpoint {
    /// Without ``allowed_origins``, only same-origin requests (by ``Sec-Fetch-Site``) are
    /// answered; with it, ``Origin`` is checked against the list, as the token endpoint does.
    #[new]
    #[pyo3(signature = (signer, allowed_origins = None))]
    fn new(
        signer: PyRef<'_, crate::Signer>,
        allowed_origins: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let allowed = optional_checked(allowed_origins, "allowed_origins")?;
        let inner = core::UserEndpoint::new(signer.inner.clone()).with_allowed_origins(allowed);
        Ok(UserEndpoint { inner })
    }

    /// The first step, before the session is read: the answer that refuses the request
    /// (``405`` for a method other than GET and POST, ``403`` from elsewhere), or None to go on.
    #[pyo3(signature = (method, origin, sec_fetch_site))]
    fn refusal<'py>(
        &self,
        py: Python<'py>,
        method: &str,
        origin: Option<&Bound<'py, PyAny>>,
        sec_fetch_site: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        refusal(py, &self.inner, method, origin, sec_fetch_site)
    }

    /// The answer for the session's user (a mapping or an object: its ``email`` and ``name``,
    /// other fields ignored), or for None when nobody is logged in. A user the core refuses
    /// (an email the policy refuses) is a ``500`` with its code.
    fn respond<'py>(
        &self,
        py: Python<'py>,
        user: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        respond(py, &self.inner, user)
    }
}

/// The embedded portal's token endpoint: ``{"jwt", "expiresAt"}`` for the session's user, to
/// pages of the allowed origins, ``GET`` or ``POST``.
#[pyclass(frozen, module = "unthread_identity")]
pub struct TokenEndpoint {
    inner: core::TokenEndpoint,
}

#[pymethods]
impl TokenEndpoint {
    /// Raises ``InvalidOption`` for origins that ``AllowedOrigins`` refuses.
    #[new]
    fn new(
        tokens: PyRef<'_, crate::token::TokenSigner>,
        allowed_origins: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let allowed = checked(allowed_origins, "allowed_origins")?;
        Ok(TokenEndpoint {
            inner: core::TokenEndpoint::new(tokens.inner.clone(), allowed),
        })
    }

    /// The first step, before the session is read: the answer that refuses the request
    /// (``405`` for a method other than GET and POST, ``403`` from elsewhere), or None to go on.
    /// ``origin`` and ``sec_fetch_site`` are every value of those headers, as ``bytes`` (ASGI) or
    /// Latin-1 ``str`` (WSGI).
    #[pyo3(signature = (method, origin, sec_fetch_site))]
    fn refusal<'py>(
        &self,
        py: Python<'py>,
        method: &str,
        origin: Option<&Bound<'py, PyAny>>,
        sec_fetch_site: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        refusal(py, &self.inner, method, origin, sec_fetch_site)
    }

    /// The answer for the session's user (a mapping or an object: its ``email``, ``name`` and
    /// ``id``, which becomes the subject; other fields ignored), or for None when nobody is
    /// logged in. A user the core refuses is a ``500`` with its code.
    fn respond<'py>(
        &self,
        py: Python<'py>,
        user: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        respond(py, &self.inner, user)
    }
}

/// The session's user as the core's `SessionUserInput` (the core decides what it becomes):
/// a mapping's ``email``, ``name`` and ``id`` keys, or an object's attributes of those names;
/// other fields are the app's and are ignored. ``None`` for ``None`` (nobody is logged in). A
/// wrong type is a ``TypeError``, as in Node.
fn session_user(value: &Bound<'_, PyAny>) -> PyResult<Option<core::bindings::SessionUserInput>> {
    crate::source::from_py(value, "user")
}

/// The page's user, read from the session's user by the endpoints' rule (its ``email`` and
/// ``name``; other fields ignored): ``{"email", "name"}`` for ``Signer.start_script``, or
/// None when nobody is logged in. Raises ``InvalidEmail`` for an email that is not Unicode.
#[pyfunction(name = "session_user")]
pub fn session_user_py<'py>(user: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let page: Option<core::bindings::PageUser> = checked(user, "user")?;
    loads(user.py(), &page)
}

/// Either endpoint's first step, from the request's method and every value of `Origin` and
/// of `Sec-Fetch-Site`.
fn refusal<'py>(
    py: Python<'py>,
    endpoint: &impl SessionEndpoint,
    method: &str,
    origin: Option<&Bound<'py, PyAny>>,
    sec_fetch_site: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let optional = crate::source::optional::<HeaderValues>;
    let origin = optional(origin, "origin")?;
    let site = optional(sec_fetch_site, "sec_fetch_site")?;
    loads(py, &endpoint.refusal_of(method, &origin, &site))
}

/// Either endpoint's second step, for the session's user.
fn respond<'py>(
    py: Python<'py>,
    endpoint: &impl SessionEndpoint,
    user: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let user = session_user(user)?;
    loads(
        py,
        &endpoint.respond_session(user.as_ref(), core::UnixTime::now()),
    )
}
