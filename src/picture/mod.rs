//! Pictures of a run for the projector: the sequence diagram (`--svg`), the
//! time-sequence and congestion graphs (`--graph`) and the one-file HTML
//! player (`--html`). Each is drawn from a [`model::Picture`], built once
//! from the collected trace, so the three agree on every number.

pub mod build;
pub mod graph;
pub mod html;
pub mod model;
pub mod svg;

use model::Micros;

/// An SVG drawing and where its time axis lies, so the player can put a
/// cursor at any step's time.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawn {
    /// The whole `<svg>` element, standalone (with its XML namespace).
    pub svg: String,
    /// How time maps onto the drawing.
    pub axis: TimeAxis,
}

/// A piecewise-linear map from time to one coordinate of a drawing (x for
/// the graphs, y for the sequence diagram, whose idle gaps are compressed):
/// knots in increasing time; between two knots the coordinate is
/// interpolated, outside them it is clamped to the nearest end.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimeAxis {
    pub knots: Vec<(Micros, f64)>,
}

impl TimeAxis {
    /// The coordinate of time `t`.
    pub fn at(&self, t: Micros) -> f64 {
        let Some(&(t0, c0)) = self.knots.first() else {
            return 0.0;
        };
        if t <= t0 {
            return c0;
        }
        for pair in self.knots.windows(2) {
            let ((ta, ca), (tb, cb)) = (pair[0], pair[1]);
            if t <= tb {
                if tb == ta {
                    return cb;
                }
                let f = (t - ta) as f64 / (tb - ta) as f64;
                return ca + f * (cb - ca);
            }
        }
        self.knots.last().map_or(c0, |k| k.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_axis_interpolates_between_knots_and_clamps_outside() {
        let axis = TimeAxis {
            knots: vec![(100, 10.0), (200, 20.0), (1_000, 30.0)],
        };
        assert_eq!(axis.at(0), 10.0);
        assert_eq!(axis.at(150), 15.0);
        assert_eq!(axis.at(600), 25.0);
        assert_eq!(axis.at(5_000), 30.0);
        assert_eq!(TimeAxis::default().at(7), 0.0);
    }
}
