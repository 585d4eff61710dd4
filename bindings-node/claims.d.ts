/* Generated from the core by `make conformance-table` (core/conformance/src/types.rs): edit the core, not this file. */

/** The user's profile claims: each one given is put in the token, under its name in `claimNames`. */
export interface ProfileClaims {
  /** The user's display name. */
  name?: string | null
}

/**
 * The user a token is minted for (`mintToken`): from your session, never from the request.
 * Any other key throws `ERR_INVALID_OPTION`.
 */
export interface TokenUserInput extends ProfileClaims {
  /** The logged-in user's email (from your session, never from the request). */
  email: string
  /** A stable user id, the subject claim instead of the email: a string, or a whole number of at most 2^53 - 1 (a database key), which is its decimal text. */
  id?: string | number | null
}

/**
 * What the session says about the logged-in user, as the endpoints read it: these fields as
 * the object's own properties (never a prototype's); any other field is ignored.
 */
export interface SessionUser extends ProfileClaims {
  /** The logged-in user's email (from your session, never from the request). */
  email: string
  /** A stable user id, the subject claim instead of the email: a string, or a whole number of at most 2^53 - 1 (a database key), which is its decimal text. */
  id?: string | number | null
}

/** Other names for the claims of the user and the token id. */
export interface ClaimNames {
  /** Default `sub`. */
  subject?: string | null
  /** Default `email`. */
  email?: string | null
  /** Default `name`. */
  name?: string | null
  /** Default `jti`. */
  jwtId?: string | null
}

/** The claims of a token minted with the default claim names, as `verifyToken` returns them. */
export interface TokenClaims {
  sub: string
  email: string
  name?: string
  jti?: string
  iat: number
  nbf?: number
  exp: number
  aud?: string | string[]
  iss?: string
  [claim: string]: unknown
}
