//! Big-endian fields at an offset, for the header views, which have checked
//! their lengths before reading one.

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::tcp::{Flags, SeqNumber};

pub(crate) fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::read(&bytes[at..at + 2])
}

/// A value a header holds at a fixed offset in network byte order: what lets
/// one `fields!` line declare both the getter and the setter of a field,
/// whatever its type.
pub(crate) trait Field: Sized {
    /// The bytes it takes.
    const LEN: usize;
    /// From exactly `LEN` bytes.
    fn read(bytes: &[u8]) -> Self;
    /// Into exactly `LEN` bytes.
    fn write(&self, out: &mut [u8]);
}

/// Each type once, as its bytes in network order and back.
macro_rules! be_field {
    ($($ty:ty, $len:literal: $raw:ident => $read:expr, $v:ident => $write:expr;)*) => {$(
        impl Field for $ty {
            const LEN: usize = $len;
            fn read(bytes: &[u8]) -> Self {
                let $raw: [u8; $len] = bytes.try_into().expect("a field's own bytes");
                $read
            }
            fn write(&self, out: &mut [u8]) {
                let $v = *self;
                out.copy_from_slice(&$write);
            }
        }
    )*};
}

be_field! {
    u8, 1: raw => raw[0], v => [v];
    u16, 2: raw => u16::from_be_bytes(raw), v => v.to_be_bytes();
    u32, 4: raw => u32::from_be_bytes(raw), v => v.to_be_bytes();
    [u8; 6], 6: raw => raw, v => v;
    Ipv4Addr, 4: raw => Ipv4Addr::from(raw), v => v.octets();
    Ipv6Addr, 16: raw => Ipv6Addr::from(raw), v => v.octets();
    SeqNumber, 4: raw => SeqNumber(u32::from_be_bytes(raw)), v => v.0.to_be_bytes();
    Flags, 1: raw => Flags(raw[0]), v => [v.0];
}
