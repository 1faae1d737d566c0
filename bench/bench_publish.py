"""Measure the publishing stages on a large synthetic site and print the figures.

    python3 bench/bench_publish.py [--articles 200] [--per-article 10]

Stages timed: feeds (TimelineJS/Atom/ICS/CSV), the host-ready pass (timeline.site.seo.finalize_site:
metadata, 404, sitemap, fingerprinting), timeline check, publish --dir (first and no-op), and
publish --gh-pages to a local bare repository (first and no-op). Uses hand-made events (no
tagger) so the figures measure publishing only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import tempfile
import time
from pathlib import Path

from timeline.config import Config
from timeline.model import Article, Block, Citation, Event
from timeline.publish.check import check_site
from timeline.publish.deploy import GhPagesOptions, publish_dir, publish_gh_pages
from timeline.site.exports import write_exports
from timeline.site.render import SourceDoc, render_site
from timeline.site.seo import finalize_site
from timeline.temporal.model import Timex
from timeline.temporal.values import interpret


def synthetic(articles: int, per_article: int):
    all_articles, events, docs = [], [], []
    for a in range(articles):
        sentences, timexes = [], []
        text = ""
        for s in range(per_article):
            day = dt.date(2010, 1, 1) + dt.timedelta(days=(a * per_article + s) * 3 % 4000)
            expression = f"{day.day} {day.strftime('%B')} {day.year}"
            sentence = f"Officials <said> & reported event {a}-{s} on {expression}."
            start = len(text)
            text += sentence + " "
            sentences.append((sentence, start, start + sentence.index(expression), expression,
                              day))
        article = Article(path=Path(f"content/a{a}.txt"), slug=f"a{a}", title=f"Article {a}",
                          text=text, blocks=[Block("paragraph", 0, len(text))],
                          source=f"Paper {a % 7}", url=f"https://example.org/{a}",
                          published=dt.date(2014, 6, 15))
        doc = SourceDoc(article, [])
        for sentence, s_start, t_start, expression, day in sentences:
            value = day.isoformat()
            meaning = interpret(value)
            timex = Timex(t_start, t_start + len(expression), expression, "DATE", value, None,
                          meaning.precision, (meaning.start, meaning.end))
            timexes.append(timex)
            doc.timexes.append(timex)
            event = Event(id=f"e{a}-{len(events)}", value=value, precision="day",
                          start=meaning.start, end=meaning.end, text=sentence,
                          citations=[Citation(article, sentence, s_start,
                                              s_start + len(sentence), timex)])
            events.append(event)
            doc.event_of[t_start] = event.id
            doc.anchors.add(t_start)
        all_articles.append(article)
        docs.append(doc)
    return all_articles, events, docs


def timed(label: str, func, *args, **kwargs):
    began = time.perf_counter()
    result = func(*args, **kwargs)
    print(f"{label:<38} {time.perf_counter() - began:8.3f} s")
    return result


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(cwd), *args], check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--per-article", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        config = Config(root=root, title="Bench", base_url="https://example.org/bench/")
        articles, events, docs = synthetic(args.articles, args.per_article)
        print(f"{len(articles)} articles, {len(events)} events")
        site = root / "site"
        timed("render pages (SITE, for reference)", render_site, site, config, events, docs)
        timed("exports incl. feeds", write_exports, site, events, config)
        files = timed("seo.finalize_site", finalize_site, site, config, events, articles)
        size = sum((site / f).stat().st_size for f in files)
        print(f"site: {len(files)} files, {size / 1e6:.1f} MB; index.html "
              f"{(site / 'index.html').stat().st_size / 1e6:.2f} MB")
        index = (site / "index.html").read_text(encoding="utf-8")
        start = index.find('<script type="application/ld+json">')
        ld = index[start:index.find("</script>", start)]
        print(f"  JSON-LD in index.html: {len(ld.encode()) / 1e6:.2f} MB")
        problems = timed("timeline check", check_site, site, base_url=config.base_url)
        print(f"  problems: {len(problems)}")
        www = root / "www"
        timed("publish --dir (first)", publish_dir, site, www)
        plan = timed("publish --dir (no change)", publish_dir, site, www).plan
        print(f"  {plan.summary()}")
        repo, remote = root / "repo", root / "remote.git"
        git(root, "init", "-q", "-b", "main", str(repo))
        git(repo, "-c", "user.name=b", "-c", "user.email=b@example.org", "commit", "-q",
            "--allow-empty", "-m", "x")
        git(root, "init", "-q", "--bare", str(remote))
        git(repo, "remote", "add", "origin", str(remote))
        git(repo, "config", "user.name", "b")
        git(repo, "config", "user.email", "b@example.org")
        timed("publish --gh-pages (first, push)", publish_gh_pages, site, repo)
        result = timed("publish --gh-pages (no change)", publish_gh_pages, site, repo,
                       GhPagesOptions())
        print(f"  {result.plan.summary()}")


if __name__ == "__main__":
    main()
