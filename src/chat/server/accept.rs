//! Taking new clients in: the listening socket and the accept thread, which
//! starts each client's threads and cleans up after them.

use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::thread;
use std::time::Duration;

use crate::chat::queue::Queue;
use crate::tr;

use super::clients::{ClientEntry, Shared};
use super::reader::{End, reader_loop};
use super::writer::{Out, writer_loop};

/// Stack for each client thread: they hold little on the stack (buffers are on
/// the heap), and a thousand clients means two thousand threads.
const CLIENT_STACK: usize = 256 * 1024;

/// Connects to the listener so a blocked `accept` returns and sees the stop flag.
pub(super) fn wake(local: SocketAddr) {
    let mut addr = local;
    if addr.ip().is_unspecified() {
        addr.set_ip(match addr {
            SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        });
    }
    let _ = TcpStream::connect_timeout(&addr, Duration::from_secs(1));
}

/// Connections the kernel may hold before they are accepted: a classroom
/// connecting at once should not have its handshakes dropped and retried.
const BACKLOG: i32 = 1024;

/// Binds the first address that works, with a large accept backlog.
pub(super) fn listen(addrs: &[SocketAddr]) -> Result<TcpListener, (SocketAddr, io::Error)> {
    // Replaced by the first real failure; `bind` checks `addrs` is not empty.
    let unspecified = SocketAddr::from(([0, 0, 0, 0], 0));
    let mut last = (
        addrs.first().copied().unwrap_or(unspecified),
        io::Error::from(io::ErrorKind::AddrNotAvailable),
    );
    for addr in addrs {
        let attempt = (|| {
            let socket = socket2::Socket::new(
                socket2::Domain::for_address(*addr),
                socket2::Type::STREAM,
                Some(socket2::Protocol::TCP),
            )?;
            // As std does on Unix: a restarted server can bind at once.
            #[cfg(unix)]
            socket.set_reuse_address(true)?;
            socket.bind(&(*addr).into())?;
            socket.listen(BACKLOG)?;
            Ok::<TcpListener, io::Error>(socket.into())
        })();
        match attempt {
            Ok(l) => return Ok(l),
            Err(e) => last = (*addr, e),
        }
    }
    Err(last)
}

pub(super) fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        let accepted = listener.accept();
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        let (stream, addr) = match accepted {
            Ok(pair) => pair,
            Err(e) => {
                shared.log.line(&tr!(
                    shared.lang,
                    "chat-log-accept-failed",
                    reason = e.to_string()
                ));
                // Out of file descriptors, most likely: let others finish.
                thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let id = shared.next_id.fetch_add(1, Ordering::Relaxed);
        let (reader_stream, writer_stream) = match (stream.try_clone(), stream.try_clone()) {
            (Ok(r), Ok(w)) => (r, w),
            _ => continue,
        };
        let queue = Arc::new(Queue::new(shared.bound));
        shared.clients().insert(
            id,
            ClientEntry {
                addr,
                stream,
                queue: queue.clone(),
            },
        );
        shared.log.line(&tr!(
            shared.lang,
            "chat-log-connected",
            addr = addr.to_string()
        ));
        shared.thread_started();
        let s = shared.clone();
        let spawned = thread::Builder::new()
            .name(format!("chat-client-{id}"))
            .stack_size(CLIENT_STACK)
            .spawn(move || {
                client_thread(&s, id, addr, reader_stream, writer_stream, queue);
                s.thread_finished();
            });
        if let Err(e) = spawned {
            shared.thread_finished();
            shared.remove(id);
            shared.log.line(&tr!(
                shared.lang,
                "chat-log-accept-failed",
                reason = e.to_string()
            ));
        }
    }
}

fn client_thread(
    shared: &Arc<Shared>,
    id: u64,
    addr: SocketAddr,
    reader_stream: TcpStream,
    writer_stream: TcpStream,
    queue: Arc<Queue<Out>>,
) {
    let writer = {
        let shared = shared.clone();
        let queue = queue.clone();
        thread::Builder::new()
            .name(format!("chat-writer-{id}"))
            .stack_size(CLIENT_STACK)
            .spawn(move || writer_loop(&shared, id, addr, writer_stream, &queue))
    };
    let writer = match writer {
        Ok(w) => w,
        Err(e) => {
            shared.remove(id);
            shared.log.line(&tr!(
                shared.lang,
                "chat-log-accept-failed",
                reason = e.to_string()
            ));
            return;
        }
    };
    let end = reader_loop(shared, id, addr, reader_stream, &queue);
    let lang = shared.lang;
    let a = addr.to_string();
    match &end {
        End::Eof => shared
            .log
            .line(&tr!(lang, "chat-log-disconnected", addr = a.as_str())),
        End::Quit => shared
            .log
            .line(&tr!(lang, "chat-log-quit", addr = a.as_str())),
        End::Bad(reason) => shared.log.line(&tr!(
            lang,
            "chat-log-bad-frame",
            addr = a.as_str(),
            reason = reason.as_str()
        )),
        End::Gone => {}
    }
    let quit = matches!(end, End::Quit);
    if quit {
        // Let the writer send what was queued (a QUIT after a FILE still gets
        // the file), then it shuts the socket down.
        let _ = queue.push_wait(Out::Close, 0);
        queue.close();
    } else {
        shared.remove(id);
    }
    let _ = writer.join();
    if quit {
        // Off the list only now: while its writer still sends, stopping the
        // server must be able to find this client and cut it.
        shared.clients().remove(&id);
    }
}
