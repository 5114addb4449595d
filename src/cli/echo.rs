//! `synack echo server|client|demo`

use super::sockets::SocketView;
use super::values::whole_number;
use std::io::{IsTerminal, Write};
use std::time::Duration;

use clap::{Args, Subcommand, ValueEnum};

use synack::app::echo::{self, ClientOptions, DemoOptions, MAX_DEMO_CLIENTS, ServerOptions};
use synack::net::{self, Proto};

use super::Cli;

#[derive(Subcommand, Debug)]
pub enum EchoCommand {
    /// An echo server: TCP returns the bytes unchanged (a thread per client), UDP answers upper-cased
    #[command(
        after_help = "Examples:\n  synack echo server                          TCP echo on 127.0.0.1:65432\n  synack echo server --proto udp              UDP upper-case server on 127.0.0.1:65431\n  synack echo server --explain                narrate socket(), bind(), listen(), accept()… with the kernel's TCP state\n  synack echo server --bind 0.0.0.0:65432     reachable from other machines\n  synack echo server --quiet                  no bits per message (fast)\n  sudo synack echo server --capture echo.pcapng   also record the real frames\n\nEach client is served on its own thread; the server says which address and\nephemeral port each one comes from. SO_REUSEADDR is set, so a restart never\nfails on a port left in TIME-WAIT. Stop it with Ctrl-C."
    )]
    Server(ServerArgs),
    /// An echo client: sends the message (or each line typed) and shows the answer, as bits
    #[command(
        after_help = "Examples:\n  synack echo client Hello, world             one message to 127.0.0.1:65432\n  synack echo client --proto udp hello        a datagram to 127.0.0.1:65431\n  synack echo client                          one message per line you type (Ctrl-D ends)\n  synack echo client --explain Hi             narrate connect(), send(), recv(), shutdown(), close()\n  synack echo client --connect 192.0.2.10:65432 Hi   a server on another machine"
    )]
    Client(ClientArgs),
    /// A server and N clients in one process on a free port: a whole lesson on real sockets
    #[command(
        after_help = "Examples:\n  synack echo demo                            TCP, 3 clients connected at once\n  synack echo demo --proto udp --clients 2\n  synack echo demo --explain                  every socket call, with the kernel's TCP state\n  sudo synack echo demo --capture demo.pcapng   also record the real frames"
    )]
    Demo(DemoArgs),
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ProtoArg {
    Tcp,
    Udp,
}

impl From<ProtoArg> for Proto {
    fn from(p: ProtoArg) -> Proto {
        match p {
            ProtoArg::Tcp => Proto::Tcp,
            ProtoArg::Udp => Proto::Udp,
        }
    }
}

/// What every echo command takes.
#[derive(Args, Debug)]
pub struct SessionArgs {
    /// TCP or UDP
    #[arg(long, value_enum, default_value_t = ProtoArg::Tcp)]
    proto: ProtoArg,
    #[command(flatten)]
    view: SocketView,
}

#[derive(Args, Debug)]
pub struct ServerArgs {
    #[command(flatten)]
    session: SessionArgs,
    /// Address and port to listen on (default 127.0.0.1:65432 for TCP, 127.0.0.1:65431 for UDP; port 0 picks a free one)
    #[arg(long, value_name = "ADDR:PORT")]
    bind: Option<String>,
    /// TCP: answer stripped and upper-cased, like the UDP server
    #[arg(long)]
    upper: bool,
    /// Stop after N clients (UDP: N datagrams); default: serve until Ctrl-C
    #[arg(long, value_name = "N", value_parser = whole_number::<u64>(1, u64::MAX), allow_negative_numbers = true)]
    clients: Option<u64>,
}

#[derive(Args, Debug)]
pub struct ClientArgs {
    #[command(flatten)]
    session: SessionArgs,
    /// The server (default 127.0.0.1:65432 for TCP, 127.0.0.1:65431 for UDP)
    #[arg(long, value_name = "HOST:PORT")]
    connect: Option<String>,
    /// Seconds to wait for the connection and for each answer
    #[arg(long, value_name = "SECS", default_value_t = 3, value_parser = whole_number::<u64>(1, 3600), allow_negative_numbers = true)]
    timeout: u64,
    /// The message (words are joined with spaces); without one, each line of standard input is a message
    #[arg(value_name = "MESSAGE")]
    message: Vec<String>,
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    #[command(flatten)]
    session: SessionArgs,
    /// How many clients connect at once
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = whole_number::<u16>(1, MAX_DEMO_CLIENTS as u64), allow_negative_numbers = true)]
    clients: u16,
    /// TCP: the server answers stripped and upper-cased
    #[arg(long)]
    upper: bool,
}

pub fn run(
    cli: &Cli,
    cmd: &EchoCommand,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    match cmd {
        EchoCommand::Server(args) => {
            let proto = Proto::from(args.session.proto);
            let bind = match &args.bind {
                Some(text) => net::resolve(text).map_err(synack::app::AppError::from)?,
                None => proto.default_addr(),
            };
            let opts = ServerOptions {
                proto,
                bind,
                upper: args.upper,
                max_clients: args.clients,
                settings: args.session.view.settings(cli),
                capture: args.session.view.capture(),
            };
            echo::server(&opts, out, err)?;
        }
        EchoCommand::Client(args) => {
            let proto = Proto::from(args.session.proto);
            let server = match &args.connect {
                Some(text) => net::resolve(text).map_err(synack::app::AppError::from)?,
                None => proto.default_addr(),
            };
            let message = (!args.message.is_empty()).then(|| args.message.join(" "));
            let opts = ClientOptions {
                proto,
                server,
                prompt: message.is_none() && std::io::stdin().is_terminal(),
                message,
                timeout: Duration::from_secs(args.timeout),
                settings: args.session.view.settings(cli),
                capture: args.session.view.capture(),
            };
            let mut input = std::io::BufReader::new(std::io::stdin());
            echo::client(&opts, &mut input, out, err)?;
        }
        EchoCommand::Demo(args) => {
            let opts = DemoOptions {
                proto: Proto::from(args.session.proto),
                clients: usize::from(args.clients),
                upper: args.upper,
                settings: args.session.view.settings(cli),
                capture: args.session.view.capture(),
            };
            echo::demo(&opts, out, err)?;
        }
    }
    Ok(())
}
