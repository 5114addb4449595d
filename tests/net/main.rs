//! Real sockets: the echo commands, interop with other programs, network namespaces and live explain.

mod busy_port;
mod classic_fernet;
mod echo_cli;
mod echo_interop;
mod explain_live;
mod netns_echo;
mod played_handshake;
mod talk;
