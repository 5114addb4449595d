//! Every stage of explain over arbitrary bytes, for the fuzzers.

/// Runs every stage of `synack explain` over arbitrary bytes: reading, frame
/// parsing, the observer and the narration in both languages. For fuzzing;
/// whatever the bytes, this returns (never panics) and reads a bounded amount.
pub fn exercise(data: &[u8]) {
    use crate::narrate::Lang;
    use crate::trace::Sink;
    use crate::view::narration::Narrator;

    struct Narrate([Narrator; 2]);
    impl Sink for Narrate {
        fn step(&mut self, step: &crate::trace::Step) -> std::io::Result<()> {
            for n in &mut self.0 {
                let _ = n.explain(step);
            }
            Ok(())
        }
    }

    let Ok(mut reader) = crate::capture::reader::CaptureReader::new(data) else {
        return;
    };
    let mut observer =
        crate::capture::observer::Observer::new(crate::capture::observer::ObserverOptions {
            relative: true,
            ..Default::default()
        });
    let mut sink = Narrate([Narrator::new(Lang::En), Narrator::new(Lang::Pt)]);
    let want = |_: u32| true;
    while let Ok(Some(frame)) = reader.next_frame() {
        observer.clock(frame.timestamp);
        let Some(link) = crate::wire::LinkType::from_linktype(frame.linktype) else {
            return;
        };
        let _ = match crate::wire::decode_frame(link, frame.data) {
            Ok(crate::wire::Packet::Tcp(t)) => observer.tcp(&t, &mut sink, &want),
            Ok(crate::wire::Packet::Udp(u)) => observer.udp(&u, &mut sink, &want),
            _ => Ok(()),
        };
    }
    let _ = observer.finish(&mut sink, &want);
}
