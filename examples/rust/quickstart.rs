//! The Rust quickstart: sign the logged-in user, print the user object and the start script.
//!
//! `make demo` runs it with a demo secret and email; the Node and Python quickstarts print the
//! same output for the same values.

use unthread_identity::{Secret, Signer, stop_script};

fn main() -> Result<(), unthread_identity::Error> {
    // In production the secret comes from the server's environment or secret manager.
    let secret = match std::env::var_os("UNTHREAD_IDENTITY_SECRET") {
        Some(_) => Secret::from_env()?,
        None => Secret::new("demo-identity-secret")?,
    };
    let signer = Signer::new(secret);
    let email = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "ada@example.com".to_owned());

    let user = signer.user(&email, Some("Ada Lovelace"))?;
    println!("secret fingerprint: {}", signer.fingerprint());
    println!("user object: {}", user.to_json());
    println!(
        "start script: {}",
        signer.start_script(&user, Some("ZGVtby1ub25jZQ=="))?
    );
    println!("stop script: {}", stop_script(Some("ZGVtby1ub25jZQ=="))?);
    Ok(())
}
