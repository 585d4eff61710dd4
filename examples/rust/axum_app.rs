//! axum: the whole flow in a real app, with the crate as a normal dependency.
//!
//! Run: `UNTHREAD_IDENTITY_SECRET=... cargo run --release -p unthread-identity-examples --bin axum_app`
//! (`PORT` defaults to 3000, `UNTHREAD_PORTAL_SUBDOMAIN` to "acme"). A nonce per request, a
//! session cookie naming a server-side record, the page (start or stop), the JSON endpoint and
//! a logout. With `UNTHREAD_PORTAL_EMBED_SECRET` set, also the embedded portal's token
//! endpoint, for the origin in `APP_ORIGIN` (default `http://127.0.0.1:PORT`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use unthread_identity::{
    AllowedOrigins, BootOptions, EndpointResponse, PortalCsp, PortalHost, Secret, Signer,
    TokenEndpoint, TokenOptions, TokenSigner, TokenUser, UserEndpoint, UserRef, boot_script,
};

/// What the session says about the logged-in user.
#[derive(Clone)]
struct SessionUser {
    email: String,
    name: String,
}

struct App {
    signer: Signer,
    /// The signed-user endpoint's decisions (the core's).
    user_endpoint: UserEndpoint,
    csp: PortalCsp,
    /// The embedded portal's host (`UNTHREAD_PORTAL_URL`), for its boot snippet and CSP.
    portal: PortalHost,
    /// The embedded portal's token endpoint (its signer and the origins allowed to fetch).
    token_endpoint: Option<TokenEndpoint>,
    sessions: Mutex<HashMap<String, SessionUser>>,
}

type Shared = Arc<App>;

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the OS random number generator");
    hex::encode(buf)
}

fn session_id(headers: &HeaderMap) -> Option<String> {
    let cookies = headers.get(header::COOKIE)?.to_str().ok()?;
    cookies
        .split(';')
        .find_map(|c| c.trim().strip_prefix("sid="))
        .map(str::to_owned)
}

/// The logged-in user, from the session only: never from the request's query or body.
fn session_user(app: &App, headers: &HeaderMap) -> Option<SessionUser> {
    let id = session_id(headers)?;
    app.sessions.lock().unwrap().get(&id).cloned()
}

async fn page(State(app): State<Shared>, headers: HeaderMap) -> Response {
    let nonce = random_hex(16);
    let user = session_user(&app, &headers);
    let user_ref = user
        .as_ref()
        .map(|u| UserRef::new(&u.email).with_name(Some(&u.name)));
    let script = match app.signer.page_script(user_ref, Some(&nonce)) {
        Ok(script) => script,
        Err(error) => {
            return (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response();
        }
    };
    let body = if user.is_some() {
        r#"<p id="who">Logged in</p><form method="post" action="/logout"><button id="logout">Log out</button></form>"#
    } else {
        r#"<form method="post" action="/login"><button id="login">Log in</button></form>"#
    };
    let html = format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>axum + Unthread</title>\n\
         <!-- Unthread's embed code from the dashboard goes here -->\n{script}\n</head><body>\n{body}\n</body></html>"
    );
    let csp = app.csp.header(Some(&nonce)).expect("a hex nonce is valid");
    let mut response = Html(html).into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_str(&csp).expect("a CSP is ASCII"),
    );
    response
}

/// The embedded portal: Unthread's boot snippet, rendered with the page's nonce, under a CSP
/// that allows the portal's host.
async fn embedded(State(app): State<Shared>) -> Response {
    let nonce = random_hex(16);
    let options = BootOptions {
        nonce: Some(nonce.clone()),
        ..BootOptions::default()
    };
    let boot = match boot_script(&app.portal, &options) {
        Ok(boot) => boot,
        Err(error) => {
            return (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response();
        }
    };
    let html = format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>axum + the embedded portal</title>\n\
         {boot}\n</head><body><div id=\"portal\"></div></body></html>"
    );
    let csp = PortalCsp::from(app.portal.clone());
    let csp = csp.header(Some(&nonce)).expect("a hex nonce is valid");
    let mut response = Html(html).into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_str(&csp).expect("a CSP is ASCII"),
    );
    response
}

/// `{ user }` for the session's user, `401` without one, always `no-store`: every decision
/// (405, 403 before the session is read, 401, 500) is the core's `UserEndpoint`.
async fn unthread_user(State(app): State<Shared>, method: Method, headers: HeaderMap) -> Response {
    let raw = |name| headers.get_all(name).iter().map(HeaderValue::as_bytes);
    let origin = raw(header::ORIGIN.as_str());
    let refused = app
        .user_endpoint
        .refusal(method.as_str(), origin, raw("sec-fetch-site"));
    if let Some(refused) = refused {
        return into_response(refused);
    }
    let user = session_user(&app, &headers);
    let user = user
        .as_ref()
        .map(|u| UserRef::new(&u.email).with_name(Some(&u.name)));
    into_response(app.user_endpoint.respond(user))
}

/// The embedded portal's token endpoint: `{ jwt, expiresAt }` for the session's user. Every
/// decision (405, 403 before the session is read, 401, `no-store`) is the core's
/// `TokenEndpoint`; this handler reads the request and writes the answer.
async fn portal_token(State(app): State<Shared>, method: Method, headers: HeaderMap) -> Response {
    let Some(endpoint) = &app.token_endpoint else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // Every value of each header, as raw bytes: the core decides (two Origins, or one that is
    // not UTF-8, are refused), so no choice of "the first" or a lossy decoding is made here.
    let raw = |name| headers.get_all(name).iter().map(HeaderValue::as_bytes);
    let origin = raw(header::ORIGIN.as_str());
    if let Some(refused) = endpoint.refusal(method.as_str(), origin, raw("sec-fetch-site")) {
        return into_response(refused);
    }
    let user = session_user(&app, &headers);
    let user = user
        .as_ref()
        .map(|u| TokenUser::new(&u.email).with_name(Some(&u.name)));
    into_response(endpoint.respond(user))
}

/// The core's answer as an axum response.
fn into_response(answer: EndpointResponse) -> Response {
    let status = StatusCode::from_u16(answer.status).expect("the core answers valid statuses");
    let mut response = (status, answer.body).into_response();
    for (name, value) in answer.headers {
        response
            .headers_mut()
            .insert(name, HeaderValue::from_static(value));
    }
    response
}

/// A test login: your real login authenticates the user, then stores who they are.
async fn login(State(app): State<Shared>) -> Response {
    let id = random_hex(16);
    let user = SessionUser {
        email: "zoë.test@exämple.com".to_owned(),
        name: "</script><script>window.pwned=1</script>".to_owned(),
    };
    app.sessions.lock().unwrap().insert(id.clone(), user);
    let cookie = format!("sid={id}; HttpOnly; SameSite=Lax; Path=/");
    ([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response()
}

async fn logout(State(app): State<Shared>, headers: HeaderMap) -> Response {
    if let Some(id) = session_id(&headers) {
        app.sessions.lock().unwrap().remove(&id);
    }
    let cookie = "sid=; Max-Age=0; Path=/";
    ([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response()
}

fn router(
    signer: Signer,
    csp: PortalCsp,
    portal: PortalHost,
    tokens: Option<(TokenSigner, AllowedOrigins)>,
) -> Router {
    let app = Arc::new(App {
        user_endpoint: UserEndpoint::new(signer.clone()),
        signer,
        csp,
        portal,
        token_endpoint: tokens.map(|(tokens, allowed)| TokenEndpoint::new(tokens, allowed)),
        sessions: Mutex::new(HashMap::new()),
    });
    Router::new()
        .route("/", get(page))
        .route("/embedded", get(embedded))
        .route("/api/unthread-user", get(unthread_user))
        .route("/api/portal-token", get(portal_token).post(portal_token))
        .route("/login", post(login))
        .route("/logout", post(logout))
        .with_state(app)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let subdomain = std::env::var("UNTHREAD_PORTAL_SUBDOMAIN").unwrap_or_else(|_| "acme".into());
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".into());
    // Once, at start-up.
    let tokens = match std::env::var_os("UNTHREAD_PORTAL_EMBED_SECRET") {
        Some(_) => {
            let origin =
                std::env::var("APP_ORIGIN").unwrap_or_else(|_| format!("http://127.0.0.1:{port}"));
            Some((
                TokenSigner::from_env(TokenOptions::default())?,
                AllowedOrigins::new([origin])?,
            ))
        }
        None => None,
    };
    let portal = std::env::var("UNTHREAD_PORTAL_URL")
        .unwrap_or_else(|_| "https://help.acme.unthread.io".into());
    let router = router(
        Signer::new(Secret::from_env()?),
        PortalCsp::new(&subdomain)?,
        PortalHost::new(&portal)?,
        tokens,
    );
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!("listening on http://127.0.0.1:{port}");
    axum::serve(listener, router).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    use super::*;

    async fn call(router: &Router, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
        let response = router.clone().oneshot(request).await.unwrap();
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.unwrap().to_bytes();
        (
            parts.status,
            parts.headers,
            String::from_utf8(bytes.to_vec()).unwrap(),
        )
    }

    #[tokio::test]
    async fn endpoint_rules_and_page_scripts() {
        let signer = Signer::new(Secret::new("axum-test-secret").unwrap());
        let expected = signer.sign("zoë.test@exämple.com").unwrap().to_string();
        let tokens = TokenSigner::new(
            Secret::new("axum-embed-secret").unwrap(),
            TokenOptions::default(),
        )
        .unwrap();
        let allowed = AllowedOrigins::new(["http://app.test"]).unwrap();
        let router = router(
            signer,
            PortalCsp::new("acme").unwrap(),
            PortalHost::new("help.acme.unthread.io").unwrap(),
            Some((tokens.clone(), allowed)),
        );
        let get = |uri: &str, cookie: Option<&str>| {
            let mut request = Request::get(uri);
            if let Some(cookie) = cookie {
                request = request.header(header::COOKIE, cookie);
            }
            request.body(Body::empty()).unwrap()
        };

        let (status, headers, _) = call(&router, get("/api/unthread-user", None)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        let (_, headers, html) = call(&router, get("/", None)).await;
        assert!(html.contains(r#"(["stop"])"#), "{html}");
        assert!(
            headers[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap()
                .contains("https://acme.unthread.io")
        );

        let login = Request::post("/login").body(Body::empty()).unwrap();
        let (_, headers, _) = call(&router, login).await;
        let cookie = headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let uri = "/api/unthread-user?email=eve%40example.com";
        let (status, headers, body) = call(&router, get(uri, Some(&cookie))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        assert!(body.contains(&expected) && !body.contains("eve@"), "{body}");
        let (_, _, html) = call(&router, get("/", Some(&cookie))).await;
        assert!(
            html.contains(r#"(["start",{"user":"#) && !html.contains("</script><script>"),
            "{html}"
        );

        // The token endpoint: 403 from another origin, 401 without a session, no-store.
        let token = |origin: &str, cookie: Option<&str>| {
            let mut request = Request::post("/api/portal-token").header(header::ORIGIN, origin);
            if let Some(cookie) = cookie {
                request = request.header(header::COOKIE, cookie);
            }
            request.body(Body::empty()).unwrap()
        };
        let (status, headers, _) = call(&router, token("http://evil.test", Some(&cookie))).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        let (status, _, _) = call(&router, token("http://app.test", None)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, headers, body) = call(&router, token("http://app.test", Some(&cookie))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        let jwt = body.split('"').nth(3).unwrap();
        let claims = tokens.verify(jwt).unwrap().claims;
        assert_eq!(claims["email"], "zoë.test@exämple.com");

        // Raw header values: two Origins, or one that is not UTF-8, are foreign.
        let raw = |origins: &[&[u8]]| {
            let mut request = Request::get("/api/portal-token").header(header::COOKIE, &cookie);
            for origin in origins {
                request = request.header(header::ORIGIN, HeaderValue::from_bytes(origin).unwrap());
            }
            request.body(Body::empty()).unwrap()
        };
        let app: &[u8] = b"http://app.test";
        assert_eq!(call(&router, raw(&[app])).await.0, StatusCode::OK);
        assert_eq!(
            call(&router, raw(&[app, app])).await.0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            call(&router, raw(&[b"http://evil.test\xff"])).await.0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            call(&router, raw(&[b"http://app.test\xff"])).await.0,
            StatusCode::FORBIDDEN
        );

        // The embedded portal's page: the boot snippet under a CSP for its host.
        let (_, headers, html) = call(&router, get("/embedded", None)).await;
        assert!(
            html.contains(r#"src="https://help.acme.unthread.io/embed.js""#),
            "{html}"
        );
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            csp.contains("frame-src https://help.acme.unthread.io"),
            "{csp}"
        );
    }
}
