//! What can end a conversation badly, in words that say what happened and
//! what to do.

use std::net::SocketAddr;

use crate::narrate::{Lang, Localize};
use crate::net::NetError;
use crate::tr;

/// A conversation that could not start, or did not end in order.
#[derive(Debug, thiserror::Error)]
pub enum TalkError {
    /// A socket failed: a port in use, a refused or unreachable host.
    #[error(transparent)]
    Net(#[from] NetError),
    /// The peer closed in the middle of a line (its lines end with `\n`).
    #[error("{peer} closed the connection in the middle of a line ({bytes} bytes without an end)")]
    EndedMidLine { peer: SocketAddr, bytes: usize },
    /// The peer reset the connection (RST).
    #[error("{peer} reset the connection")]
    Reset {
        peer: SocketAddr,
        /// Bytes of an unfinished line, lost with it.
        unfinished: usize,
    },
    /// A line could not be sent: the connection is gone.
    #[error("cannot send to {peer}: the connection is gone")]
    SendFailed { peer: SocketAddr },
}

impl Localize for TalkError {
    fn localize(&self, lang: Lang) -> String {
        match self {
            // The echo's words point at `synack echo server`; here the other
            // side is `synack talk listen`.
            TalkError::Net(NetError::Refused { addr }) => {
                tr!(lang, "talk-error-refused", addr = addr.to_string())
            }
            // Their examples name echo's port; here it is 5000, and optional.
            TalkError::Net(NetError::Resolve { text, source }) => {
                tr!(
                    lang,
                    "talk-error-resolve",
                    text = text,
                    reason = source.to_string()
                )
            }
            TalkError::Net(NetError::NoAddress { text }) => {
                tr!(lang, "talk-error-no-address", text = text)
            }
            TalkError::Net(e) => e.localize(lang),
            TalkError::EndedMidLine { peer, bytes } => tr!(
                lang,
                "talk-error-ended-mid-line",
                peer = peer.to_string(),
                bytes = *bytes
            ),
            TalkError::Reset { peer, unfinished } => {
                let reset = tr!(lang, "talk-error-reset", peer = peer.to_string());
                if *unfinished == 0 {
                    reset
                } else {
                    let lost = tr!(lang, "talk-error-reset-lost", bytes = *unfinished);
                    format!("{reset} {lost}")
                }
            }
            TalkError::SendFailed { peer } => {
                tr!(lang, "talk-error-send-failed", peer = peer.to_string())
            }
        }
    }
}
