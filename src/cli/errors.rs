//! Command-line mistakes in the user's language. clap finds them; the words come
//! from the catalogue, so a Portuguese user reads Portuguese (`--help` itself
//! stays in English, where clap writes it).

use clap::error::{ContextKind, ContextValue, ErrorKind};
use synack::narrate::Lang;
use synack::tr;

/// The language asked for on a command line that did not parse: `--lang pt`
/// or `--lang=pt` if present, otherwise the locale environment.
pub fn lang_from_raw_args() -> Lang {
    // `args_os`: an argument that is not UTF-8 must not stop us finding the
    // language to say so in.
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let explicit = args
        .iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang=") {
            Some(v) => Lang::parse(v),
            None if a == "--lang" => args.get(i + 1).and_then(|v| Lang::parse(v)),
            None => None,
        });
    explicit.unwrap_or_else(|| Lang::from_locale_vars(|var| std::env::var(var).ok()))
}

fn context(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// The message for a parse error, or `None` to let clap say it (help, version,
/// and the rarer kinds).
pub fn localized(e: &clap::Error, lang: Lang) -> Option<String> {
    let arg = context(e, ContextKind::InvalidArg);
    let message = match e.kind() {
        ErrorKind::UnknownArgument => {
            let suggestion = context(e, ContextKind::SuggestedArg);
            if suggestion.is_empty() {
                tr!(lang, "cli-unknown-argument", arg = arg)
            } else {
                tr!(
                    lang,
                    "cli-unknown-argument-suggest",
                    arg = arg,
                    suggestion = suggestion
                )
            }
        }
        ErrorKind::InvalidSubcommand => {
            let command = context(e, ContextKind::InvalidSubcommand);
            let suggestion = context(e, ContextKind::SuggestedSubcommand);
            if suggestion.is_empty() {
                tr!(lang, "cli-unknown-command", command = command)
            } else {
                tr!(
                    lang,
                    "cli-unknown-command-suggest",
                    command = command,
                    suggestion = suggestion
                )
            }
        }
        // A value parser of ours said why, already in the user's language.
        ErrorKind::ValueValidation if std::error::Error::source(e).is_some() => {
            let reason = std::error::Error::source(e)
                .map(|r| r.to_string())
                .unwrap_or_default();
            tr!(lang, "cli-invalid-value-reason", arg = arg, reason = reason)
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let value = context(e, ContextKind::InvalidValue);
            let valid = context(e, ContextKind::ValidValue);
            if value.is_empty() {
                tr!(lang, "cli-missing-value", arg = arg)
            } else if valid.is_empty() {
                tr!(lang, "cli-invalid-value", arg = arg, value = value)
            } else {
                tr!(
                    lang,
                    "cli-invalid-value-choices",
                    arg = arg,
                    value = value,
                    valid = valid
                )
            }
        }
        ErrorKind::MissingRequiredArgument => tr!(lang, "cli-missing-argument", arg = arg),
        ErrorKind::InvalidUtf8 => tr!(lang, "cli-invalid-utf8"),
        ErrorKind::ArgumentConflict => {
            tr!(
                lang,
                "cli-conflict",
                arg = arg,
                other = context(e, ContextKind::PriorArg)
            )
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return None;
        }
        ErrorKind::WrongNumberOfValues | ErrorKind::TooManyValues | ErrorKind::TooFewValues => {
            tr!(lang, "cli-wrong-number", arg = arg)
        }
        _ => return None,
    };
    Some(format!("{message}\n{}", tr!(lang, "cli-see-help")))
}
