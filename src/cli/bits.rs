//! `synack bits …`

use std::io::Write;

use clap::Args;

use synack::app;

use super::Cli;

#[derive(Args, Debug)]
pub struct BitsArgs {
    /// The text to show as bits (several words are joined with spaces; none: read standard input)
    #[arg(value_name = "TEXT")]
    text: Vec<String>,

    /// Turn bits (like '01001000 01101001') back into text
    #[arg(long, value_name = "BITS", conflicts_with = "text")]
    decode: Option<String>,
}

pub fn run(cli: &Cli, args: &BitsArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let (lang, style, width) = (cli.lang(), cli.style(), cli.width());
    if let Some(bits) = &args.decode {
        app::bits::decode(bits, lang, style, width, out)?;
        return Ok(());
    }
    let text = if args.text.is_empty() {
        app::bits::read_text(&mut std::io::stdin().lock())?
    } else {
        args.text.join(" ")
    };
    app::bits::encode(&text, lang, style, width, out)?;
    Ok(())
}
