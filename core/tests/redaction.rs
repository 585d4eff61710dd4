//! The secret never appears in Debug, Display or an error; emails are not echoed in errors.

use unthread_identity::{EmailPolicy, Error, Secret, Signer, UserRef};

const SECRET: &str = "s3cr3t value that must not leak!";

fn leaks(text: &str) -> bool {
    text.contains(SECRET) || text.contains(&hex::encode(SECRET))
}

#[test]
fn debug_and_display_show_no_secret() {
    let secret = Secret::new(SECRET).unwrap();
    let fingerprint = secret.fingerprint();
    for text in [
        format!("{secret:?}"),
        format!("{secret}"),
        format!("{secret:#?}"),
    ] {
        assert!(!leaks(&text), "{text}");
        assert!(text.contains("redacted"), "{text}");
    }
    let signer = Signer::new(secret).with_previous([Secret::new(SECRET).unwrap()]);
    let text = format!("{signer:?} {signer:#?}");
    assert!(!leaks(&text), "{text}");
    assert!(text.contains(fingerprint.as_str()));
}

#[test]
fn errors_show_neither_secret_nor_email() {
    let email_local = "very.private.person";
    let signer = Signer::new(Secret::new(SECRET).unwrap());
    let errors: Vec<Error> = vec![
        signer
            .sign(&format!(" {email_local}@example.com"))
            .unwrap_err(),
        signer
            .sign(&format!("{email_local}\0@example.com"))
            .unwrap_err(),
        signer.sign(email_local).unwrap_err(),
        signer
            .sign(&format!("{email_local}@{}", "x".repeat(400)))
            .unwrap_err(),
        signer
            .sign_many([format!("{email_local}@a"), email_local.to_owned()])
            .unwrap_err(),
        signer
            .start_script(&signer.user("a@b", None).unwrap(), Some(SECRET))
            .unwrap_err(),
        signer
            .start_script(UserRef::new("a@b").with_email_hash(Some(SECRET)), None)
            .unwrap_err(),
        Secret::new(format!("{SECRET}\n")).unwrap_err(),
        Secret::new(format!(" {SECRET}")).unwrap_err(),
        "nope".parse::<EmailPolicy>().unwrap_err(),
        Secret::new("").unwrap_err(),
        Secret::from_env_var("VITE_UNTHREAD_SECRET").unwrap_err(),
    ];
    for err in errors {
        let text = format!("{err} {err:?}");
        assert!(!leaks(&text), "{text}");
        assert!(!text.contains(email_local), "{text}");
    }
}

#[test]
fn batch_errors_say_where() {
    let signer = Signer::new(Secret::new(SECRET).unwrap());
    let err = signer.sign_many(["a@b", "c@d", "nope"]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid email at index 2: the address has no '@'"
    );
    let many: Vec<String> = signer
        .sign_many(["a@b", "c@d"])
        .unwrap()
        .into_iter()
        .map(String::from)
        .collect();
    let one_by_one = [signer.sign("a@b").unwrap(), signer.sign("c@d").unwrap()];
    assert_eq!(many, one_by_one.map(String::from));
}

#[test]
fn signer_is_send_sync_and_consistent_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Signer>();
    let signer = Signer::new(Secret::new(SECRET).unwrap());
    let expected: Vec<String> = (0..200)
        .map(|i| signer.sign(&format!("user{i}@example.com")).unwrap().into())
        .collect();
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                for (i, hash) in expected.iter().enumerate() {
                    assert_eq!(
                        signer
                            .sign(&format!("user{i}@example.com"))
                            .unwrap()
                            .as_str(),
                        hash
                    );
                }
            });
        }
    });
}
