//! Which interface to capture on: by name, the loopback one, or the one that
//! carries an address.

use std::net::IpAddr;

use crate::net::error::CaptureError;

use super::backend;

/// What capture needs to know of an interface.
pub(super) struct Interface {
    pub(super) name: String,
    pub(super) loopback: bool,
    /// Each address, and whether an address is on its network.
    #[allow(clippy::type_complexity)]
    pub(super) addresses: Vec<(IpAddr, Box<dyn Fn(IpAddr) -> bool>)>,
}

/// The names of this machine's interfaces (empty where capture is unavailable).
pub fn interface_names() -> Vec<String> {
    backend::interfaces().into_iter().map(|i| i.name).collect()
}

/// The loopback interface's name (`lo` on Linux, `lo0` on macOS).
pub fn loopback_interface() -> Result<String, CaptureError> {
    backend::interfaces()
        .into_iter()
        .find(|i| i.loopback)
        .map(|i| i.name)
        .ok_or_else(|| need_interface("loopback"))
}

/// The interface that carries traffic to or from `ip`: loopback for a
/// loopback address, else the interface with that address or on its network.
pub fn interface_for(ip: IpAddr) -> Result<String, CaptureError> {
    if ip.is_loopback() {
        return loopback_interface();
    }
    if ip.is_unspecified() {
        return Err(need_interface(&ip.to_string()));
    }
    let all = backend::interfaces();
    all.iter()
        .find(|i| i.addresses.iter().any(|(a, _)| *a == ip))
        .or_else(|| {
            all.iter()
                .find(|i| i.addresses.iter().any(|(_, on_net)| on_net(ip)))
        })
        .map(|i| i.name.clone())
        .ok_or_else(|| need_interface(&ip.to_string()))
}

fn need_interface(addr: &str) -> CaptureError {
    // Windows lists no interface: say capture is not available there rather
    // than offer an empty list to choose from.
    if cfg!(windows) {
        return CaptureError::Unsupported;
    }
    CaptureError::NeedInterface {
        addr: addr.to_string(),
        available: interface_names().join(", "),
    }
}
