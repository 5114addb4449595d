//! What a lesson file says about its quiz: its own `[[question]]` list
//! (which moment, and if wanted the words) and its `[vary]` limits (what may
//! differ from one student to the next). The lesson compilers ignore both;
//! this reads them from the same text.

use crate::narrate::Lang;
use crate::tr;
use crate::trace::Host;

use super::question::Kind;

/// A question the lesson asks at a moment of its run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionSpec {
    pub kind: Kind,
    /// Whose moment; any side when not given.
    pub side: Option<Host>,
    /// The `nth` such moment (1 = the first).
    pub nth: usize,
    /// The words, when the lesson gives its own: `[english, portuguese]`.
    pub text: [Option<String>; 2],
}

/// What may vary between students, within limits.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vary {
    /// Both sides' initial sequence numbers, drawn in this range.
    pub isn: Option<(u64, u64)>,
    /// The client's port.
    pub port: Option<(u64, u64)>,
    /// Both sides' MSS.
    pub mss: Option<(u64, u64)>,
    /// The text the client sends, one of these.
    pub text: Vec<String>,
    /// Which segment (or rdt packet) the lesson's first counted drop rule hits.
    pub drop_nth: Option<(u64, u64)>,
    /// The seed of the lesson's random faults: where random loss strikes.
    pub seed: Option<(u64, u64)>,
}

impl Vary {
    pub fn is_empty(&self) -> bool {
        *self == Vary::default()
    }
}

/// A lesson's quiz section.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuizSpec {
    pub questions: Vec<QuestionSpec>,
    pub vary: Vary,
}

/// Reads `[[question]]` and `[vary]` from a lesson's text; the message
/// names the question or key that is wrong and what is expected.
pub fn read(text: &str, lang: Lang) -> Result<QuizSpec, String> {
    let doc: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| tr!(lang, "quiz-spec-toml", reason = e.message()))?;
    let mut spec = QuizSpec::default();
    if let Some(list) = doc.get("question") {
        let list = list
            .as_array()
            .ok_or_else(|| tr!(lang, "quiz-spec-not-list"))?;
        for (i, q) in list.iter().enumerate() {
            let at = |what: String| tr!(lang, "quiz-spec-question", n = i + 1, what = what);
            let q = q
                .as_table()
                .ok_or_else(|| at(tr!(lang, "quiz-spec-not-table")))?;
            for key in q.keys() {
                if !["kind", "side", "nth", "text"].contains(&key.as_str()) {
                    let known = "kind, side, nth, text";
                    return Err(at(tr!(
                        lang,
                        "quiz-spec-unknown-key",
                        key = key.as_str(),
                        known = known
                    )));
                }
            }
            let kind_name = q
                .get("kind")
                .and_then(|v| v.as_str())
                .ok_or_else(|| at(tr!(lang, "quiz-spec-no-kind")))?;
            let kind = Kind::parse(kind_name).ok_or_else(|| {
                let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                at(tr!(
                    lang,
                    "quiz-spec-unknown-kind",
                    kind = kind_name,
                    kinds = names.join(", ")
                ))
            })?;
            let side = match q.get("side") {
                None => None,
                Some(v) => Some(
                    v.as_str()
                        .and_then(Host::parse)
                        .ok_or_else(|| at(tr!(lang, "quiz-spec-side")))?,
                ),
            };
            let nth = match q.get("nth") {
                None => 1,
                Some(v) => {
                    v.as_integer()
                        .filter(|n| (1..=100_000).contains(n))
                        .ok_or_else(|| at(tr!(lang, "quiz-spec-nth")))? as usize
                }
            };
            let text = match q.get("text") {
                None => [None, None],
                Some(toml::Value::String(s)) => [Some(s.clone()), Some(s.clone())],
                Some(toml::Value::Table(t)) => [Lang::En, Lang::Pt].map(|l| {
                    let key = match l {
                        Lang::En => "en",
                        Lang::Pt => "pt",
                    };
                    t.get(key).and_then(|v| v.as_str()).map(str::to_string)
                }),
                Some(_) => return Err(at(tr!(lang, "quiz-spec-text"))),
            };
            spec.questions.push(QuestionSpec {
                kind,
                side,
                nth,
                text,
            });
        }
    }
    if let Some(vary) = doc.get("vary") {
        let vary = vary
            .as_table()
            .ok_or_else(|| tr!(lang, "quiz-spec-vary-table"))?;
        let range = |key: &str, lo: u64, hi: u64| -> Result<Option<(u64, u64)>, String> {
            let Some(v) = vary.get(key) else {
                return Ok(None);
            };
            let pair: Option<(u64, u64)> = v
                .as_array()
                .and_then(|a| match a.as_slice() {
                    [a, b] => Some((a.as_integer()?, b.as_integer()?)),
                    _ => None,
                })
                .and_then(|(a, b)| Some((u64::try_from(a).ok()?, u64::try_from(b).ok()?)));
            match pair {
                Some((a, b)) if a <= b && a >= lo && b <= hi => Ok(Some((a, b))),
                _ => Err(tr!(
                    lang,
                    "quiz-spec-vary-range",
                    key = key,
                    lo = lo,
                    hi = hi
                )),
            }
        };
        for key in vary.keys() {
            if !["isn", "port", "mss", "text", "drop_nth", "seed"].contains(&key.as_str()) {
                let known = "isn, port, mss, text, drop_nth, seed";
                return Err(tr!(
                    lang,
                    "quiz-spec-vary-unknown",
                    key = key.as_str(),
                    known = known
                ));
            }
        }
        spec.vary.isn = range("isn", 0, u64::from(u32::MAX))?;
        spec.vary.port = range("port", 1024, 65535)?;
        spec.vary.mss = range("mss", 64, 65495)?;
        spec.vary.drop_nth = range("drop_nth", 1, 1000)?;
        spec.vary.seed = range("seed", 0, u64::from(u32::MAX))?;
        if let Some(t) = vary.get("text") {
            let list: Option<Vec<String>> = t
                .as_array()
                .and_then(|a| a.iter().map(|v| v.as_str().map(str::to_string)).collect());
            match list {
                Some(l) if !l.is_empty() && l.iter().all(|s| !s.is_empty() && s.len() <= 200) => {
                    spec.vary.text = l
                }
                _ => return Err(tr!(lang, "quiz-spec-vary-text")),
            }
        }
    }
    Ok(spec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_and_limits_are_read_and_mistakes_named() {
        let spec = read(
            r#"
            [[question]]
            kind = "flags"
            side = "server"
            nth = 2
            text.en = "What now?"
            text.pt = "E agora?"

            [[question]]
            kind = "time-wait-side"

            [vary]
            isn = [1000, 90000]
            text = ["Olá", "Oi"]
            "#,
            Lang::En,
        )
        .unwrap();
        assert_eq!(spec.questions.len(), 2);
        assert_eq!(spec.questions[0].side, Some(Host::Server));
        assert_eq!(spec.questions[0].nth, 2);
        assert_eq!(spec.questions[0].text[1].as_deref(), Some("E agora?"));
        assert_eq!(spec.vary.isn, Some((1000, 90000)));
        assert_eq!(spec.vary.text, ["Olá", "Oi"]);
        let bad = read("[[question]]\nkind = \"flgs\"\n", Lang::En).unwrap_err();
        assert!(bad.contains("unknown kind `flgs`"), "{bad}");
        let bad = read("[vary]\nisn = [5, 1]\n", Lang::En).unwrap_err();
        assert!(bad.contains("[vary] isn"), "{bad}");
        let bad = read("[vary]\nttl = 3\n", Lang::Pt).unwrap_err();
        assert!(bad.contains("chave desconhecida `ttl`"), "{bad}");
    }
}
