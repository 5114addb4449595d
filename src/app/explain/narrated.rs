//! `--pcapng OUT`: the capture written back with the narration as packet comments.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter};
use std::path::Path;

use super::ExplainOptions;
use super::pass::{observe, pass};
use crate::app::AppError;
use crate::capture::observer::{Observer, ObserverOptions, Summary};
use crate::capture::{CaptureFormat, CaptureWriter};
use crate::trace::Trace;
use crate::view::narration::Narrator;

/// `--pcapng OUT`: the capture's own frames, each with its narration as comment.
pub(super) fn write_narrated(
    opts: &ExplainOptions,
    path: &Path,
    chosen: &[Summary],
    observer_opts: ObserverOptions,
) -> Result<(), AppError> {
    let lang = opts.view.lang;
    let create = |e: io::Error| AppError::CreateFile {
        path: path.display().to_string(),
        source: e,
    };
    let file = File::create(path).map_err(create)?;
    // Created at the first frame, whose link type the file then declares.
    let mut out = Some(BufWriter::new(file));
    let mut writer: Option<CaptureWriter<BufWriter<File>>> = None;
    let mut narrators: BTreeMap<u32, Narrator> = BTreeMap::new();
    let want = |i: u32| chosen.iter().any(|s| s.index == i);
    let mut observer = Observer::new(observer_opts);
    let result = pass(&opts.file, &mut observer, |obs, packet, frame| {
        let mut steps = Trace::default();
        observe(obs, packet, &mut steps, &want)?;
        let mut comment = Vec::new();
        for step in &steps.steps {
            let narrator = narrators
                .entry(step.conv)
                .or_insert_with(|| Narrator::new(lang).without_frame_numbers());
            comment.extend(narrator.explain(step));
        }
        let comment = (!comment.is_empty()).then(|| comment.join(" "));
        let w = match (&mut writer, out.take()) {
            (Some(w), _) => w,
            (None, Some(o)) => writer.insert(CaptureWriter::for_link(
                o,
                CaptureFormat::PcapNg,
                "synack explain",
                frame.linktype,
            )?),
            (None, None) => return Ok(()),
        };
        // The capture's own bytes go back out, on an interface of their link type.
        if let Some(interface) = w.interface_for(frame.linktype)? {
            w.write_on(interface, frame.timestamp, frame.data, comment.as_deref())?;
        }
        Ok(())
    });
    let finished = result.and_then(|_| {
        let w = match (writer, out) {
            (Some(w), _) => w,
            // An empty capture gives an empty (but valid) pcapng.
            (None, Some(o)) => CaptureWriter::new(o, CaptureFormat::PcapNg, "synack explain")?,
            (None, None) => return Ok(()),
        };
        w.finish()?;
        Ok(())
    });
    if finished.is_err() {
        let _ = std::fs::remove_file(path);
    }
    finished
}
