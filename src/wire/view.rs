//! The shape every header view shares, written once: each codec is a checked
//! view over a byte buffer (as smoltcp's `wire` does it), and without these
//! macros each file would spell out again the same struct, the same two
//! constructors and a getter and a setter per field, differing only in names
//! and offsets. What differs between headers (further checks, fields that are
//! bits of a byte, payloads) stays written out in its own file.

/// Declares a view type `$name<T: AsRef<[u8]>>` over a buffer, with
/// `new_unchecked` (for emitting into a buffer sized for a header) and
/// `new_checked` (for untrusted bytes): fewer than `$min` bytes is
/// `TooShort { what: $part }`, then the optional `$check` method runs the
/// header's own checks, so that after it no accessor can panic.
macro_rules! view {
    ($(#[$meta:meta])* $name:ident, $min:expr, $part:expr $(, then $check:ident)?) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug)]
        pub struct $name<T: AsRef<[u8]>> {
            buffer: T,
        }

        impl<T: AsRef<[u8]>> $name<T> {
            /// A view trusted to hold a whole header: for emitting into a
            /// buffer sized for one, never for bytes read from outside.
            pub fn new_unchecked(buffer: T) -> Self {
                $name { buffer }
            }

            /// A view of untrusted bytes; after this no accessor can panic.
            pub fn new_checked(buffer: T) -> Result<Self, $crate::wire::WireError> {
                let bytes = buffer.as_ref();
                if bytes.len() < $min {
                    return Err($crate::wire::error::too_short($part, bytes));
                }
                let view = $name { buffer };
                $(let view = view.$check()?;)?
                Ok(view)
            }
        }
    };
}

/// Declares, for the view `$name`, a getter and a setter per field from one
/// line `getter / setter: Type = offset;`, the type being any
/// `be::Field` (bytes, big-endian integers, addresses).
/// Doc comments on a line go on its getter.
macro_rules! fields {
    ($name:ident { $($(#[$doc:meta])* $get:ident / $set:ident: $ty:ty = $at:expr;)* }) => {
        impl<T: AsRef<[u8]>> $name<T> {
            $(
                $(#[$doc])*
                pub fn $get(&self) -> $ty {
                    use $crate::wire::be::Field;
                    <$ty>::read(&self.buffer.as_ref()[$at..$at + <$ty>::LEN])
                }
            )*
        }

        impl<T: AsRef<[u8]> + AsMut<[u8]>> $name<T> {
            $(
                pub fn $set(&mut self, value: $ty) {
                    use $crate::wire::be::Field;
                    value.write(&mut self.buffer.as_mut()[$at..$at + <$ty>::LEN]);
                }
            )*
        }
    };
}

pub(crate) use {fields, view};

/// Asserts that `read` finds each cut of `bytes` in `cuts` too short for
/// `what`: the truncation test every codec has, written once.
#[cfg(test)]
pub(crate) fn assert_too_short(
    bytes: &[u8],
    cuts: std::ops::Range<usize>,
    what: super::Part,
    read: impl Fn(&[u8]) -> Option<super::WireError>,
) {
    for cut in cuts {
        let len = cut;
        let expected = super::WireError::TooShort { what, len };
        assert_eq!(read(&bytes[..cut]), Some(expected), "cut at {cut}");
    }
}

/// A `header`-byte buffer that `emit` fills, then `payload`: the bytes every
/// codec's tests start from.
#[cfg(test)]
pub(crate) fn header_then(header: usize, payload: &[u8], emit: impl FnOnce(&mut [u8])) -> Vec<u8> {
    let mut bytes = vec![0u8; header];
    emit(&mut bytes);
    bytes.extend_from_slice(payload);
    bytes
}
