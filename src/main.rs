//! The `synack` binary: parse the command line, run, and turn an error into a
//! message in the user's language and a non-zero exit code.

mod cli;

use std::process::ExitCode;

use clap::Parser;

use synack::app::AppError;
use synack::narrate::Localize;
use synack::tr;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let lang = cli.lang();
    match cli::run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let message = match error.downcast_ref::<AppError>() {
                Some(e) if e.is_benign() => return ExitCode::SUCCESS,
                Some(e) => e.localize(lang),
                None => format!("{error:#}"),
            };
            eprintln!("synack: {}: {message}", tr!(lang, "error-prefix"));
            ExitCode::FAILURE
        }
    }
}
