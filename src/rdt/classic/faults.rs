//! The server's faults in the classic mode with errors: per message it
//! decides whether to answer `ERRO_CORROMPIDO`, not to answer, or to answer
//! late. The same `--loss`, `--corrupt` and `--seed` as the lab's packet
//! faults, seeded the same way, so a seed replays the same session; the
//! delay is this mode's own (`--delay`). TCP carries every byte the server
//! writes: these faults are decided by the application, above TCP.

use std::time::Duration;

use super::DelayRange;
use super::trace::Decision;
use crate::chance::SplitMix64;
use crate::rdt::fault::{FaultAction, FaultConfig, Target};
use crate::trace::Host;

/// The decisions for one session's answers.
#[derive(Debug)]
pub struct ClassicFaults {
    config: FaultConfig,
    delay: Option<DelayRange>,
    rng: SplitMix64,
    /// Answers decided so far.
    answers: u64,
}

impl ClassicFaults {
    /// `config`'s loss and corruption (and its rules that count answers:
    /// `--drop 2`, `--flip server:3`); `delay`, if any, for every answer
    /// that goes out.
    pub fn new(config: FaultConfig, delay: Option<DelayRange>) -> ClassicFaults {
        // Mixed with a constant of its own, so the classic draws are not the
        // packet layer's for the same seed.
        let rng = SplitMix64::new(config.seed ^ 0x636c_6173_7369_6321);
        ClassicFaults {
            config,
            delay,
            rng,
            answers: 0,
        }
    }

    /// Whether any fault can happen at all.
    pub fn is_clean(&self) -> bool {
        self.config.loss == 0.0
            && self.config.corrupt == 0.0
            && self.delay.is_none()
            && self.config.rules.is_empty()
    }

    /// What happens to the next answer, in order: a loss or a corruption
    /// (never both), then a delay for an answer that goes out.
    pub fn decide(&mut self) -> Vec<Decision> {
        self.answers += 1;
        // Always three draws per answer, so one fault does not shift the next.
        let draws = [
            self.rng.next_f64(),
            self.rng.next_f64(),
            self.rng.next_f64(),
        ];
        let n = self.answers;
        let scripted = self.config.rules.iter().find(|r| match r.target {
            Target::Nth(k) | Target::NthFrom(Host::Server, k) => k == n,
            _ => false,
        });
        let mut out = Vec::new();
        match scripted.map(|r| r.action) {
            Some(FaultAction::Drop) => out.push(Decision::Lose { rule: true }),
            Some(FaultAction::Corrupt) => out.push(Decision::Corrupt { rule: true }),
            _ if draws[0] < self.config.loss => out.push(Decision::Lose { rule: false }),
            _ if draws[1] < self.config.corrupt => out.push(Decision::Corrupt { rule: false }),
            _ => {}
        }
        if out.iter().any(|d| matches!(d, Decision::Lose { .. })) {
            return out;
        }
        if let Some(range) = self.delay {
            let span = range.max.saturating_sub(range.min).as_micros() as f64;
            let micros = range.min.as_micros() as f64 + draws[2] * span;
            out.push(Decision::Delay(
                Duration::from_micros(micros.round() as u64),
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rdt::fault::FaultRule;

    #[test]
    fn the_same_seed_decides_the_same_and_rates_hold() {
        let config = FaultConfig {
            loss: 0.1,
            corrupt: 0.1,
            seed: 4,
            ..FaultConfig::default()
        };
        let run = || {
            let mut f = ClassicFaults::new(config.clone(), Some(super::super::CLASSIC_DELAY));
            (0..2000).map(|_| f.decide()).collect::<Vec<_>>()
        };
        let a = run();
        assert_eq!(a, run());
        let lost = a
            .iter()
            .filter(|d| d.contains(&Decision::Lose { rule: false }))
            .count();
        assert!((150..250).contains(&lost), "{lost}");
        for d in a.iter().flatten() {
            if let Decision::Delay(t) = d {
                assert!((200..=1000).contains(&t.as_millis()), "{t:?}");
            }
        }
    }

    #[test]
    fn rules_count_answers() {
        let rule = |action, target| FaultRule {
            action,
            target,
            bare: false,
        };
        let mut f = ClassicFaults::new(
            FaultConfig {
                rules: vec![
                    rule(FaultAction::Drop, Target::Nth(2)),
                    rule(FaultAction::Corrupt, Target::NthFrom(Host::Server, 3)),
                ],
                ..FaultConfig::default()
            },
            None,
        );
        assert_eq!(f.decide(), []);
        assert_eq!(f.decide(), [Decision::Lose { rule: true }]);
        assert_eq!(f.decide(), [Decision::Corrupt { rule: true }]);
        assert_eq!(f.decide(), []);
    }
}
