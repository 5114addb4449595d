//! `synack explain …`

use super::values::{frame_range, whole_number};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;

use synack::app::explain::ExplainOptions;

use synack::app::{self, AppError};

use super::{Cli, ViewArgs, with_console};

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A pcap or pcapng file (from Wireshark, tcpdump, or synack itself)
    #[arg(value_name = "FILE")]
    file: PathBuf,

    /// Only this conversation (numbers as in --summary)
    #[arg(long, value_name = "N", value_parser = whole_number::<u32>(0, u32::MAX as u64), allow_negative_numbers = true)]
    conversation: Option<u32>,

    /// Only the conversation between these two sockets, in either direction
    #[arg(long, num_args = 2, value_names = ["ADDR:PORT", "ADDR:PORT"], conflicts_with = "conversation")]
    between: Option<Vec<SocketAddr>>,

    /// Only these frames, numbered as in Wireshark's "No." column: 7, 7-20, or 7- (to the end);
    /// the earlier frames are still read, so states and numbers are right
    #[arg(long = "frame", value_name = "N[-M]", value_parser = frame_range)]
    frames: Option<(u32, u32)>,

    /// One line per conversation: endpoints, packets, bytes, how it opened and ended, final states
    #[arg(long)]
    summary: bool,

    /// Real sequence numbers (the default counts each side's from its ISN as 0, like Wireshark)
    #[arg(long)]
    absolute: bool,

    #[command(flatten)]
    view: ViewArgs,
}

pub fn run(
    cli: &Cli,
    args: &ExplainArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let between = args.between.as_ref().and_then(|v| match v.as_slice() {
        [a, b] => Some((*a, *b)),
        _ => None,
    });
    let opts = ExplainOptions {
        file: args.file.clone(),
        view: args.view.options(cli),
        conversation: args.conversation,
        between,
        summary: args.summary,
        absolute: args.absolute,
        pcapng: args.view.pcapng.clone(),
        frames: args.frames,
    };
    if args.view.pcap.is_some() {
        return Err(AppError::PcapNeedsPcapng.into());
    }
    // A capture's JSON runs to millions of lines: write them in big blocks,
    // not a line at a time (the views flush before every pause of --step).
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    with_console(&mut buffered, |out, console| {
        app::explain::run(&opts, out, err, console)
    })?;
    buffered.flush()?;
    Ok(())
}
