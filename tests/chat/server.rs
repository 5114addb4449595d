//! The chat server over real loopback sockets, driven by raw frames.

use synack_test_support::chat as chat_support;

use std::time::{Duration, Instant};

use chat_support::*;
use synack::chat::frame::{Frame, Header, Kind};
use synack::chat::queue::Bound;
use synack::chat::server::ServerOptions;

const T: Duration = Duration::from_secs(10);

fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + T;
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn text(p: &[u8]) -> String {
    String::from_utf8(p.to_vec()).unwrap()
}

#[test]
fn chat_line_is_relayed_to_the_others_with_the_senders_address() {
    let dir = temp_dir("relay");
    let server = TestServer::start(&dir);
    let mut a = server.client();
    let mut b = server.client();
    let mut c = server.client();
    wait_until("three clients", || server.handle.client_count() == 3);
    a.send(&Frame::Chat("olá, turma"));
    let expected = format!("[{}]: olá, turma", a.local_addr());
    assert_eq!(text(&b.expect(Kind::CHAT)), expected);
    assert_eq!(text(&c.expect(Kind::CHAT)), expected);
    server.log.wait_for(&expected, T);
    server
        .log
        .wait_for(&format!("client {} connected", a.local_addr()), T);
    // The sender does not get its own line back: the next thing it sees is b's.
    b.send(&Frame::Chat("oi"));
    assert_eq!(
        text(&a.expect(Kind::CHAT)),
        format!("[{}]: oi", b.local_addr())
    );
}

#[test]
fn console_lines_go_to_everyone_and_quit_closes_every_client() {
    let dir = temp_dir("console");
    let mut server = TestServer::start(&dir);
    let mut a = server.client();
    let mut b = server.client();
    wait_until("two clients", || server.handle.client_count() == 2);
    server.type_line("aula começa às 10h");
    assert_eq!(text(&a.expect(Kind::CHAT)), "[SERVER]: aula começa às 10h");
    assert_eq!(text(&b.expect(Kind::CHAT)), "[SERVER]: aula começa às 10h");
    server.quit();
    assert!(a.closed_within(T), "client a still open after quit");
    assert!(b.closed_within(T), "client b still open after quit");
    assert_eq!(server.handle.client_threads(), 0);
    server.log.wait_for("server stopped", T);
}

#[test]
fn quit_reaches_a_client_that_said_quit_but_stopped_reading() {
    // FILE then QUIT, and never read: the server still owes it a file it
    // cannot send. Stopping the server must cut it, not wait for it.
    let dir = temp_dir("quit-stalled");
    std::fs::write(dir.join("big.bin"), vec![7u8; 64 << 20]).unwrap();
    let mut server = TestServer::start(&dir);
    let mut c = server.client();
    c.send(&Frame::File("big.bin"));
    c.send(&Frame::Quit);
    // The server hashes the 64 MiB before it reads QUIT: on a loaded
    // machine that alone can take longer than T.
    server.log.wait_for("sent QUIT", 6 * T);
    let started = Instant::now();
    server.quit();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "quit took {:?}",
        started.elapsed()
    );
    assert_eq!(server.handle.client_threads(), 0);
    drop(c);
}

#[test]
fn file_comes_as_frok_fmta_fhsh_then_8k_fdat_chunks() {
    let dir = temp_dir("file");
    let data: Vec<u8> = (0..20_000u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(dir.join("notas.bin"), &data).unwrap();
    let server = TestServer::start(&dir);
    let mut c = server.client();
    let (name, size, digest, got, frames) = raw_download(&mut c, "notas.bin");
    assert_eq!(name, "notas.bin");
    assert_eq!(size, 20_000);
    assert_eq!(got, data);
    assert_eq!(digest, sha256(&data));
    assert_eq!(frames, 3, "8192 + 8192 + 3616");
    // A second request is served from the digest cache, same answer.
    let (_, _, digest2, got2, _) = raw_download(&mut c, "notas.bin");
    assert_eq!((digest2, got2), (digest, data));
}

#[test]
fn empty_file_has_no_fdat() {
    let dir = temp_dir("empty");
    std::fs::write(dir.join("vazio.txt"), b"").unwrap();
    std::fs::write(dir.join("um.txt"), b"1").unwrap();
    let server = TestServer::start(&dir);
    let mut c = server.client();
    c.send(&Frame::File("vazio.txt"));
    c.expect(Kind::FROK);
    c.expect(Kind::FMTA);
    assert_eq!(c.expect(Kind::FHSH), sha256(b""));
    // Nothing else belongs to that download: the next answer is the next file's.
    c.send(&Frame::File("um.txt"));
    c.expect(Kind::FROK);
}

#[test]
fn names_that_leave_the_folder_or_carry_control_bytes_get_ferr() {
    let root = temp_dir("escape");
    let served = root.join("served");
    std::fs::create_dir_all(served.join("sub")).unwrap();
    std::fs::write(root.join("secret.txt"), b"do not serve").unwrap();
    std::fs::write(served.join("ok.txt"), b"fine").unwrap();
    std::fs::write(served.join("sub/inner.txt"), b"inner").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root.join("secret.txt"), served.join("link-out")).unwrap();
        std::os::unix::fs::symlink(served.join("ok.txt"), served.join("link-in")).unwrap();
    }
    let server = TestServer::start(&served);
    let mut c = server.client();
    let secret = root.join("secret.txt").display().to_string();
    let bad = [
        "../secret.txt",
        secret.as_str(),
        "/etc/passwd",
        "sub/../../secret.txt",
        "a/../../x",
        "./ok.txt",
        "link-out",
        "ok.txt\0",
        "ok\u{1}.txt",
        "ok\n.txt",
        "..\\secret.txt",
        "",
        "sub",
        "missing.txt",
    ];
    for name in bad {
        c.send(&Frame::File(name));
        match c.recv() {
            Some((Kind::FERR, p)) => {
                let t = text(&p);
                assert!(!t.is_empty(), "empty FERR for {name:?}");
            }
            other => panic!("{name:?} was not refused: {other:?}"),
        }
    }
    // Still connected, and files inside are served.
    assert_eq!(raw_download(&mut c, "ok.txt").3, b"fine");
    assert_eq!(raw_download(&mut c, "sub/inner.txt").3, b"inner");
    #[cfg(unix)]
    assert_eq!(raw_download(&mut c, "link-in").3, b"fine");
    c.send(&Frame::File("missing.txt"));
    let t = text(&c.expect(Kind::FERR));
    assert!(
        t.contains("missing.txt") && t.contains("no such file"),
        "{t}"
    );
}

#[test]
fn a_huge_declared_length_closes_that_connection_and_others_are_served() {
    let dir = temp_dir("huge");
    let server = TestServer::start(&dir);
    let mut bad = server.client();
    let mut good = server.client();
    let mut other = server.client();
    wait_until("three clients", || server.handle.client_count() == 3);
    bad.send_raw(
        &Header {
            len: 1 << 63,
            kind: Kind::CHAT,
        }
        .encode(),
    );
    assert!(bad.closed_within(T), "connection not closed");
    let log = server.log.wait_for("9223372036854775808", T);
    assert!(log.contains("over the limit of 1048576"), "{log}");
    good.send(&Frame::Chat("still here"));
    assert!(text(&other.expect(Kind::CHAT)).ends_with("still here"));
}

#[test]
fn a_control_frame_over_one_mib_is_refused_unread() {
    let dir = temp_dir("mib");
    let server = TestServer::start(&dir);
    for kind in [Kind::CHAT, Kind::FILE, Kind::FDAT, Kind(*b"XYZW")] {
        let mut c = server.client();
        c.send_raw(
            &Header {
                len: (1 << 20) + 1,
                kind,
            }
            .encode(),
        );
        assert!(c.closed_within(T), "{kind} over the limit not closed");
    }
    server.log.wait_for("1048577", T);
    // A line that fits is relayed; one that would not fit once the sender's
    // address is put in front is refused with FERR, so no receiver ever gets
    // a control frame over the limit.
    let mut c = server.client();
    let mut d = server.client();
    wait_until("two clients", || server.handle.client_count() == 2);
    let fits = "x".repeat((1 << 20) - 64);
    c.send(&Frame::Chat(&fits));
    assert!(d.expect(Kind::CHAT).len() <= 1 << 20);
    let too_long = "x".repeat(1 << 20);
    c.send(&Frame::Chat(&too_long));
    let t = text(&c.expect(Kind::FERR));
    assert!(t.contains("too long"), "{t}");
}

#[test]
fn invalid_utf8_in_chat_or_file_gets_an_error_frame() {
    let dir = temp_dir("utf8");
    std::fs::write(dir.join("a.txt"), b"a").unwrap();
    let server = TestServer::start(&dir);
    let mut c = server.client();
    for kind in [Kind::CHAT, Kind::FILE] {
        let mut bytes = Header { len: 3, kind }.encode().to_vec();
        bytes.extend_from_slice(b"a\xff\xfe");
        c.send_raw(&bytes);
        let t = text(&c.expect(Kind::FERR));
        assert!(t.contains("UTF-8"), "{t}");
    }
    // The connection goes on.
    assert_eq!(raw_download(&mut c, "a.txt").3, b"a");
}

#[test]
fn a_stalled_client_is_cut_off_and_the_others_get_every_broadcast() {
    let dir = temp_dir("stall");
    let mut server = TestServer::start_with(ServerOptions {
        bind: "127.0.0.1:0".into(),
        dir: dir.clone(),
        queue: Bound {
            frames: 64,
            bytes: 1 << 20,
        },
        ..ServerOptions::default()
    });
    let stalled = server.client();
    let mut reader = server.client();
    wait_until("two clients", || server.handle.client_count() == 2);
    let lines = 800;
    let line = "z".repeat(16_000);
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = {
        let seen = seen.clone();
        std::thread::spawn(move || {
            while seen.load(std::sync::atomic::Ordering::SeqCst) < lines {
                let (k, p) = reader.recv().expect("the reading client was cut off");
                assert_eq!(k, Kind::CHAT);
                assert!(p.ends_with(b"zzz"));
                seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
            reader
        })
    };
    // The console goes at the pace of the client that reads (a few lines
    // ahead); the stalled one falls further behind with every line.
    for i in 0..lines {
        wait_until("the reader to keep up", || {
            seen.load(std::sync::atomic::Ordering::SeqCst) + 8 >= i
        });
        server.type_line(&format!("{i} {line}"));
    }
    let _reader = counter.join().unwrap();
    let log = server.log.wait_for(
        &format!("client {} disconnected: it fell", stalled.local_addr()),
        T,
    );
    assert!(log.contains("frames"), "{log}");
    wait_until("the stalled client to be gone", || {
        server.handle.client_count() == 1
    });
    drop(stalled);
    server.quit();
}

#[test]
fn a_client_vanishing_mid_download_is_cleaned_up() {
    let dir = temp_dir("vanish");
    std::fs::write(dir.join("big.bin"), vec![7u8; 32 << 20]).unwrap();
    let server = TestServer::start(&dir);
    {
        let mut c = server.client();
        c.send(&Frame::File("big.bin"));
        c.expect(Kind::FROK);
        c.expect(Kind::FMTA);
        c.expect(Kind::FHSH);
        c.expect(Kind::FDAT);
        c.stream.shutdown(std::net::Shutdown::Both).unwrap();
    }
    wait_until("the client to be gone", || {
        server.handle.client_count() == 0 && server.handle.client_threads() == 0
    });
    server.log.wait_for("disconnected", T);
    // The server goes on serving.
    let mut d = server.client();
    assert_eq!(raw_download(&mut d, "big.bin").1, 32 << 20);
}

#[test]
fn stopping_mid_download_closes_the_connection_before_the_end() {
    let dir = temp_dir("stopdl");
    std::fs::write(dir.join("big.bin"), vec![1u8; 64 << 20]).unwrap();
    let mut server = TestServer::start(&dir);
    let mut c = server.client();
    c.send(&Frame::File("big.bin"));
    c.expect(Kind::FROK);
    c.expect(Kind::FMTA);
    c.expect(Kind::FHSH);
    let first = c.expect(Kind::FDAT).len();
    // Keep reading while the server stops. The server ends the file at a
    // batch boundary; a client too slow to get there within the grace period
    // is cut off, possibly mid-frame, which its reader must take as an
    // interrupted download (the client tests check that it does).
    let reader = std::thread::spawn(move || c.fdat_until_end());
    server.quit();
    let (rest, _cut) = reader.join().unwrap();
    let got = first + rest;
    assert!(got < 64 << 20, "the whole file went out after quit");
    assert_eq!(server.handle.client_threads(), 0);
}

#[test]
fn quit_closes_only_that_client() {
    let dir = temp_dir("quit");
    let server = TestServer::start(&dir);
    let mut a = server.client();
    let mut b = server.client();
    let mut c = server.client();
    wait_until("three clients", || server.handle.client_count() == 3);
    a.send(&Frame::Quit);
    assert!(a.closed_within(T));
    server
        .log
        .wait_for(&format!("client {} sent QUIT", a.local_addr()), T);
    b.send(&Frame::Chat("ainda aqui"));
    assert!(text(&c.expect(Kind::CHAT)).ends_with("ainda aqui"));
    // Off the list once its writer has finished (just after the close).
    wait_until("two clients", || server.handle.client_count() == 2);
}

#[test]
fn list_gives_names_and_sizes_of_what_would_be_served() {
    let root = temp_dir("list");
    let served = root.join("srv");
    std::fs::create_dir_all(served.join("sub")).unwrap();
    std::fs::write(served.join("b.txt"), b"bb").unwrap();
    std::fs::write(served.join("a.txt"), b"a").unwrap();
    std::fs::write(root.join("outside"), b"x").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("outside"), served.join("c-link")).unwrap();
    let server = TestServer::start(&served);
    let mut c = server.client();
    c.send(&Frame::ListRequest);
    let p = c.expect(Kind::LIST);
    match Frame::parse(Kind::LIST, &p).unwrap() {
        Frame::Listing { total, entries } => {
            let got: Vec<(&str, u64)> = entries.iter().map(|e| (e.name.as_str(), e.size)).collect();
            assert_eq!(got, [("a.txt", 1), ("b.txt", 2)]);
            assert_eq!(total, 2);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn resume_with_the_right_prefix_starts_at_the_offset() {
    let dir = temp_dir("resume");
    let data: Vec<u8> = (0..50_000u32).map(|i| (i % 256) as u8).collect();
    std::fs::write(dir.join("r.bin"), &data).unwrap();
    let server = TestServer::start(&dir);
    let mut c = server.client();
    c.send(&Frame::Resume {
        offset: 30_000,
        prefix_digest: sha256(&data[..30_000]),
        name: "r.bin",
    });
    c.send(&Frame::File("r.bin"));
    c.expect(Kind::FROK);
    c.expect(Kind::FMTA);
    assert_eq!(c.expect(Kind::FHSH), sha256(&data));
    assert_eq!(c.expect(Kind::FOFS), 30_000u64.to_be_bytes());
    let mut rest = Vec::new();
    while rest.len() < 20_000 {
        rest.extend(c.expect(Kind::FDAT));
    }
    assert_eq!(rest, &data[30_000..]);

    // A prefix that does not match, or an offset past the end of the file:
    // start again from 0.
    for (offset, prefix_digest) in [(30_000, [0; 32]), (60_000, sha256(&data))] {
        c.send(&Frame::Resume {
            offset,
            prefix_digest,
            name: "r.bin",
        });
        c.send(&Frame::File("r.bin"));
        c.expect(Kind::FROK);
        c.expect(Kind::FMTA);
        c.expect(Kind::FHSH);
        assert_eq!(c.expect(Kind::FOFS), 0u64.to_be_bytes(), "offset {offset}");
        let mut all = Vec::new();
        while all.len() < data.len() {
            all.extend(c.expect(Kind::FDAT));
        }
        assert_eq!(all, data);
    }
    // Without RSUM, no FOFS: the classic sequence.
    let (_, size, _, got, _) = raw_download(&mut c, "r.bin");
    assert_eq!((size, got), (50_000, data));
}

#[test]
fn unknown_frame_types_are_ignored() {
    let dir = temp_dir("unknown");
    std::fs::write(dir.join("a.txt"), b"a").unwrap();
    let server = TestServer::start(&dir);
    let mut c = server.client();
    c.send(&Frame::Unknown {
        kind: Kind(*b"NEW1"),
        payload: b"whatever",
    });
    assert_eq!(raw_download(&mut c, "a.txt").3, b"a");
    server.log.wait_for("ignored a NEW1 frame", T);
}
