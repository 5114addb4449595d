//! Two machines on one: two network namespaces joined by a veth pair, a
//! server bound to `0.0.0.0:PORT` in one and a client using `--connect
//! HOST:PORT` in the other, for TCP and UDP, and a live capture on the veth
//! interface. Needs root and `ip` (iproute2): required when `CI` is set,
//! skipped with a reason elsewhere. The namespaces are removed even when the
//! test fails.

use synack_test_support::netns::{CLIENT_IP, SERVER_IP, TwoHosts, can_run};

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts a server in the server namespace and waits until it listens.
fn start_server(
    hosts: &TwoHosts,
    args: &[&str],
) -> (Running, BufReader<std::process::ChildStdout>) {
    let mut child = hosts
        .synack(&hosts.server)
        .args(["echo", "server"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(line.contains("echo server on 0.0.0.0:"), "{line}");
    (Running(child), reader)
}

fn wait_ok(server: &mut Running) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(status) = server.0.try_wait().unwrap() {
            let mut err = String::new();
            if let Some(e) = server.0.stderr.as_mut() {
                use std::io::Read;
                let _ = e.read_to_string(&mut err);
            }
            assert!(status.success(), "server failed: {err}");
            return err;
        }
        assert!(Instant::now() < deadline, "server did not stop by itself");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn tcp_and_udp_echo_work_between_two_hosts() {
    if !can_run() {
        return;
    }
    let hosts = TwoHosts::new("a");

    let (mut server, mut reader) =
        start_server(&hosts, &["--bind", "0.0.0.0:65432", "--clients", "1"]);
    let out = hosts
        .synack(&hosts.client)
        .args([
            "echo",
            "client",
            "--connect",
            &format!("{SERVER_IP}:65432"),
            "across",
            "the",
            "wire",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!(
            "received 15 bytes from {SERVER_IP}:65432: \"across the wire\""
        )),
        "{stdout}"
    );
    wait_ok(&mut server);
    let mut server_out = String::new();
    std::io::Read::read_to_string(&mut reader, &mut server_out).unwrap();
    assert!(
        server_out.contains(&format!("new connection from {CLIENT_IP}, port ")),
        "{server_out}"
    );

    let (mut server, _reader) = start_server(
        &hosts,
        &[
            "--proto",
            "udp",
            "--bind",
            "0.0.0.0:65431",
            "--clients",
            "1",
        ],
    );
    let out = hosts
        .synack(&hosts.client)
        .args([
            "echo",
            "client",
            "--proto",
            "udp",
            "--connect",
            &format!("{SERVER_IP}:65431"),
            "quiet",
            "please",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("\"QUIET PLEASE\""), "{stdout}");
    wait_ok(&mut server);
}

#[test]
fn capture_on_the_veth_interface_sees_the_handshake() {
    if !can_run() {
        return;
    }
    let hosts = TwoHosts::new("b");
    let dir = std::env::temp_dir().join(format!("synack-netns-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("veth.pcapng");
    let (mut server, _reader) = start_server(
        &hosts,
        &[
            "--bind",
            "0.0.0.0:65432",
            "--clients",
            "1",
            "--quiet",
            "--iface",
            &hosts.server_if,
            "--capture",
            path.to_str().unwrap(),
        ],
    );
    let out = hosts
        .synack(&hosts.client)
        .args([
            "echo",
            "client",
            "--quiet",
            "--connect",
            &format!("{SERVER_IP}:65432"),
            "captured",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = wait_ok(&mut server);
    assert!(err.contains("capturing port 65432 on vs"), "{err}");
    // A real Ethernet link: the frames carry the veth pair's MAC addresses.
    let bytes = std::fs::read(&path).unwrap();
    let mut reader = pcap_file::pcapng::PcapNgReader::new(&bytes[..]).unwrap();
    let mut frames = Vec::new();
    while let Some(block) = reader.next_block() {
        if let pcap_file::pcapng::Block::EnhancedPacket(p) = block.unwrap() {
            frames.push(p.data.into_owned());
        }
    }
    // Handshake (3), message and echo with their ACKs, teardown (3 or 4).
    assert!(frames.len() >= 8, "{} frames", frames.len());
    let first = &frames[0];
    assert_ne!(
        &first[0..6],
        &[0u8; 6],
        "a veth frame has real MAC addresses"
    );
    assert_eq!(&first[12..14], &[0x08, 0x00], "IPv4");
    assert_eq!(first[14 + 9], 6, "TCP");
    assert_eq!(
        first[14 + 20 + 13] & 0x12,
        0x02,
        "the first frame is the client's SYN"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
