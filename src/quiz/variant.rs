//! A student's own numbers: drawn from the teacher's secret and the
//! student's ID with HMAC-SHA256, so the same pair always gives the same
//! variant (the teacher can regenerate any student's sheet and key), two
//! students get different ones, and without the secret no one can.

use sha2::{Digest, Sha256};

use crate::chance::SplitMix64;
use crate::lesson::Lesson;
use crate::sim::link::SegmentMatch;
use crate::sim::script::{AppData, ScriptCall};
use crate::tcp::SeqNumber;

use super::spec::Vary;

/// HMAC-SHA256 (RFC 2104), written out: sha2 is already here, and the
/// construction is ten lines.
fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut k = [0u8; BLOCK];
    if key.len() > BLOCK {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| k.map(|b| b ^ byte);
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

/// The seed of a student's variant of a lesson. IDs are compared without
/// case or surrounding space, as gradebooks write them differently.
pub fn seed(secret: &str, lesson: &str, student: &str) -> u64 {
    let student = student.trim().to_lowercase();
    let message = format!("synack quiz 1\0{lesson}\0{student}");
    let mac = hmac_sha256(secret.as_bytes(), message.as_bytes());
    u64::from_be_bytes(mac[..8].try_into().unwrap_or([0; 8]))
}

/// Applies the variant `seed` draws within `vary` to `lesson`.
pub fn apply(lesson: &mut Lesson, vary: &Vary, seed: u64) {
    let mut rng = SplitMix64::new(seed);
    let mut draw = |(lo, hi): (u64, u64)| lo + rng.next_u64() % (hi - lo + 1);
    if let Some(range) = vary.isn {
        lesson.client.isn = SeqNumber(draw(range) as u32);
        lesson.server.isn = SeqNumber(draw(range) as u32);
    }
    if let Some(range) = vary.port {
        lesson.client.local.set_port(draw(range) as u16);
    }
    if let Some(range) = vary.mss {
        let mss = draw(range) as u16;
        lesson.client.mss = mss;
        lesson.server.mss = mss;
    }
    if !vary.text.is_empty() {
        let text = vary.text[draw((0, vary.text.len() as u64 - 1)) as usize].clone();
        for action in &mut lesson.script {
            if let ScriptCall::Send(AppData::Bytes(bytes)) = &mut action.call {
                *bytes = bytes::Bytes::from(text.clone().into_bytes());
            }
        }
    }
    if let Some(range) = vary.drop_nth {
        let nth = draw(range);
        if let Some(rule) = lesson
            .link
            .faults
            .iter_mut()
            .find(|r| matches!(r.what, SegmentMatch::Nth(_)))
        {
            rule.what = SegmentMatch::Nth(nth);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_test_case_2() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn a_variant_belongs_to_its_student_and_secret() {
        let a = seed("s3cret", "lost-syn", "alice");
        assert_eq!(a, seed("s3cret", "lost-syn", " Alice "));
        assert_ne!(a, seed("s3cret", "lost-syn", "bob"));
        assert_ne!(a, seed("other", "lost-syn", "alice"));
        assert_ne!(a, seed("s3cret", "handshake", "alice"));
    }
}
