//! The HTML player in a headless browser. (Being written.)
