//! The `synack` binary: parse the command line, run, and turn an error into a
//! message in the user's language and a non-zero exit code.

mod cli;

use std::process::ExitCode;

use clap::Parser;

use synack::app::AppError;
use synack::narrate::Localize;
use synack::tr;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let lang = cli::errors::lang_from_raw_args();
            match cli::errors::localized(&e, lang) {
                Some(message) => {
                    eprintln!("synack: {}: {message}", tr!(lang, "error-prefix"));
                    return ExitCode::from(2);
                }
                // Help, version and the rarer mistakes: as clap writes them.
                None => e.exit(),
            }
        }
    };
    let lang = cli.lang();
    match cli::run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let message = match error.downcast_ref::<AppError>() {
                // `q` at a `--step` prompt: not a failure, but said, so the
                // run is not taken for complete (lessons also give the total).
                Some(e) if e.quit_step().is_some() => {
                    let step = e.quit_step().unwrap_or(0);
                    eprintln!("{}", tr!(lang, "step-stopped-at", step = step));
                    return ExitCode::SUCCESS;
                }
                Some(e) if e.is_benign() => return ExitCode::SUCCESS,
                Some(e) => e.localize(lang),
                None => format!("{error:#}"),
            };
            eprintln!("synack: {}: {message}", tr!(lang, "error-prefix"));
            ExitCode::FAILURE
        }
    }
}
