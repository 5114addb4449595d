#!/usr/bin/env python3
"""Checks synack's pictures where people see them.

    player_check.py pngstat FILE.png
        prints "WIDTH HEIGHT INKED": the image's size and how many of its
        pixels are not (nearly) white, so a test can tell a drawing from a
        blank page. Standard library only (a small PNG decoder).

    player_check.py player CHECKS.json
        opens each HTML player the JSON names in headless Chromium (Playwright
        for Python, driving the system's Chromium: no browser download), and
        checks it against what the Rust test computed from the same pictures:
        no console error, no request but the page's own file, the step counter,
        narration and highlighted arrow after pressing the arrow keys, the
        language toggle, and a screenshot that is not blank. Prints one line
        per page; exits non-zero with the reasons on the first failure.

CHECKS.json: {"chromium": path, "pages": [{"file": path, "presses": [...],
"expect": {"index": "4", "narration": "...", "label": "...", "arrow": id or
null}, "toggled_narration": "...", "toggled_lang": "pt",
"screenshot": path or null}]}
"""

import json
import struct
import sys
import time
import zlib


def png_pixels(data):
    """(width, height, channels, rows of bytes) of an 8-bit, non-interlaced PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, interlace {interlace}")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        if kind == 1:
            for x in range(channels, stride):
                line[x] = (line[x] + line[x - channels]) & 255
        elif kind == 2:
            for x in range(stride):
                line[x] = (line[x] + prev[x]) & 255
        elif kind == 3:
            for x in range(stride):
                left = line[x - channels] if x >= channels else 0
                line[x] = (line[x] + ((left + prev[x]) >> 1)) & 255
        elif kind == 4:
            for x in range(stride):
                a = line[x - channels] if x >= channels else 0
                b = prev[x]
                c = prev[x - channels] if x >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        rows.append(line)
        prev = line
    return width, height, channels, rows


def inked(width, channels, rows):
    """Pixels that are neither (nearly) white nor transparent."""
    count = 0
    for line in rows:
        for x in range(0, width * channels, channels):
            px = line[x : x + channels]
            if channels in (2, 4) and px[-1] < 32:
                continue
            if min(px[: 3 if channels >= 3 else 1]) < 200:
                count += 1
    return count


def pngstat(path):
    with open(path, "rb") as f:
        width, height, channels, rows = png_pixels(f.read())
    print(width, height, inked(width, channels, rows))


def normal(text):
    return " ".join((text or "").split())


# Counts a screenshot's inked pixels inside the browser, which decodes PNGs
# far faster than pure Python.
INKED_JS = """async (b64) => {
  const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], {type: 'image/png'}));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(bitmap, 0, 0);
  const d = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  let inked = 0, colours = new Set();
  for (let i = 0; i < d.length; i += 4) {
    if (Math.min(d[i], d[i + 1], d[i + 2]) < 200) inked++;
    if (colours.size < 64) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
  }
  return [bitmap.width, bitmap.height, inked, colours.size];
}"""


def check_page(browser, page_spec):
    import base64

    problems = []
    url = "file://" + page_spec["file"]
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.on("console", lambda m: m.type == "error" and problems.append(f"console error: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: r.url != url and problems.append(f"request for {r.url}"))
    page.goto(url, wait_until="load")

    def state():
        return page.evaluate(
            """() => ({
                index: document.querySelector('#step-index').textContent,
                narration: document.querySelector('#narration').innerText,
                label: document.querySelector('#label').textContent,
                arrows: [...document.querySelectorAll('.arrow.current')]
                    .filter(e => e.getBoundingClientRect().width > 0).map(e => e.id),
                lang: document.documentElement.lang,
            })"""
        )

    first = state()
    if first["index"] != "1":
        problems.append(f"the player opens at step {first['index']!r}, not 1")
    for key in page_spec["presses"]:
        page.keyboard.press(key)
    got = state()
    want = page_spec["expect"]
    if got["index"] != want["index"]:
        problems.append(f"#step-index is {got['index']!r}, expected {want['index']!r}")
    if normal(got["narration"]) != normal(want["narration"]):
        problems.append(f"#narration is {got['narration']!r}, expected {want['narration']!r}")
    if normal(got["label"]) != normal(want["label"]):
        problems.append(f"#label is {got['label']!r}, expected {want['label']!r}")
    arrows = [want["arrow"]] if want["arrow"] else []
    if got["arrows"] != arrows:
        problems.append(f"the visible .arrow.current are {got['arrows']!r}, expected {arrows!r}")

    page.click("#lang")
    toggled = state()
    if toggled["lang"] != page_spec["toggled_lang"]:
        problems.append(f"html[lang] is {toggled['lang']!r} after the toggle, expected {page_spec['toggled_lang']!r}")
    if normal(toggled["narration"]) != normal(page_spec["toggled_narration"]):
        problems.append(f"after the toggle #narration is {toggled['narration']!r}, expected {page_spec['toggled_narration']!r}")
    if toggled["index"] != want["index"]:
        problems.append("the toggle moved the step")
    page.click("#lang")

    shot = page.screenshot(full_page=False)
    if page_spec.get("screenshot"):
        with open(page_spec["screenshot"], "wb") as f:
            f.write(shot)
    width, height, ink, colours = page.evaluate(INKED_JS, base64.b64encode(shot).decode())
    if ink < width * height * 0.01 or colours < 4:
        problems.append(f"the screenshot looks blank: {ink} inked pixels of {width}x{height}, {colours} colours")
    page.close()
    return problems


def player(spec_path):
    from playwright.sync_api import sync_playwright

    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    failed = False
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=spec["chromium"], args=["--no-sandbox"])
        for page_spec in spec["pages"]:
            start = time.monotonic()
            problems = check_page(browser, page_spec)
            took = time.monotonic() - start
            if problems:
                failed = True
                print(f"FAIL {page_spec['file']} ({took:.1f} s)")
                for p in problems:
                    print(f"  {p}")
            else:
                print(f"ok {page_spec['file']} ({took:.1f} s)")
        browser.close()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "pngstat":
        pngstat(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "player":
        player(sys.argv[2])
    else:
        sys.exit(__doc__)
