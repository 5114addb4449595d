//! Every server of synack (echo, chat, talk, rdt) says a busy port in the same
//! words, in the user's language: the port by number and what to do.

use synack_test_support as support;

use std::net::TcpListener;

use support::{stderr, synack};

#[test]
fn every_server_says_a_busy_port_in_the_same_words() {
    let holder = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = holder.local_addr().unwrap().to_string();
    let port = holder.local_addr().unwrap().port();
    // The chat server makes its folder before it binds: not in the project.
    let dir = std::env::temp_dir().join(format!("synack-busy-{}", std::process::id()));
    let dir = dir.to_str().unwrap().to_string();
    for (lang, said) in [
        (
            "en",
            format!(
                "port {port} is in use ({addr}): pass --bind with another port, or stop the program that holds it"
            ),
        ),
        (
            "pt",
            format!(
                "a porta {port} está em uso ({addr}): passe --bind com outra porta, ou pare o programa que a ocupa"
            ),
        ),
    ] {
        for server in [
            &["echo", "server"][..],
            &["chat", "server", "--dir", &dir],
            &["talk", "listen"],
            &["rdt", "server"],
        ] {
            let mut args = vec!["--lang", lang];
            args.extend_from_slice(server);
            args.extend_from_slice(&["--bind", &addr]);
            let out = synack(&args, b"");
            assert_eq!(out.status.code(), Some(1), "{server:?}: {}", stderr(&out));
            assert!(stderr(&out).contains(&said), "{server:?}: {}", stderr(&out));
            assert!(!stderr(&out).contains("os error"), "{}", stderr(&out));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
