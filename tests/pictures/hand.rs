//! Pictures made by hand, each showing one thing the diagram must draw well:
//! a handshake, a lost segment resent after its timer fired (a long idle gap),
//! two SYNs crossing (a simultaneous open), and a capture's nearly horizontal
//! arrows with frame numbers. Each is built in both languages from one script,
//! so the two differ only in their words.

use synack::narrate::Lang;
use synack::picture::model::{
    Arrow, ArrowEnd, Lifeline, Micros, Moment, Picture, StateMark, TimerSpan,
};
use synack::trace::Host::{self, Client, Server};

const MS: Micros = 1_000;

/// English or Portuguese, by the picture's language.
fn tr(lang: Lang, en: &str, pt: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::Pt => pt.to_string(),
    }
}

/// A picture written as a ladder: one call per step.
struct Run {
    p: Picture,
}

impl Run {
    fn new(lang: Lang, title: (&str, &str), summary: (&str, &str)) -> Run {
        let p = Picture {
            title: tr(lang, title.0, title.1),
            summary: tr(lang, summary.0, summary.1),
            lang,
            sides: [
                Lifeline {
                    role: tr(lang, "client", "cliente"),
                    addr: "10.0.0.1:49152".into(),
                },
                Lifeline {
                    role: tr(lang, "server", "servidor"),
                    addr: "10.0.0.2:80".into(),
                },
            ],
            ..Picture::default()
        };
        Run { p }
    }

    fn lang(&self) -> Lang {
        self.p.lang
    }

    /// A step with no arrow (a call, a timer firing).
    fn step(&mut self, side: Host, t: Micros, label: &str, say: (&str, &str)) -> usize {
        let lang = self.lang();
        self.p.steps.push(Moment {
            t,
            side,
            label: label.into(),
            narration: vec![tr(lang, say.0, say.1)],
            bits: Vec::new(),
            arrow: None,
            frame: None,
        });
        self.p.steps.len() - 1
    }

    /// A message sent at `t` that arrives at `end` (or is lost there): its
    /// sending step, its arrow, and its delivery step when it arrives.
    fn send(
        &mut self,
        from: Host,
        t: Micros,
        end: ArrowEnd,
        label: &str,
        say: (&str, &str),
        retransmission: bool,
    ) -> usize {
        let lang = self.lang();
        let arrow = self.p.arrows.len();
        let step = self.step(from, t, label, say);
        self.p.steps[step].arrow = Some(arrow);
        self.p.steps[step].bits = vec![
            "0                   1                   2                   3".into(),
            format!("|  {label:<58}|"),
        ];
        self.p.arrows.push(Arrow {
            from,
            sent: t,
            end,
            label: label.into(),
            retransmission,
            data: label.starts_with("DATA"),
            frame: None,
            step,
        });
        match end {
            ArrowEnd::Arrived(at) => {
                let d = self.step(
                    from.peer(),
                    at,
                    label,
                    (
                        &format!("The {} arrives.", label),
                        &format!("O {} chega.", label),
                    ),
                );
                self.p.steps[d].arrow = Some(arrow);
            }
            ArrowEnd::Lost(at) => {
                let d = self.step(
                    from,
                    at,
                    &format!("✗ {label}"),
                    (
                        &format!("The link loses the {label}: it never arrives."),
                        &format!("O enlace perde o {label}: ele nunca chega."),
                    ),
                );
                self.p.steps[d].arrow = Some(arrow);
            }
        }
        let _ = lang;
        arrow
    }

    /// `side` is in `state` from `t` on, moved by the latest step.
    fn state(&mut self, side: Host, t: Micros, state: &str) {
        let step = self.p.steps.len().saturating_sub(1);
        self.p.states.push(StateMark {
            side,
            t,
            state: state.into(),
            step,
        });
    }

    fn timer(&mut self, side: Host, from: Micros, to: Micros, label: (&str, &str), fired: bool) {
        let lang = self.lang();
        self.p.timers.push(TimerSpan {
            side,
            from,
            to,
            label: tr(lang, label.0, label.1),
            fired,
        });
    }
}

/// The three-way handshake, 10 ms each way.
pub fn handshake(lang: Lang) -> Picture {
    let mut r = Run::new(
        lang,
        ("Three-way handshake", "Apresentação de três vias"),
        (
            "SYN, SYN-ACK, ACK: each side learns the other's initial sequence number.",
            "SYN, SYN-ACK, ACK: cada lado aprende o número de sequência inicial do outro.",
        ),
    );
    r.step(
        Server,
        0,
        "listen()",
        ("The server listens.", "O servidor escuta."),
    );
    r.state(Server, 0, "LISTEN");
    r.state(Client, 0, "CLOSED");
    r.step(
        Client,
        0,
        "connect()",
        ("The client connects.", "O cliente conecta."),
    );
    let syn = r.send(
        Client,
        0,
        ArrowEnd::Arrived(10 * MS),
        "SYN seq=0",
        ("The client sends a SYN.", "O cliente envia um SYN."),
        false,
    );
    let _ = syn;
    r.state(Client, 0, "SYN-SENT");
    r.timer(Client, 0, 20 * MS, ("RTO 1 s", "RTO 1 s"), false);
    r.state(Server, 10 * MS, "SYN-RECEIVED");
    r.send(
        Server,
        10 * MS,
        ArrowEnd::Arrived(20 * MS),
        "SYN-ACK seq=0 ack=1",
        (
            "The server answers with its own SYN and acknowledges the client's.",
            "O servidor responde com seu próprio SYN e confirma o do cliente.",
        ),
        false,
    );
    r.state(Client, 20 * MS, "ESTABLISHED");
    r.send(
        Client,
        20 * MS,
        ArrowEnd::Arrived(30 * MS),
        "ACK ack=1",
        (
            "The client acknowledges the server's SYN: it is established.",
            "O cliente confirma o SYN do servidor: a conexão está estabelecida.",
        ),
        false,
    );
    r.state(Server, 30 * MS, "ESTABLISHED");
    r.send(
        Client,
        40 * MS,
        ArrowEnd::Arrived(50 * MS),
        "DATA 5 <Hi & \"bye\">",
        (
            "The client sends 5 bytes: <Hi & \"bye\">.",
            "O cliente envia 5 bytes: <Hi & \"bye\">.",
        ),
        false,
    );
    r.p
}

/// A SYN lost on the way, resent when its one-second timer fires: a long
/// idle gap the diagram shortens.
pub fn lost_syn(lang: Lang) -> Picture {
    let mut r = Run::new(
        lang,
        ("A lost SYN", "Um SYN perdido"),
        (
            "The first SYN never arrives; the client's timer fires after a second and it sends the SYN again.",
            "O primeiro SYN nunca chega; o temporizador do cliente dispara depois de um segundo e ele envia o SYN de novo.",
        ),
    );
    r.step(
        Server,
        0,
        "listen()",
        ("The server listens.", "O servidor escuta."),
    );
    r.state(Server, 0, "LISTEN");
    r.send(
        Client,
        0,
        ArrowEnd::Lost(5 * MS),
        "SYN seq=0",
        ("The client sends a SYN.", "O cliente envia um SYN."),
        false,
    );
    r.state(Client, 0, "SYN-SENT");
    r.timer(Client, 0, 1_000 * MS, ("RTO 1 s", "RTO 1 s"), true);
    r.step(
        Client,
        1_000 * MS,
        "⏱ RTO",
        (
            "The retransmission timer fires: no SYN-ACK came back.",
            "O temporizador de retransmissão dispara: nenhum SYN-ACK voltou.",
        ),
    );
    r.send(
        Client,
        1_000 * MS,
        ArrowEnd::Arrived(1_010 * MS),
        "SYN seq=0",
        (
            "The client sends the SYN again.",
            "O cliente envia o SYN de novo.",
        ),
        true,
    );
    r.timer(
        Client,
        1_000 * MS,
        1_020 * MS,
        ("RTO 2 s", "RTO 2 s"),
        false,
    );
    r.state(Server, 1_010 * MS, "SYN-RECEIVED");
    r.send(
        Server,
        1_010 * MS,
        ArrowEnd::Arrived(1_020 * MS),
        "SYN-ACK seq=0 ack=1",
        ("The server answers.", "O servidor responde."),
        false,
    );
    r.state(Client, 1_020 * MS, "ESTABLISHED");
    r.send(
        Client,
        1_020 * MS,
        ArrowEnd::Arrived(1_030 * MS),
        "ACK ack=1",
        ("The client acknowledges.", "O cliente confirma."),
        false,
    );
    r.state(Server, 1_030 * MS, "ESTABLISHED");
    r.p
}

/// Both sides open at once: their SYNs cross on the link.
pub fn simultaneous_open(lang: Lang) -> Picture {
    let mut r = Run::new(
        lang,
        ("Simultaneous open", "Abertura simultânea"),
        (
            "Both sides send a SYN before either arrives: the arrows cross.",
            "Os dois lados enviam um SYN antes que qualquer um chegue: as setas se cruzam.",
        ),
    );
    r.state(Client, 0, "CLOSED");
    r.state(Server, 0, "CLOSED");
    r.send(
        Client,
        0,
        ArrowEnd::Arrived(20 * MS),
        "SYN seq=100",
        ("One side sends a SYN.", "Um lado envia um SYN."),
        false,
    );
    r.state(Client, 0, "SYN-SENT");
    r.send(
        Server,
        3 * MS,
        ArrowEnd::Arrived(23 * MS),
        "SYN seq=300",
        (
            "The other sends its own SYN.",
            "O outro envia seu próprio SYN.",
        ),
        false,
    );
    r.state(Server, 3 * MS, "SYN-SENT");
    r.state(Server, 20 * MS, "SYN-RECEIVED");
    r.state(Client, 23 * MS, "SYN-RECEIVED");
    r.send(
        Server,
        20 * MS,
        ArrowEnd::Arrived(40 * MS),
        "SYN-ACK seq=300 ack=101",
        ("It answers with a SYN-ACK.", "Ele responde com um SYN-ACK."),
        false,
    );
    r.send(
        Client,
        23 * MS,
        ArrowEnd::Arrived(43 * MS),
        "SYN-ACK seq=100 ack=301",
        ("So does the other.", "O outro também."),
        false,
    );
    r.state(Client, 40 * MS, "ESTABLISHED");
    r.state(Server, 43 * MS, "ESTABLISHED");
    r.p
}

/// A capture: times are when frames were seen, so arrows arrive as they
/// leave; frame numbers are Wireshark's.
pub fn captured(lang: Lang) -> Picture {
    let mut r = Run::new(
        lang,
        ("A captured handshake", "Uma apresentação capturada"),
        (
            "Seen at one point on the link: each frame is drawn when it was seen.",
            "Visto em um ponto do enlace: cada quadro aparece quando foi visto.",
        ),
    );
    r.p.captured = true;
    let frames = [
        (Client, 0, "SYN seq=0"),
        (Server, 180, "SYN-ACK seq=0 ack=1"),
        (Client, 260, "ACK ack=1"),
        (Client, 40_000, "DATA 12"),
        (Server, 40_090, "ACK ack=13"),
        (Client, 4_000_000, "FIN seq=13"),
    ];
    for (n, (side, t, label)) in frames.into_iter().enumerate() {
        let a = r.send(
            side,
            t,
            ArrowEnd::Arrived(t),
            label,
            (
                &format!("Frame {}: {label}.", n + 1),
                &format!("Quadro {}: {label}.", n + 1),
            ),
            false,
        );
        r.p.arrows[a].frame = Some(n as u32 + 1);
        let s = r.p.arrows[a].step;
        r.p.steps[s].frame = Some(n as u32 + 1);
    }
    r.state(Client, 0, "SYN-SENT");
    r.state(Server, 0, "SYN-RECEIVED");
    r.state(Client, 180, "ESTABLISHED");
    r.state(Server, 260, "ESTABLISHED");
    r.p
}

/// Every hand-made picture, by name, in both languages `[en, pt]`.
pub fn all() -> Vec<(&'static str, [Picture; 2])> {
    let both = |make: fn(Lang) -> Picture| [make(Lang::En), make(Lang::Pt)];
    vec![
        ("handshake", both(handshake)),
        ("lost-syn", both(lost_syn)),
        ("simultaneous-open", both(simultaneous_open)),
        ("captured", both(captured)),
    ]
}
