//! Every sentence synack prints comes from here: Fluent catalogues, one folder
//! per language under `locales/`, compiled into the binary. A new language is a
//! new folder of `.ftl` files, not a code change.
//!
//! Code asks for a message with [`tr!`](crate::tr) and a literal id, so a test can
//! check that every id used exists in every language and that no id is unused.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};

static_loader! {
    static LOCALES = {
        locales: "./src/narrate/locales",
        fallback_language: "en",
        // Unicode isolation marks around arguments would show up as junk in
        // terminals and pcapng comments.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language synack speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Pt,
}

static EN: LanguageIdentifier = langid!("en");
static PT: LanguageIdentifier = langid!("pt");

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Pt];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Pt => "pt",
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::En => &EN,
            Lang::Pt => &PT,
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        let primary = code.split(['-', '_', '.']).next().unwrap_or("");
        match primary {
            "en" => Some(Lang::En),
            "pt" => Some(Lang::Pt),
            _ => None,
        }
    }

    /// The language a POSIX locale asks for, looking at `LC_ALL`, then
    /// `LC_MESSAGES`, then `LANG`, the way `gettext` does. The first one set
    /// (and not empty) decides; anything not Portuguese means English.
    /// The lookup is passed in so the library never reads the environment itself.
    pub fn from_locale_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(|var| get(var).filter(|v| !v.is_empty()))
            .map(|value| Lang::parse(&value).unwrap_or(Lang::En))
            .next()
            .unwrap_or(Lang::En)
    }
}

/// An argument to a message.
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    Number(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}
impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}
impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s.as_str()))
    }
}
macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64, f64);

/// Looks a message up. A missing id is a bug the catalogue test catches; at run
/// time it shows as the id itself rather than a crash.
pub fn lookup(lang: Lang, id: &str, args: &[(&'static str, Arg<'_>)]) -> String {
    if args.is_empty() {
        return LOCALES.lookup(lang.id(), id);
    }
    let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(name, arg)| {
            let value = match arg {
                Arg::Text(s) => FluentValue::from(s.as_ref()),
                // Numbers stay numbers so plural rules (`1 byte`, `2 bytes`) work;
                // Fluent prints whole f64 values exactly, with no grouping.
                Arg::Number(n) => FluentValue::from(*n),
            };
            (Cow::Borrowed(*name), value)
        })
        .collect();
    LOCALES.lookup_with_args(lang.id(), id, &map)
}

/// `tr!(lang, "message-id", name = value, ...)`: a message in `lang`.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $id:literal) => {
        $crate::narrate::lookup($lang, $id, &[])
    };
    ($lang:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::narrate::lookup(
            $lang,
            $id,
            &[$((stringify!($name), $crate::narrate::Arg::from($value))),+],
        )
    };
}

/// Something that can say itself in the user's language (errors, mostly).
pub trait Localize {
    fn localize(&self, lang: Lang) -> String;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_variables_pick_portuguese_in_gettext_order() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "pt_BR.UTF-8")])),
            Lang::Pt
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "pt_BR.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LC_ALL", ""), ("LC_MESSAGES", "pt_PT")])),
            Lang::Pt
        );
        assert_eq!(Lang::from_locale_vars(env(&[("LANG", "C")])), Lang::En);
        assert_eq!(Lang::from_locale_vars(env(&[])), Lang::En);
    }
}
