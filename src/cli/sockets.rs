//! What every command on real sockets takes: how much to show of each
//! message and socket call, and whether to capture the frames.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use synack::app::capture::SessionCapture;
use synack::net::console::Settings;

use super::Cli;

#[derive(Args, Debug)]
pub struct SocketView {
    /// Do not show each message as bits
    #[arg(long)]
    quiet: bool,
    /// Narrate each socket call as it happens, with the kernel's TCP state (Linux)
    #[arg(long)]
    explain: bool,
    /// Also capture the real frames into FILE (.pcap or .pcapng; needs root or CAP_NET_RAW)
    #[arg(long, value_name = "FILE")]
    capture: Option<PathBuf>,
    /// Interface to capture on (default: the one that carries the session's address)
    #[arg(long, value_name = "NAME", requires = "capture")]
    iface: Option<String>,
}

impl SocketView {
    pub fn settings(&self, cli: &Cli) -> Settings {
        let terminal = terminal_size::terminal_size().map(|(w, _)| usize::from(w.0));
        let width = terminal
            .filter(|_| std::io::stdout().is_terminal())
            .unwrap_or(80)
            .clamp(40, 400);
        Settings {
            lang: cli.lang(),
            style: cli.style(),
            width,
            quiet: self.quiet,
            explain: self.explain,
        }
    }

    pub fn capture(&self) -> Option<SessionCapture> {
        self.capture.clone().map(|path| SessionCapture {
            path,
            iface: self.iface.clone(),
        })
    }
}
