//! `synack capture`

use super::values::whole_number;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use synack::app::capture::{self, CaptureOptions};

use synack::tr;

use super::Cli;

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  sudo synack capture --port 65432 --out echo.pcapng --seconds 30\n  sudo synack capture --iface eth0 --out all.pcap --count 100\n\nRun an echo session in another terminal meanwhile (synack echo server /\nsynack echo client Hi), then open the file in Wireshark or run\n`synack explain FILE`. Capturing needs root, or once:\n  sudo setcap cap_net_raw+ep $(which synack)\nWithout --count or --seconds it runs until Ctrl-C; the file is complete\nafter every frame."
)]
pub struct CaptureArgs {
    /// Interface (default: the loopback interface, lo)
    #[arg(long, value_name = "NAME")]
    iface: Option<String>,
    /// Keep only TCP and UDP frames to or from this port (repeat for more)
    #[arg(long, value_name = "N")]
    port: Vec<u16>,
    /// The file to write: .pcap or .pcapng
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Stop after N frames
    #[arg(long, value_name = "N", value_parser = whole_number::<u64>(1, u64::MAX), allow_negative_numbers = true)]
    count: Option<u64>,
    /// Stop after S seconds
    #[arg(long, value_name = "S", value_parser = parse_seconds, allow_negative_numbers = true)]
    seconds: Option<f64>,
}

fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(s) if s > 0.0 && s <= 86_400.0 => Ok(s),
        _ => Err(tr!(
            super::errors::lang_from_raw_args(),
            "cli-not-seconds",
            text = text
        )),
    }
}

pub fn run(
    cli: &Cli,
    args: &CaptureArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let opts = CaptureOptions {
        iface: args.iface.clone(),
        ports: args.port.clone(),
        path: args.out.clone(),
        count: args.count,
        duration: args.seconds.map(Duration::from_secs_f64),
        lang: cli.lang(),
    };
    capture::capture(&opts, out, err)?;
    Ok(())
}
