//! What a bad link does to what it carries, the parts that are the same for
//! TCP segments in the simulator and reliable-transfer packets: counting the
//! packets so a scripted fault hits exactly the one it names, and holding one
//! packet per sender back so the next overtakes it. The chance of a random
//! fault comes from [`crate::chance`], seeded, so a run meets the same faults
//! every time. Which faults exist, what a rule matches and how long a held
//! packet waits belong to each protocol (`sim::link`, `rdt::fault`).

mod holdback;
mod tally;

pub use holdback::Holdback;
pub use tally::{Ordinal, Tally};
