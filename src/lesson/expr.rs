//! Whole-number expressions in lesson files: `segments * mss + 1`, with the
//! lesson's parameters as variables. Small on purpose: `+ - * /`, parentheses,
//! decimal numbers and names, evaluated in u64 with overflow reported.

use std::collections::BTreeMap;

/// Why an expression could not be evaluated; the caller adds the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExprError {
    UnknownParam(String),
    /// Something that cannot stand where it is, as the user wrote it.
    Syntax(String),
    /// The expression stops where a number or a name should follow.
    UnexpectedEnd,
    /// A `(` without its `)`.
    Unclosed,
    Overflow,
    DivisionByZero,
}

pub fn eval(text: &str, params: &BTreeMap<String, u64>) -> Result<u64, ExprError> {
    let tokens = tokenize(text)?;
    let mut parser = Parser {
        tokens: &tokens,
        pos: 0,
        params,
    };
    let value = parser.sum()?;
    match parser.tokens.get(parser.pos) {
        None => Ok(value),
        Some(t) => Err(ExprError::Syntax(t.to_string())),
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Num(u64),
    Name(String),
    Op(char),
}

/// A token as the user would have typed it, for error messages.
impl std::fmt::Display for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Token::Num(n) => write!(f, "{n}"),
            Token::Name(name) => f.write_str(name),
            Token::Op(c) => write!(f, "{c}"),
        }
    }
}

/// Whether `name` can be a parameter: letters, digits and `_`, not starting
/// with a digit. (`-` is an operator, so `mss-40` is `mss - 40`.)
pub fn is_param_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

fn tokenize(text: &str) -> Result<Vec<Token>, ExprError> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c.is_ascii_digit() {
            let mut n: u64 = 0;
            while let Some(&d) = chars.peek() {
                if d == '_' {
                    chars.next();
                    continue;
                }
                let Some(digit) = d.to_digit(10) else { break };
                n = n
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(u64::from(digit)))
                    .ok_or(ExprError::Overflow)?;
                chars.next();
            }
            tokens.push(Token::Num(n));
        } else if c.is_alphabetic() || c == '_' || c == '$' {
            let mut name = String::new();
            if c == '$' {
                chars.next();
            }
            while let Some(&d) = chars.peek() {
                if d.is_alphanumeric() || d == '_' {
                    name.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            tokens.push(Token::Name(name));
        } else if "+-*/()".contains(c) {
            tokens.push(Token::Op(c));
            chars.next();
        } else {
            return Err(ExprError::Syntax(c.to_string()));
        }
    }
    Ok(tokens)
}

struct Parser<'a> {
    tokens: &'a [Token],
    pos: usize,
    params: &'a BTreeMap<String, u64>,
}

impl Parser<'_> {
    fn peek_op(&self) -> Option<char> {
        match self.tokens.get(self.pos) {
            Some(Token::Op(c)) => Some(*c),
            _ => None,
        }
    }

    fn sum(&mut self) -> Result<u64, ExprError> {
        let mut value = self.product()?;
        while let Some(op @ ('+' | '-')) = self.peek_op() {
            self.pos += 1;
            let rhs = self.product()?;
            value = if op == '+' {
                value.checked_add(rhs)
            } else {
                value.checked_sub(rhs)
            }
            .ok_or(ExprError::Overflow)?;
        }
        Ok(value)
    }

    fn product(&mut self) -> Result<u64, ExprError> {
        let mut value = self.atom()?;
        while let Some(op @ ('*' | '/')) = self.peek_op() {
            self.pos += 1;
            let rhs = self.atom()?;
            value = if op == '*' {
                value.checked_mul(rhs).ok_or(ExprError::Overflow)?
            } else {
                value.checked_div(rhs).ok_or(ExprError::DivisionByZero)?
            };
        }
        Ok(value)
    }

    fn atom(&mut self) -> Result<u64, ExprError> {
        let token = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        match token {
            Some(Token::Num(n)) => Ok(n),
            Some(Token::Name(name)) => self
                .params
                .get(&name)
                .copied()
                .ok_or(ExprError::UnknownParam(name)),
            Some(Token::Op('(')) => {
                let value = self.sum()?;
                if self.peek_op() == Some(')') {
                    self.pos += 1;
                    Ok(value)
                } else {
                    Err(ExprError::Unclosed)
                }
            }
            Some(t) => Err(ExprError::Syntax(t.to_string())),
            None => Err(ExprError::UnexpectedEnd),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> BTreeMap<String, u64> {
        [("segments".to_string(), 10), ("mss".to_string(), 1460)].into()
    }

    #[test]
    fn evaluates_with_precedence_and_params() {
        assert_eq!(eval("segments * mss", &params()), Ok(14600));
        assert_eq!(eval("1 + 2 * 3", &params()), Ok(7));
        assert_eq!(eval("(1 + 2) * 3", &params()), Ok(9));
        assert_eq!(eval("$mss / 2 - 30", &params()), Ok(700));
        assert_eq!(eval("1_000_000", &params()), Ok(1_000_000));
    }

    #[test]
    fn reports_what_is_wrong() {
        assert_eq!(
            eval("segs * 2", &params()),
            Err(ExprError::UnknownParam("segs".into()))
        );
        assert_eq!(
            eval("18446744073709551615 + 1", &params()),
            Err(ExprError::Overflow)
        );
        assert_eq!(eval("1 - 2", &params()), Err(ExprError::Overflow));
        assert_eq!(eval("5 / 0", &params()), Err(ExprError::DivisionByZero));
        assert_eq!(eval("2 +", &params()), Err(ExprError::UnexpectedEnd));
        assert_eq!(eval("(2", &params()), Err(ExprError::Unclosed));
        assert_eq!(eval("2 3", &params()), Err(ExprError::Syntax("3".into())));
        assert_eq!(eval("-5", &params()), Err(ExprError::Syntax("-".into())));
        // `-` is an operator, never part of a name.
        assert_eq!(eval("mss-60", &params()), Ok(1400));
        assert!(is_param_name("segments_2") && !is_param_name("max-size"));
        assert!(!is_param_name("2x") && !is_param_name(""));
        assert!(matches!(
            eval("2 % 3", &params()),
            Err(ExprError::Syntax(_))
        ));
    }
}
