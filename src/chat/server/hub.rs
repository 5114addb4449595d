//! The broadcaster: chat for everyone goes through one thread, which gathers
//! what is waiting into one batch, so a burst of chat from many clients wakes
//! each writer once instead of once a line.

use std::sync::{Arc, mpsc};

use crate::chat::queue::PushError;
use crate::tr;

use super::clients::Shared;
use super::writer::Out;

/// Chat frames gathered by the broadcaster while it was busy: one queue item
/// per client for the lot, so a burst of chat from many clients wakes each
/// writer once and leaves in one write.
pub(super) struct Batch {
    pub(super) bytes: Vec<u8>,
    /// Who sent each frame (`None`: the console) and where it is in `bytes`.
    pub(super) spans: Vec<(Option<u64>, std::ops::Range<usize>)>,
}

/// What the broadcaster thread is told.
pub(super) enum Hub {
    Line { from: Option<u64>, frame: Vec<u8> },
    Stop,
}

/// Chat bytes the broadcaster gathers into one batch at most.
const HUB_BATCH: usize = 256 * 1024;

/// The broadcaster: takes every chat line waiting, and queues them for every
/// client as one batch. While it queues one batch the next one gathers.
pub(super) fn hub_loop(shared: &Shared, rx: &mpsc::Receiver<Hub>) {
    loop {
        let mut batch = Batch {
            bytes: Vec::new(),
            spans: Vec::new(),
        };
        let mut stop = false;
        let mut add = |from: Option<u64>, frame: Vec<u8>| {
            let at = batch.bytes.len();
            batch.bytes.extend_from_slice(&frame);
            batch.spans.push((from, at..batch.bytes.len()));
        };
        match rx.recv() {
            Ok(Hub::Line { from, frame }) => add(from, frame),
            Ok(Hub::Stop) | Err(_) => return,
        }
        let mut gathered = 0;
        while gathered < HUB_BATCH {
            match rx.try_recv() {
                Ok(Hub::Line { from, frame }) => {
                    gathered += frame.len();
                    add(from, frame);
                }
                Ok(Hub::Stop) => {
                    stop = true;
                    break;
                }
                Err(_) => break,
            }
        }
        shared.deliver(&Arc::new(batch));
        if stop {
            return;
        }
    }
}

impl Shared {
    /// Hands a chat frame to the broadcaster, for every client but `from`.
    pub(super) fn broadcast(&self, frame: Vec<u8>, from: Option<u64>) {
        let _ = self.hub.send(Hub::Line { from, frame });
    }

    /// Queues a batch of chat frames for every client; those too far behind
    /// are disconnected.
    fn deliver(&self, batch: &Arc<Batch>) {
        let mut slow = Vec::new();
        {
            let clients = self.clients();
            for (id, c) in clients.iter() {
                if batch.spans.iter().all(|(from, _)| *from == Some(*id)) {
                    continue;
                }
                if let Err(PushError::Full { frames, bytes: b }) =
                    c.queue.push(Out::Batch(batch.clone()), batch.bytes.len())
                {
                    slow.push((*id, frames, b));
                }
            }
        }
        for (id, frames, queued) in slow {
            if let Some(c) = self.remove(id) {
                self.log.line(&tr!(
                    self.lang,
                    "chat-log-too-slow",
                    addr = c.addr.to_string(),
                    frames = frames,
                    bytes = queued
                ));
            }
        }
    }
}
