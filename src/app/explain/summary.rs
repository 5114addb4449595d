//! `--summary`: one line per conversation.

use std::io::{self, Write};

use crate::capture::observer::{Ended, Opened, Summary};
use crate::narrate::Lang;
use crate::tr;
use crate::view::style::{Paint, Style};

/// Every chosen conversation's line, or a note that there are none.
pub(super) fn print_summary(
    chosen: &[Summary],
    lang: Lang,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    for s in chosen {
        writeln!(out, "{}", summary_line(s, lang, style))?;
    }
    if chosen.is_empty() {
        writeln!(out, "{}", tr!(lang, "explain-no-conversations"))?;
    }
    Ok(())
}

/// One conversation on one line: who, how much, how it opened and ended, final states.
pub fn summary_line(s: &Summary, lang: Lang, style: Style) -> String {
    let proto = if s.udp { "UDP" } else { "TCP" };
    let who = format!("#{} {proto} {} ⇄ {}", s.index, s.client, s.server);
    let opened = match s.opened {
        Opened::Handshake => tr!(lang, "explain-opened-handshake"),
        Opened::Simultaneous => tr!(lang, "explain-opened-simultaneous"),
        Opened::Refused => tr!(lang, "explain-opened-refused"),
        Opened::Unanswered => tr!(lang, "explain-opened-unanswered"),
        Opened::MidStream => tr!(lang, "explain-opened-mid-stream"),
        Opened::Datagrams => tr!(lang, "explain-opened-datagrams"),
    };
    let ended = match (s.opened, s.ended) {
        // The RST that refused the connection is the one that ended it: a
        // connection never opened was not "reset" as well.
        (Opened::Refused, Ended::Rst) => None,
        (_, Ended::Fin) => Some(tr!(lang, "explain-ended-fin")),
        (_, Ended::HalfClosed) => Some(tr!(lang, "explain-ended-half-closed")),
        (_, Ended::Rst) => Some(tr!(lang, "explain-ended-rst")),
        (_, Ended::StillOpen) => Some(tr!(lang, "explain-ended-open")),
    };
    let numbers = tr!(
        lang,
        "explain-summary-numbers",
        packets = s.packets,
        sent = s.bytes[0],
        received = s.bytes[1]
    );
    if s.udp {
        format!("{}  {numbers} · {opened}", style.paint(Paint::Bold, &who))
    } else {
        let states = tr!(
            lang,
            "explain-summary-states",
            client = s.states[0].name(),
            server = s.states[1].name()
        );
        let how = match ended {
            Some(ended) => format!("{opened} · {ended}"),
            None => opened,
        };
        format!(
            "{}  {numbers} · {how} · {states}",
            style.paint(Paint::Bold, &who)
        )
    }
}
