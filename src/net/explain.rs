//! `--explain`: every socket call narrated when it happens, and for TCP the
//! state the kernel itself now gives that socket (see [`kernel_state`]), so
//! LISTEN, ESTABLISHED, FIN-WAIT-2 and TIME-WAIT come from the real kernel.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::net::Proto;
use crate::net::console::{Console, Who};
use crate::net::kernel_state::{KernelView, kernel_state};
use crate::tcp::State;
use crate::tr;
use crate::view::style::Paint;

/// A socket call, with what it needs to be explained.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SocketCall {
    Socket {
        proto: Proto,
        /// AF_INET6 rather than AF_INET.
        ipv6: bool,
    },
    Bind {
        addr: SocketAddr,
    },
    Listen {
        backlog: i32,
    },
    Accept {
        peer: SocketAddr,
    },
    Connect {
        addr: SocketAddr,
    },
    Send {
        bytes: usize,
    },
    Recv {
        bytes: usize,
    },
    /// `recv()` returned 0: the peer's FIN.
    RecvEof,
    /// `shutdown(SHUT_WR)`: our FIN.
    ShutdownWrite,
    Close,
    /// `bound`: the ephemeral port the kernel gave the socket on this, its first send.
    SendTo {
        bytes: usize,
        peer: SocketAddr,
        bound: Option<u16>,
    },
    RecvFrom {
        bytes: usize,
        peer: SocketAddr,
    },
}

impl SocketCall {
    /// The call as a C programmer writes it. A byte count is said in words
    /// (`send() of 2 bytes`), not written as an argument: `send(2)` reads as
    /// the manual's section 2.
    pub fn signature(self, lang: crate::narrate::Lang) -> String {
        match self {
            SocketCall::Socket { proto, ipv6 } => {
                let family = if ipv6 { "AF_INET6" } else { "AF_INET" };
                let kind = match proto {
                    Proto::Tcp => "SOCK_STREAM",
                    Proto::Udp => "SOCK_DGRAM",
                };
                format!("socket({family}, {kind})")
            }
            SocketCall::Bind { addr } => format!("bind({addr})"),
            SocketCall::Listen { backlog } => format!("listen({backlog})"),
            SocketCall::Accept { .. } => "accept()".into(),
            SocketCall::Connect { addr } => format!("connect({addr})"),
            SocketCall::Send { bytes } => tr!(lang, "echo-signature-send", bytes = bytes),
            SocketCall::Recv { bytes } => format!("recv() = {bytes}"),
            SocketCall::RecvEof => "recv() = 0".into(),
            SocketCall::ShutdownWrite => "shutdown(SHUT_WR)".into(),
            SocketCall::Close => "close()".into(),
            SocketCall::SendTo { bytes, peer, .. } => tr!(
                lang,
                "echo-signature-sendto",
                bytes = bytes,
                peer = peer.to_string()
            ),
            SocketCall::RecvFrom { bytes, .. } => format!("recvfrom() = {bytes}"),
        }
    }
}

/// The local and remote address of the socket a call was made on, for
/// looking it up in the kernel's table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Endpoints {
    pub local: Option<SocketAddr>,
    pub remote: Option<SocketAddr>,
}

static UNSUPPORTED_SAID: AtomicBool = AtomicBool::new(false);

/// Narrates `call` made by `who` on a socket with these endpoints, and for TCP
/// what the kernel says about the socket right after. Silent unless `--explain`.
pub fn narrate(console: &Console, who: &Who, proto: Proto, call: SocketCall, at: Endpoints) {
    if !console.explains() {
        return;
    }
    let lang = console.lang();
    let style = console.style();
    let text = explanation(console, proto, call);
    let mut block = format!(
        "{} {} {}\n",
        console.tag(who),
        style.paint(Paint::Bold, &call.signature(lang)),
        text
    );
    if proto == Proto::Tcp
        && !matches!(call, SocketCall::Socket { .. })
        && let Some(local) = at.local
    {
        // The state is read at once: what the kernel says right after the call.
        match kernel_state(local, at.remote) {
            // Data moving on an open connection changes nothing worth repeating.
            KernelView::State(State::Established)
                if matches!(call, SocketCall::Send { .. } | SocketCall::Recv { .. }) => {}
            KernelView::State(state) => {
                let line = tr!(
                    lang,
                    "echo-kernel-state",
                    state = state.name(),
                    note = state_note(console, state)
                );
                block.push_str(&format!("      {}\n", style.paint(Paint::Note, &line)));
            }
            KernelView::Code(code) => {
                let line = tr!(lang, "echo-kernel-code", code = format!("{code:02X}"));
                block.push_str(&format!("      {}\n", style.paint(Paint::Note, &line)));
            }
            KernelView::NotListed => {
                // A socket that is bound but neither listening nor connected is
                // not in the kernel's table of connections yet.
                let line = if matches!(call, SocketCall::Bind { .. }) {
                    tr!(lang, "echo-kernel-not-yet")
                } else {
                    tr!(lang, "echo-kernel-gone")
                };
                block.push_str(&format!("      {}\n", style.paint(Paint::Note, &line)));
            }
            KernelView::Unsupported => {
                if !UNSUPPORTED_SAID.swap(true, Ordering::Relaxed) {
                    let line = tr!(lang, "echo-kernel-unsupported");
                    block.push_str(&format!("      {}\n", style.paint(Paint::Note, &line)));
                }
            }
        }
    }
    console.say(block);
}

/// With `--explain`, keeps reading the kernel's state of a TCP socket for up
/// to `within`, and tells the first change, with when it came: after our FIN
/// the kernel moves from FIN-WAIT-1 to FIN-WAIT-2 when the peer's ACK arrives,
/// which may be delayed by tens of milliseconds (a delayed ACK).
pub fn watch_change(
    console: &Console,
    who: &Who,
    local: SocketAddr,
    remote: SocketAddr,
    within: std::time::Duration,
) {
    if !console.explains() {
        return;
    }
    let start = std::time::Instant::now();
    let first = kernel_state(local, Some(remote));
    if matches!(first, KernelView::Unsupported) {
        return;
    }
    while start.elapsed() < within {
        std::thread::sleep(std::time::Duration::from_millis(2));
        let now = kernel_state(local, Some(remote));
        if now != first {
            let after = start.elapsed().as_millis() as u64;
            let line = match now {
                KernelView::State(state) => tr!(
                    console.lang(),
                    "echo-kernel-later",
                    ms = after,
                    state = state.name(),
                    note = state_note(console, state)
                ),
                _ => tr!(console.lang(), "echo-kernel-gone"),
            };
            console.say(format!(
                "{} {}",
                console.tag(who),
                console.style().paint(Paint::Note, &line)
            ));
            return;
        }
    }
}

fn explanation(console: &Console, proto: Proto, call: SocketCall) -> String {
    let lang = console.lang();
    match call {
        SocketCall::Socket { proto, .. } => tr!(lang, "echo-call-socket", proto = proto.name()),
        SocketCall::Bind { addr } => tr!(
            lang,
            "echo-call-bind",
            addr = addr.to_string(),
            port = addr.port()
        ),
        SocketCall::Listen { .. } => tr!(lang, "echo-call-listen"),
        SocketCall::Accept { peer } => tr!(
            lang,
            "echo-call-accept",
            peer = peer.ip().to_string(),
            port = peer.port()
        ),
        SocketCall::Connect { addr } => tr!(lang, "echo-call-connect", addr = addr.to_string()),
        SocketCall::Send { bytes } => tr!(lang, "echo-call-send", bytes = bytes),
        SocketCall::Recv { bytes } => tr!(lang, "echo-call-recv", bytes = bytes),
        SocketCall::RecvEof => tr!(lang, "echo-call-recv-eof"),
        SocketCall::ShutdownWrite => tr!(lang, "echo-call-shutdown"),
        SocketCall::Close => match proto {
            Proto::Tcp => tr!(lang, "echo-call-close"),
            Proto::Udp => tr!(lang, "echo-call-close-udp"),
        },
        SocketCall::SendTo { bytes, peer, bound } => {
            let sent = tr!(
                lang,
                "echo-call-sendto",
                bytes = bytes,
                peer = peer.to_string()
            );
            match bound {
                Some(port) => format!("{sent} {}", tr!(lang, "echo-call-autobind", port = port)),
                None => sent,
            }
        }
        SocketCall::RecvFrom { bytes, peer } => tr!(
            lang,
            "echo-call-recvfrom",
            bytes = bytes,
            peer = peer.to_string()
        ),
    }
}

fn state_note(console: &Console, state: State) -> String {
    tr!(console.lang(), "echo-state-note", state = state.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn socket_names_its_address_family() {
        let call = |proto, ipv6| SocketCall::Socket { proto, ipv6 }.signature(Lang::En);
        assert_eq!(call(Proto::Tcp, false), "socket(AF_INET, SOCK_STREAM)");
        assert_eq!(call(Proto::Tcp, true), "socket(AF_INET6, SOCK_STREAM)");
        assert_eq!(call(Proto::Udp, true), "socket(AF_INET6, SOCK_DGRAM)");
    }

    #[test]
    fn a_byte_count_is_said_not_written_as_an_argument() {
        let send = SocketCall::Send { bytes: 2 };
        assert_eq!(send.signature(Lang::En), "send() of 2 bytes");
        assert_eq!(send.signature(Lang::Pt), "send() de 2 bytes");
        assert_eq!(
            SocketCall::Send { bytes: 1 }.signature(Lang::En),
            "send() of 1 byte"
        );
        let peer: SocketAddr = "127.0.0.1:65431".parse().unwrap();
        let sendto = SocketCall::SendTo {
            bytes: 2,
            peer,
            bound: None,
        };
        assert_eq!(
            sendto.signature(Lang::En),
            "sendto() of 2 bytes to 127.0.0.1:65431"
        );
        assert_eq!(
            sendto.signature(Lang::Pt),
            "sendto() de 2 bytes para 127.0.0.1:65431"
        );
    }
    use crate::narrate::Lang;
    use crate::net::console::Settings;

    #[test]
    fn explain_off_says_nothing() {
        let (console, rx) = Console::new(Settings::default());
        narrate(
            &console,
            &Who::server(Lang::En),
            Proto::Tcp,
            SocketCall::Listen { backlog: 128 },
            Endpoints::default(),
        );
        drop(console);
        assert_eq!(rx.iter().count(), 0);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn listen_is_narrated_with_the_kernels_state() {
        let (console, rx) = Console::new(Settings {
            explain: true,
            ..Settings::default()
        });
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let local = listener.local_addr().unwrap();
        narrate(
            &console,
            &Who::server(Lang::En),
            Proto::Tcp,
            SocketCall::Listen { backlog: 128 },
            Endpoints {
                local: Some(local),
                remote: None,
            },
        );
        drop(console);
        let text: String = rx.iter().collect();
        assert!(text.starts_with("[server] listen(128) "), "{text}");
        assert!(text.contains("kernel: LISTEN"), "{text}");
    }
}
