//! Two machines on one: two network namespaces, "server" and "client",
//! joined by a veth pair with IPv4 and IPv6 addresses, or ([`TwoHosts::routed`])
//! by a third namespace that routes between two pairs. Names carry the test
//! process's id and a tag, so tests can run in parallel; the namespaces (and
//! so the veth pairs) are deleted on drop, even when the test fails.

use std::process::{Command, Stdio};

pub const SERVER_IP: &str = "192.0.2.1";
pub const CLIENT_IP: &str = "192.0.2.2";
pub const SERVER_IP6: &str = "2001:db8::1";
pub const CLIENT_IP6: &str = "2001:db8::2";
/// The client's address behind a router (another network).
pub const ROUTED_CLIENT_IP: &str = "198.51.100.2";
/// The router's address on both of its networks.
const ROUTER_HOST: &str = "254";

/// Whether namespaces can be made here: `ip` (iproute2) and root. Required
/// in CI, skipped with a reason elsewhere.
pub fn can_run() -> bool {
    crate::tools::require("ip") && crate::tools::is_root("network namespaces")
}

/// Runs a command to completion and panics with its stderr if it fails.
pub fn run(cmd: &mut Command) -> String {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .expect("the command starts");
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn ip(args: &[&str]) {
    run(Command::new("ip").args(args));
}

/// Two namespaces joined by a veth pair; each end named after its side.
pub struct TwoHosts {
    pub server: String,
    pub client: String,
    pub server_if: String,
    pub client_if: String,
    /// The router's namespace and its interfaces towards the server and the
    /// client, when there is one.
    pub router: Option<(String, String, String)>,
}

impl TwoHosts {
    /// `tag` tells apart the pairs of one test process; interface names must
    /// stay within 15 bytes, so keep it short.
    pub fn new(tag: &str) -> TwoHosts {
        let id = format!("{}{tag}", std::process::id());
        let hosts = TwoHosts {
            server: format!("synack-s{id}"),
            client: format!("synack-c{id}"),
            server_if: format!("vs{id}"),
            client_if: format!("vc{id}"),
            router: None,
        };
        // From here on, a failure drops `hosts` and deletes what was made.
        ip(&["netns", "add", &hosts.server]);
        ip(&["netns", "add", &hosts.client]);
        ip(&[
            "link",
            "add",
            &hosts.server_if,
            "netns",
            &hosts.server,
            "type",
            "veth",
            "peer",
            "name",
            &hosts.client_if,
            "netns",
            &hosts.client,
        ]);
        for (ns, dev, v4, v6) in [
            (&hosts.server, &hosts.server_if, SERVER_IP, SERVER_IP6),
            (&hosts.client, &hosts.client_if, CLIENT_IP, CLIENT_IP6),
        ] {
            ip(&["-n", ns, "addr", "add", &format!("{v4}/24"), "dev", dev]);
            // No duplicate address detection: usable at once.
            ip(&[
                "-n",
                ns,
                "addr",
                "add",
                &format!("{v6}/64"),
                "dev",
                dev,
                "nodad",
            ]);
            ip(&["-n", ns, "link", "set", dev, "up"]);
            ip(&["-n", ns, "link", "set", "lo", "up"]);
        }
        hosts
    }

    /// Server and client on different networks, joined through a router
    /// namespace (forwarding on): what the router drops never reaches the
    /// server, and the client's own stack does not know.
    pub fn routed(tag: &str) -> TwoHosts {
        let id = format!("{}{tag}", std::process::id());
        let mut hosts = TwoHosts {
            server: format!("synack-s{id}"),
            client: format!("synack-c{id}"),
            server_if: format!("vs{id}"),
            client_if: format!("vc{id}"),
            router: None,
        };
        let router = (
            format!("synack-r{id}"),
            format!("ra{id}"),
            format!("rb{id}"),
        );
        for ns in [&hosts.server, &hosts.client] {
            ip(&["netns", "add", ns]);
        }
        ip(&["netns", "add", &router.0]);
        hosts.router = Some(router.clone());
        let (rns, to_server, to_client) = &router;
        for (ns, dev, peer) in [
            (&hosts.server, &hosts.server_if, to_server),
            (&hosts.client, &hosts.client_if, to_client),
        ] {
            ip(&[
                "link", "add", dev, "netns", ns, "type", "veth", "peer", "name", peer, "netns", rns,
            ]);
        }
        let (server_net, client_net) = ("192.0.2", "198.51.100");
        for (ns, dev, addr, gateway) in [
            (&hosts.server, &hosts.server_if, SERVER_IP, Some(server_net)),
            (
                &hosts.client,
                &hosts.client_if,
                ROUTED_CLIENT_IP,
                Some(client_net),
            ),
            (
                rns,
                to_server,
                &*format!("{server_net}.{ROUTER_HOST}"),
                None,
            ),
            (
                rns,
                to_client,
                &*format!("{client_net}.{ROUTER_HOST}"),
                None,
            ),
        ] {
            ip(&["-n", ns, "addr", "add", &format!("{addr}/24"), "dev", dev]);
            ip(&["-n", ns, "link", "set", dev, "up"]);
            ip(&["-n", ns, "link", "set", "lo", "up"]);
            if let Some(net) = gateway {
                let via = format!("{net}.{ROUTER_HOST}");
                ip(&["-n", ns, "route", "add", "default", "via", &via]);
            }
        }
        run(hosts
            .exec(rns, "sh")
            .args(["-c", "echo 1 > /proc/sys/net/ipv4/ip_forward"]));
        hosts
    }

    /// Every veth end, with its namespace.
    pub fn interfaces(&self) -> Vec<(&str, &str)> {
        let mut all = vec![
            (self.server.as_str(), self.server_if.as_str()),
            (self.client.as_str(), self.client_if.as_str()),
        ];
        if let Some((ns, a, b)) = &self.router {
            all.push((ns, a));
            all.push((ns, b));
        }
        all
    }

    /// `program` run inside namespace `ns`.
    pub fn exec(&self, ns: &str, program: &str) -> Command {
        let mut cmd = Command::new("ip");
        cmd.args(["netns", "exec", ns, program]);
        cmd
    }

    /// The synack binary inside namespace `ns`, colour off, in English.
    pub fn synack(&self, ns: &str) -> Command {
        let mut cmd = self.exec(ns, crate::synack_bin().to_str().expect("a UTF-8 path"));
        cmd.args(["--color", "never", "--lang", "en"]);
        cmd
    }
}

impl Drop for TwoHosts {
    fn drop(&mut self) {
        // Deleting a namespace deletes the veth end in it, and so the pair.
        let router = self.router.as_ref().map(|r| &r.0);
        for ns in [Some(&self.server), Some(&self.client), router]
            .into_iter()
            .flatten()
        {
            let _ = Command::new("ip").args(["netns", "del", ns]).output();
        }
    }
}
