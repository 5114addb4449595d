//! The server's console, read on a thread of its own so that a stop does not
//! wait for the next console line.

use std::io::{self, BufRead};
use std::sync::mpsc;

/// What the console thread and `stop` tell the serving loop.
pub(super) enum Control {
    Line(String),
    End,
    Failed(io::Error),
    Stop,
}

pub(super) fn read_console(mut console: Box<dyn BufRead + Send>, tx: &mpsc::Sender<Control>) {
    let mut line = String::new();
    loop {
        line.clear();
        let event = match console.read_line(&mut line) {
            Ok(0) => Control::End,
            Ok(_) => Control::Line(line.trim_end_matches(['\r', '\n']).to_string()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => Control::Failed(e),
        };
        let last = !matches!(event, Control::Line(_));
        if tx.send(event).is_err() || last {
            return;
        }
    }
}
