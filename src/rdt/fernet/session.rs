//! The classic Fernet server and client on real sockets, each step said on a
//! console: the key as it crosses the wire (and, at once, why that breaks
//! everything), each token decrypted, with `--bits` its bytes and with
//! `--explain` its fields.

use serde_json::json;
use std::io::{self, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use super::{ANSWER_PREFIX, Anatomy, FernetError, KEY_LEN, Key, MAX_MESSAGE, QUIT, Tokens};
use crate::narrate::{Lang, Localize};
use crate::net::NetError;
use crate::net::console::{Console, Direction, Who};
use crate::rdt::RdtError;
use crate::tr;

/// Characters of a message quoted on the console.
const MAX_SHOWN: usize = 200;
/// How long the client waits for each answer.
const ANSWER_WAIT: Duration = Duration::from_secs(10);

/// What both sides show beyond the messages themselves.
#[derive(Clone, Copy, Debug, Default)]
pub struct Show {
    /// Each token (and the key) as bits.
    pub bits: bool,
    /// Each token's fields: version, time, IV, ciphertext, HMAC.
    pub explain: bool,
    /// One JSON object per line instead of text, for scripts.
    pub json: bool,
}

/// The side a speaker is, in JSON: the same words in every language.
fn side(console: &Console, who: &Who) -> &'static str {
    if who.label == Who::server(console.lang()).label {
        "server"
    } else {
        "client"
    }
}

/// A line of the session: text, or with `--json` an object saying the same.
fn line(console: &Console, who: &Who, show: Show, text: &str) {
    if show.json {
        console.say(json!({"kind": "note", "side": side(console, who), "text": text}).to_string());
    } else {
        console.line(who, text);
    }
}

/// `synack rdt server --classic-fernet`.
#[derive(Clone, Debug)]
pub struct ServerOptions {
    /// Stop after this many sessions.
    pub max_clients: Option<u64>,
    /// Close a session after this long without a word from the client.
    pub idle: Duration,
    pub show: Show,
}

/// `synack rdt client --classic-fernet`.
#[derive(Clone, Debug)]
pub struct ClientOptions {
    pub server: SocketAddr,
    pub connect_timeout: Duration,
    pub show: Show,
}

fn io_error(call: &'static str, e: io::Error) -> RdtError {
    RdtError::Net(NetError::io(call, e))
}

/// A server bound and not yet serving, so a capture can start on its port first.
pub struct Server {
    listener: TcpListener,
}

impl Server {
    pub fn bind(addr: SocketAddr) -> Result<Server, RdtError> {
        let listener = TcpListener::bind(addr)
            .map_err(|e| RdtError::Net(crate::net::socket::bind_error(addr, e)))?;
        Ok(Server { listener })
    }

    pub fn local_addr(&self) -> Result<SocketAddr, RdtError> {
        self.listener
            .local_addr()
            .map_err(|e| io_error("getsockname", e))
    }

    /// Serves one client at a time, as the classic server does, until
    /// stopped or `max_clients` sessions are over. A session that fails is
    /// said and the next client is served. Returns the sessions served.
    pub fn serve(self, opts: &ServerOptions, console: &Console) -> Result<u64, RdtError> {
        let lang = console.lang();
        let who = Who::server(lang);
        line(
            console,
            &who,
            opts.show,
            &tr!(
                lang,
                "rdt-fernet-listening",
                addr = self.local_addr()?.to_string()
            ),
        );
        let mut served = 0u64;
        for conn in self.listener.incoming() {
            let mut stream = match conn {
                Ok(s) => s,
                Err(e) => {
                    line(
                        console,
                        &who,
                        opts.show,
                        &tr!(lang, "rdt-server-accept-failed", reason = e.to_string()),
                    );
                    continue;
                }
            };
            served += 1;
            let peer = stream
                .peer_addr()
                .map_or_else(|_| "?".to_string(), |a| a.to_string());
            line(
                console,
                &who,
                opts.show,
                &tr!(lang, "rdt-fernet-connected", peer = peer.as_str()),
            );
            let result = serve_one(opts, &mut stream, console, &who);
            let _ = stream.shutdown(Shutdown::Both);
            match result {
                Ok(()) => line(
                    console,
                    &who,
                    opts.show,
                    &tr!(lang, "rdt-fernet-over", peer = peer.as_str()),
                ),
                Err(e) => line(
                    console,
                    &who,
                    opts.show,
                    &tr!(
                        lang,
                        "rdt-server-session-failed",
                        peer = peer.as_str(),
                        reason = e.localize(lang)
                    ),
                ),
            }
            if opts.max_clients.is_some_and(|max| served >= max) {
                break;
            }
        }
        Ok(served)
    }
}

/// One read of at most 4096 bytes, as the classic programs make, added to `buf`.
fn read_once(
    stream: &mut TcpStream,
    wait: Duration,
    buf: &mut Vec<u8>,
) -> Result<Option<usize>, RdtError> {
    crate::rdt::net::read_chunk(stream, wait, |bytes| buf.extend_from_slice(bytes))
}

/// The key a client sent first, and whatever came after it in the same reads.
fn read_key(stream: &mut TcpStream, idle: Duration) -> Result<(Vec<u8>, Vec<u8>), RdtError> {
    let deadline = Instant::now() + idle;
    let mut buf = Vec::new();
    while buf.len() < KEY_LEN {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(RdtError::Silent {
                secs: idle.as_secs(),
            });
        }
        match read_once(stream, left, &mut buf)? {
            Some(0) if buf.is_empty() => return Err(RdtError::Closed),
            Some(0) => return Err(FernetError::KeyCut { got: buf.len() }.into()),
            _ => {}
        }
    }
    let rest = buf.split_off(KEY_LEN);
    Ok((buf, rest))
}

fn serve_one(
    opts: &ServerOptions,
    stream: &mut TcpStream,
    console: &Console,
    who: &Who,
) -> Result<(), RdtError> {
    let lang = console.lang();
    let _ = stream.set_nodelay(true);
    let (key_bytes, rest) = read_key(stream, opts.idle)?;
    let key = Key::parse(&key_bytes).ok_or_else(|| FernetError::NotAKey {
        text: super::printable(&key_bytes, KEY_LEN),
    })?;
    key_said(console, who, Direction::Received, &key, opts.show);
    let mut tokens = Tokens::default();
    tokens.push(&rest);
    loop {
        let Some(token) = next_token(stream, &mut tokens, opts.idle)? else {
            // Closed between tokens: the client left without `sair`.
            line(
                console,
                who,
                opts.show,
                &tr!(lang, "rdt-fernet-left-without-quit"),
            );
            return Ok(());
        };
        let message = match key.decrypt(&token) {
            Ok(m) => m,
            Err(e) => {
                token_said(console, who, Direction::Received, &token, None, opts.show);
                return Err(e.into());
            }
        };
        token_said(
            console,
            who,
            Direction::Received,
            &token,
            Some(&message),
            opts.show,
        );
        if message == QUIT.as_bytes() {
            line(console, who, opts.show, &tr!(lang, "rdt-fernet-quit"));
            return Ok(());
        }
        let mut answer = ANSWER_PREFIX.as_bytes().to_vec();
        answer.extend_from_slice(&message);
        let reply = key.encrypt(&answer);
        stream
            .write_all(reply.as_bytes())
            .map_err(|e| io_error("send", e))?;
        token_said(
            console,
            who,
            Direction::Sending,
            reply.as_bytes(),
            Some(&answer),
            opts.show,
        );
    }
}

/// The next token from the peer: `None` when it closed cleanly between tokens.
fn next_token(
    stream: &mut TcpStream,
    tokens: &mut Tokens,
    wait: Duration,
) -> Result<Option<Vec<u8>>, RdtError> {
    let deadline = Instant::now() + wait;
    loop {
        if let Some(token) = tokens.next() {
            return Ok(Some(token));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(RdtError::Silent {
                secs: wait.as_secs(),
            });
        }
        let mut buf = Vec::new();
        match read_once(stream, left, &mut buf)? {
            Some(0) if tokens.pending() == 0 => return Ok(None),
            Some(0) => return Err(FernetError::Vanished.into()),
            _ => tokens.push(&buf),
        }
    }
}

/// The key crossed the wire: said with the warning, always, at that moment.
fn key_said(console: &Console, who: &Who, direction: Direction, key: &Key, show: Show) {
    if show.json {
        let json = json!({
            "kind": "key", "side": side(console, who), "direction": direction_name(direction),
            "key": key.text(), "in_the_clear": true,
        });
        console.say(json.to_string());
        return;
    }
    let lang = console.lang();
    let line = match direction {
        Direction::Sending => tr!(lang, "rdt-fernet-key-sent", key = key.text()),
        Direction::Received => tr!(lang, "rdt-fernet-key-received", key = key.text()),
    };
    let mut block = format!("{} {line}\n", console.tag(who));
    if show.bits {
        block.push_str(&bits_rows(console, key.text().as_bytes()));
    }
    let warning = tr!(lang, "rdt-fernet-key-warning");
    for l in crate::view::style::wrap(&warning, console.settings.width.max(40)) {
        block.push_str(&format!(
            "{} {}\n",
            console.tag(who),
            console.style().paint(crate::view::style::Paint::Reset, &l)
        ));
    }
    console.say(block);
}

/// A token sent or received, with its plaintext (`None`: it did not decrypt).
fn token_said(
    console: &Console,
    who: &Who,
    direction: Direction,
    token: &[u8],
    plain: Option<&[u8]>,
    show: Show,
) {
    let len = token.len();
    if show.json {
        let json = json!({
            "kind": "token", "side": side(console, who), "direction": direction_name(direction),
            "len": len, "decrypted": plain.is_some(),
            "text": plain.map(|p| super::printable(p, MAX_SHOWN)),
        });
        console.say(json.to_string());
        return;
    }
    let lang = console.lang();
    let line = match (direction, plain) {
        (Direction::Received, Some(p)) => tr!(
            lang,
            "rdt-fernet-token-received",
            len = len,
            text = super::printable(p, MAX_SHOWN)
        ),
        (Direction::Sending, Some(p)) => tr!(
            lang,
            "rdt-fernet-token-sent",
            len = len,
            text = super::printable(p, MAX_SHOWN)
        ),
        (_, None) => tr!(lang, "rdt-fernet-token-bad", len = len),
    };
    let arrow = match direction {
        Direction::Sending => "→",
        Direction::Received => "←",
    };
    let mut block = format!("{} {arrow} {line}\n", console.tag(who));
    if show.bits {
        block.push_str(&bits_rows(console, token));
    }
    if show.explain {
        let anatomy = match Anatomy::of(token) {
            Some(a) => tr!(
                lang,
                "rdt-fernet-token-anatomy",
                time = a.timestamp.to_string(),
                iv = crate::bits::hex(&a.iv),
                ciphertext = a.ciphertext
            ),
            None => tr!(lang, "rdt-fernet-token-not-shaped"),
        };
        for l in crate::view::style::wrap(&anatomy, console.settings.width.max(40)) {
            block.push_str(&format!("    {l}\n"));
        }
    }
    console.say(block);
}

fn direction_name(direction: Direction) -> &'static str {
    match direction {
        Direction::Sending => "sent",
        Direction::Received => "received",
    }
}

/// The bytes as 8-bit rows under a message line (the echo view's rows).
fn bits_rows(console: &Console, bytes: &[u8]) -> String {
    const SHOWN: usize = 64;
    let mut block = String::new();
    let width = console.settings.width.max(20);
    for row in crate::bits::bits_rows(&bytes[..bytes.len().min(SHOWN)], width, 4) {
        block.push_str(&console.style().paint(crate::view::style::Paint::Dim, &row));
        block.push('\n');
    }
    if bytes.len() > SHOWN {
        let more = bytes.len() - SHOWN;
        block.push_str(&format!(
            "    {}\n",
            tr!(console.lang(), "echo-message-more-bytes", more = more)
        ));
    }
    block
}

/// `synack rdt client --classic-fernet`: a fresh key in the clear, then each
/// message from `messages` as a token, each answer decrypted; `sair` (sent
/// for the user when the messages end) closes the session.
pub fn connect(
    opts: &ClientOptions,
    messages: Receiver<Vec<u8>>,
    console: &Console,
) -> Result<(), RdtError> {
    let lang: Lang = console.lang();
    let who = Who::client(lang);
    let addr = opts.server;
    let mut stream =
        TcpStream::connect_timeout(&addr, opts.connect_timeout).map_err(|e| match e.kind() {
            io::ErrorKind::ConnectionRefused => RdtError::NoServer { addr },
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => {
                RdtError::Net(NetError::ConnectTimeout {
                    addr,
                    secs: opts.connect_timeout.as_secs(),
                })
            }
            _ => RdtError::Net(NetError::Connect { addr, source: e }),
        })?;
    let _ = stream.set_nodelay(true);
    line(
        console,
        &who,
        opts.show,
        &tr!(lang, "rdt-fernet-client-connected", addr = addr.to_string()),
    );
    let key = Key::generate().ok_or_else(|| FernetError::NotAKey {
        text: String::new(),
    })?;
    stream
        .write_all(key.text().as_bytes())
        .map_err(|e| io_error("send", e))?;
    key_said(console, &who, Direction::Sending, &key, opts.show);
    let mut tokens = Tokens::default();
    let mut quit = false;
    while !quit {
        let message = match messages.recv() {
            Ok(m) => m,
            // The messages ended: end the session as a classic client does.
            Err(_) => QUIT.as_bytes().to_vec(),
        };
        if message.len() > MAX_MESSAGE {
            return Err(RdtError::MessageTooLong {
                len: message.len(),
                max: MAX_MESSAGE,
            });
        }
        quit = message == QUIT.as_bytes();
        let token = key.encrypt(&message);
        stream
            .write_all(token.as_bytes())
            .map_err(|e| io_error("send", e))?;
        token_said(
            console,
            &who,
            Direction::Sending,
            token.as_bytes(),
            Some(&message),
            opts.show,
        );
        if quit {
            break;
        }
        let answer =
            next_token(&mut stream, &mut tokens, ANSWER_WAIT)?.ok_or(FernetError::Vanished)?;
        match key.decrypt(&answer) {
            Ok(plain) => token_said(
                console,
                &who,
                Direction::Received,
                &answer,
                Some(&plain),
                opts.show,
            ),
            Err(e) => {
                token_said(console, &who, Direction::Received, &answer, None, opts.show);
                return Err(e.into());
            }
        }
    }
    let _ = stream.shutdown(Shutdown::Write);
    line(
        console,
        &who,
        opts.show,
        &tr!(lang, "rdt-fernet-client-done"),
    );
    Ok(())
}
