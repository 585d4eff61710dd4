//! Benchmarks only; see `sign.rs`.
