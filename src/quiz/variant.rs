//! A student's own numbers: drawn from the teacher's secret and the
//! student's ID with HMAC-SHA256, so the same pair always gives the same
//! variant (the teacher can regenerate any student's sheet and key), two
//! students get different ones, and without the secret no one can.

use sha2::{Digest, Sha256};

use crate::chance::SplitMix64;
use crate::lesson::Lesson;
use crate::rdt::fault::{FaultAction, Target};
use crate::rdt::lesson::RdtLesson;
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

/// The draws of one variant, in a fixed order, so adding a key to `[vary]`
/// never changes what the keys before it draw.
struct Draws(SplitMix64);

impl Draws {
    fn within(&mut self, (lo, hi): (u64, u64)) -> u64 {
        lo + self.0.next_u64() % (hi - lo + 1)
    }

    fn one_of<'a>(&mut self, list: &'a [String]) -> &'a str {
        &list[self.within((0, list.len() as u64 - 1)) as usize]
    }
}

/// Applies the variant `seed` draws within `vary` to a TCP lesson.
pub fn apply(lesson: &mut Lesson, vary: &Vary, seed: u64) {
    let mut draw = Draws(SplitMix64::new(seed));
    if let Some(range) = vary.isn {
        lesson.client.isn = SeqNumber(draw.within(range) as u32);
        lesson.server.isn = SeqNumber(draw.within(range) as u32);
    }
    if let Some(range) = vary.port {
        lesson.client.local.set_port(draw.within(range) as u16);
    }
    if let Some(range) = vary.mss {
        let mss = draw.within(range) as u16;
        lesson.client.mss = mss;
        lesson.server.mss = mss;
    }
    if !vary.text.is_empty() {
        let text = draw.one_of(&vary.text).to_string();
        for action in &mut lesson.script {
            if let ScriptCall::Send(AppData::Bytes(bytes)) = &mut action.call {
                *bytes = bytes::Bytes::from(text.clone().into_bytes());
            }
        }
    }
    if let Some(range) = vary.drop_nth {
        let nth = draw.within(range);
        if let Some(rule) = lesson
            .link
            .faults
            .iter_mut()
            .find(|r| matches!(r.what, SegmentMatch::Nth(_)))
        {
            rule.what = SegmentMatch::Nth(nth);
        }
    }
    if let Some(range) = vary.seed {
        lesson.seed = draw.within(range);
    }
}

/// Applies the variant `seed` draws within `vary` to a reliable-transfer
/// lesson: the client's port, the messages' text, which packet the first
/// counted drop rule loses, and the random faults' seed (ISNs and MSS have
/// no meaning there).
pub fn apply_rdt(lesson: &mut RdtLesson, vary: &Vary, seed: u64) {
    let mut draw = Draws(SplitMix64::new(seed));
    if let Some(range) = vary.port {
        lesson.client.set_port(draw.within(range) as u16);
    }
    if !vary.text.is_empty() {
        let text = draw.one_of(&vary.text).to_string();
        for (_, message) in &mut lesson.messages {
            *message = bytes::Bytes::from(text.clone().into_bytes());
        }
    }
    if let Some(range) = vary.drop_nth {
        let nth = draw.within(range);
        let counted = lesson.faults.rules.iter_mut().find(|r| {
            r.action == FaultAction::Drop
                && matches!(r.target, Target::Nth(_) | Target::NthFrom(..))
        });
        if let Some(rule) = counted {
            rule.target = match rule.target {
                Target::NthFrom(host, _) => Target::NthFrom(host, nth),
                _ => Target::Nth(nth),
            };
        }
    }
    if let Some(range) = vary.seed {
        lesson.faults.seed = draw.within(range);
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
