//! `synack quiz …`

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Subcommand};

use synack::app::AppError;
use synack::app::output::{ViewMode, ViewOptions};
use synack::app::quiz::grade::GradeOptions;
use synack::app::quiz::session::SessionOptions;
use synack::app::quiz::{self, QuizRequest, Student};

use super::Cli;
use super::values::whole_number;

#[derive(Args, Debug)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    after_help = "Examples:\n  synack quiz handshake                          answer at the prompt, learn from the feedback\n  synack quiz lost-syn --list                    the questions, without their answers\n  printf 'SYN-SENT\\nSYN,ACK\\n' | synack quiz handshake   answers from a script, one per line\n  synack quiz lost-syn --student alice --secret S --export sheets/\n  synack quiz grade --secret S sheets/ --csv grades.csv --feedback feedback/\n  synack quiz lost-syn --gift bank.gift --moodle-xml bank.xml\n\nThe secret can also come from SYNACK_QUIZ_SECRET. Without --student, everyone gets the lesson's own numbers."
)]
pub struct QuizArgs {
    #[command(subcommand)]
    command: Option<QuizCommand>,

    /// Lesson name (TCP or rdt; see `lesson list`, `rdt lesson list`) or a lesson file
    #[arg(value_name = "NAME|FILE", required = true)]
    lesson: Option<String>,

    /// The student's ID: their own variant of the lesson's numbers (needs the teacher's secret)
    #[arg(long, value_name = "ID")]
    student: Option<String>,

    /// The teacher's secret the variants are drawn from
    #[arg(
        long,
        value_name = "SECRET",
        env = "SYNACK_QUIZ_SECRET",
        hide_env_values = true
    )]
    secret: Option<String>,

    /// Ask at most this many questions (default: the lesson's own list, or 8 drawn from its run)
    #[arg(long, value_name = "N", value_parser = whole_number::<usize>(1, 100), allow_negative_numbers = true)]
    questions: Option<usize>,

    /// List the questions (kind, side, step) without asking them or showing answers
    #[arg(long)]
    list: bool,

    /// Read the answers from standard input and print the graded session as JSON
    #[arg(long)]
    json: bool,

    /// Save the answers in FILE after every one (default with --student, without --json: LESSON-ID.answers.txt)
    #[arg(long, value_name = "FILE")]
    answers: Option<PathBuf>,

    /// Write the student's homework sheet (Markdown and HTML) and a blank answer file into DIR
    #[arg(long, value_name = "DIR", requires = "student")]
    export: Option<PathBuf>,

    /// Write the questions as a Moodle question bank in GIFT format
    #[arg(long, value_name = "FILE")]
    gift: Option<PathBuf>,

    /// Write the questions as a Moodle XML question bank
    #[arg(long, value_name = "FILE")]
    moodle_xml: Option<PathBuf>,

    /// Width of the ladder in columns (at least 80; default: the terminal's, or 80)
    #[arg(long, value_name = "COLUMNS", value_parser = whole_number::<u16>(80, 400), allow_negative_numbers = true)]
    width: Option<u16>,
}

#[derive(Subcommand, Debug)]
enum QuizCommand {
    /// Grade answer files: a CSV for Moodle's gradebook import, and feedback for each student
    Grade(GradeArgs),
}

#[derive(Args, Debug)]
struct GradeArgs {
    /// The teacher's secret the students' variants were drawn from
    #[arg(
        long,
        value_name = "SECRET",
        env = "SYNACK_QUIZ_SECRET",
        hide_env_values = true
    )]
    secret: String,

    /// Answer files, or folders of them (*.answers.txt)
    #[arg(value_name = "ANSWERS", required = true)]
    answers: Vec<PathBuf>,

    /// Write the CSV here (default: standard output)
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,

    /// Write each student's feedback (ID.feedback.md) into DIR
    #[arg(long, value_name = "DIR")]
    feedback: Option<PathBuf>,
}

pub fn run(cli: &Cli, args: &QuizArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let lang = cli.lang();
    if let Some(QuizCommand::Grade(g)) = &args.command {
        let opts = GradeOptions {
            secret: g.secret.clone(),
            answers: g.answers.clone(),
            csv: g.csv.clone(),
            feedback: g.feedback.clone(),
            lang,
        };
        quiz::grade::grade(&opts, out)?;
        return Ok(());
    }
    let Some(lesson) = &args.lesson else {
        return Ok(());
    };
    let student = match (&args.student, &args.secret) {
        (Some(id), Some(secret)) if !id.trim().is_empty() => Some(Student {
            id: id.trim().to_string(),
            secret: secret.clone(),
        }),
        (Some(id), _) if id.trim().is_empty() => {
            return Err(AppError::Quiz(synack::tr!(lang, "quiz-error-empty-student")).into());
        }
        (Some(_), None) => {
            return Err(AppError::Quiz(synack::tr!(lang, "quiz-error-no-secret")).into());
        }
        _ => None,
    };
    let prepared = quiz::prepare(&QuizRequest {
        lesson: lesson.clone(),
        student: student.clone(),
        most: args.questions,
        lang,
    })?;
    let mut wrote = false;
    if let Some(path) = &args.gift {
        write_file(path, &quiz::bank::gift(&prepared))?;
        wrote = true;
    }
    if let Some(path) = &args.moodle_xml {
        write_file(path, &quiz::bank::moodle_xml(&prepared))?;
        wrote = true;
    }
    if let Some(dir) = &args.export {
        for file in quiz::sheet::export(&prepared, dir)? {
            writeln!(
                out,
                "{}",
                synack::tr!(lang, "quiz-wrote", file = file.display().to_string())
            )?;
        }
        wrote = true;
    }
    if args.list {
        // An AppError, so a reader that stops early (`| head`) is no failure.
        quiz::session::list(&prepared, out).map_err(AppError::Output)?;
        return Ok(());
    }
    if wrote {
        return Ok(());
    }
    let width = args
        .width
        .map(usize::from)
        .unwrap_or_else(|| cli.width())
        .clamp(80, 400);
    // A student's own session is homework: keep it. A JSON run is a script's
    // (a teacher's key, say), which says where it wants the answers, if anywhere.
    let save = args.answers.clone().or_else(|| {
        student.as_ref().filter(|_| !args.json).map(|s| {
            PathBuf::from(format!(
                "{}-{}.answers.txt",
                prepared.lesson,
                quiz::sheet::file_safe(&s.id)
            ))
        })
    });
    let stdin = std::io::stdin();
    let interactive = stdin.is_terminal();
    let opts = SessionOptions {
        view: ViewOptions {
            lang,
            style: cli.style(),
            width,
            mode: ViewMode::Ladder,
            ..ViewOptions::default()
        },
        echo: !interactive,
        save,
        json: args.json,
    };
    quiz::session::run(&prepared, &opts, &mut stdin.lock(), out)?;
    Ok(())
}

fn write_file(path: &std::path::Path, text: &str) -> Result<(), AppError> {
    std::fs::write(path, text).map_err(|e| synack::app::output::create_error(path, e))
}
