//! `synack capture` and the `--capture FILE` of echo sessions: the real frames
//! the kernel sent, written to a pcap or pcapng file, then reported.

use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::narrate::{Lang, Localize};
use crate::net::NetError;
use crate::net::live_capture::{
    CaptureRequest, CaptureSummary, LiveCapture, file_format, interface_for, loopback_interface,
};
use crate::tr;

use super::AppError;

/// `--capture FILE [--iface NAME]` of an echo session.
#[derive(Clone, Debug)]
pub struct SessionCapture {
    pub path: PathBuf,
    /// The interface; by default the one that carries the session's address.
    pub iface: Option<String>,
}

impl SessionCapture {
    /// Refuses a file name that is neither `.pcap` nor `.pcapng` before
    /// anything starts.
    pub fn check(&self) -> Result<(), AppError> {
        file_format(&self.path).map_err(NetError::from)?;
        Ok(())
    }
}

/// Time for the last frames of a session (the final ACK) to reach the capture.
const GRACE: Duration = Duration::from_millis(150);

/// Starts capturing the frames to or from `port` on the interface that carries
/// `ip`. Without permission, or where live capture is unavailable, says so in
/// one line on `warn` and returns `None`: the session runs anyway.
pub fn start_session_capture(
    capture: Option<&SessionCapture>,
    ip: IpAddr,
    port: u16,
    lang: Lang,
    warn: &mut dyn Write,
) -> Result<Option<LiveCapture>, AppError> {
    let Some(capture) = capture else {
        return Ok(None);
    };
    let started = capture
        .iface
        .clone()
        .map_or_else(|| interface_for(ip), Ok)
        .and_then(|iface| {
            LiveCapture::start(CaptureRequest {
                iface: iface.clone(),
                ports: vec![port],
                path: capture.path.clone(),
                count: None,
                duration: None,
            })
            .map(|c| (c, iface))
        });
    match started {
        Ok((live, iface)) => {
            writeln!(
                warn,
                "{}",
                tr!(
                    lang,
                    "echo-capture-session-started",
                    iface = iface,
                    port = port,
                    path = capture.path.display().to_string()
                )
            )?;
            Ok(Some(live))
        }
        Err(e) => {
            writeln!(
                warn,
                "{}",
                tr!(
                    lang,
                    "echo-capture-session-skipped",
                    reason = e.localize(lang)
                )
            )?;
            Ok(None)
        }
    }
}

/// Stops a session's capture once its last frames are in, and reports it.
pub fn finish_session_capture(
    capture: Option<LiveCapture>,
    lang: Lang,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Result<(), AppError> {
    let Some(capture) = capture else {
        return Ok(());
    };
    std::thread::sleep(GRACE);
    match capture.finish() {
        Ok(summary) => report_capture(&summary, lang, out),
        Err(e) => {
            writeln!(warn, "{}", tr!(lang, "warning", message = e.localize(lang)))?;
            Ok(())
        }
    }
}

/// After a capture: how many frames went where, then the capture explained by
/// the observer of `synack explain` (each conversation as a ladder with both
/// sides' states), as a student would get with `synack explain FILE`.
pub fn report_capture(
    summary: &CaptureSummary,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<(), AppError> {
    writeln!(
        out,
        "{}",
        tr!(
            lang,
            "echo-capture-report",
            frames = summary.frames,
            path = summary.path.display().to_string()
        )
    )?;
    if summary.frames == 0 {
        return Ok(());
    }
    writeln!(out)?;
    let opts = super::explain::ExplainOptions {
        file: summary.path.clone(),
        view: super::output::ViewOptions {
            lang,
            ..super::output::ViewOptions::default()
        },
        ..super::explain::ExplainOptions::default()
    };
    // A capture cut by the end of the session may end mid-packet: say nothing.
    super::explain::run(&opts, out, &mut std::io::sink(), None)
}

/// `synack capture`.
#[derive(Clone, Debug)]
pub struct CaptureOptions {
    /// Default: the loopback interface.
    pub iface: Option<String>,
    /// Keep only TCP and UDP frames to or from these ports (all when empty).
    pub ports: Vec<u16>,
    pub path: PathBuf,
    pub count: Option<u64>,
    pub duration: Option<Duration>,
    pub lang: Lang,
}

/// `synack capture`: writes frames until `count` or `duration` (or until
/// interrupted: the file is complete after every frame), then reports.
pub fn capture(
    opts: &CaptureOptions,
    out: &mut dyn Write,
    warn: &mut dyn Write,
) -> Result<(), AppError> {
    let lang = opts.lang;
    file_format(&opts.path).map_err(NetError::from)?;
    let iface = match &opts.iface {
        Some(name) => name.clone(),
        None => loopback_interface().map_err(NetError::from)?,
    };
    let live = LiveCapture::start(CaptureRequest {
        iface: iface.clone(),
        ports: opts.ports.clone(),
        path: opts.path.clone(),
        count: opts.count,
        duration: opts.duration,
    })
    .map_err(NetError::from)?;
    let filter = if opts.ports.is_empty() {
        tr!(lang, "echo-capture-filter-all")
    } else {
        let ports = opts
            .ports
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        tr!(lang, "echo-capture-filter-ports", ports = ports)
    };
    let until = match (opts.count, opts.duration) {
        (None, None) => tr!(lang, "echo-capture-until-interrupted"),
        (Some(count), None) => tr!(lang, "echo-capture-until-count", count = count),
        (None, Some(d)) => tr!(
            lang,
            "echo-capture-until-seconds",
            seconds = d.as_secs_f64()
        ),
        (Some(count), Some(d)) => tr!(
            lang,
            "echo-capture-until-either",
            count = count,
            seconds = d.as_secs_f64()
        ),
    };
    writeln!(
        warn,
        "{}",
        tr!(
            lang,
            "echo-capture-started",
            iface = iface,
            filter = filter,
            path = opts.path.display().to_string(),
            until = until
        )
    )?;
    let summary = live.wait().map_err(NetError::from)?;
    report_capture(&summary, lang, out)
}
