//! `synack chat server|client`

use super::values::whole_number;
use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use synack::app::chat::{ClientInput, ClientRun};
use synack::chat::frame::{DEFAULT_CHUNK, DEFAULT_MAX_CHUNK, MAX_MAX_CHUNK};
use synack::chat::queue::Bound;
use synack::chat::{ClientOptions, ServerOptions};

use super::Cli;

#[derive(Subcommand, Debug)]
pub enum ChatCommand {
    /// Serve chat and files: a thread per client, console lines broadcast to all
    #[command(
        after_help = "Examples:\n  synack chat server                          0.0.0.0:5555, files from ./server_files\n  synack chat server --bind 127.0.0.1:6000 --dir ~/aula\n  synack chat server --bits                   every frame as 8-bit strings\n\nType a line to send it to every client as CHAT \"[SERVER]: line\"; type quit to stop.\nFrames: [length u64 big-endian][type 4 ASCII][payload]; see the README's protocol table."
    )]
    Server(ServerArgs),
    /// Connect to a chat server: chat, list and download files (SHA-256 verified)
    #[command(
        after_help = "Commands once connected:\n  chat <msg>        send a chat line\n  file <name>       download a file (also: arquivo <name>)\n  list              the server's files and sizes\n  quit              leave (also: sair)\n\nExamples:\n  synack chat client                          localhost 5555\n  synack chat client 192.168.0.10 5555 --downloads recebidos\n  synack chat client --say 'hello' --get notes.pdf --get photo.png\n  synack chat client --bits --bits-bytes 8    see each frame's bits\n\nDownloads are written to NAME.part and renamed only when the SHA-256 matches;\nan interrupted download resumes from its .part next time (synack servers)."
    )]
    Client(ClientArgs),
}

#[derive(Args, Debug)]
pub struct BitsArgs {
    /// Print each frame's header and the start of its payload as 8-bit strings
    #[arg(long)]
    bits: bool,
    /// Payload bytes shown by --bits
    #[arg(long, value_name = "N", default_value_t = 32, value_parser = whole_number::<usize>(0, u64::MAX), allow_negative_numbers = true)]
    bits_bytes: usize,
}

impl BitsArgs {
    fn get(&self) -> Option<usize> {
        self.bits.then_some(self.bits_bytes)
    }
}

#[derive(Args, Debug)]
pub struct ServerArgs {
    /// Address and port to listen on
    #[arg(long, value_name = "ADDR:PORT", default_value = "0.0.0.0:5555")]
    bind: String,
    /// Folder whose files are served (created if missing)
    #[arg(long, value_name = "DIR", default_value = "server_files")]
    dir: PathBuf,
    /// FDAT chunk size in bytes (classic servers use 8192)
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_CHUNK,
          value_parser = whole_number::<usize>(1, 1_048_576), allow_negative_numbers = true)]
    chunk: usize,
    /// Sends a client may have waiting (a burst of chat counts as one; 4 MiB at most) before it is disconnected as too slow
    #[arg(long, value_name = "FRAMES", default_value_t = Bound::default().frames,
          value_parser = whole_number::<usize>(1, u64::MAX), allow_negative_numbers = true)]
    queue: usize,
    #[command(flatten)]
    bits: BitsArgs,
}

#[derive(Args, Debug)]
pub struct ClientArgs {
    /// Server host name or address
    #[arg(default_value = "localhost")]
    host: String,
    /// Server port
    #[arg(default_value_t = 5555, value_parser = whole_number::<u16>(1, 65535), allow_negative_numbers = true)]
    port: u16,
    /// Folder downloads are saved in (created if missing)
    #[arg(long, value_name = "DIR", default_value = "client_downloads")]
    downloads: PathBuf,
    /// Send this chat line and leave (repeatable; no prompt)
    #[arg(long, value_name = "TEXT")]
    say: Vec<String>,
    /// Download and verify this file and leave (repeatable; exits non-zero if any fails)
    #[arg(long, value_name = "NAME")]
    get: Vec<String>,
    /// Largest FDAT payload accepted, in bytes; a larger frame closes the connection
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_CHUNK, value_parser = whole_number::<u64>(1, MAX_MAX_CHUNK), allow_negative_numbers = true)]
    max_chunk: u64,
    #[command(flatten)]
    bits: BitsArgs,
}

/// Runs a chat command. `held` is the caller's lock on standard output: the
/// server and client print from several threads, so it is released first.
pub fn run(cli: &Cli, cmd: &ChatCommand, held: std::io::StdoutLock<'static>) -> anyhow::Result<()> {
    drop(held);
    match cmd {
        ChatCommand::Server(a) => {
            let opts = ServerOptions {
                bind: a.bind.clone(),
                dir: a.dir.clone(),
                lang: cli.lang(),
                style: cli.style(),
                bits: a.bits.get(),
                chunk: a.chunk,
                queue: Bound {
                    frames: a.queue,
                    ..Bound::default()
                },
            };
            let console = Box::new(std::io::BufReader::new(std::io::stdin()));
            synack::app::chat::server(&opts, console, Box::new(std::io::stdout()))?;
        }
        ChatCommand::Client(a) => {
            let terminal = std::io::stdout().is_terminal();
            let input = if std::io::stdin().is_terminal() && terminal {
                ClientInput::Terminal
            } else {
                ClientInput::Lines(Box::new(std::io::BufReader::new(std::io::stdin())))
            };
            let run = ClientRun {
                options: ClientOptions {
                    host: a.host.clone(),
                    port: a.port,
                    downloads: a.downloads.clone(),
                    max_chunk: a.max_chunk,
                    lang: cli.lang(),
                    style: cli.style(),
                    bits: a.bits.get(),
                },
                say: a.say.clone(),
                get: a.get.clone(),
                bars: terminal,
            };
            synack::app::chat::client(run, input, Box::new(std::io::stdout()))?;
        }
    }
    Ok(())
}
