//! What every thread of the server shares: the list of clients, and the
//! count of client threads still running.

use std::collections::HashMap;
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, mpsc};
use std::time::{Duration, Instant};

use crate::chat::Log;
use crate::chat::bits::{BitsView, Direction};
use crate::chat::digest::DigestCache;
use crate::chat::frame::Header;
use crate::chat::queue::{Bound, Queue};
use crate::narrate::Lang;

use super::console::Control;
use super::hub::Hub;
use super::writer::Out;

pub(super) struct ClientEntry {
    pub(super) addr: SocketAddr,
    pub(super) stream: TcpStream,
    pub(super) queue: Arc<Queue<Out>>,
}

pub(super) struct Shared {
    pub(super) root: PathBuf,
    pub(super) lang: Lang,
    pub(super) bits: Option<BitsView>,
    pub(super) chunk: usize,
    pub(super) bound: Bound,
    pub(super) clients: Mutex<HashMap<u64, ClientEntry>>,
    /// Client threads still running, and a signal when one finishes.
    pub(super) running: Mutex<usize>,
    pub(super) finished: Condvar,
    pub(super) stopping: AtomicBool,
    pub(super) next_id: AtomicU64,
    pub(super) digests: DigestCache,
    pub(super) log: Log,
    pub(super) local: SocketAddr,
    /// Tells the serving loop to stop (set while `run` runs).
    pub(super) control: Mutex<Option<mpsc::Sender<Control>>>,
    /// Chat to broadcast, to the broadcaster thread.
    pub(super) hub: mpsc::Sender<Hub>,
}

impl Shared {
    pub(super) fn clients(&self) -> MutexGuard<'_, HashMap<u64, ClientEntry>> {
        self.clients.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn show_bits(
        &self,
        dir: Direction,
        addr: &SocketAddr,
        header: &Header,
        payload: &[u8],
    ) {
        if let Some(view) = &self.bits {
            self.log
                .line(&view.render(dir, &addr.to_string(), header, payload));
        }
    }

    /// Takes a client off the list and shuts its socket, which wakes both of
    /// its threads.
    pub(super) fn remove(&self, id: u64) -> Option<ClientEntry> {
        let entry = self.clients().remove(&id);
        if let Some(c) = &entry {
            c.queue.close();
            let _ = c.stream.shutdown(Shutdown::Both);
        }
        entry
    }

    pub(super) fn thread_started(&self) {
        *self.running.lock().unwrap_or_else(|e| e.into_inner()) += 1;
    }

    pub(super) fn thread_finished(&self) {
        let mut n = self.running.lock().unwrap_or_else(|e| e.into_inner());
        *n = n.saturating_sub(1);
        self.finished.notify_all();
    }

    /// Waits until no client thread runs, or `timeout` passes; true if none runs.
    pub(super) fn wait_threads(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut n = self.running.lock().unwrap_or_else(|e| e.into_inner());
        while *n > 0 {
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            n = self
                .finished
                .wait_timeout(n, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        true
    }
}
