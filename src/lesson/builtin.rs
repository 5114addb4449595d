//! The lessons that ship inside the binary, so `synack handshake` works from
//! any folder. A test checks this list matches the files in `lessons/`.

/// `(name, TOML text)`, in the order a course would teach them.
pub const BUILTIN: &[(&str, &str)] = &[
    ("handshake", include_str!("../../lessons/handshake.toml")),
    (
        "data-transfer",
        include_str!("../../lessons/data-transfer.toml"),
    ),
    ("teardown", include_str!("../../lessons/teardown.toml")),
    ("half-close", include_str!("../../lessons/half-close.toml")),
    (
        "simultaneous-open",
        include_str!("../../lessons/simultaneous-open.toml"),
    ),
    (
        "simultaneous-close",
        include_str!("../../lessons/simultaneous-close.toml"),
    ),
    (
        "connection-refused",
        include_str!("../../lessons/connection-refused.toml"),
    ),
    ("lost-syn", include_str!("../../lessons/lost-syn.toml")),
    (
        "lost-syn-ack",
        include_str!("../../lessons/lost-syn-ack.toml"),
    ),
    ("abort", include_str!("../../lessons/abort.toml")),
    (
        "bulk-transfer",
        include_str!("../../lessons/bulk-transfer.toml"),
    ),
    (
        "fast-recovery",
        include_str!("../../lessons/fast-recovery.toml"),
    ),
    (
        "congestion-timeout",
        include_str!("../../lessons/congestion-timeout.toml"),
    ),
];
