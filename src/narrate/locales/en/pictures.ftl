pictures-too-long = pictures (--svg, --graph, --html) draw at most {$most} steps, and this run has more: make it shorter (fewer segments, or explain --frame/--conversation for part of a capture)
explain-error-picture-needs-one = {$file}: --svg, --graph and --html draw one conversation, and {$count} were chosen: pick one with --conversation N (see --summary for the list)
