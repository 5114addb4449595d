//! The client's side of a download, frame by frame. Each test is named
//! `<stage>_<event>_<outcome>`: where the download is, what comes, what follows.

use super::*;

use Action::{Abandon, Close, EndProgress, Write};

const FOLDER: &str = "downloads";

fn downloads() -> Downloads<u32> {
    Downloads::new(PathBuf::from(FOLDER), Lang::En)
}

/// Everything the machine asks for, in order.
fn actions(d: &mut Downloads<u32>) -> Vec<Action<u32>> {
    std::iter::from_fn(|| d.poll_action()).collect()
}

fn sha256(data: &[u8]) -> [u8; 32] {
    Sha256::digest(data).into()
}

fn part(name: &str) -> PathBuf {
    PathBuf::from(FOLDER).join(format!("{name}.part"))
}

fn open(name: &str, size: u64, prefix: Option<Prefix>) -> Action<u32> {
    Action::Open {
        part: part(name),
        name: name.into(),
        size,
        prefix,
    }
}

fn prefix(bytes: &[u8]) -> Prefix {
    let mut hasher = Sha256::new();
    hasher.update(bytes);
    Prefix {
        len: bytes.len() as u64,
        hasher,
    }
}

fn failed(error: DownloadError) -> Action<u32> {
    Action::Done {
        ticket: 1,
        result: Err(error),
    }
}

fn unexpected(kind: Kind) -> Action<u32> {
    Action::Unexpected(kind)
}

/// `a.bin` failed: the server broke the protocol.
fn broken(what: &str) -> Action<u32> {
    failed(DownloadError::Protocol {
        name: "a.bin".into(),
        what: what.into(),
    })
}

/// `name` refused by the server.
fn refused(name: &str, reason: &str) -> Action<u32> {
    failed(DownloadError::Refused {
        name: name.into(),
        reason: reason.into(),
    })
}

/// `a.bin` failed: a file error on this side.
fn io_failed(reason: &str) -> Action<u32> {
    failed(DownloadError::Io {
        name: "a.bin".into(),
        source: io::Error::other(reason),
    })
}

/// An `FDAT` when no download takes data: reported, and ignored.
fn assert_out_of_place(d: &mut Downloads<u32>, data: &[u8]) {
    d.handle_frame(&Frame::Fdat(data));
    assert_eq!(actions(d), [unexpected(Kind::FDAT)]);
}

/// An `FDAT` that is read and dropped: nothing to do.
fn assert_skipped(d: &mut Downloads<u32>, data: &[u8]) {
    d.handle_frame(&Frame::Fdat(data));
    assert_eq!(actions(d), []);
}

/// `FILE name` went out (ticket 1) and the server answered `FROK`, `FMTA`,
/// `FHSH` for `data`: the download is ready for its data.
fn announced(d: &mut Downloads<u32>, name: &str, data: &[u8], resume: Option<Prefix>) {
    d.ask(1, name.into(), resume);
    d.handle_frame(&Frame::Frok);
    d.handle_frame(&Frame::Fmta {
        name,
        size: data.len() as u64,
    });
    d.handle_frame(&Frame::Fhsh(sha256(data)));
}

/// As [`announced`], then the first `FDAT` (`first`), and the part file opened.
fn receiving(d: &mut Downloads<u32>, name: &str, data: &[u8], first: &[u8]) {
    announced(d, name, data, None);
    d.handle_frame(&Frame::Fdat(first));
    d.handle_opened(Ok(()));
    let _ = actions(d);
}

#[test]
fn ready_fdats_to_the_size_are_written_verified_and_renamed() {
    let mut d = downloads();
    announced(&mut d, "notes.txt", b"hello world", None);
    assert_eq!(actions(&mut d), []);

    d.handle_frame(&Frame::Fdat(b"hello "));
    assert_eq!(actions(&mut d), [open("notes.txt", 11, None)]);
    d.handle_opened(Ok(()));
    assert_eq!(actions(&mut d), [Write(0..6)]);

    d.handle_frame(&Frame::Fdat(b"world"));
    assert_eq!(actions(&mut d), [Write(6..11), EndProgress, Close]);

    d.handle_digest(Ok(sha256(b"hello world")));
    assert_eq!(
        actions(&mut d),
        [Action::Rename {
            from: part("notes.txt"),
            to: PathBuf::from(FOLDER).join("notes.txt"),
        }]
    );

    d.handle_renamed(Ok(()), Duration::from_millis(7));
    assert_eq!(
        actions(&mut d),
        [Action::Done {
            ticket: 1,
            result: Ok(Downloaded {
                name: "notes.txt".into(),
                path: PathBuf::from(FOLDER).join("notes.txt"),
                size: 11,
                digest: sha256(b"hello world"),
                resumed_from: 0,
                elapsed: Duration::from_millis(7),
            }),
        }]
    );
}

#[test]
fn idle_frok_unasked_is_reported_and_ignored() {
    let mut d = downloads();
    d.handle_frame(&Frame::Frok);
    assert_eq!(actions(&mut d), [unexpected(Kind::FROK)]);
    assert_out_of_place(&mut d, b"x");
}

#[test]
fn idle_ferr_refuses_the_oldest_request() {
    let mut d = downloads();
    d.ask(1, "missing.txt".into(), None);
    d.ask(2, "other.txt".into(), None);
    d.handle_frame(&Frame::Ferr("no such file"));
    assert_eq!(actions(&mut d), [refused("missing.txt", "no such file")]);
    // The next FROK answers the second request.
    d.handle_frame(&Frame::Frok);
    d.handle_end();
    assert_eq!(
        actions(&mut d),
        [Action::Done {
            ticket: 2,
            result: Err(DownloadError::Closed),
        }]
    );
}

#[test]
fn idle_ferr_unasked_is_shown_as_the_server_said_it() {
    let mut d = downloads();
    d.handle_frame(&Frame::Ferr("line too long"));
    assert_eq!(
        actions(&mut d),
        [Action::ServerError("line too long".into())]
    );
}

#[test]
fn meta_ferr_refuses_the_request() {
    let mut d = downloads();
    d.ask(1, "a.txt".into(), None);
    d.handle_frame(&Frame::Frok);
    d.handle_frame(&Frame::Ferr("it vanished"));
    assert_eq!(actions(&mut d), [refused("a.txt", "it vanished")]);
}

#[test]
fn data_ferr_abandons_the_part_and_refuses_with_nothing_left_to_skip() {
    let mut d = downloads();
    receiving(&mut d, "a.bin", b"abcdef", b"ab");
    d.handle_frame(&Frame::Ferr("the file shrank"));
    assert_eq!(
        actions(&mut d),
        [Abandon, EndProgress, refused("a.bin", "the file shrank")]
    );
    // Nothing more of the file will come: a stray FDAT is out of place.
    assert_out_of_place(&mut d, b"cd");
}

#[test]
fn data_fdat_past_the_size_fails_and_skips_the_rest() {
    let mut d = downloads();
    receiving(&mut d, "a.bin", b"abcdef", b"ab");
    d.handle_frame(&Frame::Fdat(b"cdefgh"));
    assert_eq!(
        actions(&mut d),
        [
            Abandon,
            EndProgress,
            broken("it sent 2 bytes more than the size it announced")
        ]
    );
    // The four bytes still announced are read and dropped, then no more.
    assert_skipped(&mut d, b"cd");
    assert_skipped(&mut d, b"ef");
    assert_out_of_place(&mut d, b"g");
}

#[test]
fn ready_fofs_unasked_fails_and_skips_the_data() {
    let mut d = downloads();
    announced(&mut d, "a.bin", b"abcdef", None);
    d.handle_frame(&Frame::Offset(2));
    assert_eq!(
        actions(&mut d),
        [broken("it resumed at byte 2, which was not asked for")]
    );
    assert_skipped(&mut d, b"cdef");
}

#[test]
fn ready_fofs_other_than_the_part_length_fails() {
    let mut d = downloads();
    announced(&mut d, "a.bin", b"abcdef", Some(prefix(b"abc")));
    d.handle_frame(&Frame::Offset(2));
    assert!(matches!(
        &actions(&mut d)[..],
        [Action::Done {
            result: Err(DownloadError::Protocol { .. }),
            ..
        }]
    ));
}

#[test]
fn ready_fofs_at_the_part_length_resumes_by_appending() {
    let mut d = downloads();
    announced(&mut d, "notes.txt", b"hello world", Some(prefix(b"hello ")));
    d.handle_frame(&Frame::Offset(6));
    assert_eq!(
        actions(&mut d),
        [open("notes.txt", 11, Some(prefix(b"hello ")))]
    );
    d.handle_opened(Ok(()));
    assert_eq!(actions(&mut d), []);

    d.handle_frame(&Frame::Fdat(b"world"));
    assert_eq!(actions(&mut d), [Write(6..11), EndProgress, Close]);
    d.handle_digest(Ok(sha256(b"hello world")));
    let _rename = actions(&mut d);
    d.handle_renamed(Ok(()), Duration::ZERO);
    match &actions(&mut d)[..] {
        [
            Action::Done {
                result: Ok(done), ..
            },
        ] => assert_eq!((done.size, done.resumed_from), (11, 6)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn ready_fofs_at_the_whole_size_verifies_at_once() {
    let mut d = downloads();
    announced(&mut d, "a.bin", b"abc", Some(prefix(b"abc")));
    d.handle_frame(&Frame::Offset(3));
    assert_eq!(actions(&mut d), [open("a.bin", 3, Some(prefix(b"abc")))]);
    d.handle_opened(Ok(()));
    assert_eq!(actions(&mut d), [EndProgress, Close]);
}

#[test]
fn ready_fdat_after_an_ignored_resume_starts_over() {
    // A classic server does not know RSUM: no FOFS, the whole file comes.
    let mut d = downloads();
    announced(&mut d, "a.bin", b"abcdef", Some(prefix(b"abc")));
    d.handle_frame(&Frame::Fdat(b"abcdef"));
    assert_eq!(actions(&mut d), [open("a.bin", 6, None)]);
    d.handle_opened(Ok(()));
    assert_eq!(actions(&mut d), [Write(0..6), EndProgress, Close]);
}

#[test]
fn hash_fhsh_of_an_empty_file_opens_verifies_and_renames() {
    let mut d = downloads();
    announced(&mut d, "empty.txt", b"", None);
    assert_eq!(actions(&mut d), [open("empty.txt", 0, None)]);
    d.handle_opened(Ok(()));
    assert_eq!(actions(&mut d), [EndProgress, Close]);
    d.handle_digest(Ok(sha256(b"")));
    assert!(matches!(&actions(&mut d)[..], [Action::Rename { .. }]));
    d.handle_renamed(Ok(()), Duration::ZERO);
    assert!(matches!(
        &actions(&mut d)[..],
        [Action::Done {
            result: Ok(Downloaded { size: 0, .. }),
            ..
        }]
    ));
}

#[test]
fn hash_fhsh_for_an_unsafe_name_refuses_and_skips_the_data() {
    let mut d = downloads();
    announced(&mut d, "..", b"abc", None);
    assert_eq!(
        actions(&mut d),
        [failed(DownloadError::UnsafeName {
            announced: "..".into(),
            reason: NameError::Dots,
        })]
    );
    assert_skipped(&mut d, b"abc");
}

#[test]
fn opening_failure_reports_and_skips_the_data() {
    let mut d = downloads();
    announced(&mut d, "a.bin", b"abcdef", None);
    d.handle_frame(&Frame::Fdat(b"abc"));
    let _open = actions(&mut d);
    d.handle_opened(Err(io::Error::other("disk full")));
    assert_eq!(actions(&mut d), [io_failed("disk full")]);
    assert_skipped(&mut d, b"def");
}

#[test]
fn verifying_wrong_digest_keeps_the_part_and_renames_nothing() {
    let mut d = downloads();
    receiving(&mut d, "a.bin", b"abc", b"abc");
    d.handle_digest(Ok(sha256(b"abd")));
    assert_eq!(
        actions(&mut d),
        [failed(DownloadError::Integrity {
            name: "a.bin".into(),
            part: part("a.bin").display().to_string(),
            expected: hex(&sha256(b"abc")),
            actual: hex(&sha256(b"abd")),
        })]
    );
}

#[test]
fn renaming_failure_is_reported() {
    let mut d = downloads();
    receiving(&mut d, "a.bin", b"abc", b"abc");
    d.handle_digest(Ok(sha256(b"abc")));
    let _rename = actions(&mut d);
    d.handle_renamed(Err(io::Error::other("read-only")), Duration::ZERO);
    assert_eq!(actions(&mut d), [io_failed("read-only")]);
}

#[test]
fn data_end_of_connection_keeps_the_part_and_fails_every_request() {
    let mut d = downloads();
    receiving(&mut d, "a.bin", b"abcdef", b"ab");
    d.ask(2, "next.txt".into(), None);
    d.handle_end();
    assert_eq!(
        actions(&mut d),
        [
            Abandon,
            failed(DownloadError::Interrupted {
                name: "a.bin".into(),
                got: 2,
                size: 6,
                part: part("a.bin").display().to_string(),
            }),
            Action::Done {
                ticket: 2,
                result: Err(DownloadError::Closed),
            }
        ]
    );
}

#[test]
fn hash_end_of_connection_is_closed() {
    let mut d = downloads();
    d.ask(1, "a.bin".into(), None);
    d.handle_frame(&Frame::Frok);
    d.handle_frame(&Frame::Fmta {
        name: "a.bin",
        size: 3,
    });
    d.handle_end();
    assert_eq!(actions(&mut d), [failed(DownloadError::Closed)]);
}

#[test]
fn data_unreadable_frame_fails_and_skips_the_rest() {
    let mut d = downloads();
    receiving(&mut d, "a.bin", b"abcdef", b"ab");
    d.handle_unreadable("a FHSH payload of 3 bytes is malformed");
    assert_eq!(
        actions(&mut d),
        [
            Abandon,
            EndProgress,
            broken("a FHSH payload of 3 bytes is malformed")
        ]
    );
    assert_skipped(&mut d, b"cdef");
}

#[test]
fn skip_chat_ends_the_skipping() {
    let mut d = downloads();
    announced(&mut d, "..", b"abcdef", None);
    let _refused = actions(&mut d);
    d.handle_frame(&Frame::Chat("[SERVER]: hi"));
    assert_out_of_place(&mut d, b"abc");
}

#[test]
fn data_chat_between_fdats_changes_nothing() {
    let mut d = downloads();
    receiving(&mut d, "a.bin", b"abcd", b"ab");
    d.handle_frame(&Frame::Chat("hello"));
    d.handle_frame(&Frame::Fdat(b"cd"));
    assert_eq!(actions(&mut d), [Write(2..4), EndProgress, Close]);
}

#[test]
fn idle_unknown_type_is_ignored_and_a_misplaced_one_reported() {
    let mut d = downloads();
    d.handle_frame(&Frame::Unknown {
        kind: Kind(*b"NEWT"),
        payload: b"",
    });
    assert_eq!(actions(&mut d), []);
    d.handle_frame(&Frame::Fmta {
        name: "a.bin",
        size: 1,
    });
    assert_eq!(actions(&mut d), [unexpected(Kind::FMTA)]);
}
