//! Reading a lesson's TOML with every value's place in the file, so each
//! mistake is reported on its line with a precise, translated message.

use std::collections::BTreeMap;
use std::ops::Range;
use std::time::Duration;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::error::{LessonError, LessonErrorKind as K};
use super::expr;

pub type Span = Range<usize>;

/// The lesson text and its name, for turning byte offsets into lines.
pub struct Doc<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

impl Doc<'_> {
    pub fn error(&self, span: Span, kind: K) -> LessonError {
        LessonError {
            file: self.file.to_string(),
            line: Some(line_col(self.text, span.start)),
            kind,
        }
    }

    pub fn error_nowhere(&self, kind: K) -> LessonError {
        LessonError {
            file: self.file.to_string(),
            line: None,
            kind,
        }
    }

    /// The 1-based line of a span.
    pub fn line(&self, span: &Span) -> usize {
        line_col(self.text, span.start).0
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// One table of the lesson (`[client]`, one `[[call]]`, ...).
pub struct Section<'d, 'i> {
    pub doc: &'d Doc<'d>,
    pub name: String,
    pub table: &'d DeTable<'i>,
    pub span: Span,
}

impl<'d, 'i> Section<'d, 'i> {
    /// Whether `key` holds a table (`title.en = …` makes `title` one).
    pub fn is_table(&self, key: &str) -> bool {
        matches!(self.get(key).map(|v| v.get_ref()), Some(DeValue::Table(_)))
    }

    fn get(&self, key: &str) -> Option<&'d Spanned<DeValue<'i>>> {
        self.table.get(key)
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn span_of(&self, key: &str) -> Span {
        self.table
            .get_key_value(key)
            .map_or(self.span.clone(), |(k, _)| k.span())
    }

    fn wrong_type(&self, key: &str, expected: &'static str) -> LessonError {
        self.doc.error(
            self.span_of(key),
            K::WrongType {
                key: key.to_string(),
                expected,
            },
        )
    }

    /// Fails on the first key not in `allowed`, suggesting the closest one.
    pub fn check_keys(&self, allowed: &[&str]) -> Result<(), LessonError> {
        for (key, _) in self.table.iter() {
            let name: &str = key.get_ref();
            if !allowed.contains(&name) {
                return Err(self.doc.error(
                    key.span(),
                    K::UnknownKey {
                        key: name.to_string(),
                        section: self.name.clone(),
                        suggestion: closest(name, allowed).map(str::to_string),
                    },
                ));
            }
        }
        Ok(())
    }

    pub fn text(&self, key: &str) -> Result<Option<(String, Span)>, LessonError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => match v.get_ref() {
                DeValue::String(s) => Ok(Some((s.to_string(), v.span()))),
                _ => Err(self.wrong_type(key, "text")),
            },
        }
    }

    pub fn require_text(&self, key: &str) -> Result<(String, Span), LessonError> {
        self.text(key)?.ok_or_else(|| self.missing(key))
    }

    pub fn missing(&self, key: &str) -> LessonError {
        self.doc.error(
            self.span.clone(),
            K::MissingKey {
                key: key.to_string(),
                section: self.name.clone(),
            },
        )
    }

    pub fn boolean(&self, key: &str) -> Result<Option<bool>, LessonError> {
        match self.get(key).map(|v| v.get_ref()) {
            None => Ok(None),
            Some(DeValue::Boolean(b)) => Ok(Some(*b)),
            Some(_) => Err(self.wrong_type(key, "boolean")),
        }
    }

    /// A whole number: a TOML integer, or text holding an expression over the
    /// lesson's parameters (`"segments * mss"`).
    pub fn uint(
        &self,
        key: &str,
        params: &BTreeMap<String, u64>,
    ) -> Result<Option<(u64, Span)>, LessonError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let text = match v.get_ref() {
            DeValue::Integer(i) => i.as_str().to_string(),
            DeValue::String(s) => s.to_string(),
            _ => return Err(self.wrong_type(key, "whole-number")),
        };
        let radix = match v.get_ref() {
            DeValue::Integer(i) => i.radix(),
            _ => 10,
        };
        let value = if radix == 10 {
            expr::eval(&text, params)
        } else {
            let digits = text.replace('_', "");
            let digits = digits.get(2..).unwrap_or("");
            u64::from_str_radix(digits, radix).map_err(|_| expr::ExprError::Overflow)
        };
        value.map(|n| Some((n, v.span()))).map_err(|problem| {
            self.doc.error(
                v.span(),
                K::BadExpression {
                    key: key.to_string(),
                    value: text,
                    problem,
                },
            )
        })
    }

    /// A whole number that must lie in `min..=max`.
    pub fn uint_in(
        &self,
        key: &str,
        params: &BTreeMap<String, u64>,
        min: u64,
        max: u64,
    ) -> Result<Option<u64>, LessonError> {
        match self.uint(key, params)? {
            None => Ok(None),
            Some((n, _)) if (min..=max).contains(&n) => Ok(Some(n)),
            Some((n, span)) => Err(self.doc.error(
                span,
                K::OutOfRange {
                    key: key.to_string(),
                    value: n.to_string(),
                    min: min.to_string(),
                    max: max.to_string(),
                },
            )),
        }
    }

    /// A number between `min` and `max` (a probability, say).
    pub fn number_in(&self, key: &str, min: f64, max: f64) -> Result<Option<f64>, LessonError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let n = match v.get_ref() {
            DeValue::Integer(i) => i.as_str().replace('_', "").parse::<f64>().ok(),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            _ => return Err(self.wrong_type(key, "number")),
        };
        match n {
            Some(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(self.doc.error(
                v.span(),
                K::OutOfRange {
                    key: key.to_string(),
                    value: n.map_or_else(|| "?".into(), |n| n.to_string()),
                    min: min.to_string(),
                    max: max.to_string(),
                },
            )),
        }
    }

    /// A duration: `"10ms"`, `"1.5s"`, `"250us"`, `"2min"`, or a whole number of
    /// milliseconds.
    pub fn duration(&self, key: &str) -> Result<Option<(Duration, Span)>, LessonError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let text = match v.get_ref() {
            DeValue::Integer(i) => format!("{}ms", i.as_str()),
            DeValue::String(s) => s.to_string(),
            _ => return Err(self.wrong_type(key, "duration")),
        };
        match parse_duration(&text) {
            Some(d) => Ok(Some((d, v.span()))),
            None => Err(self.doc.error(
                v.span(),
                K::BadDuration {
                    key: key.to_string(),
                    value: text,
                },
            )),
        }
    }

    pub fn table(&self, key: &str) -> Result<Option<Section<'d, 'i>>, LessonError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => match v.get_ref() {
                DeValue::Table(t) => Ok(Some(Section {
                    doc: self.doc,
                    name: key.to_string(),
                    table: t,
                    span: v.span(),
                })),
                _ => Err(self.wrong_type(key, "table")),
            },
        }
    }

    /// The tables of an array of tables (`[[call]]`), in file order.
    pub fn tables(&self, key: &str) -> Result<Vec<Section<'d, 'i>>, LessonError> {
        let Some(v) = self.get(key) else {
            return Ok(Vec::new());
        };
        let DeValue::Array(items) = v.get_ref() else {
            return Err(self.wrong_type(key, "list"));
        };
        items
            .iter()
            .map(|item| match item.get_ref() {
                DeValue::Table(t) => Ok(Section {
                    doc: self.doc,
                    name: format!("[[{key}]]"),
                    table: t,
                    span: item.span(),
                }),
                _ => Err(self.doc.error(
                    item.span(),
                    K::WrongType {
                        key: key.to_string(),
                        expected: "table",
                    },
                )),
            })
            .collect()
    }

    /// A list of text values.
    pub fn text_list(&self, key: &str) -> Result<Option<(Vec<String>, Span)>, LessonError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let DeValue::Array(items) = v.get_ref() else {
            return Err(self.wrong_type(key, "list"));
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(s.to_string()),
                _ => return Err(self.wrong_type(key, "text")),
            }
        }
        Ok(Some((out, v.span())))
    }

    /// Every key with a whole-number value (for `[params]`).
    pub fn entries(
        &self,
    ) -> impl Iterator<
        Item = (
            &'d Spanned<toml::de::DeString<'i>>,
            &'d Spanned<DeValue<'i>>,
        ),
    > {
        self.table.iter()
    }
}

/// Parses `10ms`, `1.5s`, `250us`, `2min` (a number, then a unit).
pub fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '_'))?;
    let (number, unit) = text.split_at(split);
    let number: f64 = number.replace('_', "").parse().ok()?;
    let micros_per = match unit.trim() {
        "us" | "µs" => 1.0,
        "ms" => 1e3,
        "s" => 1e6,
        "min" => 60e6,
        _ => return None,
    };
    let micros = number * micros_per;
    // Beyond a day of virtual time is surely a typo.
    (micros.is_finite() && (0.0..=86_400e6).contains(&micros))
        .then(|| Duration::from_micros(micros.round() as u64))
}

/// The allowed word nearest to `word`, if it is close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            row.push((prev[j] + cost).min(prev[j + 1] + 1).min(row[j] + 1));
        }
        prev = row;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_every_unit() {
        assert_eq!(parse_duration("10ms"), Some(Duration::from_millis(10)));
        assert_eq!(parse_duration("1.5s"), Some(Duration::from_millis(1500)));
        assert_eq!(parse_duration("250us"), Some(Duration::from_micros(250)));
        assert_eq!(parse_duration("2min"), Some(Duration::from_secs(120)));
        assert_eq!(parse_duration("10"), None);
        assert_eq!(parse_duration("10 parsecs"), None);
        assert_eq!(parse_duration("9999999s"), None);
    }

    #[test]
    fn suggests_near_misses_only() {
        let keys = ["latency", "loss", "seed"];
        assert_eq!(closest("latncy", &keys), Some("latency"));
        assert_eq!(closest("bandwidth", &keys), None);
    }

    #[test]
    fn lines_and_columns_are_one_based() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
    }
}
