//! The sans-IO TCP model of RFC 9293: values (sequence numbers, segments, states)
//! and the endpoint state machine that turns calls, segments and time into
//! segments to send and events to report.

pub mod congestion;
pub mod endpoint;
pub mod rto;
pub mod segment;
pub mod seq;
pub mod state;

pub use endpoint::{
    CallError, ConnError, DiscardReason, Endpoint, EndpointConfig, Event, ResetReason, SendReason,
    Timer, Transmit,
};
pub use segment::{Flags, SackBlock, Segment, TcpOptions, Timestamps};
pub use seq::SeqNumber;
pub use state::{Cause, State};
