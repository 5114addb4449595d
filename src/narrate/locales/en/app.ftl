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
