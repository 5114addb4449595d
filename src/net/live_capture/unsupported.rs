//! Where no back-end is built (Windows, which would need Npcap): capture says
//! it is not available, and how to capture instead.

use std::time::Duration;

use crate::net::error::CaptureError;

use super::interfaces::Interface;

pub(super) fn interfaces() -> Vec<Interface> {
    Vec::new()
}

pub(super) struct Source;

impl Source {
    pub(super) fn next_frame(&mut self) -> Result<Option<(Duration, &[u8])>, CaptureError> {
        Err(CaptureError::Unsupported)
    }
}

pub(super) fn open(_name: &str, _ports: &[u16]) -> Result<Source, CaptureError> {
    Err(CaptureError::Unsupported)
}
