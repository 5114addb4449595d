//! Parsed values that keep bytes of a frame (a payload, a header) hold them
//! as `Bytes`. When the frame itself is a slice of a shared buffer (a block
//! of a capture file), those are slices of it: no allocation and no copy per
//! packet. Otherwise they are copied out.

use bytes::Bytes;

/// `part` as `Bytes`: a slice of `owner` when it lies inside it, else a copy.
pub(crate) fn bytes_of(owner: Option<&Bytes>, part: &[u8]) -> Bytes {
    if let Some(owner) = owner {
        let start = (part.as_ptr() as usize).wrapping_sub(owner.as_ptr() as usize);
        if start <= owner.len() && part.len() <= owner.len() - start {
            return owner.slice(start..start + part.len());
        }
    }
    Bytes::copy_from_slice(part)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_inside_is_shared_and_one_outside_is_copied() {
        let owner = Bytes::from_static(b"0123456789");
        let inside = bytes_of(Some(&owner), &owner[2..5]);
        assert_eq!(&inside[..], b"234");
        assert_eq!(inside.as_ptr(), owner[2..].as_ptr());
        let elsewhere = [1u8, 2, 3];
        let copied = bytes_of(Some(&owner), &elsewhere);
        assert_eq!(&copied[..], &elsewhere);
        assert_ne!(copied.as_ptr(), elsewhere.as_ptr());
        assert_eq!(&bytes_of(None, b"ab")[..], b"ab");
    }
}
