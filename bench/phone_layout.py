"""How much of the first screen a built site gives to its events, on a phone and on a desktop.

    python3 bench/phone_layout.py SITE [--screenshots DIR]

For the key-event index, the heaviest period page and the first source page, at 375x812 (a
phone) and 1280x800 (a laptop), headless chromium measures:

- ``first``: the top (CSS px from the top of the page) of the first event, or on a source
  page of the article's text; it is on the first screen when below the viewport's height;
- ``one-sentence``: the heights of the events whose text is one sentence with one citation
  (median and tallest), as a share of the viewport's height too; on the index, of the key
  date holding such an event alone (its date, sentence, source and link).

With ``--screenshots`` it saves the first screen of each page at each width as PNG. Figures of
the issue 19 change are in docs/phone-layout.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
WIDTHS = {"phone": (375, 812), "desktop": (1280, 800)}

#: run in the page: the first event's top and each one-sentence, one-citation event's height
MEASURE = """() => {
  const events = [...document.querySelectorAll('#timeline .entry, #timeline .event')];
  const text = document.querySelector('.source__text');
  const first = events.length ? events[0] : text;
  const top = first ? first.getBoundingClientRect().top + window.scrollY : null;
  const oneSentence = e => {
    const t = e.querySelector('.entry__text, .event__quote');
    const cites = e.querySelectorAll('.entry__sources > li, .citation').length;
    if (!t || cites !== 1) return false;
    return t.textContent.trim().split(/[.!?]["\u201d')]*\\s+(?=[A-Z\u201c"])/).length === 1;
  };
  // on the index an event reads as its key date with it: date, sentence, source, link
  const boxes = events.filter(oneSentence).map(e => {
    const date = e.closest('.key-date');
    return date && date.querySelectorAll('.entry').length === 1 ? date : e;
  });
  const one = boxes.map(e => e.getBoundingClientRect().height);
  return {top, one, overflow: document.documentElement.scrollWidth > window.innerWidth};
}"""


@dataclass
class Figures:
    page: str
    width: str
    first_top: float | None
    one_sentence: list[float]
    viewport_height: int
    overflow: bool

    def line(self) -> str:
        top = "-" if self.first_top is None else f"{self.first_top:.0f}"
        row = f"{self.page:<22} {self.width:<8} first {top:>5} px"
        if self.one_sentence:
            median = statistics.median(self.one_sentence)
            tallest = max(self.one_sentence)
            row += (f"  one-sentence n={len(self.one_sentence):<3} median {median:.0f} px "
                    f"({median / self.viewport_height:.0%}), tallest {tallest:.0f} px "
                    f"({tallest / self.viewport_height:.0%})")
        return row + ("  OVERFLOWS SIDEWAYS" if self.overflow else "")


def pages_of(site: Path) -> list[Path]:
    """The index, the heaviest period page and the first source page."""
    pages = [site / "index.html"]
    periods = sorted((site / "events").glob("*.html"), key=lambda p: p.stat().st_size)
    if periods:
        pages.append(periods[-1])
    sources = sorted(p for p in (site / "sources").glob("*.html") if p.name != "index.html")
    if sources:
        pages.append(sources[0])
    return [p for p in pages if p.exists()]


def measure(site: Path, screenshots: Path | None = None) -> list[Figures]:
    from playwright.sync_api import sync_playwright

    found = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--no-sandbox", "--disable-gpu"])
        for name, (width, height) in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            tab = context.new_page()
            for page_path in pages_of(site):
                tab.goto(page_path.as_uri(), wait_until="load")
                data = tab.evaluate(MEASURE)
                label = str(page_path.relative_to(site))
                found.append(Figures(label, name, data["top"], data["one"], height,
                                     data["overflow"]))
                if screenshots:
                    screenshots.mkdir(parents=True, exist_ok=True)
                    stem = label.replace("/", "-").removesuffix(".html")
                    tab.screenshot(path=str(screenshots / f"{stem}-{name}-{width}.png"))
            context.close()
        browser.close()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--screenshots", type=Path, default=None)
    args = parser.parse_args(argv)
    args.site = args.site.resolve()
    if not (args.site / "index.html").exists():
        print(f"error: {args.site}: no index.html (build the site first)", file=sys.stderr)
        return 2
    for figures in measure(args.site, args.screenshots):
        print(figures.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
