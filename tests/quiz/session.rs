//! Scripted sessions: answers one per line on standard input.
