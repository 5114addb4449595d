//! The Internet checksum (RFC 1071) as TCP and UDP use it: the 16-bit one's
//! complement of the one's complement sum of the pseudo-header and the segment.
//! Computed once here for the wire and, step by step, for the `--bits` view.

use std::net::IpAddr;

/// Adds big-endian 16-bit words of `data` (an odd last byte is padded with a
/// zero on its right), without folding: the result folds to the 16-bit one's
/// complement sum.
///
/// The one's complement sum does not depend on byte order or word size (RFC
/// 1071 §2(B), §2(C)), so this adds native 64-bit words with end-around carry and
/// swaps bytes once at the end: several times faster than 16 bits at a time.
pub fn sum_words(data: &[u8]) -> u64 {
    let mut acc: u64 = 0;
    let mut carry: u64 = 0;
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let word = u64::from_ne_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        let (sum, overflow) = acc.overflowing_add(word);
        acc = sum;
        carry += u64::from(overflow);
    }
    let rest = chunks.remainder();
    let mut tail = [0u8; 8];
    tail[..rest.len()].copy_from_slice(rest);
    let (sum, overflow) = acc.overflowing_add(u64::from_ne_bytes(tail));
    acc = sum;
    carry += u64::from(overflow);
    // Fold 64 bits (plus carries) to 16, still in native byte order.
    let mut folded = (acc & 0xffff_ffff) + (acc >> 32) + carry;
    while folded >> 16 != 0 {
        folded = (folded & 0xffff) + (folded >> 16);
    }
    let native = folded as u16;
    u64::from(if cfg!(target_endian = "little") {
        native.swap_bytes()
    } else {
        native
    })
}

/// Folds the carries back in until the sum fits 16 bits (end-around carry).
pub fn fold(mut sum: u64) -> u16 {
    while sum >> 16 != 0 {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    sum as u16
}

/// The pseudo-header of RFC 9293 §3.1 (IPv4, Figure 2) or RFC 8200 §8.1 (IPv6),
/// as the bytes that are summed.
pub fn pseudo_header(src: IpAddr, dst: IpAddr, protocol: u8, length: u32) -> Vec<u8> {
    let mut p = Vec::with_capacity(40);
    match (src, dst) {
        (IpAddr::V4(s), IpAddr::V4(d)) => {
            p.extend_from_slice(&s.octets());
            p.extend_from_slice(&d.octets());
            p.push(0);
            p.push(protocol);
            p.extend_from_slice(&(length as u16).to_be_bytes());
        }
        (s, d) => {
            p.extend_from_slice(&v6_octets(s));
            p.extend_from_slice(&v6_octets(d));
            p.extend_from_slice(&length.to_be_bytes());
            p.extend_from_slice(&[0, 0, 0, protocol]);
        }
    }
    p
}

fn v6_octets(addr: IpAddr) -> [u8; 16] {
    match addr {
        IpAddr::V6(a) => a.octets(),
        IpAddr::V4(a) => a.to_ipv6_mapped().octets(),
    }
}

/// The checksum of a TCP or UDP segment: `segment` is header (with its checksum
/// field zero) and data.
pub fn transport_checksum(src: IpAddr, dst: IpAddr, protocol: u8, segment: &[u8]) -> u16 {
    let pseudo = pseudo_sum(src, dst, protocol, segment.len() as u32);
    !fold(pseudo + sum_words(segment))
}

/// Completes a checksum from the sum of the segment's bytes (`partial`, from
/// `sum_words`, possibly of several pieces) and its pseudo-header.
pub fn finish(src: IpAddr, dst: IpAddr, protocol: u8, length: u32, partial: u64) -> u16 {
    !fold(pseudo_sum(src, dst, protocol, length) + partial)
}

/// Whether a received segment's checksum is right: with its pseudo-header,
/// it sums to all ones.
pub fn verify(src: IpAddr, dst: IpAddr, protocol: u8, segment: &[u8]) -> bool {
    fold(pseudo_sum(src, dst, protocol, segment.len() as u32) + sum_words(segment)) == 0xffff
}

/// The pseudo-header's sum, without building it: a frame's checksum costs no
/// allocation.
fn pseudo_sum(src: IpAddr, dst: IpAddr, protocol: u8, length: u32) -> u64 {
    match (src, dst) {
        (IpAddr::V4(s), IpAddr::V4(d)) => {
            sum_words(&s.octets())
                + sum_words(&d.octets())
                + u64::from(protocol)
                + u64::from(length)
        }
        // The 32-bit length is two 16-bit words; the protocol ends its word.
        (s, d) => {
            sum_words(&v6_octets(s))
                + sum_words(&v6_octets(d))
                + u64::from(length >> 16)
                + u64::from(length & 0xffff)
                + u64::from(protocol)
        }
    }
}

/// The IPv4 header checksum (RFC 791): over the header with its checksum zero.
pub fn ipv4_header_checksum(header: &[u8]) -> u16 {
    !fold(sum_words(header))
}

/// Every step of a checksum worked by hand, for the `--bits` view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChecksumSteps {
    pub pseudo_header: Vec<u8>,
    /// 16-bit sums (carries folded) of the pseudo-header, the TCP header (checksum
    /// field as zero) and the data.
    pub pseudo_sum: u16,
    pub header_sum: u16,
    pub data_sum: u16,
    /// The three added: before folding, then folded.
    pub total: u32,
    pub folded: u16,
    /// The one's complement of `folded`: what goes in the header.
    pub checksum: u16,
}

/// Works out the checksum of `header` (checksum field zeroed) plus `data`.
pub fn steps(src: IpAddr, dst: IpAddr, protocol: u8, header: &[u8], data: &[u8]) -> ChecksumSteps {
    let pseudo_header = pseudo_header(src, dst, protocol, (header.len() + data.len()) as u32);
    let pseudo_sum = fold(sum_words(&pseudo_header));
    let header_sum = fold(sum_words(header));
    // An odd-length header never happens (TCP headers are whole 32-bit words),
    // so the data's words line up with the segment's.
    let data_sum = fold(sum_words(data));
    let total = u32::from(pseudo_sum) + u32::from(header_sum) + u32::from(data_sum);
    let folded = fold(u64::from(total));
    ChecksumSteps {
        pseudo_header,
        pseudo_sum,
        header_sum,
        data_sum,
        total,
        folded,
        checksum: !folded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc1071_example_sums_to_ddf2() {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (folded).
        let data = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];
        assert_eq!(fold(sum_words(&data)), 0xddf2);
    }

    #[test]
    fn fast_sum_equals_the_word_by_word_definition() {
        let slow = |data: &[u8]| -> u16 {
            let mut sum: u32 = 0;
            for pair in data.chunks(2) {
                let hi = u32::from(pair[0]) << 8;
                let lo = u32::from(*pair.get(1).unwrap_or(&0));
                sum += hi | lo;
                sum = (sum & 0xffff) + (sum >> 16);
            }
            sum as u16
        };
        let mut data: Vec<u8> = (0..3000u32).map(|i| (i * 7919 % 251) as u8).collect();
        data.extend_from_slice(&[0xff; 40]);
        for len in 0..data.len().clamp(1, 200) {
            assert_eq!(
                fold(sum_words(&data[..len])),
                slow(&data[..len]),
                "length {len}"
            );
        }
        assert_eq!(fold(sum_words(&data)), slow(&data));
        assert_eq!(fold(sum_words(&[0xff; 4096])), 0xffff);
    }

    #[test]
    fn odd_length_pads_on_the_right() {
        assert_eq!(fold(sum_words(&[0x12, 0x34, 0x56])), 0x1234 + 0x5600);
    }

    #[test]
    fn the_pseudo_header_sum_is_the_sum_of_its_bytes() {
        for (src, dst) in [
            ("192.168.0.10", "192.168.0.20"),
            ("2001:db8::1", "2001:db8::ffff:2"),
            ("10.0.0.1", "2001:db8::2"),
        ] {
            let (src, dst): (IpAddr, IpAddr) = (src.parse().unwrap(), dst.parse().unwrap());
            for length in [0, 20, 1480, 65535, 70000] {
                // IPv4's length field is 16 bits: never longer.
                if src.is_ipv4() && dst.is_ipv4() && length > 65535 {
                    continue;
                }
                let bytes = pseudo_header(src, dst, 17, length);
                assert_eq!(
                    fold(pseudo_sum(src, dst, 17, length)),
                    fold(sum_words(&bytes))
                );
            }
        }
    }

    #[test]
    fn a_segment_with_its_checksum_verifies_and_a_changed_one_does_not() {
        let src: IpAddr = "2001:db8::1".parse().unwrap();
        let dst: IpAddr = "2001:db8::2".parse().unwrap();
        let mut segment = [0x13, 0x88, 0x13, 0x89, 0, 12, 0, 0, b'p', b'i', b'n', b'g'];
        let sum = transport_checksum(src, dst, 17, &segment);
        segment[6..8].copy_from_slice(&sum.to_be_bytes());
        assert!(verify(src, dst, 17, &segment));
        segment[9] ^= 0x20;
        assert!(!verify(src, dst, 17, &segment));
    }

    #[test]
    fn steps_agree_with_the_direct_computation() {
        let src: IpAddr = "192.168.0.10".parse().unwrap();
        let dst: IpAddr = "192.168.0.20".parse().unwrap();
        let header = [
            0xc0, 0x00, 0x00, 0x50, 0, 0, 0, 100, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0,
        ];
        let data = b"Hi!";
        let s = steps(src, dst, 6, &header, data);
        let mut whole = header.to_vec();
        whole.extend_from_slice(data);
        assert_eq!(s.checksum, transport_checksum(src, dst, 6, &whole));
    }
}
