//! ``UserEndpoint`` and ``TokenEndpoint``: the HTTP decisions of the two JSON endpoints, made by
//! the core (``unthread_identity::{UserEndpoint, TokenEndpoint}``). The Starlette, Django and
//! Flask integrations only read the request and write the ``{"status", "headers", "body"}``
//! these return. Argument conversion only.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use unthread_identity as core;

use crate::args;
use crate::errors::to_py;

/// The classic portal's signed-user endpoint: ``{"user": ...}`` for the session's user, ``401``
/// without one, always ``Cache-Control: no-store``.
#[pyclass(frozen, module = "unthread_identity")]
pub struct UserEndpoint {
    inner: core::UserEndpoint,
}

#[pymethods]
impl UserEndpoint {
    #[new]
    fn new(signer: PyRef<'_, crate::Signer>) -> Self {
        UserEndpoint {
            inner: core::UserEndpoint::new(signer.core().clone()),
        }
    }

    /// The answer for the session's user (``email`` None: nobody is logged in).
    #[pyo3(signature = (email, name = None))]
    fn respond<'py>(
        &self,
        py: Python<'py>,
        email: Option<&Bound<'py, PyAny>>,
        name: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Response<'py>> {
        let email = identity_email(email)?;
        let name = args::name(name, "name")?;
        let user = email.map(|e| core::UserRef::new(e).with_name(name.as_deref()));
        response(py, self.inner.respond(user).map_err(to_py)?)
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
        let allowed = crate::token::AllowedOrigins::new(allowed_origins)?;
        Ok(TokenEndpoint {
            inner: core::TokenEndpoint::new(tokens.core().clone(), allowed.core().clone()),
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
    ) -> PyResult<Option<Response<'py>>> {
        let origin = crate::token::header_values(origin, "origin")?;
        let site = crate::token::header_values(sec_fetch_site, "sec_fetch_site")?;
        self.inner
            .refusal(
                method,
                origin.iter().map(Vec::as_slice),
                site.iter().map(Vec::as_slice),
            )
            .map(|r| response(py, r))
            .transpose()
    }

    /// The answer for the session's user (``email`` None: nobody is logged in); ``id``, when
    /// given, is the token's subject.
    #[pyo3(signature = (email, name = None, *, id = None))]
    fn respond<'py>(
        &self,
        py: Python<'py>,
        email: Option<&Bound<'py, PyAny>>,
        name: Option<&Bound<'py, PyAny>>,
        id: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Response<'py>> {
        let email = identity_email(email)?;
        let name = args::name(name, "name")?;
        let id = args::user_id(id, "id")?;
        let user = email.map(|e| {
            core::TokenUser::new(e)
                .with_name(name.as_deref())
                .with_id(id.as_deref())
        });
        response(py, self.inner.respond(user).map_err(to_py)?)
    }
}

/// The session's email: an identity, so a lone surrogate is ``InvalidEmail``.
fn identity_email<'a>(email: Option<&'a Bound<'_, PyAny>>) -> PyResult<Option<&'a str>> {
    args::optional_text(email, "email", || {
        core::Error::email(core::EmailProblem::NotUnicode)
    })
}

/// An endpoint's answer as a dict: ``{"status", "headers", "body"}``, the headers in the
/// core's order.
#[derive(IntoPyObject)]
pub struct Response<'py> {
    status: u16,
    headers: Bound<'py, PyDict>,
    body: String,
}

fn response(py: Python<'_>, r: core::EndpointResponse) -> PyResult<Response<'_>> {
    let headers = PyDict::new(py);
    for (name, value) in r.headers {
        headers.set_item(name, value)?;
    }
    Ok(Response {
        status: r.status,
        headers,
        body: r.body,
    })
}
