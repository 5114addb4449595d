//! `synack captures …`

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use synack::app;

use super::Cli;

#[derive(Args, Debug)]
pub struct CapturesArgs {
    /// The folder to write to (or check)
    #[arg(long, value_name = "DIR", default_value = "captures")]
    pub(super) dir: PathBuf,

    /// Write nothing; exit non-zero if a file differs from what this version writes
    #[arg(long)]
    pub(super) check: bool,
}

pub fn run(cli: &Cli, args: &CapturesArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    app::captures::run(&args.dir, args.check, cli.lang(), cli.style(), out)?;
    Ok(())
}
