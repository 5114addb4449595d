//! The command line: clap definitions only, turned into the library's option
//! types at this boundary. No clap type goes below this module.

// As in the library: an error is built once per failed command, carrying
// words for the user; its size does not matter.
#![allow(clippy::result_large_err)]

mod bits;
mod capture;
mod captures;
mod chat;
mod echo;
pub mod errors;
mod explain;
mod lesson;
mod quiz;
mod rdt;
mod sockets;
mod talk;
mod values;

use std::io::{IsTerminal, Write};

use clap::{Args, Parser, Subcommand, ValueEnum};

use synack::app::AppError;
use synack::app::output::{self, Console, ViewMode, ViewOptions};
use synack::app::pictures::PicturePaths;
use synack::app::stepping::Pace;
use synack::narrate::Lang;
use synack::tr;
use synack::view::style::{Style, Theme};
use values::whole_number;

#[derive(Parser, Debug)]
#[command(
    name = "synack",
    version,
    about = "A TCP/IP teaching lab: TCP step by step with each side's RFC 9293 state, narrated, as bits and as captures; real sockets, chat and files, and a reliable-transfer lab",
    after_help = "Start here:\n  synack handshake              the three-way handshake as a ladder diagram (add --explain, --bits, --step)\n  synack teardown               FIN, ACK and TIME-WAIT\n  synack lesson list            every lesson, with a one-line summary\n  synack lesson run lost-syn    any lesson by name, or your own lesson file\n  synack bits 'Olá'             text as the bits that carry it\n  synack explain mine.pcap      your own capture, narrated with both sides' states\n  synack echo demo              TCP echo on real sockets, every message as bits\n  synack talk listen            a conversation between two terminals, every line as bits (then synack talk connect)\n  synack chat server            the chat and file server (and synack chat client)\n  synack rdt compare            stop-and-wait, Go-Back-N and Selective Repeat side by side\n\nAdd --lang pt for Portuguese (the default follows LANG), --color never for plain text,\n--theme light for a white projector screen."
)]
pub struct Cli {
    /// Language for everything printed: en or pt, in any case, region optional (pt-BR, en_US); default: from LC_ALL, LC_MESSAGES or LANG
    #[arg(long, global = true, value_parser = values::language)]
    lang: Option<Lang>,

    /// Colour: auto (when printing to a terminal and NO_COLOR is not set), always or never
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,

    /// Colours for the screen you show on: light for a white projector screen or slides, dark for a dark terminal, mono for no colour (bold only); auto asks the terminal (COLORFGBG) and otherwise picks dark. Default: SYNACK_THEME if set, else auto
    #[arg(long, global = true, value_enum)]
    theme: Option<ThemeArg>,

    #[command(subcommand)]
    command: Command,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ThemeArg {
    Auto,
    Dark,
    Light,
    Mono,
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
    /// Text as the bits that carry it (UTF-8, 8 bits a byte), or bits back to text
    #[command(
        after_help = "Examples:\n  synack bits Hi\n  synack bits 'Olá, mundo'\n  synack bits --decode '01001000 01101001'"
    )]
    Bits(bits::BitsArgs),
    /// Write one .pcap, one .pcapng and one .html player per lesson (or check the committed ones)
    #[command(
        after_help = "Examples:\n  synack captures               write captures/*.pcap, *.pcapng and *.html\n  synack captures --check       fail if a committed file is out of date\n  wireshark captures/handshake.pcapng\n  open captures/handshake.html in a browser: ← and → step through it"
    )]
    Captures(captures::CapturesArgs),
    /// Narrate a real capture (pcap or pcapng): every TCP conversation with both sides' states
    #[command(
        after_help = "Examples:\n  synack explain capture.pcap --summary\n  synack explain capture.pcap --conversation 0 --explain\n  synack explain capture.pcap --frame 40-60 --explain   only frames 40 to 60 (No. as in Wireshark)\n  synack explain capture.pcapng --json\n  synack explain capture.pcap --pcapng narrated.pcapng\n\nMake a capture: sudo tcpdump -i lo -w capture.pcap port 8080"
    )]
    Explain(explain::ExplainArgs),
    /// Real sockets: TCP and UDP echo servers and clients, each message shown as bits
    #[command(subcommand)]
    Echo(echo::EchoCommand),
    /// Two people, two terminals (or two machines): one TCP connection, every line both ways as bits
    #[command(subcommand)]
    Talk(talk::TalkCommand),
    /// Capture the real frames on an interface into a .pcap or .pcapng file
    Capture(capture::CaptureArgs),
    /// The reliable-transfer lab: mode and size handshake, stop-and-wait, Go-Back-N, Selective Repeat, faults, secure mode
    #[command(subcommand)]
    Rdt(rdt::RdtCommand),
    /// Chat and file server and client (framed protocol, SHA-256 verified downloads)
    #[command(subcommand)]
    Chat(chat::ChatCommand),
    /// Predict, then see: a lesson that stops to ask what comes next, graded and explained; homework variants per student, grading for Moodle
    Quiz(quiz::QuizArgs),
}

/// How to show a trace.
#[derive(Args, Debug, Clone)]
pub struct ViewArgs {
    /// Print the trace as JSON, one object per line (for scripts and grading)
    #[arg(long)]
    pub json: bool,

    /// Print nothing (useful with --pcap/--pcapng)
    #[arg(long, conflicts_with = "json")]
    quiet: bool,

    /// Width of the ladder in columns (at least 80; default: the terminal's, or 80)
    #[arg(long, value_name = "COLUMNS", value_parser = whole_number::<u16>(80, 400), allow_negative_numbers = true)]
    width: Option<u16>,

    /// Narrate every step in plain words, with the arithmetic and the RFC section
    #[arg(long)]
    explain: bool,

    /// Show every segment as bits: the TCP header as in RFC 9293, the data, the checksum by hand
    #[arg(long)]
    bits: bool,

    /// Pause after every step until Enter (q quits); with scripted input, one line per step
    #[arg(long, conflicts_with = "delay")]
    step: bool,

    /// Advance by itself, waiting this many milliseconds after every step
    #[arg(long, value_name = "MS", value_parser = whole_number::<u64>(0, 60_000), allow_negative_numbers = true)]
    delay: Option<u64>,

    /// Also write the frames to a pcap file (open it in Wireshark)
    #[arg(long, value_name = "FILE")]
    pub pcap: Option<std::path::PathBuf>,

    /// Also write the frames to a pcapng file, each packet with its narration as a comment
    #[arg(long, value_name = "FILE")]
    pub pcapng: Option<std::path::PathBuf>,

    #[command(flatten)]
    pub pictures: PictureArgs,
}

/// The pictures a run can be drawn as, written when it ends.
#[derive(Args, Debug, Clone, Default)]
pub struct PictureArgs {
    /// Also draw a sequence diagram as SVG: arrows sloped to scale in time, losses, states, timers
    #[arg(long, value_name = "FILE")]
    pub svg: Option<std::path::PathBuf>,

    /// Also draw graphs as SVG: the time-sequence graph (tcptrace style) and the sender's window (cwnd, ssthresh, bytes in flight)
    #[arg(long, value_name = "FILE")]
    pub graph: Option<std::path::PathBuf>,

    /// Also write a one-file HTML player: step back and forth (arrow keys), narration, bits and graphs, English and Portuguese
    #[arg(long, value_name = "FILE")]
    pub html: Option<std::path::PathBuf>,
}

impl PictureArgs {
    pub fn paths(&self) -> PicturePaths {
        PicturePaths {
            svg: self.svg.clone(),
            graph: self.graph.clone(),
            html: self.html.clone(),
        }
    }
}

impl Cli {
    /// The language asked for, or the one the locale environment names.
    pub fn lang(&self) -> Lang {
        self.lang
            .unwrap_or_else(|| Lang::from_locale_vars(|var| std::env::var(var).ok()))
    }

    /// The width to lay text out in: the terminal's when printing to one.
    fn width(&self) -> usize {
        terminal_size::terminal_size()
            .filter(|_| std::io::stdout().is_terminal())
            .map_or(80, |(w, _)| usize::from(w.0))
            .clamp(40, 400)
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
        // A bad SYNACK_THEME was already reported by `run`.
        let asked = self.theme.or(theme_from_env().ok().flatten());
        let theme = match asked.unwrap_or(ThemeArg::Auto) {
            ThemeArg::Dark => Theme::Dark,
            ThemeArg::Light => Theme::Light,
            ThemeArg::Mono => Theme::Mono,
            // Most terminals do not say; dark is what they mostly are.
            ThemeArg::Auto => std::env::var("COLORFGBG")
                .ok()
                .and_then(|v| Theme::from_colorfgbg(&v))
                .unwrap_or_default(),
        };
        Style { color, theme }
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
        let pace = if self.step {
            Some(Pace::Step {
                interactive: std::io::stdin().is_terminal(),
            })
        } else {
            self.delay.map(output::delay)
        };
        ViewOptions {
            lang: cli.lang(),
            style: cli.style(),
            width,
            mode,
            explain: self.explain,
            bits: self.bits,
            pace,
            pictures: self.pictures.paths(),
        }
    }
}

/// `SYNACK_THEME`, read by hand rather than by clap so that an empty value
/// means unset (as with `NO_COLOR`) and a wrong one names the variable.
fn theme_from_env() -> Result<Option<ThemeArg>, String> {
    match std::env::var("SYNACK_THEME") {
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => ThemeArg::from_str(v.trim(), true).map(Some).map_err(|_| v),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(v)) => Err(v.to_string_lossy().into_owned()),
    }
}

/// Runs the command the user asked for.
pub fn run(cli: &Cli) -> anyhow::Result<()> {
    if cli.theme.is_none()
        && let Err(value) = theme_from_env()
    {
        anyhow::bail!(tr!(cli.lang(), "cli-bad-theme-env", value = value));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut err = std::io::stderr();
    match &cli.command {
        Command::Handshake(view) => lesson::run_named(cli, "handshake", view, &mut out, &mut err),
        Command::Teardown(view) => lesson::run_named(cli, "teardown", view, &mut out, &mut err),
        Command::Lesson(cmd) => lesson::run(cli, cmd, &mut out, &mut err),
        Command::Bits(args) => bits::run(cli, args, &mut out),
        Command::Captures(args) => captures::run(cli, args, &mut out),
        Command::Explain(args) => explain::run(cli, args, &mut out, &mut err),
        Command::Echo(cmd) => echo::run(cli, cmd, &mut out, &mut err),
        Command::Talk(cmd) => talk::run(cli, cmd, &mut out, &mut err),
        Command::Capture(args) => capture::run(cli, args, &mut out, &mut err),
        Command::Rdt(cmd) => rdt::run(cli, cmd, &mut out, &mut err),
        Command::Chat(cmd) => chat::run(cli, cmd, out),
        Command::Quiz(args) => quiz::run(cli, args, &mut out),
    }
}

/// Runs `work` with standard input and the terminal as the `--step` console
/// (where a paced view reads its lines and shows its prompt).
fn with_console(
    out: &mut dyn Write,
    work: impl for<'a> FnOnce(&'a mut dyn Write, Option<Console<'a>>) -> Result<(), AppError>,
) -> Result<(), AppError> {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut prompt = std::io::stderr();
    let console = Console {
        input: &mut input,
        prompt: &mut prompt,
    };
    work(out, Some(console))
}
