//! The reliable-transfer lab: a client and a server agree on a mode and a
//! maximum packet size in a one-line text handshake, then move messages
//! reliably over a channel that loses, corrupts, duplicates and reorders
//! packets on purpose, with stop-and-wait, Go-Back-N or Selective Repeat, and
//! optionally encrypted and authenticated with Noise.
//!
//! - [`packet`]: synack's packet format (header, checksum), parsed and checked;
//! - [`handshake`]: the text handshake (`MODO:Go-Back-N;TAMANHO:50`);
//! - [`proto`]: the three protocols as sans-IO state machines;
//! - [`fault`]: the seeded fault layer; [`secure`]: the Noise layer (snow);
//! - [`station`]: one side, driven by [`sim`] (virtual clock) or [`net`]
//!   (real sockets);
//! - [`trace`]: the rdt steps and their sinks; [`view`]: ladder, log,
//!   narration, bits, JSON, capture files;
//! - [`lesson`]: the rdt lesson files; [`compare`]: the three protocols side by side;
//! - [`fernet`]: the classic Fernet programs, key in the clear (what not to do).
//! - [`classic`]: the course project's text exchange, with and without errors.

pub mod classic;
pub mod compare;
pub mod error;
pub mod fault;
pub mod fernet;
pub mod handshake;
pub mod lesson;
pub mod mode;
pub mod net;
pub mod packet;
pub mod proto;
pub mod secure;
pub mod seq;
pub mod sim;
pub mod station;
pub mod trace;
pub mod view;

pub use error::RdtError;
pub use handshake::{Agreement, Proposal};
pub use mode::Mode;
