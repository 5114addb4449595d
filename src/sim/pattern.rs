//! The bytes a lesson sends when it asks for "N bytes": a repeating line of
//! printable text, so bits views and Wireshark show something readable, served
//! as slices of one static buffer so a bulk transfer allocates nothing for it.

use std::sync::LazyLock;

const LINE: &[u8; 64] = b"synack-bulk-data:0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ\n";

/// The longest slice `slice` returns.
pub(super) const MAX_SLICE: usize = 64 * 1024;

static BUFFER: LazyLock<Vec<u8>> = LazyLock::new(|| {
    LINE.iter()
        .copied()
        .cycle()
        .take(MAX_SLICE + LINE.len())
        .collect()
});

/// `len` pattern bytes starting at stream offset `offset` (`len <= MAX_SLICE`).
pub(super) fn slice(offset: u64, len: usize) -> &'static [u8] {
    let start = (offset % LINE.len() as u64) as usize;
    &BUFFER[start..start + len.min(MAX_SLICE)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_continue_the_stream() {
        let joined: Vec<u8> = [slice(0, 10), slice(10, 100)].concat();
        assert_eq!(joined, slice(0, 110));
        assert_eq!(slice(64, 6), b"synack");
    }
}
