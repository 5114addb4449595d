//! `synack rdt …`: the reliable-transfer lab.

use super::values::whole_number;
use std::io::{IsTerminal, Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};

use synack::app::AppError;
use synack::app::capture::SessionCapture;
use synack::app::rdt::{self as app, CaptureRequest, CompareOptions, SimOptions};
use synack::app::rdt_classic::{self, ClassicView};
use synack::app::rdt_fernet as fernet_app;
use synack::net::console::Settings;
use synack::rdt::classic::client::ClassicClientOptions;
use synack::rdt::classic::server::ClassicServerOptions;
use synack::rdt::classic::{CLASSIC_TRIES, ClassicMode, DelayRange, Hello};
use synack::rdt::compare::{CompareSetup, DEFAULT_RUNS, MAX_RUNS};
use synack::rdt::fault::{FaultAction, FaultConfig, FaultRule, Target, TargetError, parse_target};
use synack::rdt::fernet::session::{
    ClientOptions as FernetClientOptions, ServerOptions as FernetServerOptions, Show as FernetShow,
};
use synack::rdt::handshake::{DEFAULT_PORT, Proposal};
use synack::rdt::mode::Mode;
use synack::rdt::net::{ClientOptions, ServerOptions};
use synack::rdt::packet::Kind;
use synack::rdt::secure::{Psk, SecureError};
use synack::rdt::{RdtError, net};
use synack::trace::Host;

use synack::tr;

use super::captures::CapturesArgs;
use super::errors::lang_from_raw_args;
use super::{Cli, ViewArgs, with_console};

#[derive(Subcommand, Debug)]
pub enum RdtCommand {
    /// The lab's server: agrees a mode and size with each client, then receives its messages reliably
    #[command(
        after_help = "Examples:\n  synack rdt server                               on 127.0.0.1:5000\n  synack rdt server --loss 0.2 --corrupt 0.1      its ACKs meet a bad channel too\n  synack rdt server --secure --psk-file lab.key   every client must hold the same key\n  synack rdt server --explain --bits              narrate every packet, show its bits\n  synack rdt server --classic-fernet              the classic Fernet server: key first, in the clear (what not to do)\n\nThe handshake is one line of text: MODO:<mode>;TAMANHO:<size> (a newline\nis optional), answered with `Handshake OK …` or `Handshake ERRO: …`.\nStop it with Ctrl-C."
    )]
    Server(ServerArgs),
    /// The lab's client: sends each message reliably with the mode asked for
    #[command(
        after_help = "Examples:\n  synack rdt client --mode gbn Hello world        two messages, Go-Back-N\n  synack rdt client --mode sr --loss 0.3 --corrupt 0.1 --explain one two three\n  synack rdt client --mode saw --drop data:1 Hi one   DATA 1 is lost once\n  synack rdt client --mode gbn                    one message per line typed; `sair` or `quit` ends\n  SYNACK_PSK=$(cat lab.hex) synack rdt client --mode gbn --secure Secret\n  synack rdt client --classic com-erros um dois   the course project's text version, with its timeouts and retries\n  synack rdt client --classic-fernet Hello sair    the classic Fernet client: its key goes first, in the clear\n\nModes: Stop-and-Wait (saw), Go-Back-N (gbn), Selective-Repeat (sr, Repetição Seletiva)."
    )]
    Client(ClientArgs),
    /// Both sides in the simulator: instant and deterministic, as a ladder with the windows drawn
    #[command(
        after_help = "Examples:\n  synack rdt sim --mode gbn --drop data:1\n  synack rdt sim --mode sr --drop ack:0 --explain\n  synack rdt sim --mode sr --loss 0.2 --seed 7 --explain\n  synack rdt sim --mode saw --flip data:0 --bits\n  synack rdt sim --mode gbn --secure --flip nth:3 --bits\n  synack rdt sim --mode sr --loss 0.1 --pcapng sr.pcapng\n\n--drop and --flip name one packet each:\n  data:N, ack:N, nak:N   by sequence number (from 0), its first transmission\n  nth:N                  the N-th packet on the link, both directions (from 1)\n  client:N, server:N     the N-th packet that side sends (from 1)\nA bare N means nth:N, and the output says so where it hits."
    )]
    Sim(SimArgs),
    /// List, run and check the reliable-transfer lessons (lessons/rdt-*.toml)
    #[command(subcommand)]
    Lesson(LessonCommand),
    /// The three protocols under the same faults: packets, retransmissions, goodput, time
    #[command(
        after_help = "Examples:\n  synack rdt compare --loss 0.1\n  synack rdt compare --loss 0.2 --corrupt 0.05 --messages 100 --window 8\n  synack rdt compare --loss 0.1 --runs 100      a tighter interval\n  synack rdt compare --loss 0.1 --runs 1 --seed 7   the run of seed 7 alone\n\nRun i (from 0) uses seed S+i, where S is --seed; the same seeds serve all three\nprotocols, so each run compares them on the same luck. The sentences under the\ntable are chosen from the measured means and their 95 % intervals."
    )]
    Compare(CompareArgs),
    /// Write one .pcap, one .pcapng and one .html player per rdt lesson (or check the committed ones)
    #[command(
        after_help = "Examples:\n  synack rdt captures            write captures/rdt-*.pcap, *.pcapng and *.html\n  synack rdt captures --check    fail if a committed file is out of date"
    )]
    Captures(CapturesArgs),
}

#[derive(Subcommand, Debug)]
pub enum LessonCommand {
    /// Every rdt lesson with a one-line summary
    List,
    /// Run an rdt lesson: a name (see `rdt lesson list`) or a .toml file
    #[command(
        after_help = "Examples:\n  synack rdt lesson run rdt-go-back-n --explain\n  synack rdt lesson run rdt-secure --bits\n  synack rdt lesson run my-lesson.toml --json"
    )]
    #[command(mut_arg("bits", |a| a.help(BITS_HELP)))]
    Run {
        #[arg(value_name = "NAME|FILE")]
        lesson: String,
        #[command(flatten)]
        view: ViewArgs,
    },
    /// Run rdt lessons silently and verify their [expect] lines (all built-in ones if none given)
    Check {
        #[arg(value_name = "NAME|FILE")]
        lessons: Vec<String>,
    },
}

/// `--bits` on rdt runs: the shared view flag, described for rdt packets.
const BITS_HELP: &str = "Show every packet as bits: the rdt header in 32-bit rows, the data, the checksum by hand; in secure mode the plaintext beside the ciphertext";

// Value parsers run before `--lang` is known, so they look at the raw
// arguments for it.
fn probability(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(tr!(
            lang_from_raw_args(),
            "cli-rdt-not-probability",
            text = text
        )),
    }
}

/// What the classic exchange has no use for: packets, windows, keys and
/// client-side faults (its faults are the server's).
const CLASSIC_CONFLICTS: [&str; 12] = [
    "mode", "window", "seq_bits", "secure", "psk_file", "psk", "loss", "corrupt", "dup", "reorder",
    "drop", "flip",
];

fn classic_mode(text: &str) -> Result<ClassicMode, String> {
    ClassicMode::parse(text)
        .ok_or_else(|| tr!(lang_from_raw_args(), "classic-cli-not-mode", text = text))
}

fn delay_range(text: &str) -> Result<DelayRange, String> {
    DelayRange::parse(text)
        .ok_or_else(|| tr!(lang_from_raw_args(), "classic-cli-not-delay", text = text))
}

fn mode(text: &str) -> Result<Mode, String> {
    Mode::parse(text).ok_or_else(|| tr!(lang_from_raw_args(), "cli-rdt-not-mode", text = text))
}

/// A fault's target, and whether it was a bare number (see [`parse_target`]).
fn target(text: &str) -> Result<(Target, bool), String> {
    let lang = lang_from_raw_args();
    parse_target(text).map_err(|e| match e {
        TargetError::UnknownKind { kind } => tr!(lang, "rdt-target-unknown", kind = kind),
        TargetError::NotSeq { kind, number } => {
            tr!(lang, "rdt-target-not-seq", kind = kind, number = number)
        }
        TargetError::NotCount {
            kind: Some(kind),
            number,
        } => tr!(lang, "rdt-target-not-count", kind = kind, number = number),
        TargetError::NotCount { kind: None, number } => {
            tr!(lang, "rdt-target-not-bare", number = number)
        }
    })
}

/// The channel's faults.
#[derive(Args, Debug, Clone)]
pub struct FaultArgs {
    /// Probability (0 to 1) that a packet is lost
    #[arg(long, value_name = "P", default_value_t = 0.0, value_parser = probability)]
    loss: f64,
    /// Probability that a packet has a bit flipped (the checksum, or in secure mode the tag, catches it)
    #[arg(long, value_name = "P", default_value_t = 0.0, value_parser = probability)]
    corrupt: f64,
    /// Probability that a packet arrives twice
    #[arg(long, value_name = "P", default_value_t = 0.0, value_parser = probability)]
    dup: f64,
    /// Probability that the next packet overtakes it
    #[arg(long, value_name = "P", default_value_t = 0.0, value_parser = probability)]
    reorder: f64,
    /// Seed of the random faults: the same seed gives the same faults
    #[arg(long, value_name = "S", default_value_t = 1, value_parser = whole_number::<u64>(0, u64::MAX), allow_negative_numbers = true)]
    seed: u64,
    /// Lose one packet (repeatable): data:N or ack:N by sequence number, nth:N the N-th on the link (from 1; a bare N means the same), client:N or server:N that side's N-th
    #[arg(long = "drop", value_name = "PACKET", value_parser = target)]
    drop: Vec<(Target, bool)>,
    /// Flip a bit of one packet (repeatable): named as for --drop
    #[arg(long = "flip", value_name = "PACKET", value_parser = target)]
    flip: Vec<(Target, bool)>,
}

impl FaultArgs {
    fn config(&self) -> FaultConfig {
        let rules = self
            .drop
            .iter()
            .map(|t| (FaultAction::Drop, t))
            .chain(self.flip.iter().map(|t| (FaultAction::Corrupt, t)))
            .map(|(action, (target, bare))| FaultRule {
                action,
                target: *target,
                bare: *bare,
            })
            .collect();
        FaultConfig {
            loss: self.loss,
            corrupt: self.corrupt,
            dup: self.dup,
            reorder: self.reorder,
            rules,
            seed: self.seed,
        }
    }

    /// On a real socket each side judges only its own packets: `HOST:` may
    /// name only this side, a packet by number only a kind this side sends
    /// (a rule that can never hit is a mistake worth saying), and each side
    /// mixes its role into the seed.
    fn config_for(&self, side: Host) -> Result<FaultConfig, AppError> {
        let mut config = self.config();
        // The two sides draw from different sequences of the same seed, so
        // the server's ACKs do not meet the faults the client's data met.
        config.seed = self.seed ^ (0x5e_7ce0 * (side.index() as u64 + 1));
        for rule in &config.rules {
            let option = rule.action.option().trim_start_matches('-');
            match rule.target {
                Target::NthFrom(h, _) if h != side => {
                    return Err(AppError::Rdt(RdtError::BadOption {
                        option,
                        value: rule.target.to_string(),
                    }));
                }
                Target::Packet(kind, _) if (kind == Kind::Data) != (side == Host::Client) => {
                    return Err(AppError::Rdt(RdtError::NeverHits {
                        option,
                        value: rule.target.to_string(),
                        side,
                        kind: kind.name(),
                    }));
                }
                _ => {}
            }
        }
        Ok(config)
    }
}

/// The key of secure mode.
#[derive(Args, Debug, Clone)]
pub struct KeyArgs {
    /// Secure mode: a Noise handshake, then every packet encrypted and authenticated
    #[arg(long)]
    secure: bool,
    /// The pre-shared key: a file of 32 bytes, or of 64 hexadecimal digits
    #[arg(long, value_name = "FILE")]
    psk_file: Option<PathBuf>,
    /// The pre-shared key as 64 hexadecimal digits
    #[arg(long, value_name = "HEX", env = "SYNACK_PSK", hide_env_values = true)]
    psk: Option<String>,
}

impl KeyArgs {
    /// The key, when one is given.
    fn key(&self) -> Result<Option<Psk>, AppError> {
        let secure = |e: SecureError| AppError::Rdt(RdtError::Secure(e));
        if let Some(path) = &self.psk_file {
            let mut bytes = Vec::new();
            std::fs::File::open(path)
                .and_then(|f| f.take(4096).read_to_end(&mut bytes))
                .map_err(|source| {
                    secure(SecureError::KeyUnreadable {
                        path: path.display().to_string(),
                        source,
                    })
                })?;
            return Psk::from_file_bytes(&bytes).map(Some).map_err(secure);
        }
        match &self.psk {
            Some(hex) => Psk::from_hex(hex).map(Some).map_err(secure),
            None => Ok(None),
        }
    }

    /// The key secure mode needs on a real socket.
    fn required(&self) -> Result<Option<Psk>, AppError> {
        if !self.secure {
            return Ok(None);
        }
        match self.key()? {
            Some(k) => Ok(Some(k)),
            None => Err(AppError::Rdt(RdtError::Secure(SecureError::NoKey))),
        }
    }
}

/// What the client proposes.
#[derive(Args, Debug, Clone)]
pub struct ProtocolArgs {
    /// Stop-and-Wait (saw), Go-Back-N (gbn) or Selective-Repeat (sr); a client needs none with --classic or --classic-fernet
    #[arg(long, value_name = "MODE", value_parser = mode)]
    mode: Option<Mode>,
    /// Most data bytes in one packet (TAMANHO in the handshake)
    #[arg(long, value_name = "N", default_value_t = 50, value_parser = whole_number::<usize>(0, u64::MAX), allow_negative_numbers = true)]
    max_size: usize,
    /// Packets in flight at most (Go-Back-N and Selective Repeat; default 4)
    #[arg(long, value_name = "W", value_parser = whole_number::<u16>(0, 65535), allow_negative_numbers = true)]
    window: Option<u16>,
    /// Bits of the sequence number (default: the fewest the window needs)
    #[arg(long, value_name = "B", value_parser = whole_number::<u8>(0, 255), allow_negative_numbers = true)]
    seq_bits: Option<u8>,
    /// Milliseconds the sender waits for an ACK before sending again (default 100; with --classic, for each answer, default 2000)
    #[arg(long, value_name = "MS", value_parser = whole_number::<u64>(1, 60_000), allow_negative_numbers = true)]
    timeout: Option<u64>,
}

impl ProtocolArgs {
    /// `--mode`: clap requires it unless `--classic` stands in for it.
    fn mode(&self) -> Mode {
        self.mode.unwrap_or(Mode::StopAndWait)
    }

    fn proposal(&self, secure: bool, faults: &FaultConfig) -> Proposal {
        let mode = self.mode();
        let window = self.window.or((mode != Mode::StopAndWait).then_some(4));
        let reordering = faults.reorders();
        let seq_bits = self
            .seq_bits
            .or_else(|| reordering.then(|| mode.safe_bits(window.unwrap_or(1), true)));
        Proposal {
            mode,
            max_size: self.max_size,
            window,
            seq_bits,
            secure,
        }
    }
}

/// What the side that sends the data takes (the client, and the simulator
/// playing it): the proposal, the channel's faults and the key.
#[derive(Args, Debug)]
pub struct SenderArgs {
    #[command(flatten)]
    protocol: ProtocolArgs,
    #[command(flatten)]
    faults: FaultArgs,
    #[command(flatten)]
    key: KeyArgs,
}

impl SenderArgs {
    /// The proposal, over the faults this side's packets meet.
    fn proposal(&self, faults: &FaultConfig) -> Proposal {
        self.protocol.proposal(self.key.secure, faults)
    }

    fn timeout(&self) -> Duration {
        Duration::from_millis(self.protocol.timeout.unwrap_or(100))
    }
}

#[derive(Args, Debug)]
#[command(mut_arg("bits", |a| a.help(BITS_HELP)))]
#[command(mut_arg("mode", |a| a.required(true)))]
pub struct SimArgs {
    #[command(flatten)]
    sender: SenderArgs,
    /// One-way delay of the simulated link, in milliseconds
    #[arg(long, value_name = "MS", default_value_t = 10, value_parser = whole_number::<u64>(0, 60_000), allow_negative_numbers = true)]
    latency: u64,
    /// The messages the client sends (default: Hello, reliable, world)
    #[arg(value_name = "MESSAGE")]
    messages: Vec<String>,
    #[command(flatten)]
    view: ViewArgs,
}

#[derive(Args, Debug)]
pub struct SessionArgs {
    /// Only the handshake, the messages and the end: no line per packet
    #[arg(long)]
    quiet: bool,
    /// Narrate every packet, timer and discard
    #[arg(long)]
    explain: bool,
    /// Show every packet's bits (in secure mode, the plaintext beside the ciphertext)
    #[arg(long)]
    bits: bool,
    /// Classic sessions as JSON lines, one object per step (with --explain, its narration)
    #[arg(long)]
    json: bool,
    /// Also capture the session's real frames into FILE (.pcap or .pcapng; needs root or CAP_NET_RAW)
    #[arg(long, value_name = "FILE")]
    capture: Option<PathBuf>,
}

impl SessionArgs {
    /// What the classic Fernet sessions show beyond the messages.
    fn show(&self) -> FernetShow {
        FernetShow {
            bits: self.bits,
            explain: self.explain,
            json: self.json,
        }
    }

    fn capture(&self) -> Option<SessionCapture> {
        self.capture
            .clone()
            .map(|path| SessionCapture { path, iface: None })
    }

    fn settings(&self, cli: &Cli) -> Settings {
        Settings {
            lang: cli.lang(),
            style: cli.style(),
            width: cli.width().max(60),
            quiet: self.quiet,
            explain: self.explain,
        }
    }
}

#[derive(Args, Debug)]
#[command(mut_arg("classic_fernet", |a| a.conflicts_with_all(NOT_WITH_FERNET)))]
pub struct ServerArgs {
    /// Address and port to listen on (port 0 picks a free one)
    #[arg(long, value_name = "ADDR:PORT", default_value_t = default_addr())]
    bind: String,
    #[command(flatten)]
    faults: FaultArgs,
    #[command(flatten)]
    key: KeyArgs,
    /// Stop after N sessions (default: serve until Ctrl-C)
    #[arg(long, value_name = "N", value_parser = whole_number::<u64>(1, u64::MAX), allow_negative_numbers = true)]
    clients: Option<u64>,
    /// Close a session after this many seconds without a word from its client
    #[arg(long, value_name = "SECS", default_value_t = 60, value_parser = whole_number::<u64>(1, 3600), allow_negative_numbers = true)]
    idle: u64,
    /// Classic sessions with errors: hold each answer MS, or between MIN and MAX ms drawn from the seed (alone: the classic 200-1000)
    #[arg(long, value_name = "MS|MIN-MAX", num_args = 0..=1, default_missing_value = "200-1000", value_parser = delay_range)]
    delay: Option<DelayRange>,
    #[command(flatten)]
    session: SessionArgs,
    #[command(flatten)]
    fernet: FernetArgs,
}

/// The classic Fernet programs: what not to do, shown working.
#[derive(Args, Debug)]
pub struct FernetArgs {
    /// Speak the classic Fernet programs' protocol: the key first, in the clear, then one token per message (a lesson in what not to do)
    #[arg(long)]
    classic_fernet: bool,
}

/// What `--classic-fernet` cannot be used with on either side: it has no
/// handshake to agree on, no rdt packets to lose, and its key is its own.
const NOT_WITH_FERNET: [&str; 9] = [
    "secure", "psk", "psk_file", "loss", "corrupt", "dup", "reorder", "drop", "flip",
];

#[derive(Args, Debug)]
#[command(mut_arg("mode", |a| a.required(false).required_unless_present_any(["classic", "classic_fernet"])))]
#[command(mut_arg("classic_fernet", |a| a
    .conflicts_with_all(NOT_WITH_FERNET)
    .conflicts_with_all(["mode", "window", "seq_bits", "classic"])))]
pub struct ClientArgs {
    /// The server
    #[arg(long, value_name = "ADDR:PORT", default_value_t = default_addr())]
    connect: String,
    /// Speak the course project's text exchange instead: sem-erros or com-erros (MODO:Canal sem/com erros)
    #[arg(long, value_name = "MODE", value_parser = classic_mode, conflicts_with_all = CLASSIC_CONFLICTS)]
    classic: Option<ClassicMode>,
    /// With --classic com-erros: how many times each message is sent before giving up
    #[arg(long, value_name = "N", default_value_t = CLASSIC_TRIES, value_parser = whole_number::<u32>(1, 100), allow_negative_numbers = true, requires = "classic")]
    tries: u32,
    #[command(flatten)]
    sender: SenderArgs,
    #[command(flatten)]
    session: SessionArgs,
    #[command(flatten)]
    fernet: FernetArgs,
    /// The messages, one per argument; without any, one per line of standard input (`sair` or `quit` ends)
    #[arg(value_name = "MESSAGE")]
    messages: Vec<String>,
}

#[derive(Args, Debug)]
pub struct CompareArgs {
    #[command(flatten)]
    faults: FaultArgs,
    /// How many messages each protocol sends
    #[arg(long, value_name = "N", default_value_t = 50, value_parser = whole_number::<u64>(1, 100_000), allow_negative_numbers = true)]
    messages: u64,
    /// Bytes in each message
    #[arg(long, value_name = "BYTES", default_value_t = 40, value_parser = whole_number::<usize>(0, u64::MAX), allow_negative_numbers = true)]
    length: usize,
    /// Most data bytes in one packet
    #[arg(long, value_name = "N", default_value_t = 50, value_parser = whole_number::<usize>(0, u64::MAX), allow_negative_numbers = true)]
    max_size: usize,
    /// Window of Go-Back-N and Selective Repeat
    #[arg(long, value_name = "W", default_value_t = 4, value_parser = whole_number::<u16>(0, 65535), allow_negative_numbers = true)]
    window: u16,
    /// Milliseconds the sender waits for an ACK
    #[arg(long, value_name = "MS", default_value_t = 100, value_parser = whole_number::<u64>(1, 60_000), allow_negative_numbers = true)]
    timeout: u64,
    /// One-way delay of the link, in milliseconds
    #[arg(long, value_name = "MS", default_value_t = 10, value_parser = whole_number::<u64>(0, 60_000), allow_negative_numbers = true)]
    latency: u64,
    /// Runs per protocol, over seeds S, S+1, … from --seed: the table shows each figure's mean and range
    #[arg(long, value_name = "N", default_value_t = DEFAULT_RUNS, value_parser = whole_number::<u32>(1, u64::from(MAX_RUNS)), allow_negative_numbers = true)]
    runs: u32,
}

/// The client's messages: its arguments, or the lines of standard input
/// (`sair` or `quit` ends them).
fn client_messages(
    args: &ClientArgs,
    lang: synack::narrate::Lang,
    err: &mut dyn Write,
) -> anyhow::Result<std::sync::mpsc::Receiver<Vec<u8>>> {
    Ok(if args.messages.is_empty() {
        if std::io::stdin().is_terminal() {
            writeln!(err, "{}", synack::tr!(lang, "rdt-client-prompt"))?;
        }
        net::lines(std::io::BufReader::new(std::io::stdin()))
    } else {
        net::given(
            args.messages
                .iter()
                .map(|m| m.as_bytes().to_vec())
                .collect(),
        )
    })
}

fn default_addr() -> String {
    format!("127.0.0.1:{DEFAULT_PORT}")
}

/// The capture files `--pcap` and `--pcapng` ask for.
fn captures(view: &ViewArgs) -> CaptureRequest {
    CaptureRequest {
        pcap: view.pcap.clone(),
        pcapng: view.pcapng.clone(),
    }
}

fn resolve(text: &str) -> Result<SocketAddr, AppError> {
    synack::net::resolve(text).map_err(AppError::from)
}

pub fn run(
    cli: &Cli,
    cmd: &RdtCommand,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let lang = cli.lang();
    match cmd {
        RdtCommand::Sim(args) => {
            let faults = args.sender.faults.config();
            let opts = SimOptions {
                proposal: args.sender.proposal(&faults),
                timeout: args.sender.timeout(),
                latency: Duration::from_millis(args.latency),
                faults,
                messages: args.messages.clone(),
                psk: args.sender.key.key()?,
                view: args.view.options(cli),
                captures: captures(&args.view),
            };
            with_console(out, |out, console| app::sim(&opts, out, err, console))?;
        }
        RdtCommand::Lesson(LessonCommand::List) => app::lesson_list(lang, cli.style(), out)?,
        RdtCommand::Lesson(LessonCommand::Run { lesson, view }) => {
            let opts = view.options(cli);
            let captures = captures(view);
            with_console(out, |out, console| {
                app::lesson_run(lesson, &opts, &captures, out, err, console)
            })?;
        }
        RdtCommand::Lesson(LessonCommand::Check { lessons }) => {
            app::lesson_check(lessons, lang, cli.style(), out)?
        }
        RdtCommand::Compare(args) => {
            let opts = CompareOptions {
                setup: CompareSetup {
                    faults: args.faults.config(),
                    messages: args.messages as usize,
                    message_len: args.length,
                    max_size: args.max_size,
                    window: args.window,
                    timeout: Duration::from_millis(args.timeout),
                    latency: Duration::from_millis(args.latency),
                    runs: args.runs,
                },
                lang,
                style: cli.style(),
            };
            app::compare(&opts, out)?;
        }
        RdtCommand::Captures(args) => app::captures(&args.dir, args.check, lang, cli.style(), out)?,
        RdtCommand::Server(args) if args.fernet.classic_fernet => {
            let opts = fernet_app::FernetServer {
                bind: resolve(&args.bind)?,
                session: FernetServerOptions {
                    max_clients: args.clients,
                    idle: Duration::from_secs(args.idle),
                    show: args.session.show(),
                },
                settings: args.session.settings(cli),
                capture: args.session.capture(),
            };
            fernet_app::server(&opts, out, err)?;
        }
        RdtCommand::Server(args) => {
            let bind = resolve(&args.bind)?;
            let opts = ServerOptions {
                bind,
                faults: args.faults.config_for(Host::Server)?,
                psk: args.key.required()?,
                max_clients: args.clients,
                idle: Duration::from_secs(args.idle),
                settings: args.session.settings(cli),
                bits: args.session.bits,
                classic: ClassicServerOptions {
                    delay: args.delay,
                    json: args.session.json,
                },
            };
            let capture = args.session.capture();
            rdt_classic::with_capture(
                capture.as_ref(),
                bind,
                opts.settings,
                out,
                err,
                |out, _| app::server(&opts, out),
            )?;
        }
        RdtCommand::Client(args) if args.classic.is_some() => {
            let mode = args.classic.unwrap_or(ClassicMode::Clean);
            let server = resolve(&args.connect)?;
            let opts = ClassicClientOptions {
                server,
                hello: Hello {
                    mode,
                    max_size: args.sender.protocol.max_size,
                },
                timeout: Duration::from_millis(args.sender.protocol.timeout.unwrap_or(2000)),
                tries: args.tries,
                connect_timeout: Duration::from_secs(5),
            };
            let shown = ClassicView {
                settings: args.session.settings(cli),
                bits: args.session.bits,
                json: args.session.json,
            };
            let messages = client_messages(args, lang, err)?;
            let capture = args.session.capture();
            rdt_classic::with_capture(
                capture.as_ref(),
                server,
                shown.settings,
                out,
                err,
                |out, _| rdt_classic::client(&opts, shown, messages, out),
            )?;
        }
        RdtCommand::Client(args) if args.fernet.classic_fernet => {
            let opts = fernet_app::FernetClient {
                session: FernetClientOptions {
                    server: resolve(&args.connect)?,
                    connect_timeout: Duration::from_secs(5),
                    show: args.session.show(),
                },
                settings: args.session.settings(cli),
                capture: args.session.capture(),
            };
            let messages = client_messages(args, lang, err)?;
            fernet_app::client(&opts, messages, out, err)?;
        }
        RdtCommand::Client(args) => {
            let faults = args.sender.faults.config_for(Host::Client)?;
            let opts = ClientOptions {
                server: resolve(&args.connect)?,
                proposal: args.sender.proposal(&faults),
                timeout: args.sender.timeout(),
                faults,
                psk: args.sender.key.required()?,
                connect_timeout: Duration::from_secs(5),
                settings: args.session.settings(cli),
                bits: args.session.bits,
            };
            let messages = client_messages(args, lang, err)?;
            let capture = args.session.capture();
            rdt_classic::with_capture(
                capture.as_ref(),
                opts.server,
                opts.settings,
                out,
                err,
                |out, warn| app::client(&opts, messages, out, warn),
            )?;
        }
    }
    Ok(())
}
