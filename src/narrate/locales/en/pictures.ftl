pictures-too-long = pictures (--svg, --graph, --html) draw at most {$most} steps, and this run has more: make it shorter (fewer segments, or explain --frame/--conversation for part of a capture)
explain-error-picture-needs-one = {$file}: --svg, --graph and --html draw one conversation, and {$count} were chosen: pick one with --conversation N (see --summary for the list)
picture-bits-cut = The page keeps the bits of the first {$most} segments only, so that it stays light; --bits in the terminal shows every one.
picture-bits-cut-frame = The page keeps the bits of the first {$most} segments only, so that it stays light; `synack explain FILE --bits --frame {$frame}` shows this one.

# the player page
player-step = step
player-of = of
player-back = Back
player-next = Next
player-play = Play
player-pause = Pause
player-speed = speed
player-first = First step
player-last = Last step
player-language = Language
player-narration = What happens
player-bits = Bits
player-graphs = Graphs
player-all-steps = Every step
player-keys = ← → step · Home End · space plays · click an arrow to jump to it
player-no-graph = No graph for this run

# the sequence diagram
diagram-time = time
diagram-compressed = Time axis compressed: idle gaps (⌇) are drawn short; their length is written beside the ruler.
diagram-lost = lost
diagram-retransmission = retransmission
diagram-fired = fired
diagram-stopped = stopped
diagram-data = data
diagram-control = control / ACK
diagram-timer = timer
diagram-state = state
diagram-frame = frame
diagram-gap = idle for

# the graphs
graph-seq-panel = Time-sequence graph
graph-data-packets = packet sent
graph-data = data segment
graph-retx = retransmission
graph-ack = ACK (next expected)
graph-rwnd = window edge (ACK + window)
graph-sack = SACK block
graph-seq-axis-packets = sequence number (packets)
graph-seq-axis = sequence number (bytes, relative)
graph-time-s = time (s)
graph-time-ms = time (ms)
graph-window-panel-packets = Sender's window
graph-window-panel = Congestion window
graph-flight-panel = Data in flight
graph-model = the simulator's own variables
graph-captured = as the capture shows it
graph-cwnd-packets = window N
graph-cwnd = cwnd
graph-ssthresh = ssthresh
graph-ssthresh-unset = ssthresh = ∞ (not yet set)
graph-flight-packets = packets in flight
graph-flight = bytes in flight
graph-window-axis-packets = packets
graph-window-axis = bytes
graph-inferred = cwnd never crosses the wire: this is only what the capture shows in flight (sent, not yet ACKed).
graph-nothing-sent = no data was sent
graph-thinned = segments; those in one pixel column are drawn as one bar
graph-rwnd-above = The window edge runs above the plot, up to
