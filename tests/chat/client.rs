//! The chat client against scripted (sometimes hostile) servers and against
//! synack's own server, over real loopback sockets.

use synack_test_support::chat as chat_support;

use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use chat_support::*;
use synack::chat::client::{self, Client, ClientOptions, DownloadError, Lines, PlainScreen};
use synack::chat::frame::{DEFAULT_MAX_CHUNK, Frame, Header, Kind, Limits, write_frame};
use synack::chat::reader::FrameReader;

const T: Duration = Duration::from_secs(10);

/// A server that accepts one connection and runs `script` on it.
fn fake_server(
    script: impl FnOnce(&mut TcpStream, &mut FrameReader<TcpStream>) + Send + 'static,
) -> (SocketAddr, std::thread::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let t = std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        s.set_read_timeout(Some(T)).unwrap();
        let mut r = FrameReader::new(s.try_clone().unwrap(), Limits::default(), 4096);
        script(&mut s, &mut r);
    });
    (addr, t)
}

/// Reads frames until a FILE arrives; returns its name (RSUM and others skipped).
fn next_file(r: &mut FrameReader<TcpStream>) -> Option<String> {
    loop {
        let (h, p) = r.next_raw().ok()??;
        if h.kind == Kind::FILE {
            return Some(String::from_utf8(p.to_vec()).unwrap());
        }
    }
}

fn send_download(s: &mut TcpStream, name: &str, data: &[u8], digest: [u8; 32]) {
    write_frame(s, &Frame::Frok).unwrap();
    write_frame(
        s,
        &Frame::Fmta {
            name,
            size: data.len() as u64,
        },
    )
    .unwrap();
    write_frame(s, &Frame::Fhsh(digest)).unwrap();
    for chunk in data.chunks(8192) {
        write_frame(s, &Frame::Fdat(chunk)).unwrap();
    }
}

fn options(addr: SocketAddr, downloads: &Path) -> ClientOptions {
    ClientOptions {
        host: addr.ip().to_string(),
        port: addr.port(),
        downloads: downloads.to_path_buf(),
        ..ClientOptions::default()
    }
}

fn connect(addr: SocketAddr, downloads: &Path) -> (Client, SharedBuf) {
    let screen = SharedBuf::default();
    let c = Client::connect(
        &options(addr, downloads),
        Arc::new(PlainScreen::new(Box::new(screen.clone()))),
    )
    .unwrap();
    (c, screen)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn hostile_fmta_names_never_leave_the_downloads_folder() {
    let root = temp_dir("hostile");
    let downloads = root.join("a/b/downloads");
    let (addr, server) = fake_server(|s, r| {
        for announced in ["../../evil", "/etc/x", "..\\..\\win.txt", "", "..", "sub/."] {
            next_file(r).unwrap();
            send_download(s, announced, b"hello", sha256(b"hello"));
        }
        next_file(r).unwrap();
        send_download(s, "ok.txt", b"fine", sha256(b"fine"));
    });
    let (c, _) = connect(addr, &downloads);
    let d = c.download("whatever").unwrap();
    assert_eq!(d.path, downloads.join("evil"));
    assert_eq!(c.download("x").unwrap().path, downloads.join("x"));
    assert_eq!(c.download("w").unwrap().path, downloads.join("win.txt"));
    for _ in 0..3 {
        match c.download("bad") {
            Err(DownloadError::UnsafeName { .. }) => {}
            other => panic!("unsafe name accepted: {other:?}"),
        }
    }
    // The refused downloads' data was skipped: the next one is whole.
    assert_eq!(std::fs::read(downloads.join("ok.txt")).ok(), None);
    c.download("ok.txt").unwrap();
    assert_eq!(std::fs::read(downloads.join("ok.txt")).unwrap(), b"fine");
    assert_eq!(files_in(&downloads), ["evil", "ok.txt", "win.txt", "x"]);
    assert!(!root.join("evil").exists() && !root.join("a/evil").exists());
    drop(c);
    server.join().unwrap();
}

#[test]
fn a_digest_mismatch_keeps_the_bytes_only_as_part() {
    let dir = temp_dir("mismatch");
    let (addr, _server) = fake_server(|s, r| {
        next_file(r).unwrap();
        send_download(s, "notas.txt", b"tampered", sha256(b"original"));
        let _ = next_file(r);
    });
    let (c, _) = connect(addr, &dir);
    match c.download("notas.txt") {
        Err(DownloadError::Integrity { part, .. }) => {
            assert!(part.ends_with("notas.txt.part"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(files_in(&dir), ["notas.txt.part"]);
    assert_eq!(
        std::fs::read(dir.join("notas.txt.part")).unwrap(),
        b"tampered"
    );
}

#[test]
fn the_server_vanishing_mid_download_leaves_no_final_file() {
    let dir = temp_dir("vanish");
    let (addr, _server) = fake_server(|s, r| {
        next_file(r).unwrap();
        write_frame(s, &Frame::Frok).unwrap();
        write_frame(
            s,
            &Frame::Fmta {
                name: "big.bin",
                size: 100_000,
            },
        )
        .unwrap();
        write_frame(s, &Frame::Fhsh([0; 32])).unwrap();
        write_frame(s, &Frame::Fdat(&[1; 8192])).unwrap();
        // and goes away
    });
    let (c, screen) = connect(addr, &dir);
    match c.download("big.bin") {
        Err(DownloadError::Interrupted { got, size, .. }) => {
            eprintln!("interrupted after {got} of {size} bytes");
            assert_eq!((got, size), (8192, 100_000));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(files_in(&dir), ["big.bin.part"]);
    screen.wait_for("the server closed the connection", T);
}

#[test]
fn a_huge_fdat_length_closes_the_connection_without_allocating() {
    huge_fdat_length(DEFAULT_MAX_CHUNK);
    // A client told to accept anything still holds at most 64 MiB per frame.
    huge_fdat_length(u64::MAX);
}

fn huge_fdat_length(max_chunk: u64) {
    let dir = temp_dir("hugefdat");
    let (addr, _server) = fake_server(|s, r| {
        next_file(r).unwrap();
        write_frame(s, &Frame::Frok).unwrap();
        write_frame(
            s,
            &Frame::Fmta {
                name: "x",
                size: 10,
            },
        )
        .unwrap();
        write_frame(s, &Frame::Fhsh([0; 32])).unwrap();
        s.write_all(
            &Header {
                len: 1 << 63,
                kind: Kind::FDAT,
            }
            .encode(),
        )
        .unwrap();
        std::thread::sleep(Duration::from_secs(2));
    });
    let screen = SharedBuf::default();
    let mut opts = options(addr, &dir);
    opts.max_chunk = max_chunk;
    let c = Client::connect(&opts, Arc::new(PlainScreen::new(Box::new(screen.clone())))).unwrap();
    assert!(c.download("x").is_err());
    let t = screen.wait_for("9223372036854775808", T);
    assert!(t.contains("connection lost"), "{t}");
    assert!(!dir.join("x").exists());
}

#[test]
fn an_fdat_over_max_chunk_closes_the_connection() {
    let dir = temp_dir("maxchunk");
    let (addr, _server) = fake_server(|s, r| {
        next_file(r).unwrap();
        send_download(s, "x", &[5u8; 8192], sha256(&[5u8; 8192]));
        std::thread::sleep(Duration::from_secs(2));
    });
    let screen = SharedBuf::default();
    let mut opts = options(addr, &dir);
    opts.max_chunk = 4096;
    let c = Client::connect(&opts, Arc::new(PlainScreen::new(Box::new(screen.clone())))).unwrap();
    assert!(c.download("x").is_err());
    screen.wait_for("over the limit of 4096", T);
    assert!(!dir.join("x").exists());
}

#[test]
fn ferr_instead_of_frok_is_a_refusal_and_the_session_goes_on() {
    let dir = temp_dir("ferr");
    let (addr, _server) = fake_server(|s, r| {
        next_file(r).unwrap();
        write_frame(s, &Frame::Ferr("arquivo nao encontrado")).unwrap();
        next_file(r).unwrap();
        send_download(s, "ok", b"ok", sha256(b"ok"));
        let _ = next_file(r);
    });
    let (c, _) = connect(addr, &dir);
    match c.download("nope") {
        Err(DownloadError::Refused { reason, .. }) => assert_eq!(reason, "arquivo nao encontrado"),
        other => panic!("{other:?}"),
    }
    c.download("ok").unwrap();
}

/// Each way a download can fail part-way, followed by a good one on the same
/// connection: the failure must not leave the client waiting for data that
/// will never come.
#[test]
fn a_failed_download_never_blocks_the_next_one() {
    type Script = fn(&mut TcpStream);
    let failures: [(&str, Script); 4] = [
        ("ferr-after-frok", |s| {
            // The file shrank on the server while being sent.
            write_frame(s, &Frame::Frok).unwrap();
            write_frame(
                s,
                &Frame::Fmta {
                    name: "a.bin",
                    size: 100,
                },
            )
            .unwrap();
            write_frame(s, &Frame::Fhsh([0; 32])).unwrap();
            write_frame(s, &Frame::Fdat(&[1; 10])).unwrap();
            write_frame(s, &Frame::Ferr("the file changed while it was sent")).unwrap();
        }),
        ("fdat-beyond-size", |s| {
            write_frame(s, &Frame::Frok).unwrap();
            write_frame(
                s,
                &Frame::Fmta {
                    name: "a.bin",
                    size: 4,
                },
            )
            .unwrap();
            write_frame(s, &Frame::Fhsh([0; 32])).unwrap();
            write_frame(s, &Frame::Fdat(&[1; 10])).unwrap();
        }),
        ("an-offset-nobody-asked-for", |s| {
            write_frame(s, &Frame::Frok).unwrap();
            write_frame(
                s,
                &Frame::Fmta {
                    name: "a.bin",
                    size: 8,
                },
            )
            .unwrap();
            write_frame(s, &Frame::Fhsh([0; 32])).unwrap();
            write_frame(s, &Frame::Offset(5)).unwrap();
            write_frame(s, &Frame::Fdat(&[1; 3])).unwrap();
        }),
        ("empty-file-with-a-refused-name", |s| {
            write_frame(s, &Frame::Frok).unwrap();
            write_frame(
                s,
                &Frame::Fmta {
                    name: "..",
                    size: 0,
                },
            )
            .unwrap();
            write_frame(s, &Frame::Fhsh(sha256(b""))).unwrap();
        }),
    ];
    for (tag, fail) in failures {
        let dir = temp_dir(tag);
        let (addr, server) = fake_server(move |s, r| {
            next_file(r).unwrap();
            fail(s);
            next_file(r).unwrap();
            send_download(s, "b.txt", b"fine", sha256(b"fine"));
            let _ = next_file(r);
        });
        let (c, _) = connect(addr, &dir);
        assert!(c.download("a.bin").is_err(), "{tag}");
        c.download("b.txt")
            .unwrap_or_else(|e| panic!("{tag}: the next download failed: {e:?}"));
        assert_eq!(std::fs::read(dir.join("b.txt")).unwrap(), b"fine", "{tag}");
        drop(c);
        server.join().unwrap();
    }
}

#[test]
fn a_chat_line_too_long_to_relay_is_refused_before_it_is_sent() {
    let dir = temp_dir("longline");
    let mut server = TestServer::start(&dir);
    std::fs::write(dir.join("a.txt"), b"after").unwrap();
    let (c, _) = connect(server.addr, &dir);
    let long = "x".repeat(client::MAX_CHAT_LINE + 1);
    assert!(matches!(
        c.say(&long),
        Err(synack::chat::ChatError::LineTooLong { .. })
    ));
    // Nothing went out, so the next answer is the download's own.
    assert_eq!(c.download("a.txt").unwrap().size, 5);
    c.say(&"y".repeat(client::MAX_CHAT_LINE)).unwrap();
    drop(c);
    server.quit();
}

#[test]
fn an_interrupted_download_resumes_from_its_part() {
    let root = temp_dir("resume");
    let served = root.join("srv");
    let downloads = root.join("dl");
    std::fs::create_dir_all(&served).unwrap();
    std::fs::create_dir_all(&downloads).unwrap();
    let data: Vec<u8> = (0..300_000u32).map(|i| (i * 31 % 253) as u8).collect();
    std::fs::write(served.join("r.bin"), &data).unwrap();
    std::fs::write(downloads.join("r.bin.part"), &data[..123_456]).unwrap();
    let server = TestServer::start(&served);
    let (c, screen) = connect(server.addr, &downloads);
    let d = c.download("r.bin").unwrap();
    assert_eq!(d.resumed_from, 123_456);
    assert_eq!(std::fs::read(downloads.join("r.bin")).unwrap(), data);
    assert_eq!(files_in(&downloads), ["r.bin"]);
    screen.wait_for("resume from byte 123456", T);
    server.log.wait_for("sent r.bin (176544 bytes)", T);

    // A .part whose bytes are not the file's start is thrown away.
    let mut wrong = data[..50_000].to_vec();
    wrong[10] ^= 1;
    std::fs::write(downloads.join("r.bin.part"), &wrong).unwrap();
    let d = c.download("r.bin").unwrap();
    assert_eq!(d.resumed_from, 0);
    assert_eq!(std::fs::read(downloads.join("r.bin")).unwrap(), data);
    assert_eq!(files_in(&downloads), ["r.bin"]);
}

#[test]
fn interactive_commands_come_from_any_reader_and_chat_is_shown_as_it_arrives() {
    let root = temp_dir("interactive");
    let served = root.join("srv");
    std::fs::create_dir_all(&served).unwrap();
    std::fs::write(served.join("a.txt"), b"conteudo").unwrap();
    let mut server = TestServer::start(&served);
    let mut peer = server.client();
    let (c, screen) = connect(server.addr, &root.join("dl"));
    let (reader, mut writer) = std::io::pipe().unwrap();
    let session = std::thread::spawn(move || {
        client::interactive(c, &mut Lines(std::io::BufReader::new(reader)))
    });
    screen.wait_for("connected to", T);
    writeln!(writer, "chat bom dia").unwrap();
    assert!(
        String::from_utf8(peer.expect(Kind::CHAT))
            .unwrap()
            .ends_with("]: bom dia")
    );
    peer.send(&Frame::Chat("oi de volta"));
    screen.wait_for("]: oi de volta", T);
    server.type_line("aviso do servidor");
    screen.wait_for("[SERVER]: aviso do servidor", T);
    writeln!(writer, "list").unwrap();
    screen.wait_for("1 file on the server", T);
    writeln!(writer, "arquivo a.txt").unwrap();
    screen.wait_for("a.txt: 8 bytes, SHA-256 verified", T);
    writeln!(writer, "frobnicate").unwrap();
    screen.wait_for("unknown command `frobnicate`", T);
    writeln!(writer, "sair").unwrap();
    session.join().unwrap().unwrap();
    server.log.wait_for("sent QUIT: connection closed", T);
    server.quit();
}

fn synack() -> Command {
    Command::new(env!("CARGO_BIN_EXE_synack"))
}

#[test]
fn get_exits_non_zero_when_verification_fails_and_zero_when_it_passes() {
    let root = temp_dir("bin");
    let (addr, _server) = fake_server(|s, r| {
        next_file(r).unwrap();
        send_download(s, "good.txt", b"good", sha256(b"good"));
        next_file(r).unwrap();
        send_download(s, "bad.txt", b"bad!", sha256(b"good"));
        let _ = next_file(r);
    });
    let out = synack()
        .args(["--lang", "en", "chat", "client"])
        .arg(addr.ip().to_string())
        .arg(addr.port().to_string())
        .arg("--downloads")
        .arg(&root)
        .args(["--get", "good.txt", "--get", "bad.txt"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("good.txt: 4 bytes, SHA-256 verified"),
        "{stdout}"
    );
    assert!(stdout.contains("INTEGRITY FAILURE for bad.txt"), "{stdout}");
    assert!(stderr.contains("1 of 2 downloads failed"), "{stderr}");
    assert_eq!(files_in(&root), ["bad.txt.part", "good.txt"]);

    let served = root.join("srv");
    std::fs::create_dir_all(&served).unwrap();
    std::fs::write(served.join("a.txt"), b"a").unwrap();
    let server = TestServer::start(&served);
    let out = synack()
        .args(["--lang", "pt", "chat", "client", "127.0.0.1"])
        .arg(server.addr.port().to_string())
        .arg("--downloads")
        .arg(root.join("dl"))
        .args(["--say", "olá", "--get", "a.txt"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("a.txt: 1 byte, SHA-256 conferido"),
        "{stdout}"
    );
    server.log.wait_for("]: olá", T);
}

#[test]
fn bits_show_each_frame_by_field() {
    let root = temp_dir("bits");
    std::fs::write(root.join("a.txt"), b"a").unwrap();
    let server = TestServer::start(&root);
    let screen = SharedBuf::default();
    let mut opts = options(server.addr, &root.join("dl"));
    opts.bits = Some(4);
    let c = Client::connect(&opts, Arc::new(PlainScreen::new(Box::new(screen.clone())))).unwrap();
    c.say("Hi").unwrap();
    c.download("a.txt").unwrap();
    c.quit().unwrap();
    let t = screen.text();
    assert!(t.contains("→ sent CHAT to"), "{t}");
    assert!(
        t.contains("  type     01000011 01001000 01000001 01010100  = CHAT"),
        "{t}"
    );
    assert!(
        t.contains("  payload  01001000 01101001\n           H        i"),
        "{t}"
    );
    for kind in ["FROK", "FMTA", "FHSH", "FDAT"] {
        assert!(
            t.contains(&format!("← received {kind} from")),
            "{kind}: {t}"
        );
    }
    // FHSH's 32 bytes, cut at 4.
    assert!(t.contains("… 28 more bytes"), "{t}");
}

#[test]
fn the_real_server_quitting_mid_download_leaves_no_final_file() {
    let root = temp_dir("quitdl");
    let served = root.join("srv");
    let downloads = root.join("dl");
    std::fs::create_dir_all(&served).unwrap();
    let data: Vec<u8> = (0..(48u32 << 20)).map(|i| (i >> 12) as u8).collect();
    std::fs::write(served.join("big.bin"), &data).unwrap();
    let mut server = TestServer::start(&served);
    let (c, _) = connect(server.addr, &downloads);
    let download = std::thread::spawn(move || c.download("big.bin"));
    let part = downloads.join("big.bin.part");
    let deadline = std::time::Instant::now() + T;
    while !part.exists() && !download.is_finished() {
        assert!(
            std::time::Instant::now() < deadline,
            "the download never started"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    server.quit();
    match download.join().unwrap() {
        // Too fast to be interrupted: then it is whole and verified.
        Ok(d) => assert_eq!(std::fs::read(d.path).unwrap(), data),
        Err(DownloadError::Interrupted { got, size, .. }) => {
            eprintln!("interrupted after {got} of {size} bytes");
            assert!(got < size);
            assert!(
                !downloads.join("big.bin").exists(),
                "a partial file got the final name"
            );
            assert!(std::fs::metadata(&part).unwrap().len() <= got);
        }
        Err(e) => panic!("{e:?}"),
    }
}
