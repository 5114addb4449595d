//! Gathered writes: many slices (frame headers and payloads, or a buffer's
//! payload ranges) in as few system calls as the system allows.

use std::io::{self, IoSlice, Write};

/// Writes every slice, however the system splits the writes. Empty slices
/// are fine anywhere.
pub fn write_all_vectored(out: &mut impl Write, mut slices: &mut [IoSlice<'_>]) -> io::Result<()> {
    IoSlice::advance_slices(&mut slices, 0);
    while !slices.is_empty() {
        match out.write_vectored(slices) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => IoSlice::advance_slices(&mut slices, n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes at most 5 bytes per call, to make the loop go round.
    struct Trickle(Vec<u8>);

    impl Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let n = buf.len().min(5);
            self.0.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn every_byte_arrives_in_order_with_empty_slices_anywhere() {
        let parts: [&[u8]; 5] = [b"", b"hello", b"", b" wide ", b"world"];
        let mut slices: Vec<IoSlice<'_>> = parts.iter().map(|p| IoSlice::new(p)).collect();
        let mut out = Trickle(Vec::new());
        write_all_vectored(&mut out, &mut slices).unwrap();
        assert_eq!(out.0, b"hello wide world");
        let mut none: Vec<IoSlice<'_>> = vec![IoSlice::new(b""), IoSlice::new(b"")];
        write_all_vectored(&mut out, &mut none).unwrap();
    }
}
