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

/// The bytes the options take on the wire (whole 32-bit words); more than
/// four SACK blocks, or more than 40 bytes, do not fit in a TCP header.
pub fn emitted_len(opts: &TcpOptions) -> Result<usize, WireError> {
    if opts.sack.len() > 4 {
        return Err(WireError::OptionsTooLong);
    }
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
    if n > MAX_OPTION_BYTES {
        return Err(WireError::OptionsTooLong);
    }
    Ok(n)
}

/// Writes the options, padded with NOPs to whole 32-bit words, into `out`,
/// which is exactly `emitted_len` bytes.
pub fn emit(opts: &TcpOptions, out: &mut [u8]) {
    let mut out = Cursor { out, at: 0 };
    if let Some(mss) = opts.mss {
        out.put(&[KIND_MSS, 4]);
        out.put(&mss.to_be_bytes());
    }
    match (opts.sack_permitted, opts.timestamps) {
        (true, Some(ts)) => {
            out.put(&[KIND_SACK_PERMITTED, 2]);
            out.put_timestamps(ts);
        }
        (false, Some(ts)) => {
            out.put(&[KIND_NOP, KIND_NOP]);
            out.put_timestamps(ts);
        }
        (true, None) => out.put(&[KIND_NOP, KIND_NOP, KIND_SACK_PERMITTED, 2]),
        (false, None) => {}
    }
    if let Some(shift) = opts.window_scale {
        out.put(&[KIND_NOP, KIND_WSCALE, 3, shift]);
    }
    if !opts.sack.is_empty() {
        out.put(&[KIND_NOP, KIND_NOP, KIND_SACK, 2 + 8 * opts.sack.len() as u8]);
        for block in &opts.sack {
            out.put(&block.left.0.to_be_bytes());
            out.put(&block.right.0.to_be_bytes());
        }
    }
}

/// Writes in order into a slice sized beforehand.
struct Cursor<'a> {
    out: &'a mut [u8],
    at: usize,
}

impl Cursor<'_> {
    fn put(&mut self, bytes: &[u8]) {
        self.out[self.at..self.at + bytes.len()].copy_from_slice(bytes);
        self.at += bytes.len();
    }

    fn put_timestamps(&mut self, ts: Timestamps) {
        self.put(&[KIND_TIMESTAMPS, 10]);
        self.put(&ts.value.to_be_bytes());
        self.put(&ts.echo_reply.to_be_bytes());
    }
}

/// Reads options; unknown kinds are skipped, a malformed one is an error.
pub fn parse(bytes: &[u8]) -> Result<TcpOptions, WireError> {
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

    fn emitted(opts: &TcpOptions) -> Vec<u8> {
        let mut out = vec![0u8; emitted_len(opts).unwrap()];
        emit(opts, &mut out);
        out
    }

    fn all_kinds(sack_blocks: u32) -> TcpOptions {
        TcpOptions {
            mss: Some(1460),
            window_scale: Some(7),
            sack_permitted: true,
            timestamps: Some(Timestamps {
                value: 1,
                echo_reply: 0,
            }),
            sack: (0..sack_blocks)
                .map(|i| SackBlock {
                    left: SeqNumber(i * 100),
                    right: SeqNumber(i * 100 + 50),
                })
                .collect(),
        }
    }

    #[test]
    fn linux_style_syn_options_are_twenty_bytes() {
        let opts = all_kinds(0);
        let out = emitted(&opts);
        assert_eq!(out.len(), 20);
        assert_eq!(&out[..6], &[2, 4, 0x05, 0xb4, 4, 2]);
        assert_eq!(parse(&out).unwrap(), opts);
    }

    #[test]
    fn every_combination_round_trips_in_whole_words() {
        for mask in 0..32u32 {
            let mut opts = all_kinds(0);
            let on = |bit: u32| mask & (1 << bit) != 0;
            opts.mss = opts.mss.filter(|_| on(0));
            opts.window_scale = opts.window_scale.filter(|_| on(1));
            opts.sack_permitted = on(2);
            opts.timestamps = opts.timestamps.filter(|_| on(3));
            if on(4) {
                opts.sack = all_kinds(if opts.timestamps.is_some() { 2 } else { 3 }).sack;
            }
            let out = emitted(&opts);
            assert_eq!(out.len() % 4, 0, "{opts:?}");
            assert_eq!(parse(&out).unwrap(), opts);
        }
    }

    #[test]
    fn options_that_do_not_fit_are_refused() {
        assert_eq!(emitted_len(&all_kinds(5)), Err(WireError::OptionsTooLong));
        assert_eq!(emitted_len(&all_kinds(3)), Err(WireError::OptionsTooLong));
        let sack_only = TcpOptions {
            sack: all_kinds(4).sack,
            ..TcpOptions::default()
        };
        assert_eq!(emitted_len(&sack_only), Ok(36));
    }

    #[test]
    fn every_truncation_is_an_error_or_fewer_options_never_a_panic() {
        let out = emitted(&all_kinds(2));
        for cut in 0..out.len() {
            if let Ok(opts) = parse(&out[..cut]) {
                assert_ne!(opts, all_kinds(2), "cut at {cut}");
            }
        }
    }

    #[test]
    fn malformed_options_are_errors_not_panics() {
        assert!(parse(&[2]).is_err());
        assert!(parse(&[2, 1]).is_err());
        assert!(parse(&[2, 40, 0]).is_err());
        assert!(parse(&[8, 5, 1, 2, 3]).is_err());
        assert_eq!(parse(&[1, 1, 0, 99]).unwrap(), TcpOptions::default());
        assert_eq!(parse(&[30, 3, 7]).unwrap(), TcpOptions::default());
    }
}
