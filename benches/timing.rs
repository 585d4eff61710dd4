//! `make timing`: a dudect-style constant-time check of `verify` (Reparaz, Balasch and
//! Verbauwhede, "Dude, is my code constant time?", 2017).
//!
//! For each pair of input classes, calls are made in a random interleaving, each timed with
//! the CPU's time-stamp counter (or `Instant` elsewhere). Welch's t-statistic compares the two
//! classes' timings, over all samples and over the samples below several percentiles (the
//! usual crops, which remove the long tail of interrupts). |t| above 10 means the classes
//! are told apart with overwhelming confidence: the pair fails.
//!
//! The harness proves that it can see a leak: the same check runs against a deliberately naive
//! compare (byte by byte, stopping at the first difference), which must fail.
//!
//! A pair above the threshold is measured again, with another random interleaving, up to
//! [`REMEASURE`] times, and fails only if every measurement stays above it: a real leak is
//! seen every time, while one burst of noise (another process on the other core, once |t|
//! 122 followed by three runs at most 3.3) is not. Every measurement is printed.
//!
//! `TIMING_SAMPLES` sets the samples per pair (default 2,000,000, split between the classes).

use std::hint::black_box;
use std::process::ExitCode;

use unthread_identity::{Secret, Signer, TokenOptions, TokenSigner, TokenUser, UnixTime};

const EMAIL: &str = "ada.lovelace@example.com";
const THRESHOLD: f64 = 10.0;
const CROPS: [f64; 6] = [1.0, 0.99, 0.95, 0.9, 0.75, 0.5];
/// How many more times a pair above the threshold is measured before it fails.
const REMEASURE: usize = 2;

/// One pair of classes: the inputs of class 0 and class 1, and the operation timed.
struct Pair<'a> {
    name: &'static str,
    inputs: [String; 2],
    run: Box<dyn Fn(&str) -> bool + 'a>,
    /// The naive control must leak; every other pair must not.
    must_leak: bool,
}

fn main() -> ExitCode {
    let samples: usize = std::env::var("TIMING_SAMPLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2_000_000);
    let secret = || Secret::new("timing-test-secret").unwrap();
    let single = Signer::new(secret());
    let rotated = Signer::new(Secret::new("timing-new-secret").unwrap())
        .with_previous([secret(), Secret::new("timing-older-secret").unwrap()]);
    let good = single.sign(EMAIL).unwrap().to_string();
    let by_new = rotated.sign(EMAIL).unwrap().to_string();
    let wrong_first = flip(&good, 0);
    let wrong_last = flip(&good, 63);
    let wrong = flip(&good, 31);

    let verify = |signer: &'static str| -> Box<dyn Fn(&str) -> bool + '_> {
        let signer = if signer == "rotated" {
            &rotated
        } else {
            &single
        };
        Box::new(move |hash| signer.verify(EMAIL, hash))
    };
    let naive = Box::new(|hash: &str| naive_verify(&single, EMAIL, hash));

    // Token mode: the same payload signed by the primary and by the previous key (no kid, so
    // every key is tried), and signatures wrong in their first or their last full character.
    let token_signer = |secret: &str| {
        TokenSigner::new(Secret::new(secret).unwrap(), TokenOptions::default()).unwrap()
    };
    let tokens = token_signer("timing-new-embed")
        .with_previous_key(Secret::new("timing-old-embed").unwrap(), None)
        .unwrap();
    let now = UnixTime::from_secs(1_800_000_000).unwrap();
    let mint = |signer: &TokenSigner| {
        signer
            .mint_with(TokenUser::new(EMAIL), Some(now), Some("timing"))
            .unwrap()
            .jwt
    };
    let by_primary = mint(&tokens);
    let by_previous = mint(&token_signer("timing-old-embed"));
    // The last character of a 32-byte signature holds 4 bits; the one before it all 6.
    let signature_at = by_primary.rfind('.').unwrap() + 1;
    let bad_first = flip(&by_primary, signature_at);
    let bad_last = flip(&by_primary, by_primary.len() - 2);
    let verify_token = Box::new(|jwt: &str| tokens.verify_at(jwt, now).is_ok());
    let verify_token_2 = Box::new(|jwt: &str| tokens.verify_at(jwt, now).is_ok());

    let pairs = vec![
        Pair {
            name: "verify: first vs last hex digit wrong",
            inputs: [wrong_first.clone(), wrong_last.clone()],
            run: verify("single"),
            must_leak: false,
        },
        Pair {
            name: "verify: correct vs wrong hash",
            inputs: [good.clone(), wrong.clone()],
            run: verify("single"),
            must_leak: false,
        },
        Pair {
            name: "verify: lowercase vs uppercase hex",
            inputs: [good.clone(), good.to_uppercase()],
            run: verify("single"),
            must_leak: false,
        },
        Pair {
            name: "rotation: primary vs previous matched",
            inputs: [by_new.clone(), good.clone()],
            run: verify("rotated"),
            must_leak: false,
        },
        Pair {
            name: "rotation: previous vs no match",
            inputs: [good.clone(), wrong.clone()],
            run: verify("rotated"),
            must_leak: false,
        },
        Pair {
            name: "rotation: primary vs no match",
            inputs: [by_new, wrong],
            run: verify("rotated"),
            must_leak: false,
        },
        Pair {
            name: "token: signature wrong first vs last",
            inputs: [bad_first, bad_last],
            run: verify_token,
            must_leak: false,
        },
        Pair {
            name: "token (no kid): primary vs previous key",
            inputs: [by_primary, by_previous],
            run: verify_token_2,
            must_leak: false,
        },
        Pair {
            name: "control, naive compare: first vs last digit wrong",
            inputs: [wrong_first, wrong_last],
            run: naive,
            must_leak: true,
        },
    ];

    let mut failed = false;
    println!("dudect-style timing, {samples} samples per pair, fail above |t| = {THRESHOLD}");
    for pair in &pairs {
        // Measured again while above the threshold; the control, once (it must leak each time).
        let mut measured = Vec::new();
        for seed in 0..=REMEASURE {
            let t = max_abs_t(pair, samples, seed as u64);
            measured.push(t);
            if t <= THRESHOLD || pair.must_leak {
                break;
            }
        }
        let t = measured.iter().copied().fold(f64::INFINITY, f64::min);
        let leaks = t > THRESHOLD;
        let verdict = match (leaks, pair.must_leak) {
            (false, false) => "ok",
            (true, true) => "ok (the harness sees the naive leak)",
            (true, false) => {
                failed = true;
                "FAIL: timing depends on the class"
            }
            (false, true) => {
                failed = true;
                "FAIL: the harness did not see the naive leak"
            }
        };
        let all: Vec<String> = measured.iter().map(|t| format!("{t:.2}")).collect();
        println!(
            "{:<52} |t| = {:>22}  {verdict}",
            pair.name,
            all.join(", then ")
        );
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A hash (or token) with one character changed, at `index`.
fn flip(hash: &str, index: usize) -> String {
    let mut bytes = hash.as_bytes().to_vec();
    bytes[index] = if bytes[index] == b'0' { b'1' } else { b'0' };
    String::from_utf8(bytes).unwrap()
}

/// What not to write: the expected hash compared byte by byte, stopping at the first
/// difference.
fn naive_verify(signer: &Signer, email: &str, hash: &str) -> bool {
    let expected = signer.sign(email).unwrap();
    let (a, b) = (expected.as_str().as_bytes(), hash.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    for i in 0..a.len() {
        if black_box(a[i]) != black_box(b[i]) {
            return false;
        }
    }
    true
}

/// The largest |t| over the percentile crops, for the interleaving that `seed` chooses.
fn max_abs_t(pair: &Pair<'_>, samples: usize, seed: u64) -> f64 {
    let mut rng = 0x9e37_79b9_7f4a_7c15_u64 ^ seed.wrapping_mul(0xd1b5_4a32_d192_ed03);
    let mut classes = Vec::with_capacity(samples);
    let mut times = Vec::with_capacity(samples);
    // Warm up caches and branch predictors on both classes.
    for i in 0..10_000 {
        black_box((pair.run)(black_box(&pair.inputs[i % 2])));
    }
    // Every input is copied into this one buffer before it is timed, so that both classes are
    // read from the same address: otherwise where the allocator put each input (one string
    // across a cache-line boundary, the other not) is itself a class difference of a few
    // cycles, which the t-test sees and which has nothing to do with the code under test.
    let mut input = String::with_capacity(pair.inputs.iter().map(String::len).max().unwrap_or(0));
    for _ in 0..samples {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        // xorshift64*: the top bit of the multiplied state. (xorshift's own low bit is a
        // linear-feedback sequence, which a periodic disturbance can line up with.)
        let class = (rng.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 63) as usize;
        input.clear();
        input.push_str(&pair.inputs[class]);
        let start = ticks();
        black_box((pair.run)(black_box(&input)));
        let end = ticks();
        classes.push(class);
        times.push(end.wrapping_sub(start));
    }
    let mut sorted = times.clone();
    sorted.sort_unstable();
    CROPS
        .iter()
        .map(|&crop| {
            let limit = sorted[((sorted.len() - 1) as f64 * crop) as usize];
            welch_t(&classes, &times, limit).abs()
        })
        .fold(0.0, f64::max)
}

/// Welch's t between the two classes, over the samples of at most `limit` ticks.
fn welch_t(classes: &[usize], times: &[u64], limit: u64) -> f64 {
    let mut n = [0f64; 2];
    let mut mean = [0f64; 2];
    let mut m2 = [0f64; 2];
    for (&class, &time) in classes.iter().zip(times) {
        if time > limit {
            continue;
        }
        // Welford's online mean and variance.
        let x = time as f64;
        n[class] += 1.0;
        let delta = x - mean[class];
        mean[class] += delta / n[class];
        m2[class] += delta * (x - mean[class]);
    }
    if n[0] < 2.0 || n[1] < 2.0 {
        return 0.0;
    }
    let var = [m2[0] / (n[0] - 1.0), m2[1] / (n[1] - 1.0)];
    let se = (var[0] / n[0] + var[1] / n[1]).sqrt();
    if se == 0.0 {
        return 0.0;
    }
    (mean[0] - mean[1]) / se
}

#[cfg(target_arch = "x86_64")]
fn ticks() -> u64 {
    // The fences keep the timed call between the two reads of the time-stamp counter.
    // SAFETY: `_mm_lfence` and `_rdtsc` only read the CPU's counter; x86_64 always has both.
    unsafe {
        std::arch::x86_64::_mm_lfence();
        let t = std::arch::x86_64::_rdtsc();
        std::arch::x86_64::_mm_lfence();
        t
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn ticks() -> u64 {
    use std::sync::OnceLock;
    static START: OnceLock<std::time::Instant> = OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_nanos() as u64
}
