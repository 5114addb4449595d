//! The fault layer: what a bad channel does to packets, seeded so every run
//! with the same seed meets the same faults. It sits between a side's
//! protocol and its link (in the simulator, both sides share one; on real
//! sockets each side has its own, for what it sends) and is sans-IO: it
//! judges each packet and holds back the ones it reorders, releasing them
//! after the next packet or after a short wait. The counting and the holding
//! back are the TCP simulator's too ([`crate::fault`]); the faults, their
//! draws and the flipped bit are this lab's.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;

use super::packet::Kind;
use crate::chance::SplitMix64;
use crate::fault::{Holdback, Ordinal, Tally};
use crate::time::Instant;
use crate::trace::Host;

/// How long a reordered packet waits for a later one to overtake it.
pub const REORDER_WAIT: Duration = Duration::from_millis(30);

/// What a scripted fault does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FaultAction {
    Drop,
    Corrupt,
    Duplicate,
    Reorder,
}

impl FaultAction {
    pub fn parse(text: &str) -> Option<FaultAction> {
        match text.trim().to_ascii_lowercase().as_str() {
            "drop" | "lose" | "loss" => Some(FaultAction::Drop),
            "corrupt" | "flip" => Some(FaultAction::Corrupt),
            "duplicate" | "dup" => Some(FaultAction::Duplicate),
            "reorder" => Some(FaultAction::Reorder),
            _ => None,
        }
    }
}

impl FaultAction {
    /// How the command line asks for it (`--drop`, `--flip`); the actions
    /// only lessons script go by their lesson name.
    pub fn option(self) -> &'static str {
        match self {
            FaultAction::Drop => "--drop",
            FaultAction::Corrupt => "--flip",
            FaultAction::Duplicate => "duplicate",
            FaultAction::Reorder => "reorder",
        }
    }
}

/// What a packet is, for rules that name packets by kind and number: the
/// fault layer itself sees only bytes (sealed, in secure mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PacketId {
    pub kind: Kind,
    pub seq: u16,
}

/// Which packet a scripted fault hits. Counting packets and numbering them
/// are different things (packets count from 1, sequence numbers start at 0),
/// so a rule says which it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// The n-th packet on the link, both directions, from 1 (`nth:N`).
    Nth(u64),
    /// The n-th packet one side sends, from 1 (`client:N`, `server:N`).
    NthFrom(Host, u64),
    /// The first packet of this kind carrying this sequence number
    /// (`data:N`, `ack:N`, `nak:N`): its first transmission; a resend, or a
    /// later packet after the numbers wrap, passes.
    Packet(Kind, u16),
}

impl Target {
    /// Whether the packet `id`, sent by `from` and counted `at`, is this one.
    fn hits(self, from: Host, at: Ordinal, id: PacketId) -> bool {
        match self {
            Target::Nth(n) => at.counted_by(None) == n,
            Target::NthFrom(h, n) => h == from && at.counted_by(Some(h)) == n,
            Target::Packet(kind, seq) => id.kind == kind && id.seq == seq,
        }
    }
}

impl fmt::Display for Target {
    /// The explicit spelling: `nth:2`, `client:2`, `data:1`, `ack:0`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Nth(n) => write!(f, "nth:{n}"),
            Target::NthFrom(h, n) => write!(f, "{}:{n}", h.name()),
            Target::Packet(kind, seq) => {
                write!(f, "{}:{seq}", kind.name().to_ascii_lowercase())
            }
        }
    }
}

/// `action` on the packet `target` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FaultRule {
    pub action: FaultAction,
    pub target: Target,
    /// Written as a bare number (`--drop 2`, meaning `nth:2`): the output
    /// then spells out which rule that is, since a reader easily takes the
    /// number for a sequence number.
    pub bare: bool,
}

impl FaultRule {
    /// The rule as the output shows it where it hits: `--drop data:1`, or
    /// for a bare number `--drop 2 = nth:2`.
    pub fn spelled(&self) -> String {
        match self.target {
            Target::Nth(n) if self.bare => {
                format!("{} {n} = {}", self.action.option(), self.target)
            }
            _ => format!("{} {}", self.action.option(), self.target),
        }
    }
}

/// The faults of a channel.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FaultConfig {
    /// Probability that a packet is lost.
    pub loss: f64,
    /// Probability that one of its bits is flipped.
    pub corrupt: f64,
    /// Probability that it arrives twice.
    pub dup: f64,
    /// Probability that the next packet overtakes it.
    pub reorder: f64,
    pub rules: Vec<FaultRule>,
    pub seed: u64,
}

impl FaultConfig {
    /// Whether this channel can deliver packets out of order, at random or
    /// by a scripted rule: the sequence numbers then need more room.
    pub fn reorders(&self) -> bool {
        self.reorder > 0.0 || self.rules.iter().any(|r| r.action == FaultAction::Reorder)
    }

    pub fn is_clean(&self) -> bool {
        self.loss == 0.0
            && self.corrupt == 0.0
            && self.dup == 0.0
            && self.reorder == 0.0
            && self.rules.is_empty()
    }
}

/// What happens to one packet; a scripted fault carries its rule, so the
/// output can say which rule hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    Pass,
    Lost {
        rule: Option<FaultRule>,
    },
    /// Bit `bit` (0 = the first byte's most significant bit) is flipped.
    Corrupted {
        bit: usize,
        rule: Option<FaultRule>,
    },
    Duplicated {
        rule: Option<FaultRule>,
    },
    Reordered {
        rule: Option<FaultRule>,
    },
}

impl Verdict {
    /// The scripted rule that did this; `None` for chance (or a pass).
    pub fn rule(&self) -> Option<FaultRule> {
        match *self {
            Verdict::Pass => None,
            Verdict::Lost { rule }
            | Verdict::Corrupted { rule, .. }
            | Verdict::Duplicated { rule }
            | Verdict::Reordered { rule } => rule,
        }
    }
}

/// Judges packets and holds reordered ones.
#[derive(Debug)]
pub struct FaultLayer {
    config: FaultConfig,
    rng: SplitMix64,
    tally: Tally,
    /// Per rule, whether it has hit: each hits one packet.
    fired: Vec<bool>,
    /// A packet held back, per sender, until it goes anyway.
    held: Holdback<Bytes, Instant>,
}

impl FaultLayer {
    pub fn new(config: FaultConfig) -> FaultLayer {
        // Mixed with a constant so seed 0 is as good as any other.
        let rng = SplitMix64::new(config.seed ^ 0x7264_745f_6661_756c);
        FaultLayer {
            fired: vec![false; config.rules.len()],
            config,
            rng,
            tally: Tally::default(),
            held: Holdback::default(),
        }
    }

    fn judge(&mut self, from: Host, id: PacketId, len: usize) -> Verdict {
        let at = self.tally.count(from);
        // Always four draws per packet, so one fault does not shift the next.
        let draws = [
            self.rng.next_f64(),
            self.rng.next_f64(),
            self.rng.next_f64(),
            self.rng.next_f64(),
        ];
        let bit = (self.rng.next_u64() % (len.max(1) as u64 * 8)) as usize;
        let scripted = self
            .config
            .rules
            .iter()
            .zip(&self.fired)
            .position(|(r, fired)| !fired && r.target.hits(from, at, id));
        if let Some(i) = scripted {
            self.fired[i] = true;
            let rule = self.config.rules[i];
            let by = Some(rule);
            return match rule.action {
                FaultAction::Drop => Verdict::Lost { rule: by },
                FaultAction::Corrupt => Verdict::Corrupted { bit, rule: by },
                FaultAction::Duplicate => Verdict::Duplicated { rule: by },
                FaultAction::Reorder => Verdict::Reordered { rule: by },
            };
        }
        let c = &self.config;
        if draws[0] < c.loss {
            Verdict::Lost { rule: None }
        } else if draws[1] < c.corrupt {
            Verdict::Corrupted { bit, rule: None }
        } else if draws[2] < c.dup {
            Verdict::Duplicated { rule: None }
        } else if draws[3] < c.reorder {
            Verdict::Reordered { rule: None }
        } else {
            Verdict::Pass
        }
    }

    /// Decides what happens to `wire` (the packet `id`), sent by `from` at
    /// `now`, and appends to `out` what goes on the link now, in order
    /// (nothing when lost or held). A packet held earlier goes right after
    /// this one: it has been overtaken.
    pub fn send(
        &mut self,
        now: Instant,
        from: Host,
        id: PacketId,
        wire: Bytes,
        out: &mut Vec<Bytes>,
    ) -> Verdict {
        let verdict = self.judge(from, id, wire.len());
        let released = self.held.take(from);
        match verdict {
            Verdict::Pass => out.push(wire),
            Verdict::Lost { .. } => {}
            Verdict::Corrupted { bit, .. } => {
                let mut bytes = wire.to_vec();
                if let Some(b) = bytes.get_mut(bit / 8) {
                    *b ^= 0x80 >> (bit % 8);
                }
                out.push(Bytes::from(bytes));
            }
            Verdict::Duplicated { .. } => {
                out.push(wire.clone());
                out.push(wire);
            }
            Verdict::Reordered { .. } => {
                self.held.hold(from, wire, now + REORDER_WAIT);
            }
        }
        out.extend(released);
        verdict
    }

    /// When a held packet must go even if nothing overtakes it.
    pub fn next_release(&self) -> Option<Instant> {
        self.held.earliest()
    }

    /// The held packets due at `now`, with their senders.
    pub fn release(&mut self, now: Instant) -> Vec<(Host, Bytes)> {
        Host::BOTH
            .into_iter()
            .filter_map(|host| Some((host, self.held.take_if(host, |at| at <= now)?)))
            .collect()
    }
}

/// Why a fault target does not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetError {
    /// Before the colon, neither a packet kind nor a side nor `nth`.
    UnknownKind { kind: String },
    /// After `data:`, `ack:` or `nak:`, not a sequence number (0 to 65535).
    NotSeq { kind: String, number: String },
    /// A count (bare, `nth:`, `client:`, `server:`) that is not a whole
    /// number from 1.
    NotCount {
        kind: Option<String>,
        number: String,
    },
}

/// Parses a scripted fault target: `data:N`, `ack:N` or `nak:N` (by
/// sequence number, from 0), `nth:N` (the N-th packet on the link, from 1),
/// `client:N` or `server:N` (that side's N-th), or a bare `N`, which means
/// `nth:N` and is kept because lessons and notes already use it (the rule
/// then says so where it hits). Returns the target and whether it was bare.
pub fn parse_target(text: &str) -> Result<(Target, bool), TargetError> {
    let text = text.trim();
    let Some((kind, number)) = text.split_once(':') else {
        let n = count(text).ok_or_else(|| TargetError::NotCount {
            kind: None,
            number: text.to_string(),
        })?;
        return Ok((Target::Nth(n), true));
    };
    let (kind, number) = (kind.trim().to_ascii_lowercase(), number.trim());
    let packet = match kind.as_str() {
        "data" => Some(Kind::Data),
        "ack" => Some(Kind::Ack),
        "nak" => Some(Kind::Nak),
        _ => None,
    };
    if let Some(packet) = packet {
        let seq = number.parse::<u16>().map_err(|_| TargetError::NotSeq {
            kind: kind.clone(),
            number: number.to_string(),
        })?;
        return Ok((Target::Packet(packet, seq), false));
    }
    let n = || {
        count(number).ok_or_else(|| TargetError::NotCount {
            kind: Some(kind.clone()),
            number: number.to_string(),
        })
    };
    if kind == "nth" {
        return Ok((Target::Nth(n()?), false));
    }
    match Host::parse(&kind) {
        Some(host) => Ok((Target::NthFrom(host, n()?), false)),
        None => Err(TargetError::UnknownKind { kind }),
    }
}

/// A whole number from 1.
fn count(text: &str) -> Option<u64> {
    text.parse::<u64>().ok().filter(|n| *n >= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATA0: PacketId = PacketId {
        kind: Kind::Data,
        seq: 0,
    };

    fn layer(config: FaultConfig) -> FaultLayer {
        FaultLayer::new(config)
    }

    #[test]
    fn scripted_drop_hits_exactly_the_nth() {
        let mut l = layer(FaultConfig {
            rules: vec![FaultRule {
                action: FaultAction::Drop,
                target: Target::Nth(2),
                bare: true,
            }],
            ..FaultConfig::default()
        });
        let mut out = Vec::new();
        let v: Vec<Verdict> = (0..3)
            .map(|_| {
                l.send(
                    Instant::ZERO,
                    Host::Client,
                    DATA0,
                    Bytes::from_static(b"x"),
                    &mut out,
                )
            })
            .collect();
        assert_eq!(
            v,
            [
                Verdict::Pass,
                Verdict::Lost {
                    rule: Some(FaultRule {
                        action: FaultAction::Drop,
                        target: Target::Nth(2),
                        bare: true,
                    })
                },
                Verdict::Pass
            ]
        );
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn same_seed_same_faults_and_rates_hold() {
        let config = FaultConfig {
            loss: 0.3,
            seed: 9,
            ..FaultConfig::default()
        };
        let run = || {
            let mut l = layer(config.clone());
            let mut out = Vec::new();
            (0..1000)
                .map(|_| {
                    l.send(
                        Instant::ZERO,
                        Host::Server,
                        DATA0,
                        Bytes::from_static(b"ab"),
                        &mut out,
                    )
                })
                .collect::<Vec<_>>()
        };
        let a = run();
        assert_eq!(a, run());
        let lost = a
            .iter()
            .filter(|v| matches!(v, Verdict::Lost { .. }))
            .count();
        assert!((250..350).contains(&lost), "{lost}");
    }

    #[test]
    fn a_reordered_packet_follows_the_next_one_or_its_timer() {
        let mut l = layer(FaultConfig {
            rules: vec![FaultRule {
                action: FaultAction::Reorder,
                target: Target::Nth(1),
                bare: false,
            }],
            ..FaultConfig::default()
        });
        let mut out = Vec::new();
        l.send(
            Instant::ZERO,
            Host::Client,
            DATA0,
            Bytes::from_static(b"1"),
            &mut out,
        );
        assert!(out.is_empty());
        assert_eq!(l.next_release(), Some(Instant::ZERO + REORDER_WAIT));
        l.send(
            Instant::ZERO,
            Host::Client,
            DATA0,
            Bytes::from_static(b"2"),
            &mut out,
        );
        assert_eq!(out, [Bytes::from_static(b"2"), Bytes::from_static(b"1")]);
        assert_eq!(l.next_release(), None);
    }

    #[test]
    fn corruption_flips_one_bit() {
        let mut l = layer(FaultConfig {
            corrupt: 1.0,
            ..FaultConfig::default()
        });
        let mut out = Vec::new();
        let v = l.send(
            Instant::ZERO,
            Host::Client,
            DATA0,
            Bytes::from_static(&[0; 4]),
            &mut out,
        );
        let Verdict::Corrupted { bit, .. } = v else {
            panic!("{v:?}")
        };
        let ones: u32 = out[0].iter().map(|b| b.count_ones()).sum();
        assert_eq!(ones, 1);
        assert_eq!(out[0][bit / 8], 0x80 >> (bit % 8));
    }

    #[test]
    fn targets_parse() {
        let ok = |t: Target, bare: bool| Ok((t, bare));
        assert_eq!(parse_target("3"), ok(Target::Nth(3), true));
        assert_eq!(parse_target("nth:3"), ok(Target::Nth(3), false));
        assert_eq!(
            parse_target("server:2"),
            ok(Target::NthFrom(Host::Server, 2), false)
        );
        assert_eq!(
            parse_target("DATA:1"),
            ok(Target::Packet(Kind::Data, 1), false)
        );
        assert_eq!(
            parse_target("ack:0"),
            ok(Target::Packet(Kind::Ack, 0), false)
        );
        assert_eq!(
            parse_target("nak:7"),
            ok(Target::Packet(Kind::Nak, 7), false)
        );
        assert!(matches!(
            parse_target("0"),
            Err(TargetError::NotCount { kind: None, .. })
        ));
        assert!(matches!(
            parse_target("nth:0"),
            Err(TargetError::NotCount { kind: Some(_), .. })
        ));
        assert!(matches!(
            parse_target("data:x"),
            Err(TargetError::NotSeq { .. })
        ));
        assert!(matches!(
            parse_target("data:65536"),
            Err(TargetError::NotSeq { .. })
        ));
        assert!(matches!(
            parse_target("foo:1"),
            Err(TargetError::UnknownKind { .. })
        ));
        assert!(parse_target("").is_err());
        assert!(parse_target(":").is_err());
    }

    #[test]
    fn a_rule_by_number_hits_the_first_transmission_only() {
        let rule = FaultRule {
            action: FaultAction::Drop,
            target: Target::Packet(Kind::Data, 1),
            bare: false,
        };
        let mut l = layer(FaultConfig {
            rules: vec![rule],
            ..FaultConfig::default()
        });
        let mut out = Vec::new();
        let mut send = |from, kind, seq| {
            l.send(
                Instant::ZERO,
                from,
                PacketId { kind, seq },
                Bytes::from_static(b"x"),
                &mut out,
            )
        };
        assert_eq!(send(Host::Client, Kind::Data, 0), Verdict::Pass);
        assert_eq!(send(Host::Server, Kind::Ack, 1), Verdict::Pass);
        assert_eq!(
            send(Host::Client, Kind::Data, 1),
            Verdict::Lost { rule: Some(rule) }
        );
        assert_eq!(send(Host::Client, Kind::Data, 1), Verdict::Pass);
    }

    #[test]
    fn rules_say_what_they_mean() {
        let rule = |action, target, bare| FaultRule {
            action,
            target,
            bare,
        };
        assert_eq!(
            rule(FaultAction::Drop, Target::Nth(2), true).spelled(),
            "--drop 2 = nth:2"
        );
        assert_eq!(
            rule(FaultAction::Drop, Target::Packet(Kind::Data, 1), false).spelled(),
            "--drop data:1"
        );
        assert_eq!(
            rule(
                FaultAction::Corrupt,
                Target::NthFrom(Host::Server, 3),
                false
            )
            .spelled(),
            "--flip server:3"
        );
    }
}
