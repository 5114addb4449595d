//! `synack talk listen|connect`

use std::time::Duration;

use clap::{Args, Subcommand};

use synack::app::AppError;
use synack::app::talk::{self, ConnectOptions, ListenOptions};
use synack::talk::Timing;

use super::Cli;
use super::sockets::SocketView;
use super::values::whole_number;

#[derive(Subcommand, Debug)]
pub enum TalkCommand {
    /// Wait for the other side to connect (one connection), then talk: every line both ways as bits
    #[command(
        after_help = "Examples:\n  synack talk listen                          wait on 127.0.0.1:5000\n  synack talk listen --bind 0.0.0.0:5000      reachable from other machines\n  synack talk listen --explain                narrate socket(), bind(), listen(), accept()… with the kernel's TCP state\n  synack talk listen --quiet                  the lines only, no bits\n  sudo synack talk listen --capture talk.pcapng   also record the real frames\n\nType a line and press Enter to send it; `sair` or `quit` (or Ctrl-D) ends the\nconversation with a FIN. The other side may be `synack talk connect`, the\nclassic Python client of networking classes, or `nc 127.0.0.1 5000`."
    )]
    Listen(ListenArgs),
    /// Connect to the other side (default 127.0.0.1:5000), then talk: every line both ways as bits
    #[command(
        after_help = "Examples:\n  synack talk connect                         to 127.0.0.1:5000\n  synack talk connect 192.0.2.10              another machine, port 5000\n  synack talk connect 192.0.2.10:6000         another port\n  synack talk connect --explain               narrate socket(), connect(), send(), recv(), shutdown()…\n\nType a line and press Enter to send it; `sair` or `quit` (or Ctrl-D) ends the\nconversation with a FIN. The other side may be `synack talk listen`, the\nclassic Python server of networking classes, or `nc -l 127.0.0.1 5000`."
    )]
    Connect(ConnectArgs),
}

#[derive(Args, Debug)]
pub struct ListenArgs {
    #[command(flatten)]
    view: SocketView,
    /// Address and port to wait on (default 127.0.0.1:5000; 0.0.0.0 for every address of this machine; port 0 picks a free one)
    #[arg(long, value_name = "ADDR[:PORT]")]
    bind: Option<String>,
}

#[derive(Args, Debug)]
pub struct ConnectArgs {
    #[command(flatten)]
    view: SocketView,
    /// Seconds to wait for the handshake
    #[arg(long, value_name = "SECS", default_value_t = 5, value_parser = whole_number::<u64>(1, 3600), allow_negative_numbers = true)]
    timeout: u64,
    /// The other side: a name or an address, with :PORT unless it is 5000 (default 127.0.0.1:5000)
    #[arg(value_name = "HOST[:PORT]")]
    peer: Option<String>,
}

/// Where the other side is, or where to wait for it.
fn address(text: Option<&String>) -> Result<std::net::SocketAddr, AppError> {
    text.map_or(Ok(synack::talk::default_addr()), |text| {
        synack::talk::address(text).map_err(AppError::from)
    })
}

pub fn run(
    cli: &Cli,
    cmd: &TalkCommand,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> anyhow::Result<()> {
    let input = || Box::new(std::io::BufReader::new(std::io::stdin()));
    match cmd {
        TalkCommand::Listen(args) => {
            let opts = ListenOptions {
                bind: address(args.bind.as_ref())?,
                settings: args.view.settings(cli),
                capture: args.view.capture(),
                timing: Timing::default(),
            };
            talk::listen(&opts, input(), out, err)?;
        }
        TalkCommand::Connect(args) => {
            let opts = ConnectOptions {
                peer: address(args.peer.as_ref())?,
                timeout: Duration::from_secs(args.timeout),
                settings: args.view.settings(cli),
                capture: args.view.capture(),
                timing: Timing::default(),
            };
            talk::connect(&opts, input(), out, err)?;
        }
    }
    Ok(())
}
