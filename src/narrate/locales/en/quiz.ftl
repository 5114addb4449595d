quiz-q-state = The {$side} is about to change state. Which state does it move to?
quiz-q-flags = The {$side} sends its next segment. Which flags does it carry?
quiz-q-seq = Which sequence number (seq) does the {$side}'s next segment carry?
quiz-q-seq-hint = seq = the seq of the {$side}'s previous segment ({$prev}) + the sequence numbers it used: its data bytes, plus one for a SYN or a FIN.
quiz-q-ack = Which acknowledgment number (ack) does the {$side}'s next segment carry?
quiz-q-ack-hint = ack = the next sequence number the {$side} expects: the seq of the last segment it received ({$prev}) + the sequence numbers that segment used (data bytes, plus one for a SYN or a FIN).
quiz-q-off-by-one = off by one: a SYN and a FIN each take one sequence number, as a byte of data does (RFC 9293 §3.4).
quiz-q-window = Which window does the {$side} advertise in its next segment (bytes)?
quiz-q-time-wait-side = One side is about to enter TIME-WAIT. Which one, the client or the server?
quiz-q-time-wait-length = How long does the {$side} stay in TIME-WAIT before it closes (seconds)?
quiz-q-rto-when = No ACK has come. How long after the segment was sent does the {$side}'s retransmission timer fire (seconds)?
quiz-q-rto-sends = The {$side}'s retransmission timer fired. Which flags does the segment it sends now carry?
quiz-q-cwnd = The {$side} has just detected a loss. What is its congestion window (cwnd) now, in bytes?
quiz-q-ssthresh = And its slow start threshold (ssthresh), in bytes?
quiz-q-checksum = The {$side}'s next segment is a bare header of {$len} bytes. What is its TCP checksum (in hex)?
quiz-q-checksum-hint = Add the pseudo-header (addresses, protocol 6, TCP length) and the header as 16-bit words with the checksum field as zero, fold the carries back in, and take the one's complement (RFC 9293 §3.1). `synack lesson run … --bits` shows the worksheet.
quiz-q-bits = The {$side}'s next segment carries data starting with {$char}. What are the eight bits of that first byte?
quiz-q-rdt-seq = Which sequence number does the {$side}'s next DATA packet carry?
quiz-q-rdt-window = After this ACK, which sequence numbers are in the {$side}'s window (from its base)?
quiz-q-rdt-resend = The {$side}'s timer expired. How many packets does it send again?
quiz-heading = Quiz: {$title}
quiz-heading-student = Quiz: {$title} · variant of {$student}
quiz-intro = The ladder stops before each of {$count} moments to ask what comes next. Type your answer and press Enter.
quiz-question = Question {$n} of {$total} · {$kind}
quiz-hint = Hint: {$hint}
quiz-answer-prompt = Your answer ({$form}):
quiz-not-an-answer = Not an answer to this question: write {$form}.
quiz-right = Right: {$answer}
quiz-partly = Partly right: the answer is {$answer}; {$why}
quiz-partly-plain = Partly right: the answer is {$answer}.
quiz-wrong = Wrong: the answer is {$answer}.
quiz-no-answer = No answer: the answer is {$answer}.
quiz-score = Score: {$score} of {$max} ({$percent} %)
quiz-saved = Answers saved in {$file}
quiz-list-heading = {$count} questions in {$lesson}:
quiz-list-line = {$n}. before step {$step}, {$side} · {$kind}: {$prompt}
quiz-error-no-secret = a student's variant is drawn from the teacher's secret: add --secret SECRET (or set SYNACK_QUIZ_SECRET)
quiz-error-empty-student = --student needs an ID, like --student alice
quiz-wrote = wrote {$file}
# sheets, grading, banks
quiz-sheet-title = Homework: {$title}
quiz-sheet-student = Student: {$student}
quiz-sheet-instructions = The ladder of the lesson's run stops before each of {$count} moments: work out what comes next from what it shows. Write each answer in the file {$file}, after the "=" of its question's number, in the form asked for, and hand that file in.
quiz-sheet-form = Answer with {$form}.
quiz-graded = graded {$count} {$count ->
        [one] answer file
       *[other] answer files
    }
quiz-graded-csv = graded {$count} {$count ->
        [one] answer file
       *[other] answer files
    }; the grades are in {$file}
quiz-graded-feedback = feedback for each student in {$dir}
quiz-grade-failed = {$count ->
        [one] one answer file could not be graded
       *[other] {$count} answer files could not be graded
    } (the others were):
quiz-grade-bad-file = {$file}: {$why}
quiz-grade-too-big = larger than {$max} bytes, not read
quiz-grade-duplicate = a second answer file from {$student} for {$lesson} (the first was {$first}); not graded
quiz-grade-no-files = no answer files (*.answers.txt) in {$dir}
quiz-grade-count-differs = {$student}'s file for {$lesson} has {$count} questions where most have {$usual}: a different quiz, check it
quiz-feedback-heading = Feedback: {$title} · {$student}
quiz-feedback-your-answer = Your answer: {$answer}
quiz-feedback-unreadable = (not in the form asked for: {$form})
quiz-csv-column = {$lesson} (synack quiz)
# a lesson's quiz sections
quiz-spec-toml = not valid TOML: {$reason}
quiz-spec-not-list = `question` must be a list of tables: [[question]]
quiz-spec-question = [[question]] {$n}: {$what}
quiz-spec-not-table = must be a table
quiz-spec-unknown-key = unknown key `{$key}` ({$known})
quiz-spec-no-kind = needs kind = "…"
quiz-spec-unknown-kind = unknown kind `{$kind}`; the kinds are {$kinds}
quiz-spec-side = side is "client" or "server"
quiz-spec-nth = nth is a whole number from 1
quiz-spec-text = text is a string, or text.en and text.pt
quiz-spec-vary-table = `vary` must be a table: [vary]
quiz-spec-vary-range = [vary] {$key} is [lowest, highest], within {$lo} to {$hi}
quiz-spec-vary-unknown = [vary]: unknown key `{$key}` ({$known})
quiz-spec-vary-text = [vary] text is a list of texts, like ["Olá", "Hello"]
quiz-spec-no-moment = {$file}: [[question]] {$n}: the run has no {$kind} moment number {$nth}{$side} to ask about
# how each kind of answer is written
quiz-form-state = a state name of RFC 9293, like SYN-SENT or ESTABLISHED
quiz-form-flags = flags separated by commas, like SYN,ACK; the names are SYN ACK FIN RST PSH URG
quiz-form-number = a whole number, in digits
quiz-form-seconds = a time in seconds, like 0.75, or in ms, like 750 ms
quiz-form-side = client or server
quiz-form-hex = four hex digits, like 0xbeef
quiz-form-bits = eight bits, like 10100101
quiz-form-list = sequence numbers separated by spaces, from the window's base
# reading answer files
quiz-answers-not-a-line = line {$n}: expected `N = answer`, found `{$line}`
quiz-answers-questions = line {$n}: `questions` is a whole number
quiz-answers-unknown-key = line {$n}: unknown key `{$key}`
quiz-answers-no-lesson = no `lesson = …` line: which quiz does this answer?
quiz-grade-no-lesson = no lesson named `{$name}`
quiz-grade-no-lesson-file = no lesson named `{$name}` (nor a file {$name}.toml beside the answers)
quiz-grade-no-questions = the quiz of {$lesson} has no questions
quiz-grade-gone = the file is not there (moved or deleted while grading)
quiz-grade-permission = no permission to read it
