//! What can go wrong with real sockets and live capture, in words that say what
//! to do next.

use std::io;
use std::net::SocketAddr;

use crate::narrate::{Lang, Localize};
use crate::tr;

/// A socket or capture failure.
#[derive(Debug, thiserror::Error)]
pub enum NetError {
    /// Another socket already holds the port (not a TIME-WAIT leftover: the
    /// servers set SO_REUSEADDR, so those never block a restart).
    #[error("port {} is in use: pass --bind with another port", addr.port())]
    PortInUse { addr: SocketAddr },
    /// The address to bind is not one of this machine's.
    #[error("cannot bind {addr}: the address is not on this machine")]
    AddrNotAvailable { addr: SocketAddr },
    /// Binding needs privileges (ports below 1024).
    #[error("binding {addr} needs privileges: choose a port above 1023")]
    BindPermission { addr: SocketAddr },
    /// Any other bind failure.
    #[error("cannot bind {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: io::Error,
    },
    /// Nobody listens there.
    #[error("connection to {addr} refused: is the server running?")]
    Refused { addr: SocketAddr },
    /// No route to the host or its network.
    #[error("{addr} cannot be reached from here")]
    Unreachable { addr: SocketAddr },
    /// The handshake did not finish in time.
    #[error("no answer to the handshake from {addr} within {secs} s")]
    ConnectTimeout { addr: SocketAddr, secs: u64 },
    /// Any other connect failure.
    #[error("cannot connect to {addr}: {source}")]
    Connect {
        addr: SocketAddr,
        #[source]
        source: io::Error,
    },
    /// The peer did not answer a message in time.
    #[error("no answer from {peer} within {secs} s")]
    NoReply {
        peer: SocketAddr,
        secs: u64,
        udp: bool,
    },
    /// The peer closed or reset the connection while we still expected it.
    #[error("{peer} closed the connection")]
    PeerClosed { peer: SocketAddr },
    /// `HOST:PORT` could not be turned into an address.
    #[error("cannot resolve `{text}`: {source}")]
    Resolve {
        text: String,
        #[source]
        source: io::Error,
    },
    /// `HOST` with no `:PORT`.
    #[error("`{text}` has no port")]
    NoPort { text: String },
    /// The name resolved to no address at all.
    #[error("`{text}` resolves to no address")]
    NoAddress { text: String },
    /// A message longer than one datagram (or than the client sends at once).
    #[error("a message of {len} bytes is too long (at most {max})")]
    MessageTooLong { len: usize, max: usize },
    /// A socket call failed.
    #[error("{call} failed: {source}")]
    Io {
        call: &'static str,
        #[source]
        source: io::Error,
    },
    /// `echo client ""`: nothing to send.
    #[error("the message is empty")]
    EmptyMessage,
    /// A thread of ours panicked: a bug, not the user's doing.
    #[error("a thread panicked")]
    ThreadPanicked,
    /// Reading the messages to send failed.
    #[error("cannot read the messages: {source}")]
    Input {
        #[source]
        source: io::Error,
    },
    /// Live capture failed.
    #[error(transparent)]
    Capture(#[from] CaptureError),
}

impl NetError {
    /// Wraps an I/O error from socket call `call`.
    #[must_use]
    pub fn io(call: &'static str, source: io::Error) -> NetError {
        NetError::Io { call, source }
    }

    /// Like [`NetError::io`], but a connection the peer closed or reset (a
    /// broken pipe, a reset, no longer connected) says so plainly.
    #[must_use]
    pub fn on_connection(call: &'static str, e: io::Error, peer: SocketAddr) -> NetError {
        use io::ErrorKind as K;
        match e.kind() {
            K::BrokenPipe | K::ConnectionReset | K::ConnectionAborted | K::NotConnected => {
                NetError::PeerClosed { peer }
            }
            _ => NetError::io(call, e),
        }
    }
}

/// A live-capture failure.
#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    /// No CAP_NET_RAW.
    #[error(
        "capturing on {iface} needs permission: run as root, or `sudo setcap cap_net_raw+ep $(which synack)`"
    )]
    Permission { iface: String },
    /// This build or system cannot capture live.
    #[error(
        "live capture is not available here: capture with Wireshark, save the file, then run `synack explain FILE`"
    )]
    Unsupported,
    /// `--iface` names no interface.
    #[error("no interface named {name} (this machine has: {available})")]
    NoInterface { name: String, available: String },
    /// The interface carrying an address cannot be worked out.
    #[error("cannot tell which interface carries {addr}: pass --iface (one of: {available})")]
    NeedInterface { addr: String, available: String },
    /// The output file's name says neither pcap nor pcapng.
    #[error("{path}: a capture file must end in .pcap or .pcapng")]
    BadExtension { path: String },
    /// The output file could not be written.
    #[error("cannot write {path}: {source}")]
    File {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Opening the capture failed for another reason.
    #[error("cannot capture on {iface}: {source}")]
    Open {
        iface: String,
        #[source]
        source: std::io::Error,
    },
    /// The interface does not deliver Ethernet frames.
    #[error("{iface} does not deliver Ethernet frames")]
    NotEthernet { iface: String },
    /// Reading frames failed.
    #[error("capture failed: {source}")]
    Read {
        #[source]
        source: std::io::Error,
    },
    /// The capture thread panicked: a bug, not the user's doing.
    #[error("the capture thread panicked")]
    ThreadPanicked,
}

impl Localize for NetError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            NetError::PortInUse { addr } => tr!(
                lang,
                "echo-error-port-in-use",
                port = addr.port(),
                addr = addr.to_string()
            ),
            NetError::AddrNotAvailable { addr } => {
                tr!(
                    lang,
                    "echo-error-addr-not-available",
                    addr = addr.to_string()
                )
            }
            NetError::BindPermission { addr } => {
                tr!(lang, "echo-error-bind-permission", addr = addr.to_string())
            }
            NetError::Bind { addr, source } => tr!(
                lang,
                "echo-error-bind",
                addr = addr.to_string(),
                reason = source.to_string()
            ),
            NetError::Refused { addr } => {
                tr!(lang, "echo-error-refused", addr = addr.to_string())
            }
            NetError::Unreachable { addr } => {
                tr!(lang, "echo-error-unreachable", addr = addr.to_string())
            }
            NetError::ConnectTimeout { addr, secs } => tr!(
                lang,
                "echo-error-connect-timeout",
                addr = addr.to_string(),
                secs = *secs
            ),
            NetError::Connect { addr, source } => tr!(
                lang,
                "echo-error-connect",
                addr = addr.to_string(),
                reason = source.to_string()
            ),
            NetError::ThreadPanicked => tr!(lang, "echo-error-thread-panicked"),
            NetError::EmptyMessage => tr!(lang, "echo-error-empty-message"),
            NetError::PeerClosed { peer } => {
                tr!(lang, "echo-error-peer-closed", peer = peer.to_string())
            }
            NetError::NoReply { peer, secs, udp } => {
                if *udp {
                    tr!(
                        lang,
                        "echo-error-no-reply-udp",
                        peer = peer.to_string(),
                        secs = *secs
                    )
                } else {
                    tr!(
                        lang,
                        "echo-error-no-reply-tcp",
                        peer = peer.to_string(),
                        secs = *secs
                    )
                }
            }
            NetError::Resolve { text, source } => tr!(
                lang,
                "echo-error-resolve",
                text = text,
                reason = source.to_string()
            ),
            NetError::NoPort { text } => tr!(lang, "echo-error-no-port", text = text),
            NetError::NoAddress { text } => tr!(lang, "echo-error-no-address", text = text),
            NetError::MessageTooLong { len, max } => {
                tr!(lang, "echo-error-too-long", len = *len, max = *max)
            }
            NetError::Io { call, source } => {
                tr!(
                    lang,
                    "echo-error-io",
                    call = *call,
                    reason = source.to_string()
                )
            }
            NetError::Input { source } => {
                tr!(lang, "echo-error-input", reason = source.to_string())
            }
            NetError::Capture(e) => e.localize(lang),
        }
    }
}

impl Localize for CaptureError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            CaptureError::Permission { iface } => {
                tr!(lang, "echo-capture-error-permission", iface = iface)
            }
            CaptureError::Unsupported => tr!(lang, "echo-capture-error-unsupported"),
            CaptureError::NoInterface { name, available } => tr!(
                lang,
                "echo-capture-error-no-interface",
                name = name,
                available = available
            ),
            CaptureError::NeedInterface { addr, available } => tr!(
                lang,
                "echo-capture-error-need-interface",
                addr = addr,
                available = available
            ),
            CaptureError::BadExtension { path } => {
                tr!(lang, "echo-capture-error-extension", path = path)
            }
            CaptureError::File { path, source } => {
                tr!(
                    lang,
                    "echo-capture-error-file",
                    path = path,
                    reason = source.to_string()
                )
            }
            CaptureError::NotEthernet { iface } => {
                tr!(lang, "echo-capture-error-not-ethernet", iface = iface)
            }
            CaptureError::Open { iface, source } => {
                tr!(
                    lang,
                    "echo-capture-error-open",
                    iface = iface,
                    reason = source.to_string()
                )
            }
            CaptureError::Read { source } => {
                tr!(lang, "echo-capture-error-read", reason = source.to_string())
            }
            CaptureError::ThreadPanicked => tr!(lang, "echo-error-thread-panicked"),
        }
    }
}
