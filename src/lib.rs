//! synack: a TCP/IP teaching lab.
//!
//! Everything synack shows is a trace of steps. Sources (the simulator running a
//! lesson, real sockets, a capture file) emit steps to sinks (the ladder, the
//! narration, the bits, pcap writers, JSON). The TCP model underneath is sans-IO.

// Errors carry their place and words for the user; they are built once per
// failed command, so their size does not matter and boxing them would only
// make every constructor noisier.
#![allow(clippy::result_large_err)]

pub mod app;
pub mod bits;
pub mod capture;
#[warn(missing_docs, unreachable_pub)]
pub mod chance;
pub mod chat;
#[warn(missing_docs, unreachable_pub)]
pub mod fault;
#[warn(missing_docs, unreachable_pub)]
pub mod flow;
pub mod lesson;
pub mod narrate;
pub mod net;
pub mod picture;
pub mod quiz;
pub mod rdt;
#[warn(missing_docs, unreachable_pub)]
pub mod sim;
pub mod talk;
#[warn(missing_docs, unreachable_pub)]
pub mod tcp;
#[warn(missing_docs, unreachable_pub)]
pub mod time;
#[warn(missing_docs, unreachable_pub)]
pub mod trace;
pub mod view;
pub mod wire;
