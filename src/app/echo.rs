//! `synack echo server|client|demo`: the classic echo services on real
//! sockets, each message shown as bits, each socket call narrated with
//! `--explain`, and the frames optionally captured with `--capture FILE`.

use std::io::{BufRead, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use crate::narrate::Lang;
use crate::net::console::{Console, Settings, Who, drain};
use crate::net::serving::{ServeStats, Stopper};
use crate::net::tcp::{ClientConfig, TcpClient, TcpServer};
use crate::net::udp::{UdpClient, UdpServer};
use crate::net::{MAX_MESSAGE, NetError, Proto};
use crate::tr;

use super::AppError;
use super::capture::{SessionCapture, finish_session_capture, start_session_capture};

/// `synack echo server`.
#[derive(Clone, Debug)]
pub struct ServerOptions {
    pub proto: Proto,
    pub bind: SocketAddr,
    /// TCP answers stripped and upper-cased, as UDP always does.
    pub upper: bool,
    /// Stop after this many clients (TCP) or datagrams (UDP).
    pub max_clients: Option<u64>,
    pub settings: Settings,
    pub capture: Option<SessionCapture>,
}

/// `synack echo client`.
#[derive(Clone, Debug)]
pub struct ClientOptions {
    pub proto: Proto,
    pub server: SocketAddr,
    /// One message; `None` reads one message per line of input.
    pub message: Option<String>,
    /// For the handshake and for each answer.
    pub timeout: Duration,
    /// Say how to type messages (input is a terminal).
    pub prompt: bool,
    pub settings: Settings,
    pub capture: Option<SessionCapture>,
}

/// `synack echo demo`.
#[derive(Clone, Debug)]
pub struct DemoOptions {
    pub proto: Proto,
    pub clients: usize,
    pub upper: bool,
    pub settings: Settings,
    pub capture: Option<SessionCapture>,
}

/// Most clients a demo runs.
pub const MAX_DEMO_CLIENTS: usize = 64;

/// Runs `work` on its own thread while this one writes what it says to `out`.
pub(super) fn with_console<T: Send, E: From<NetError> + Send>(
    settings: Settings,
    out: &mut dyn Write,
    work: impl FnOnce(&Console) -> Result<T, E> + Send,
) -> Result<T, AppError>
where
    AppError: From<E>,
{
    let (console, rx) = Console::new(settings);
    let (result, printed) = std::thread::scope(|scope| {
        let worker = scope.spawn(move || work(&console));
        let printed = drain(rx, out);
        let result = worker
            .join()
            .unwrap_or_else(|_| Err(NetError::ThreadPanicked.into()));
        (result, printed)
    });
    let value = result?;
    printed?;
    Ok(value)
}

/// `synack echo server`: serves until stopped (Ctrl-C) or `max_clients`.
pub fn server(
    opts: &ServerOptions,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Result<(), AppError> {
    let lang = opts.settings.lang;
    check_capture(opts.capture.as_ref())?;
    let who = Who::server(lang);
    // Bind before capturing, so a port in use is reported before anything else.
    let (console, rx) = Console::new(opts.settings);
    let bound = Bound::bind(opts.proto, opts.bind, &console, who);
    drop(console);
    let bound = match bound {
        Ok(b) => b,
        Err(e) => {
            drain(rx, out)?;
            return Err(e.into());
        }
    };
    let local = bound.local_addr();
    // The capture is open before the server says where it listens, so a
    // client that waits for that line has all its frames captured.
    let capture =
        start_session_capture(opts.capture.as_ref(), local.ip(), local.port(), lang, warn)?;
    drain(rx, out)?;
    let (upper, max) = (opts.upper, opts.max_clients);
    let stats = with_console(opts.settings, out, move |console| {
        bound.serve(console, upper, max)
    });
    finish_session_capture(capture, lang, out, warn)?;
    let stats = stats?;
    let done = match opts.proto {
        Proto::Tcp => tr!(lang, "echo-server-done-tcp", count = stats.served),
        Proto::Udp => tr!(lang, "echo-server-done-udp", count = stats.served),
    };
    writeln!(out, "{done}")?;
    Ok(())
}

enum Bound {
    Tcp(TcpServer),
    Udp(UdpServer),
}

impl Bound {
    /// The server's `socket()`, `bind()` (and for TCP `listen()`), narrated.
    fn bind(
        proto: Proto,
        addr: SocketAddr,
        console: &Console,
        who: Who,
    ) -> Result<Bound, NetError> {
        match proto {
            Proto::Tcp => TcpServer::bind(addr, console, who).map(Bound::Tcp),
            Proto::Udp => UdpServer::bind(addr, console, who).map(Bound::Udp),
        }
    }

    /// Serves until stopped or `max` clients (TCP) or datagrams (UDP);
    /// `upper` is for TCP (UDP always answers upper-cased).
    fn serve(
        self,
        console: &Console,
        upper: bool,
        max: Option<u64>,
    ) -> Result<ServeStats, NetError> {
        match self {
            Bound::Tcp(server) => server.serve(console, upper, max),
            Bound::Udp(server) => server.serve(console, max),
        }
    }

    fn stopper(&self) -> Stopper {
        match self {
            Bound::Tcp(s) => s.stopper(),
            Bound::Udp(s) => s.stopper(),
        }
    }

    fn local_addr(&self) -> SocketAddr {
        match self {
            Bound::Tcp(s) => s.local_addr(),
            Bound::Udp(s) => s.local_addr(),
        }
    }
}

/// A capture file this version cannot write is refused before any socket opens.
pub(super) fn check_capture(capture: Option<&SessionCapture>) -> Result<(), AppError> {
    capture.map_or(Ok(()), SessionCapture::check)
}

/// Reads one message: a line without its line ending. `None` at the end.
pub(super) fn read_message(input: &mut dyn BufRead) -> Result<Option<Vec<u8>>, NetError> {
    let mut line = Vec::new();
    let limit = (MAX_MESSAGE + 2) as u64;
    let n = std::io::Read::take(input, limit)
        .read_until(b'\n', &mut line)
        .map_err(|source| NetError::Input { source })?;
    if n == 0 {
        return Ok(None);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
    } else if line.len() > MAX_MESSAGE {
        return Err(NetError::MessageTooLong {
            len: line.len(),
            max: MAX_MESSAGE,
        });
    }
    Ok(Some(line))
}

/// One client of either protocol.
enum Client {
    Tcp(TcpClient),
    Udp(UdpClient),
}

impl Client {
    fn open(
        proto: Proto,
        server: SocketAddr,
        timeout: Duration,
        console: &Console,
        who: Who,
    ) -> Result<Client, NetError> {
        Ok(match proto {
            Proto::Tcp => Client::Tcp(TcpClient::connect(
                ClientConfig { server, timeout },
                console,
                who,
            )?),
            Proto::Udp => Client::Udp(UdpClient::open(server, timeout, console, who)?),
        })
    }

    fn round_trip(&mut self, console: &Console, message: &[u8]) -> Result<Vec<u8>, NetError> {
        match self {
            Client::Tcp(c) => c.round_trip(console, message),
            Client::Udp(c) => c.round_trip(console, message),
        }
    }

    /// The ephemeral port (for UDP, known once a datagram was sent).
    fn local_port(&self) -> Option<u16> {
        match self {
            Client::Tcp(c) => Some(c.local_addr().port()),
            Client::Udp(c) => c.local_addr().map(|a| a.port()),
        }
    }

    fn close(self, console: &Console) -> Result<(), NetError> {
        match self {
            Client::Tcp(c) => c.close(console),
            Client::Udp(c) => {
                c.close(console);
                Ok(())
            }
        }
    }
}

/// `synack echo client`: sends the message, or each line of `input`, and
/// shows each answer.
pub fn client(
    opts: &ClientOptions,
    input: &mut (dyn BufRead + Send),
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Result<(), AppError> {
    let lang = opts.settings.lang;
    if opts.message.as_deref() == Some("") {
        return Err(NetError::EmptyMessage.into());
    }
    check_capture(opts.capture.as_ref())?;
    let capture = start_session_capture(
        opts.capture.as_ref(),
        opts.server.ip(),
        opts.server.port(),
        lang,
        warn,
    )?;
    let session = with_console(opts.settings, out, |console| {
        let who = Who::client(lang);
        let mut client = Client::open(opts.proto, opts.server, opts.timeout, console, who.clone())?;
        if let Some(message) = &opts.message {
            client.round_trip(console, message.as_bytes())?;
        } else {
            if opts.prompt {
                console.line(&who, &tr!(lang, "echo-client-prompt"));
            }
            while let Some(line) = read_message(input)? {
                if !line.is_empty() {
                    client.round_trip(console, &line)?;
                }
            }
        }
        client.close(console)
    });
    finish_session_capture(capture, lang, out, warn)?;
    session
}

/// `synack echo demo`: a server on a free loopback port and N clients, all
/// connected at once, each sending one message.
pub fn demo(opts: &DemoOptions, out: &mut dyn Write, warn: &mut dyn Write) -> Result<(), AppError> {
    let lang = opts.settings.lang;
    check_capture(opts.capture.as_ref())?;
    let clients = opts.clients.clamp(1, MAX_DEMO_CLIENTS);
    let loopback = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0);
    let (console, rx) = Console::new(opts.settings);
    let who = Who::server(lang);
    let bound = Bound::bind(opts.proto, loopback, &console, who);
    let bound = match bound {
        Ok(b) => b,
        Err(e) => {
            drop(console);
            drain(rx, out)?;
            return Err(e.into());
        }
    };
    let server_addr = bound.local_addr();
    writeln!(
        out,
        "{}\n",
        tr!(
            lang,
            "echo-demo-intro",
            proto = opts.proto.name(),
            clients = clients,
            addr = server_addr.to_string()
        )
    )?;
    drop(console);
    drain(rx, out)?;
    let capture = start_session_capture(
        opts.capture.as_ref(),
        server_addr.ip(),
        server_addr.port(),
        lang,
        warn,
    )?;
    let (proto, upper) = (opts.proto, opts.upper);
    let timeout = Duration::from_secs(5);
    let session = with_console(opts.settings, out, move |console| {
        std::thread::scope(|scope| {
            let stopper = bound.stopper();
            let server_console = console.clone();
            let max = Some(clients as u64);
            let server = scope.spawn(move || bound.serve(&server_console, upper, max));
            let clients_result = run_demo_clients(proto, clients, server_addr, timeout, console);
            // A client that failed leaves the server waiting for it.
            if clients_result.is_err() {
                stopper.stop();
            }
            let served: Result<ServeStats, NetError> =
                server.join().unwrap_or(Err(NetError::ThreadPanicked));
            let ports = clients_result?;
            served?;
            Ok::<_, NetError>(ports)
        })
    });
    finish_session_capture(capture, lang, out, warn)?;
    let ports = session?;
    let ports_text = ports
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let summary = match opts.proto {
        Proto::Tcp => tr!(
            lang,
            "echo-demo-summary-tcp",
            clients = clients,
            port = server_addr.port(),
            ports = ports_text
        ),
        Proto::Udp => tr!(
            lang,
            "echo-demo-summary-udp",
            clients = clients,
            port = server_addr.port(),
            ports = ports_text
        ),
    };
    // The advice fits the protocol just shown: UDP has no handshake, no
    // connection state and a server of its own (`--proto udp`).
    let next = match opts.proto {
        Proto::Tcp => tr!(lang, "echo-demo-next-tcp"),
        Proto::Udp => tr!(lang, "echo-demo-next-udp"),
    };
    writeln!(out, "\n{summary}")?;
    writeln!(out, "{next}")?;
    Ok(())
}

/// All clients connect (so the server has them all at once), then each sends
/// its message, then each closes. Returns their ephemeral ports.
fn run_demo_clients(
    proto: Proto,
    count: usize,
    server: SocketAddr,
    timeout: Duration,
    console: &Console,
) -> Result<Vec<u16>, NetError> {
    let lang = console.lang();
    let mut clients = Vec::with_capacity(count);
    for n in 1..=count {
        let who = Who::client_n(lang, n);
        clients.push((
            n,
            who.clone(),
            Client::open(proto, server, timeout, console, who)?,
        ));
    }
    for (n, _, client) in &mut clients {
        let message = demo_message(lang, *n);
        client.round_trip(console, message.as_bytes())?;
    }
    let ports = clients
        .iter()
        .filter_map(|(_, _, c)| c.local_port())
        .collect();
    for (_, _, client) in clients {
        client.close(console)?;
    }
    Ok(ports)
}

fn demo_message(lang: Lang, n: usize) -> String {
    tr!(lang, "echo-demo-message", n = n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_messages_without_their_endings() {
        let mut input = &b"hello\r\nworld\n\nlast"[..];
        let mut got = Vec::new();
        while let Some(m) = read_message(&mut input).unwrap() {
            got.push(String::from_utf8(m).unwrap());
        }
        assert_eq!(got, ["hello", "world", "", "last"]);
    }

    #[test]
    fn an_endless_line_is_refused_before_it_fills_memory() {
        let big = vec![b'x'; MAX_MESSAGE + 10];
        let mut input = &big[..];
        assert!(matches!(
            read_message(&mut input),
            Err(NetError::MessageTooLong { .. })
        ));
    }
}
