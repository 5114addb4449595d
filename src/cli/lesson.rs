//! `synack lesson …`

use std::io::{IsTerminal, Write};

use clap::Subcommand;

use synack::app::{self, lesson::RunOptions};

use super::{Cli, ViewArgs, with_console};

#[derive(Subcommand, Debug)]
pub enum LessonCommand {
    /// Every built-in lesson with a one-line summary
    List,
    /// Run a lesson: a built-in name (see `lesson list`) or a path to a .toml file
    #[command(
        after_help = "Examples:\n  synack lesson run lost-syn\n  synack lesson run bulk-transfer --param segments=100\n  synack lesson run my-lesson.toml --json"
    )]
    Run {
        /// Lesson name or file
        #[arg(value_name = "NAME|FILE")]
        lesson: String,
        /// Override a parameter the lesson declares in [params]
        #[arg(long = "param", value_name = "NAME=VALUE")]
        params: Vec<String>,
        #[command(flatten)]
        view: ViewArgs,
    },
    /// Run lessons silently and verify their [expect] lines (all built-in lessons if none given)
    Check {
        #[arg(value_name = "NAME|FILE")]
        lessons: Vec<String>,
        /// Override a parameter in every lesson checked
        #[arg(long = "param", value_name = "NAME=VALUE")]
        params: Vec<String>,
    },
}

pub fn run(
    cli: &Cli,
    cmd: &LessonCommand,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    match cmd {
        LessonCommand::List => app::lesson::list(cli.lang(), cli.style(), out)?,
        LessonCommand::Run {
            lesson,
            params,
            view,
        } => {
            let params = app::parse_params(params)?;
            run_lesson(cli, lesson, params, view, out, err)?;
        }
        LessonCommand::Check { lessons, params } => {
            let params = app::parse_params(params)?;
            app::lesson::check(lessons, &params, cli.lang(), cli.style(), out)?;
        }
    }
    Ok(())
}

pub fn run_named(
    cli: &Cli,
    name: &str,
    view: &ViewArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    run_lesson(cli, name, Vec::new(), view, out, err)
}

/// Runs a lesson into the view `view` asks for, with the terminal for `--step`.
fn run_lesson(
    cli: &Cli,
    lesson: &str,
    params: Vec<(String, String)>,
    view: &ViewArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let opts = RunOptions {
        lesson: lesson.to_string(),
        params,
        view: view.options(cli),
        pcap: view.pcap.clone(),
        pcapng: view.pcapng.clone(),
        // A bar redrawn on a pipe or in a log would be junk there.
        progress: std::io::stderr().is_terminal(),
    };
    with_console(out, |out, console| {
        app::lesson::run(&opts, out, err, console)
    })?;
    Ok(())
}
