pictures-too-long = pictures (--svg, --graph, --html) draw at most {$most} steps, and this run has more: make it shorter (fewer segments, or explain --frame/--conversation for part of a capture)
explain-error-picture-needs-one = {$file}: --svg, --graph and --html draw one conversation, and {$count} were chosen: pick one with --conversation N (see --summary for the list)
picture-bits-cut = The page keeps the bits of the first {$most} segments only, so that it stays light; --bits in the terminal shows every one.
picture-bits-cut-frame = The page keeps the bits of the first {$most} segments only, so that it stays light; `synack explain FILE --bits --frame {$frame}` shows this one.
