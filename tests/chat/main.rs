//! The chat and file service: server, client, the classic clients, the dissector, and a thousand clients.

mod classic;
mod client;
mod dissector;
mod scale;
mod server;
