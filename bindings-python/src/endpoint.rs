//! ``UserEndpoint`` and ``TokenEndpoint``: the HTTP decisions of the two JSON endpoints, made by
//! the core (``unthread_identity::{UserEndpoint, TokenEndpoint}``). The Starlette, Django and
//! Flask integrations only read the request and write the ``{"status", "headers", "body"}``
//! these return. Argument conversion only.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use unthread_identity as core;

use crate::args;

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
        let inner = core::UserEndpoint::new(signer.core().clone());
        let inner = match allowed_origins.filter(|o| !o.is_none()) {
            Some(origins) => inner
                .with_allowed_origins(crate::token::AllowedOrigins::new(origins)?.core().clone()),
            None => inner,
        };
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
    ) -> PyResult<Option<Response<'py>>> {
        let (origin, site) = headers(origin, sec_fetch_site)?;
        let refused = self.inner.refusal(method, slices(&origin), slices(&site));
        refused.map(|r| response(py, r)).transpose()
    }

    /// The answer for the session's user (a mapping or an object: its ``email`` and ``name``,
    /// other fields ignored), or for None when nobody is logged in. A user the core refuses
    /// (an email the policy refuses) is a ``500`` with its code.
    fn respond<'py>(&self, py: Python<'py>, user: &Bound<'py, PyAny>) -> PyResult<Response<'py>> {
        let answer = match session_user(user)? {
            None => self.inner.respond(None),
            Some(user) => match user.email {
                Some(email) => self.inner.respond(Some(
                    core::UserRef::new(&email).with_name(user.name.as_deref()),
                )),
                None => self.inner.failure(not_unicode().code()),
            },
        };
        response(py, answer)
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
        let (origin, site) = headers(origin, sec_fetch_site)?;
        let refused = self.inner.refusal(method, slices(&origin), slices(&site));
        refused.map(|r| response(py, r)).transpose()
    }

    /// The answer for the session's user (a mapping or an object: its ``email``, ``name`` and
    /// ``id``, which becomes the subject; other fields ignored), or for None when nobody is
    /// logged in. A user the core refuses is a ``500`` with its code.
    fn respond<'py>(&self, py: Python<'py>, user: &Bound<'py, PyAny>) -> PyResult<Response<'py>> {
        let answer = match session_user(user)? {
            None => self.inner.respond(None),
            Some(user) => match (&user.email, user.id_error) {
                (Some(email), None) => self.inner.respond(Some(
                    core::TokenUser::new(email)
                        .with_name(user.name.as_deref())
                        .with_id(user.id.as_deref()),
                )),
                (None, _) => self.inner.failure(not_unicode().code()),
                (_, Some(code)) => self.inner.failure(code),
            },
        };
        response(py, answer)
    }
}

/// The session's user as the endpoints read it, by the same fields in every language.
struct SessionUser {
    /// `None` for an email with a lone surrogate.
    email: Option<String>,
    name: Option<String>,
    id: Option<String>,
    /// The code of an id the core refuses as a value (a lone surrogate).
    id_error: Option<&'static str>,
}

/// The email (None: not Unicode), name and id of the session's user: a mapping's ``email``,
/// ``name`` and ``id`` keys, or an object's attributes of those names; other fields are the
/// app's and are ignored. ``None`` for ``None`` (nobody is logged in). A wrong type is a
/// ``TypeError``, as in Node.
fn session_user(value: &Bound<'_, PyAny>) -> PyResult<Option<SessionUser>> {
    if value.is_none() {
        return Ok(None);
    }
    let field = |name: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        let found = if let Ok(mapping) = value.cast::<pyo3::types::PyMapping>() {
            match mapping.get_item(name) {
                Ok(item) => Some(item),
                Err(e) if e.is_instance_of::<pyo3::exceptions::PyKeyError>(value.py()) => None,
                Err(e) => return Err(e),
            }
        } else {
            value.getattr_opt(name)?
        };
        Ok(found.filter(|v| !v.is_none()))
    };
    let email = match field("email")? {
        Some(email) => args::unicode(&email, "user['email']")?.map(str::to_owned),
        None => {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "user['email'] must be a str, not missing",
            ));
        }
    };
    let name = args::name(field("name")?.as_ref(), "user['name']")?;
    let (id, id_error) = match args::user_id_text(field("id")?.as_ref(), "user['id']")? {
        Some(None) => (
            None,
            Some(core::TokenUser::id_not_unicode("user.id").code()),
        ),
        Some(Some(id)) => (Some(id), None),
        None => (None, None),
    };
    Ok(Some(SessionUser {
        email,
        name,
        id,
        id_error,
    }))
}

/// The page's user, read from the session's user by the endpoints' rule (its ``email`` and
/// ``name``; other fields ignored): ``{"email", "name"}`` for ``Signer.start_script``, or
/// None when nobody is logged in. Raises ``InvalidEmail`` for an email that is not Unicode.
#[pyfunction(name = "session_user")]
pub fn session_user_py(user: &Bound<'_, PyAny>) -> PyResult<Option<PageUser>> {
    let Some(user) = session_user(user)? else {
        return Ok(None);
    };
    let email = user
        .email
        .ok_or_else(|| crate::errors::to_py(not_unicode()))?;
    Ok(Some(PageUser {
        email,
        name: user.name,
    }))
}

/// ``{"email", "name"}``.
#[derive(IntoPyObject)]
pub struct PageUser {
    email: String,
    name: Option<String>,
}

fn not_unicode() -> core::Error {
    core::Error::email(core::EmailProblem::NotUnicode)
}

/// Every value of `Origin` and of `Sec-Fetch-Site`.
type Headers = (Vec<Vec<u8>>, Vec<Vec<u8>>);

fn headers(
    origin: Option<&Bound<'_, PyAny>>,
    sec_fetch_site: Option<&Bound<'_, PyAny>>,
) -> PyResult<Headers> {
    Ok((
        crate::token::header_values(origin, "origin")?,
        crate::token::header_values(sec_fetch_site, "sec_fetch_site")?,
    ))
}

fn slices(values: &[Vec<u8>]) -> impl Iterator<Item = &[u8]> {
    values.iter().map(Vec::as_slice)
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
