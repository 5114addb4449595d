//! What can be wrong with a frame, worded for the views in the user's language.

use crate::narrate::{Lang, Localize};
use crate::tr;

/// The part of a frame that did not fit in its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Ethernet,
    Vlan,
    Loopback,
    LinuxCooked,
    Ip,
    Ipv4,
    Ipv4Options,
    Ipv6,
    Ipv6Extension,
    Ipv6Extensions,
    Tcp,
    TcpOptions,
    Udp,
}

/// What is wrong with a frame (or with a segment that cannot become one).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    #[error("the frame is {len} bytes, too short for {what:?}")]
    TooShort { what: Part, len: usize },
    #[error("IP version {0} is neither 4 nor 6")]
    BadIpVersion(u8),
    #[error("the IPv4 header length {0} is less than 20 bytes")]
    BadIpHeaderLength(usize),
    #[error("the IP total length {total} is smaller than the {header}-byte header")]
    BadIpTotalLength { total: usize, header: usize },
    #[error("the TCP data offset {0} is less than 20 bytes")]
    BadDataOffset(usize),
    #[error("the TCP option of kind {kind} is malformed")]
    BadOption { kind: u8 },
    #[error("the TCP options do not fit in 40 bytes")]
    OptionsTooLong,
    #[error("the segment does not fit in one IP packet")]
    TooLarge,
    #[error("the addresses mix IPv4 and IPv6")]
    MixedFamilies,
}

impl Localize for WireError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            WireError::TooShort { what, len } => {
                let what = match what {
                    Part::Ethernet => tr!(lang, "wire-part-ethernet"),
                    Part::Vlan => tr!(lang, "wire-part-vlan"),
                    Part::Loopback => tr!(lang, "wire-part-loopback"),
                    Part::LinuxCooked => tr!(lang, "wire-part-linux-cooked"),
                    Part::Ip => tr!(lang, "wire-part-ip"),
                    Part::Ipv4 => tr!(lang, "wire-part-ipv4"),
                    Part::Ipv4Options => tr!(lang, "wire-part-ipv4-options"),
                    Part::Ipv6 => tr!(lang, "wire-part-ipv6"),
                    Part::Ipv6Extension => tr!(lang, "wire-part-ipv6-extension"),
                    Part::Ipv6Extensions => tr!(lang, "wire-part-ipv6-extensions"),
                    Part::Tcp => tr!(lang, "wire-part-tcp"),
                    Part::TcpOptions => tr!(lang, "wire-part-tcp-options"),
                    Part::Udp => tr!(lang, "wire-part-udp"),
                };
                tr!(lang, "wire-error-too-short", len = *len, what = what)
            }
            WireError::BadIpVersion(v) => tr!(lang, "wire-error-ip-version", version = *v),
            WireError::BadIpHeaderLength(n) => tr!(lang, "wire-error-ip-header-length", len = *n),
            WireError::BadIpTotalLength { total, header } => tr!(
                lang,
                "wire-error-ip-total-length",
                total = *total,
                header = *header
            ),
            WireError::BadDataOffset(n) => tr!(lang, "wire-error-data-offset", len = *n),
            WireError::BadOption { kind } => tr!(lang, "wire-error-option", kind = *kind),
            WireError::OptionsTooLong => tr!(lang, "wire-error-options-too-long"),
            WireError::TooLarge => tr!(lang, "wire-error-too-large"),
            WireError::MixedFamilies => tr!(lang, "wire-error-mixed-families"),
        }
    }
}

/// The error for `bytes` too short to hold `what`.
pub(crate) fn too_short(what: Part, bytes: &[u8]) -> WireError {
    WireError::TooShort {
        what,
        len: bytes.len(),
    }
}
