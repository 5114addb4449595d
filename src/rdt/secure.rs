//! Secure mode, through the `snow` crate (no cryptography of our own): after
//! the text handshake, a Noise `NNpsk0` handshake (two messages) gives both
//! sides a pair of session keys, but only if they hold the same pre-shared key.
//! Then every packet travels sealed with ChaCha20-Poly1305:
//!
//! ```text
//! [nonce: 8 bytes, big-endian][packet, encrypted: same length][tag: 16 bytes]
//! ```
//!
//! Each sealed packet has a fresh nonce (a counter), so a retransmission is
//! encrypted anew; the nonce travels in clear because packets may be lost,
//! duplicated or reordered. A changed bit anywhere fails the tag: the packet is
//! rejected, never delivered.
//!
//! In the simulator the ephemeral keys come from the run's seed (a resolver
//! that gives snow a seeded generator), so secure runs are deterministic too;
//! real sessions use the operating system's generator.

use snow::params::{CipherChoice, DHChoice, HashChoice};
use snow::resolvers::{CryptoResolver, DefaultResolver};
use snow::types::{Cipher, Dh, Hash, Random};
use snow::{Builder, HandshakeState, StatelessTransportState};

use crate::chance::SplitMix64;
use crate::narrate::{Lang, Localize};
use crate::tr;

/// The Noise protocol name.
pub const PATTERN: &str = "Noise_NNpsk0_25519_ChaChaPoly_SHA256";
/// Bytes the seal adds: the nonce and the tag.
pub const NONCE_LEN: usize = 8;
pub const TAG_LEN: usize = 16;
pub const OVERHEAD: usize = NONCE_LEN + TAG_LEN;
/// Longest handshake message accepted.
pub const MAX_HANDSHAKE: usize = 1024;

/// A 32-byte pre-shared key.
#[derive(Clone, PartialEq, Eq)]
pub struct Psk([u8; 32]);

impl std::fmt::Debug for Psk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Psk(…)")
    }
}

/// What a key that is not a key looked like, for the message that says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyShape {
    /// Binary, of this many bytes.
    Bytes(usize),
    /// Text of this many characters.
    Chars(usize),
    /// 64 characters, not all hexadecimal.
    NotHex,
}

/// What can go wrong in secure mode.
#[derive(Debug, thiserror::Error)]
pub enum SecureError {
    #[error("a pre-shared key is 32 bytes or 64 hexadecimal digits, not {found:?}")]
    BadKey { found: KeyShape },
    #[error("cannot read the key file {path}: {source}")]
    KeyUnreadable {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("secure mode needs a key: pass --psk-file FILE or set SYNACK_PSK")]
    NoKey,
    #[error("the secure handshake failed: the peer's key is not ours (wrong PSK?)")]
    WrongKey,
    #[error("the secure handshake failed: {reason}")]
    Handshake { reason: String },
    #[error("the secure handshake failed: a message of {len} bytes")]
    HandshakeTooLong { len: usize },
}

impl Localize for SecureError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            SecureError::BadKey { found } => {
                let found = match found {
                    KeyShape::Bytes(n) => tr!(lang, "rdt-key-found-bytes", count = *n),
                    KeyShape::Chars(n) => tr!(lang, "rdt-key-found-chars", count = *n),
                    KeyShape::NotHex => tr!(lang, "rdt-key-found-not-hex"),
                };
                tr!(lang, "rdt-error-bad-key", found = found)
            }
            SecureError::KeyUnreadable { path, source } => tr!(
                lang,
                "rdt-error-key-unreadable",
                path = path,
                reason = source.to_string()
            ),
            SecureError::NoKey => tr!(lang, "rdt-error-no-key"),
            SecureError::WrongKey => tr!(lang, "rdt-error-wrong-key"),
            SecureError::HandshakeTooLong { len } => {
                tr!(lang, "rdt-error-secure-handshake-too-long", len = *len)
            }
            SecureError::Handshake { reason } => {
                tr!(lang, "rdt-error-secure-handshake", reason = reason)
            }
        }
    }
}

impl Psk {
    pub fn new(key: [u8; 32]) -> Psk {
        Psk(key)
    }

    /// The contents of a key file: exactly 32 raw bytes, or 64 hexadecimal
    /// digits (surrounding whitespace ignored).
    pub fn from_file_bytes(bytes: &[u8]) -> Result<Psk, SecureError> {
        if let Ok(raw) = <[u8; 32]>::try_from(bytes) {
            return Ok(Psk(raw));
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Psk::from_hex(text),
            Err(_) => Err(SecureError::BadKey {
                found: KeyShape::Bytes(bytes.len()),
            }),
        }
    }

    /// 64 hexadecimal digits.
    pub fn from_hex(text: &str) -> Result<Psk, SecureError> {
        let text = text.trim();
        let bad = || SecureError::BadKey {
            found: if text.len() == 64 {
                KeyShape::NotHex
            } else {
                KeyShape::Chars(text.chars().count())
            },
        };
        if text.len() != 64 || !text.is_ascii() {
            return Err(bad());
        }
        let mut key = [0u8; 32];
        for (i, byte) in key.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
        }
        Ok(Psk(key))
    }

    /// A key for the simulator, from its seed (a lesson needs no key file).
    pub fn from_seed(seed: u64) -> Psk {
        let mut rng = SplitMix64::new(seed ^ 0x7073_6b00);
        let mut key = [0u8; 32];
        for chunk in key.chunks_mut(8) {
            chunk.copy_from_slice(&rng.next_u64().to_be_bytes());
        }
        Psk(key)
    }
}

/// Where the ephemeral keys come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entropy {
    /// The operating system's generator (real sessions).
    Os,
    /// A seeded generator (the simulator: same seed, same bytes).
    Seeded(u64),
}

struct SeededRandom(SplitMix64);

impl Random for SeededRandom {
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), snow::Error> {
        for chunk in dest.chunks_mut(8) {
            let bytes = self.0.next_u64().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
        Ok(())
    }
}

/// snow's own primitives with a seeded generator in place of the system's.
struct SeededResolver(u64);

impl CryptoResolver for SeededResolver {
    fn resolve_rng(&self) -> Option<Box<dyn Random>> {
        Some(Box::new(SeededRandom(SplitMix64::new(self.0))))
    }
    fn resolve_dh(&self, choice: &DHChoice) -> Option<Box<dyn Dh>> {
        DefaultResolver.resolve_dh(choice)
    }
    fn resolve_hash(&self, choice: &HashChoice) -> Option<Box<dyn Hash>> {
        DefaultResolver.resolve_hash(choice)
    }
    fn resolve_cipher(&self, choice: &CipherChoice) -> Option<Box<dyn Cipher>> {
        DefaultResolver.resolve_cipher(choice)
    }
}

fn snow_error(e: snow::Error) -> SecureError {
    match e {
        snow::Error::Decrypt => SecureError::WrongKey,
        other => SecureError::Handshake {
            reason: other.to_string(),
        },
    }
}

/// One side of the Noise handshake: the client starts (message 1, its
/// ephemeral key), the server answers (message 2).
pub struct Handshake {
    state: HandshakeState,
}

impl Handshake {
    fn build(psk: &Psk, entropy: Entropy, initiator: bool) -> Result<Handshake, SecureError> {
        let params = PATTERN.parse().map_err(snow_error)?;
        let builder = match entropy {
            Entropy::Os => Builder::new(params),
            Entropy::Seeded(seed) => Builder::with_resolver(params, Box::new(SeededResolver(seed))),
        };
        let builder = builder
            .psk(0, &psk.0)
            .map_err(snow_error)?
            .prologue(b"synack rdt")
            .map_err(snow_error)?;
        let state = if initiator {
            builder.build_initiator()
        } else {
            builder.build_responder()
        }
        .map_err(snow_error)?;
        Ok(Handshake { state })
    }

    pub fn client(psk: &Psk, entropy: Entropy) -> Result<Handshake, SecureError> {
        Handshake::build(psk, entropy, true)
    }

    pub fn server(psk: &Psk, entropy: Entropy) -> Result<Handshake, SecureError> {
        Handshake::build(psk, entropy, false)
    }

    /// The next message to send.
    pub fn write(&mut self) -> Result<Vec<u8>, SecureError> {
        let mut buf = vec![0u8; MAX_HANDSHAKE];
        let n = self
            .state
            .write_message(&[], &mut buf)
            .map_err(snow_error)?;
        buf.truncate(n);
        Ok(buf)
    }

    /// Reads the peer's message; a wrong key fails here.
    pub fn read(&mut self, message: &[u8]) -> Result<(), SecureError> {
        if message.len() > MAX_HANDSHAKE {
            return Err(SecureError::HandshakeTooLong { len: message.len() });
        }
        let mut buf = vec![0u8; MAX_HANDSHAKE];
        self.state
            .read_message(message, &mut buf)
            .map(|_| ())
            .map_err(snow_error)
    }

    /// Both messages done: the channel for packets.
    pub fn finish(self) -> Result<Channel, SecureError> {
        let transport = self
            .state
            .into_stateless_transport_mode()
            .map_err(snow_error)?;
        Ok(Channel {
            transport,
            next_nonce: 0,
        })
    }
}

/// Seals and opens packets once the handshake is done.
pub struct Channel {
    transport: StatelessTransportState,
    next_nonce: u64,
}

/// A sealed packet failed its tag (or was too short to have one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tampered;

impl Channel {
    /// `[nonce][ciphertext][tag]` for one packet.
    pub fn seal(&mut self, plain: &[u8]) -> Vec<u8> {
        let nonce = self.next_nonce;
        self.next_nonce += 1;
        let mut out = vec![0u8; NONCE_LEN + plain.len() + TAG_LEN];
        out[..NONCE_LEN].copy_from_slice(&nonce.to_be_bytes());
        // Packets are far below Noise's 65535-byte limit and the buffer fits,
        // so this cannot fail; an empty seal would only be rejected by the peer.
        match self
            .transport
            .write_message(nonce, plain, &mut out[NONCE_LEN..])
        {
            Ok(n) => out.truncate(NONCE_LEN + n),
            Err(_) => out.truncate(NONCE_LEN),
        }
        out
    }

    /// The packet inside `sealed`, if its tag verifies.
    pub fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, Tampered> {
        if sealed.len() < OVERHEAD || sealed.len() > 65535 {
            return Err(Tampered);
        }
        let nonce = u64::from_be_bytes(sealed[..NONCE_LEN].try_into().map_err(|_| Tampered)?);
        let mut out = vec![0u8; sealed.len() - NONCE_LEN];
        let n = self
            .transport
            .read_message(nonce, &sealed[NONCE_LEN..], &mut out)
            .map_err(|_| Tampered)?;
        out.truncate(n);
        Ok(out)
    }
}

/// Both halves of a handshake run in memory: the two messages and the
/// channels of both sides.
pub struct Paired {
    pub first: Vec<u8>,
    pub second: Vec<u8>,
    pub client: Channel,
    pub server: Channel,
}

/// A handshake run in memory that failed: the first message (if one was
/// written) and why.
#[derive(Debug)]
pub struct PairFailed {
    pub first: Vec<u8>,
    pub error: SecureError,
}

/// Runs both halves of a handshake in memory (the simulator's way; real
/// sessions send the messages over TCP).
pub fn pair(client_psk: &Psk, server_psk: &Psk, seed: u64) -> Result<Paired, PairFailed> {
    let fail = |first: &[u8]| {
        let first = first.to_vec();
        move |error| PairFailed { first, error }
    };
    let mut client =
        Handshake::client(client_psk, Entropy::Seeded(seed ^ 0xc1)).map_err(fail(&[]))?;
    let mut server =
        Handshake::server(server_psk, Entropy::Seeded(seed ^ 0x5e)).map_err(fail(&[]))?;
    let first = client.write().map_err(fail(&[]))?;
    server.read(&first).map_err(fail(&first))?;
    let second = server.write().map_err(fail(&first))?;
    client.read(&second).map_err(fail(&first))?;
    Ok(Paired {
        client: client.finish().map_err(fail(&first))?,
        server: server.finish().map_err(fail(&first))?,
        first,
        second,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_key_talks_and_a_flipped_bit_is_caught() {
        let psk = Psk::from_seed(1);
        let Paired {
            first,
            second,
            mut client,
            server,
        } = pair(&psk, &psk, 7).ok().unwrap();
        assert_eq!((first.len(), second.len()), (48, 48));
        let sealed = client.seal(b"D\x01\x00\x00\x00\x02hi");
        assert_eq!(sealed.len(), 8 + 8 + 16);
        assert_eq!(server.open(&sealed).unwrap(), b"D\x01\x00\x00\x00\x02hi");
        for bit in 0..sealed.len() * 8 {
            let mut t = sealed.clone();
            t[bit / 8] ^= 0x80 >> (bit % 8);
            assert_eq!(server.open(&t), Err(Tampered), "bit {bit}");
        }
    }

    #[test]
    fn a_wrong_key_fails_the_handshake() {
        let e = pair(&Psk::from_seed(1), &Psk::from_seed(2), 7)
            .err()
            .unwrap();
        assert!(matches!(e.error, SecureError::WrongKey));
        assert_eq!(e.first.len(), 48);
    }

    #[test]
    fn seeded_handshakes_repeat_exactly() {
        let psk = Psk::from_seed(3);
        let a = pair(&psk, &psk, 5).ok().unwrap();
        let b = pair(&psk, &psk, 5).ok().unwrap();
        assert_eq!((a.first, a.second), (b.first, b.second));
    }

    #[test]
    fn keys_parse_from_raw_or_hex() {
        assert!(Psk::from_file_bytes(&[7u8; 32]).is_ok());
        let hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n";
        assert!(Psk::from_file_bytes(hex.as_bytes()).is_ok());
        assert!(matches!(
            Psk::from_hex("abc"),
            Err(SecureError::BadKey { .. })
        ));
        assert!(matches!(
            Psk::from_hex(&"zz".repeat(32)),
            Err(SecureError::BadKey { .. })
        ));
    }
}
