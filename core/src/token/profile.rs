//! The claims that describe a token's user beyond who they are: declared once, in
//! [`profile_claims!`]. Each field of that list is, with nothing else written:
//!
//! - a value of the token's user ([`Profile`], set with [`TokenUser::with_profile`]) and a key
//!   of the user objects every binding reads (`mintToken`'s user, the endpoints' session user):
//!   the field's name in Python, its camelCase in JavaScript (see `source.rs`);
//! - a claim of every token minted for a user that has it, named as the field unless
//!   [`ClaimNames`] renames it, and a key of `ClaimNames` (`claim_names`, `claimNames`);
//! - a member of the generated types: TypeScript's `ProfileClaims` (`bindings-node/claims.d.ts`)
//!   and Python's `ProfileClaims` and `MintKeywords` (`_claims.py`, the latter typing
//!   `mint_token`'s keywords).
//!
//! `core/conformance/scripts/new-claim.sh` (`make new-claim-check`) proves it: it adds a claim
//! to the list in a scratch copy, and lists the files that change.
//!
//! [`TokenUser::with_profile`]: crate::TokenUser::with_profile
//! [`ClaimNames`]: crate::ClaimNames

/// Calls `$callback!` with the user's optional claims, each its doc and its field: the one
/// declaration of a profile claim. A claim's default name is its field's name, as OpenID
/// Connect names them (`name`, `picture`, `preferred_username`).
macro_rules! profile_claims {
    ($callback:ident) => {
        $callback! {
            /// The user's display name.
            name,
        }
    };
}
pub(crate) use profile_claims;

/// A profile claim as the generators of the bindings' types see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProfileClaim {
    /// Its field: its name in Rust and Python, its default claim name.
    pub field: &'static str,
    /// Its doc comment.
    pub doc: &'static str,
}

macro_rules! profile {
    ($( $(#[doc = $doc:literal])* $field:ident, )*) => {
        /// The user's optional claims, for [`TokenUser::with_profile`](crate::TokenUser::with_profile):
        /// each one given is put in the token under its name in [`ClaimNames`](crate::ClaimNames).
        ///
        /// ```
        /// use unthread_identity::{Profile, TokenUser};
        /// let profile = Profile { name: Some("Ada"), ..Profile::default() };
        /// let user = TokenUser::new("ada@example.com").with_profile(profile);
        /// # let _ = user;
        /// ```
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        pub struct Profile<'a> {
            $( $(#[doc = $doc])* pub $field: Option<&'a str>, )*
        }

        impl<'a> Profile<'a> {
            /// Each claim's value, in the order of [`PROFILE_CLAIMS`].
            pub(crate) fn values(&self) -> [Option<&'a str>; PROFILE_CLAIMS.len()] {
                [$(self.$field),*]
            }
        }

        /// The profile claims, in their declaration's order: for the bindings' generated types.
        pub const PROFILE_CLAIMS: &[ProfileClaim] = &[$(
            ProfileClaim { field: stringify!($field), doc: concat!($($doc),*) },
        )*];
    };
}

profile_claims!(profile);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bindings::{Language, read};
    use crate::read::tests::Json;
    use crate::{ClaimNames, Secret, TokenOptions, TokenSigner, TokenUserInput};
    use serde_json::{Map, Value, json};

    /// Each declared claim, read from a user object in both languages, is minted under its
    /// name, and under another when `ClaimNames` renames it: what adding a field to the list
    /// must give, with nothing else written (`new-claim.sh` runs this on a scratch copy with one
    /// claim more).
    #[test]
    fn every_declared_claim_is_read_minted_and_renamed() {
        for rename in [false, true] {
            let mut names = Map::new();
            for claim in PROFILE_CLAIMS {
                let renamed = format!("x_{}", claim.field);
                names.insert(claim.field.into(), Value::from(renamed));
            }
            let claim_names: ClaimNames = match rename {
                true => serde_json::from_value(Value::Object(names)).unwrap(),
                false => ClaimNames::default(),
            };
            let options = TokenOptions {
                claim_names,
                ..TokenOptions::default()
            };
            let tokens =
                TokenSigner::new(Secret::new("an-embed-secret").unwrap(), options).unwrap();
            for language in [Language::JavaScript, Language::Python] {
                let mut user = Map::new();
                user.insert("email".into(), json!("ada@example.com"));
                for claim in PROFILE_CLAIMS {
                    let value = format!("{} of Ada", claim.field);
                    user.insert(language.key(claim.field).into_owned(), Value::from(value));
                }
                let user: TokenUserInput =
                    read(Json(&Value::Object(user)), "user", language).unwrap();
                let minted = tokens.mint(user.as_user("id").unwrap()).unwrap();
                let claims = tokens.verify(&minted.jwt).unwrap().claims;
                for claim in PROFILE_CLAIMS {
                    let name = match rename {
                        true => format!("x_{}", claim.field),
                        false => claim.field.to_owned(),
                    };
                    let expected = format!("{} of Ada", claim.field);
                    assert_eq!(claims[&name], Value::from(expected), "{name}");
                    assert!(!claim.doc.trim().is_empty(), "{} has no doc", claim.field);
                }
            }
        }
    }
}
