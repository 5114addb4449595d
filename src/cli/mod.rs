//! The command line: clap definitions only, turned into the library's option
//! types at this boundary. No clap type goes below this module.

mod chat;
mod lesson;

use std::io::IsTerminal;

use clap::{Args, Parser, Subcommand, ValueEnum};

use synack::app::output::{ViewMode, ViewOptions};
use synack::narrate::Lang;
use synack::view::style::Style;

#[derive(Parser, Debug)]
#[command(
    name = "synack",
    version,
    about = "A TCP/IP teaching lab: the TCP handshake and teardown step by step, with each side's RFC 9293 state",
    after_help = "Start here:\n  synack handshake              the three-way handshake as a ladder diagram\n  synack teardown               FIN, ACK and TIME-WAIT\n  synack lesson list            every lesson, with a one-line summary\n  synack lesson run lost-syn    any lesson by name, or your own lesson file\n\nAdd --lang pt for Portuguese (the default follows LANG), --color never for plain text."
)]
pub struct Cli {
    /// Language for everything printed: en or pt (default: from LC_ALL, LC_MESSAGES or LANG)
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,

    /// Colour: auto (when printing to a terminal and NO_COLOR is not set), always or never
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,

    #[command(subcommand)]
    command: Command,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum LangArg {
    En,
    Pt,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// The three-way handshake: SYN, SYN,ACK, ACK (the lesson "handshake")
    Handshake(ViewArgs),
    /// Closing a connection: FIN, ACK, TIME-WAIT (the lesson "teardown")
    Teardown(ViewArgs),
    /// List, run and check lessons (built-in ones or your own TOML files)
    #[command(subcommand)]
    Lesson(lesson::LessonCommand),
    /// Chat and file server and client (framed protocol, SHA-256 verified downloads)
    #[command(subcommand)]
    Chat(chat::ChatCommand),
}

/// How to show a trace.
#[derive(Args, Debug, Clone)]
pub struct ViewArgs {
    /// Print the trace as JSON, one object per line (for scripts and grading)
    #[arg(long)]
    json: bool,

    /// Print nothing (useful with --pcap/--pcapng)
    #[arg(long, conflicts_with = "json")]
    quiet: bool,

    /// Width of the ladder in columns (at least 80; default: the terminal's, or 80)
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(80..=400))]
    width: Option<u16>,
}

impl Cli {
    /// The language asked for, or the one the locale environment names.
    pub fn lang(&self) -> Lang {
        match self.lang {
            Some(LangArg::En) => Lang::En,
            Some(LangArg::Pt) => Lang::Pt,
            None => Lang::from_locale_vars(|var| std::env::var(var).ok()),
        }
    }

    fn style(&self) -> Style {
        let color = match self.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        Style { color }
    }
}

impl ViewArgs {
    fn options(&self, cli: &Cli) -> ViewOptions {
        let mode = if self.json {
            ViewMode::Json
        } else if self.quiet {
            ViewMode::Quiet
        } else {
            ViewMode::Ladder
        };
        let terminal = terminal_size::terminal_size().map(|(w, _)| usize::from(w.0));
        let width = self
            .width
            .map(usize::from)
            .or(terminal.filter(|_| std::io::stdout().is_terminal()))
            .unwrap_or(80)
            .clamp(80, 400);
        ViewOptions {
            lang: cli.lang(),
            style: cli.style(),
            width,
            mode,
        }
    }
}

/// Runs the command the user asked for.
pub fn run(cli: &Cli) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut err = std::io::stderr();
    match &cli.command {
        Command::Handshake(view) => lesson::run_named(cli, "handshake", view, &mut out, &mut err),
        Command::Teardown(view) => lesson::run_named(cli, "teardown", view, &mut out, &mut err),
        Command::Lesson(cmd) => lesson::run(cli, cmd, &mut out, &mut err),
        Command::Chat(cmd) => chat::run(cli, cmd, out),
    }
}
