//! Value parsers for numbers, with errors in the user's language. clap's own
//! (`value_parser!(u64).range(..)`) would answer in English, and value
//! parsers run before `--lang` is known, so they look at the raw arguments.

use synack::narrate::Lang;
use synack::tr;

use super::errors::lang_from_raw_args;

/// A parser for a whole number from `min` to `max` (`u64::MAX`: no upper
/// bound), `_` allowed between digits.
pub fn whole_number<T: TryFrom<u64>>(
    min: u64,
    max: u64,
) -> impl Fn(&str) -> Result<T, String> + Clone + Send + Sync + 'static {
    move |text: &str| {
        text.trim()
            .replace('_', "")
            .parse::<u64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .and_then(|n| T::try_from(n).ok())
            .ok_or_else(|| {
                let lang = lang_from_raw_args();
                if min == 0 && max == u64::MAX {
                    tr!(lang, "cli-not-whole-number", text = text)
                } else if max == u64::MAX {
                    tr!(lang, "cli-not-whole-number-from", text = text, min = min)
                } else {
                    tr!(
                        lang,
                        "cli-not-whole-number-between",
                        text = text,
                        min = min,
                        max = max
                    )
                }
            })
    }
}

/// `--lang`: a language tag in any case, with or without a region (`pt`,
/// `pt-BR`, `pt_BR`, `PT`, `en-US`, `en_GB`), as `LANG=pt_BR.UTF-8` already
/// is; only the language part decides.
pub fn language(text: &str) -> Result<Lang, String> {
    Lang::parse(text).ok_or_else(|| {
        let lang = lang_from_raw_args();
        tr!(lang, "cli-not-language", text = text)
    })
}

/// `--frame`: `N` (that frame), `N-M` (both included) or `N-` (to the end),
/// frames counted from 1 as in Wireshark.
pub fn frame_range(text: &str) -> Result<(u32, u32), String> {
    let number = |t: &str| {
        t.trim()
            .replace('_', "")
            .parse::<u32>()
            .ok()
            .filter(|n| *n >= 1)
    };
    let range = match text.split_once('-') {
        None => number(text).map(|n| (n, n)),
        Some((from, "")) => number(from).map(|n| (n, u32::MAX)),
        Some((from, to)) => number(from).zip(number(to)),
    };
    range.filter(|(from, to)| from <= to).ok_or_else(|| {
        let lang = lang_from_raw_args();
        tr!(lang, "cli-bad-frame-range", text = text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_taken_in_any_case_with_or_without_a_region() {
        for tag in ["pt", "pt-BR", "pt_BR", "PT", "pt-br", "pt_BR.UTF-8"] {
            assert_eq!(language(tag), Ok(Lang::Pt), "{tag}");
        }
        for tag in ["en", "en-US", "en_GB", "EN"] {
            assert_eq!(language(tag), Ok(Lang::En), "{tag}");
        }
        for tag in ["fr", "", "português", "p"] {
            assert!(language(tag).is_err(), "{tag}");
        }
    }

    #[test]
    fn frame_ranges_are_one_frame_a_span_or_to_the_end() {
        assert_eq!(frame_range("7"), Ok((7, 7)));
        assert_eq!(frame_range("3-9"), Ok((3, 9)));
        assert_eq!(frame_range("12-"), Ok((12, u32::MAX)));
        for bad in ["0", "9-3", "-4", "a", "", "1-b", "99999999999"] {
            assert!(frame_range(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn accepts_the_range_and_refuses_the_rest() {
        let parse = whole_number::<u16>(1, 64);
        assert_eq!(parse("1"), Ok(1));
        assert_eq!(parse(" 64 "), Ok(64));
        for bad in ["0", "65", "-1", "abc", "", "1.5", "99999999999999999999"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        let unbounded = whole_number::<u64>(1, u64::MAX);
        assert_eq!(unbounded("1_000_000"), Ok(1_000_000));
        assert!(unbounded("0").unwrap_err().contains("at least 1"));
    }
}
