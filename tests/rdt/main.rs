//! The reliable-transfer lab: its protocols, lessons, views, properties and real sessions.

mod classic;
mod compare;
mod faults;
mod lessons;
mod net;
mod props;
mod proto;
mod views;
