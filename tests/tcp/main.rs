//! The TCP model, state by state and as a pair in virtual time (RFC 9293), and the simulator's faults.

mod calls;
mod congestion;
mod data;
mod pair;
mod rst;
mod sim_faults;
mod states;
mod timers;
mod wrap;
