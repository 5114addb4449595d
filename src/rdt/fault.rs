//! The fault layer: what a bad channel does to packets, seeded so every run
//! with the same seed meets the same faults. It sits between a side's
//! protocol and its link (in the simulator, both sides share one; on real
//! sockets each side has its own, for what it sends) and is sans-IO: it
//! judges each packet and holds back the ones it reorders, releasing them
//! after the next packet or after a short wait. The counting and the holding
//! back are the TCP simulator's too ([`crate::fault`]); the faults, their
//! draws and the flipped bit are this lab's.

use std::time::Duration;

use bytes::Bytes;

use crate::chance::SplitMix64;
use crate::fault::{Holdback, Tally};
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

/// `action` on the `nth` packet (1-based): the n-th on the link, or the n-th
/// sent by `from`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FaultRule {
    pub action: FaultAction,
    pub nth: u64,
    pub from: Option<Host>,
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

/// What happens to one packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    Pass,
    Lost {
        scripted: bool,
    },
    /// Bit `bit` (0 = the first byte's most significant bit) is flipped.
    Corrupted {
        bit: usize,
        scripted: bool,
    },
    Duplicated {
        scripted: bool,
    },
    Reordered {
        scripted: bool,
    },
}

/// Judges packets and holds reordered ones.
#[derive(Debug)]
pub struct FaultLayer {
    config: FaultConfig,
    rng: SplitMix64,
    tally: Tally,
    /// A packet held back, per sender, until it goes anyway.
    held: Holdback<Bytes, Instant>,
}

impl FaultLayer {
    pub fn new(config: FaultConfig) -> FaultLayer {
        // Mixed with a constant so seed 0 is as good as any other.
        let rng = SplitMix64::new(config.seed ^ 0x7264_745f_6661_756c);
        FaultLayer {
            config,
            rng,
            tally: Tally::default(),
            held: Holdback::default(),
        }
    }

    fn judge(&mut self, from: Host, len: usize) -> Verdict {
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
            .find(|r| r.from.is_none_or(|h| h == from) && r.nth == at.counted_by(r.from));
        if let Some(rule) = scripted {
            return match rule.action {
                FaultAction::Drop => Verdict::Lost { scripted: true },
                FaultAction::Corrupt => Verdict::Corrupted {
                    bit,
                    scripted: true,
                },
                FaultAction::Duplicate => Verdict::Duplicated { scripted: true },
                FaultAction::Reorder => Verdict::Reordered { scripted: true },
            };
        }
        let c = &self.config;
        if draws[0] < c.loss {
            Verdict::Lost { scripted: false }
        } else if draws[1] < c.corrupt {
            Verdict::Corrupted {
                bit,
                scripted: false,
            }
        } else if draws[2] < c.dup {
            Verdict::Duplicated { scripted: false }
        } else if draws[3] < c.reorder {
            Verdict::Reordered { scripted: false }
        } else {
            Verdict::Pass
        }
    }

    /// Decides what happens to `wire`, sent by `from` at `now`, and appends
    /// to `out` what goes on the link now, in order (nothing when lost or held).
    /// A packet held earlier goes right after this one: it has been overtaken.
    pub fn send(&mut self, now: Instant, from: Host, wire: Bytes, out: &mut Vec<Bytes>) -> Verdict {
        let verdict = self.judge(from, wire.len());
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

/// Parses a scripted fault target: `N`, `client:N` or `server:N`.
pub fn parse_target(text: &str) -> Option<(Option<Host>, u64)> {
    let (host, n) = match text.split_once(':') {
        Some((h, n)) => (Some(Host::parse(h)?), n),
        None => (None, text),
    };
    let n: u64 = n.trim().parse().ok()?;
    (n >= 1).then_some((host, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(config: FaultConfig) -> FaultLayer {
        FaultLayer::new(config)
    }

    #[test]
    fn scripted_drop_hits_exactly_the_nth() {
        let mut l = layer(FaultConfig {
            rules: vec![FaultRule {
                action: FaultAction::Drop,
                nth: 2,
                from: None,
            }],
            ..FaultConfig::default()
        });
        let mut out = Vec::new();
        let v: Vec<Verdict> = (0..3)
            .map(|_| {
                l.send(
                    Instant::ZERO,
                    Host::Client,
                    Bytes::from_static(b"x"),
                    &mut out,
                )
            })
            .collect();
        assert_eq!(
            v,
            [
                Verdict::Pass,
                Verdict::Lost { scripted: true },
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
                nth: 1,
                from: None,
            }],
            ..FaultConfig::default()
        });
        let mut out = Vec::new();
        l.send(
            Instant::ZERO,
            Host::Client,
            Bytes::from_static(b"1"),
            &mut out,
        );
        assert!(out.is_empty());
        assert_eq!(l.next_release(), Some(Instant::ZERO + REORDER_WAIT));
        l.send(
            Instant::ZERO,
            Host::Client,
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
        assert_eq!(parse_target("3"), Some((None, 3)));
        assert_eq!(parse_target("server:2"), Some((Some(Host::Server), 2)));
        assert_eq!(parse_target("0"), None);
        assert_eq!(parse_target("moon:1"), None);
    }
}
