//! The graphs (`--graph`): the time-sequence graph and, below it, the
//! sender's window. (Being written.)

use super::model::Picture;
use super::{Drawn, TimeAxis};

/// The graphs of `picture`, one SVG.
pub fn graphs(picture: &Picture) -> Result<Drawn, String> {
    let _ = picture;
    Ok(Drawn {
        svg: r#"<svg xmlns="http://www.w3.org/2000/svg" width="800" height="100" viewBox="0 0 800 100"></svg>"#.into(),
        axis: TimeAxis::default(),
    })
}
