//! TCP options (RFC 9293 §3.2, RFC 7323, RFC 2018) to and from bytes, in the
//! order Linux sends them, so a synack SYN looks like a real one in Wireshark.

use crate::tcp::{SackBlock, SeqNumber, TcpOptions, Timestamps};

use super::WireError;

pub const KIND_EOL: u8 = 0;
pub const KIND_NOP: u8 = 1;
pub const KIND_MSS: u8 = 2;
pub const KIND_WSCALE: u8 = 3;
pub const KIND_SACK_PERMITTED: u8 = 4;
pub const KIND_SACK: u8 = 5;
pub const KIND_TIMESTAMPS: u8 = 8;

/// The most option bytes a TCP header holds (data offset 15 words).
pub const MAX_OPTION_BYTES: usize = 40;

/// Appends the options, padded with NOPs to whole 32-bit words.
pub fn encode(opts: &TcpOptions, out: &mut Vec<u8>) -> Result<(), WireError> {
    let start = out.len();
    if let Some(mss) = opts.mss {
        out.extend_from_slice(&[KIND_MSS, 4]);
        out.extend_from_slice(&mss.to_be_bytes());
    }
    match (opts.sack_permitted, opts.timestamps) {
        (true, Some(ts)) => {
            out.extend_from_slice(&[KIND_SACK_PERMITTED, 2]);
            push_timestamps(ts, out);
        }
        (false, Some(ts)) => {
            out.extend_from_slice(&[KIND_NOP, KIND_NOP]);
            push_timestamps(ts, out);
        }
        (true, None) => out.extend_from_slice(&[KIND_NOP, KIND_NOP, KIND_SACK_PERMITTED, 2]),
        (false, None) => {}
    }
    if let Some(shift) = opts.window_scale {
        out.extend_from_slice(&[KIND_NOP, KIND_WSCALE, 3, shift]);
    }
    if !opts.sack.is_empty() {
        if opts.sack.len() > 4 {
            return Err(WireError::OptionsTooLong);
        }
        out.extend_from_slice(&[KIND_NOP, KIND_NOP, KIND_SACK, 2 + 8 * opts.sack.len() as u8]);
        for block in &opts.sack {
            out.extend_from_slice(&block.left.0.to_be_bytes());
            out.extend_from_slice(&block.right.0.to_be_bytes());
        }
    }
    if out.len() - start > MAX_OPTION_BYTES {
        out.truncate(start);
        return Err(WireError::OptionsTooLong);
    }
    Ok(())
}

fn push_timestamps(ts: Timestamps, out: &mut Vec<u8>) {
    out.extend_from_slice(&[KIND_TIMESTAMPS, 10]);
    out.extend_from_slice(&ts.value.to_be_bytes());
    out.extend_from_slice(&ts.echo_reply.to_be_bytes());
}

/// The bytes `encode` would write (for header length computations).
pub fn encoded_len(opts: &TcpOptions) -> usize {
    let mut n = 0;
    if opts.mss.is_some() {
        n += 4;
    }
    n += match (opts.sack_permitted, opts.timestamps.is_some()) {
        (_, true) => 12,
        (true, false) => 4,
        (false, false) => 0,
    };
    if opts.window_scale.is_some() {
        n += 4;
    }
    if !opts.sack.is_empty() {
        n += 4 + 8 * opts.sack.len();
    }
    n
}

/// Reads options; unknown kinds are skipped, a malformed one is an error.
pub fn decode(bytes: &[u8]) -> Result<TcpOptions, WireError> {
    let mut opts = TcpOptions::default();
    let mut i = 0;
    while i < bytes.len() {
        let kind = bytes[i];
        match kind {
            KIND_EOL => break,
            KIND_NOP => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let len = *bytes.get(i + 1).ok_or(WireError::BadOption { kind })? as usize;
        if len < 2 || i + len > bytes.len() {
            return Err(WireError::BadOption { kind });
        }
        let body = &bytes[i + 2..i + len];
        match (kind, body.len()) {
            (KIND_MSS, 2) => opts.mss = Some(u16::from_be_bytes([body[0], body[1]])),
            (KIND_WSCALE, 1) => opts.window_scale = Some(body[0]),
            (KIND_SACK_PERMITTED, 0) => opts.sack_permitted = true,
            (KIND_TIMESTAMPS, 8) => {
                opts.timestamps = Some(Timestamps {
                    value: u32::from_be_bytes([body[0], body[1], body[2], body[3]]),
                    echo_reply: u32::from_be_bytes([body[4], body[5], body[6], body[7]]),
                });
            }
            (KIND_SACK, n) if n % 8 == 0 && n <= 32 => {
                opts.sack = body
                    .chunks_exact(8)
                    .map(|c| SackBlock {
                        left: SeqNumber(u32::from_be_bytes([c[0], c[1], c[2], c[3]])),
                        right: SeqNumber(u32::from_be_bytes([c[4], c[5], c[6], c[7]])),
                    })
                    .collect();
            }
            (KIND_MSS | KIND_WSCALE | KIND_SACK_PERMITTED | KIND_TIMESTAMPS | KIND_SACK, _) => {
                return Err(WireError::BadOption { kind });
            }
            _ => {}
        }
        i += len;
    }
    Ok(opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linux_style_syn_options_are_twenty_bytes() {
        let opts = TcpOptions {
            mss: Some(1460),
            window_scale: Some(7),
            sack_permitted: true,
            timestamps: Some(Timestamps {
                value: 1,
                echo_reply: 0,
            }),
            sack: Vec::new(),
        };
        let mut out = Vec::new();
        encode(&opts, &mut out).unwrap();
        assert_eq!(out.len(), 20);
        assert_eq!(encoded_len(&opts), 20);
        assert_eq!(&out[..6], &[2, 4, 0x05, 0xb4, 4, 2]);
        assert_eq!(decode(&out).unwrap(), opts);
    }

    #[test]
    fn malformed_options_are_errors_not_panics() {
        assert!(decode(&[2]).is_err());
        assert!(decode(&[2, 1]).is_err());
        assert!(decode(&[2, 40, 0]).is_err());
        assert!(decode(&[8, 5, 1, 2, 3]).is_err());
        assert_eq!(decode(&[1, 1, 0, 99]).unwrap(), TcpOptions::default());
        assert_eq!(decode(&[30, 3, 7]).unwrap(), TcpOptions::default());
    }
}
