## Command output and errors that are not about one area.

error-prefix = error
warning = warning: {$message}
error-output = cannot write the output: {$reason}
error-checks-failed = {$failed} of {$total} lessons failed their checks
error-bad-param = `--param {$text}` must look like NAME=VALUE, for example `--param segments=1000`
error-create-file = cannot create {$path}: {$reason}
lesson-list-heading = Lessons
lesson-list-footer = Run one with `synack lesson run NAME` (add --explain to hear it narrated); write your own: see lessons/README.md.
step-prompt = ⏎ next step · q then ⏎ to quit
error-captures-stale = {$count ->
    [one] {$count} capture file is
   *[other] {$count} capture files are
} missing or out of date: run `synack captures` and commit the result
captures-same = {$file} is up to date
captures-missing = {$file} is missing
captures-differs = {$file} differs from what this version writes
captures-wrote = wrote {$file} ({$bytes} bytes)
