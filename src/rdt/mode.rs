//! The three protocols and the names the handshake accepts for them.

use super::seq::SeqSpace;

/// A mode of operation, agreed in the handshake.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    StopAndWait,
    GoBackN,
    SelectiveRepeat,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::StopAndWait, Mode::GoBackN, Mode::SelectiveRepeat];

    /// The name the handshake uses: `Stop-and-Wait`, `Go-Back-N`, `Selective-Repeat`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::StopAndWait => "Stop-and-Wait",
            Mode::GoBackN => "Go-Back-N",
            Mode::SelectiveRepeat => "Selective-Repeat",
        }
    }

    /// `saw`, `gbn`, `sr`.
    pub fn short(self) -> &'static str {
        match self {
            Mode::StopAndWait => "saw",
            Mode::GoBackN => "gbn",
            Mode::SelectiveRepeat => "sr",
        }
    }

    /// Any accepted name, case-insensitive; spaces and underscores count as
    /// hyphens, and `Repetição Seletiva` may be written with or without accents.
    pub fn parse(text: &str) -> Option<Mode> {
        let norm: String = text
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| match c {
                ' ' | '_' => '-',
                'ç' => 'c',
                'ã' | 'á' | 'â' => 'a',
                'é' | 'ê' => 'e',
                c => c,
            })
            .collect();
        match norm.as_str() {
            "stop-and-wait" | "saw" | "pare-e-espere" => Some(Mode::StopAndWait),
            "go-back-n" | "gbn" | "volta-n" => Some(Mode::GoBackN),
            "selective-repeat" | "sr" | "repeticao-seletiva" => Some(Mode::SelectiveRepeat),
            _ => None,
        }
    }

    /// The window when none is asked for.
    pub fn default_window(self) -> u16 {
        match self {
            Mode::StopAndWait => 1,
            _ => 4,
        }
    }

    /// The largest window that works with `space`: stop-and-wait 1; Go-Back-N
    /// one less than the space (else a whole lost window of ACKs looks like a
    /// new window acknowledged); Selective Repeat half the space (else an old
    /// packet looks like a new one in the receive window).
    pub fn max_window(self, space: SeqSpace) -> u32 {
        match self {
            Mode::StopAndWait => 1,
            Mode::GoBackN => space.size() - 1,
            Mode::SelectiveRepeat => space.size() / 2,
        }
    }

    /// The sequence-number bits to use when none are asked for: the fewest
    /// that work with `window` on a channel that keeps packets in order, and
    /// one more (twice the numbers) when the channel reorders, because the
    /// textbook limits assume it does not: a late ACK or packet from the last
    /// round could pass for one of this round.
    pub fn safe_bits(self, window: u16, reordering: bool) -> u8 {
        (self.default_bits(window) + u8::from(reordering)).min(SeqSpace::MAX_BITS)
    }

    /// The fewest sequence-number bits that work with `window`.
    pub fn default_bits(self, window: u16) -> u8 {
        (1..=SeqSpace::MAX_BITS)
            .find(|&b| SeqSpace::new(b).is_some_and(|s| self.max_window(s) >= u32::from(window)))
            .unwrap_or(SeqSpace::MAX_BITS)
    }
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_in_every_accepted_form() {
        for (text, mode) in [
            ("Go-Back-N", Mode::GoBackN),
            ("go-back-n", Mode::GoBackN),
            ("GBN", Mode::GoBackN),
            ("Stop-and-Wait", Mode::StopAndWait),
            ("stop and wait", Mode::StopAndWait),
            ("saw", Mode::StopAndWait),
            ("Selective-Repeat", Mode::SelectiveRepeat),
            ("Repetição Seletiva", Mode::SelectiveRepeat),
            ("REPETICAO SELETIVA", Mode::SelectiveRepeat),
            ("sr", Mode::SelectiveRepeat),
        ] {
            assert_eq!(Mode::parse(text), Some(mode), "{text}");
        }
        assert_eq!(Mode::parse("tcp"), None);
    }

    #[test]
    fn default_bits_fit_the_window() {
        assert_eq!(Mode::StopAndWait.default_bits(1), 1);
        assert_eq!(Mode::GoBackN.default_bits(4), 3);
        assert_eq!(Mode::GoBackN.default_bits(7), 3);
        assert_eq!(Mode::SelectiveRepeat.default_bits(4), 3);
        assert_eq!(Mode::SelectiveRepeat.default_bits(5), 4);
    }
}
