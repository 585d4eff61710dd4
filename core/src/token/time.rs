//! Time in tokens: whole seconds since the Unix epoch, never milliseconds.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::Error;

/// The largest timestamp taken as seconds: 10¹¹ s is the year 5138, while a millisecond
/// timestamp of today is about 1.8 × 10¹². Anything above is a unit mistake, refused.
pub(crate) const MAX_PLAUSIBLE_SECONDS: u64 = 100_000_000_000;

/// A point in time as JWT's `NumericDate` (RFC 7519 §2): whole seconds since 1970-01-01 UTC.
///
/// Made only from seconds ([`UnixTime::from_secs`], which refuses a value that can only be
/// milliseconds) or from the clock ([`UnixTime::now`]).
///
/// ```
/// use unthread_identity::UnixTime;
/// assert_eq!(UnixTime::from_secs(1_700_000_000)?.as_secs(), 1_700_000_000);
/// assert!(UnixTime::from_secs(1_700_000_000_000).is_err()); // milliseconds
/// # Ok::<(), unthread_identity::Error>(())
/// ```
///
/// It serializes as the JSON integer of its seconds, as `exp` is written:
///
/// ```
/// use unthread_identity::UnixTime;
/// assert_eq!(serde_json::to_string(&UnixTime::from_secs(1_800_000_000)?).unwrap(), "1800000000");
/// # Ok::<(), unthread_identity::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct UnixTime(u64);

impl UnixTime {
    /// The time `seconds` after the epoch. Refused ([`Error::TimeOutOfRange`]) above 10¹¹ (the
    /// year 5138), which is a timestamp in milliseconds.
    pub fn from_secs(seconds: u64) -> Result<Self, Error> {
        if seconds > MAX_PLAUSIBLE_SECONDS {
            return Err(Error::TimeOutOfRange { seconds });
        }
        Ok(UnixTime(seconds))
    }

    /// The system clock, rounded down to the second.
    pub fn now() -> Self {
        let since = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or(Duration::ZERO);
        UnixTime(since.as_secs())
    }

    /// Seconds since the epoch.
    pub const fn as_secs(self) -> u64 {
        self.0
    }

    pub(crate) fn plus(self, seconds: u64) -> Self {
        UnixTime(self.0.saturating_add(seconds))
    }

    pub(crate) fn minus(self, seconds: u64) -> Self {
        UnixTime(self.0.saturating_sub(seconds))
    }
}

impl fmt::Display for UnixTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The error for a number of seconds that a binding read as a number but that is not a whole,
/// non-negative one (`-1`, `1.5`, `NaN`): an option out of range, the same in every language.
#[doc(hidden)]
pub fn not_whole_seconds(what: &str) -> Error {
    Error::option(
        "seconds",
        format!("{what} must be a whole, non-negative number of seconds"),
    )
}

/// The largest integer a double holds exactly, and so the largest a JavaScript number can
/// carry: 2^53 − 1 (`Number.MAX_SAFE_INTEGER`). The bound of every whole-number rule (user ids,
/// claims, seconds given as numbers).
pub(crate) const MAX_EXACT_INTEGER: u64 = (1 << 53) - 1;

/// A count of seconds given as a number (a JavaScript number, a Python float): a whole,
/// non-negative one of at most 2^53 − 1, above which a double is not exact; else the option
/// error of [`not_whole_seconds`]. The one rule for `ttlSeconds: 120.0` in every language.
#[doc(hidden)]
pub fn seconds_from_number(n: f64, what: &str) -> Result<u64, Error> {
    if n.fract() == 0.0 && (0.0..=MAX_EXACT_INTEGER as f64).contains(&n) {
        Ok(n as u64)
    } else {
        Err(not_whole_seconds(what))
    }
}

/// A duration option in whole seconds; `what` names it in the error.
pub(crate) fn whole_seconds(duration: Duration, what: &'static str) -> Result<u64, Error> {
    if duration.subsec_nanos() != 0 {
        return Err(Error::option(
            what,
            format!("{what} must be a whole number of seconds"),
        ));
    }
    Ok(duration.as_secs())
}
