"""The source pages' head start: sent to the worker processes while the key events are chosen.

A source page is made from its article, its expressions, the events they date and the pages
of those events: all settled once the events are merged and annotated. Choosing the key
events, next, changes none of it (it marks events key and weighs them, which the index and
the period pages show), and took seconds at 10,000 articles on one core while the other
waited. So, with source pages for workers (:func:`timeline.site.parallel.can_share`), the
staging folder, the static assets, the workers and the first :data:`HEAD_START` source pages
are sent before that; the render stage takes it from there
(:func:`timeline.pipeline.output.render_and_swap`).

The ``site`` values the pages may read are known then but for those the key dates decide
(:data:`LATER`, the heading's years): a page sent early that reads one is rendered again, here,
once it is known (the theme's source page reads none). The site is the same byte for byte.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

#: Source pages sent before the key events are chosen: about 5 s of a worker's rendering (the
#: key events, the state and the render stage's start at 10,000 articles), and 30 MB of pickled
#: pages and head tags waiting in this process.
HEAD_START = 3_000
#: ``site`` values known only once the key dates are chosen.
LATER = ("span",)


@dataclass
class HeadStart:
    """What the head start made, handed to the render stage: the staging folder (locked by
    ``in_use``), the source documents, the period pages (a plan without the key dates), the
    page finisher, the workers and the source pages walked so far
    (:class:`timeline.site.sourcejobs.SourcePages`)."""

    staging: Path
    in_use: int
    docs: list
    plan: object
    finisher: object
    workers: object
    sources: object

    def abandon(self) -> None:
        """Stop the workers and remove the staging folder (the build stops before rendering)."""
        self.workers.close()
        shutil.rmtree(self.staging, ignore_errors=True)
        os.close(self.in_use)


def head_start(output: Path, config, results: list, events: list, memo, kept,
               jobs: int) -> HeadStart | None:
    """Start rendering the source pages of ``events`` (merged and annotated) into a staging
    folder beside ``output``; None when the source pages are not for workers."""
    from timeline.pipeline.output import make_staging, source_docs
    from timeline.site.environment import STATIC_DIR, make_environment
    from timeline.site.pagememo import ArticleDigests, templates_fingerprint
    from timeline.site.parallel import AHEAD, SourcePageWorkers, can_share
    from timeline.site.periods import plan_pages
    from timeline.site.render import copy_static, site_context
    from timeline.site.seo import PageFinisher
    from timeline.site.sourcejobs import SourcePages

    docs = source_docs(results, events)
    if not can_share(jobs, len(docs), memo):
        return None
    staging, in_use = make_staging(output)
    workers = None
    try:
        copy_static(staging, config.templates_path / STATIC_DIR)
        shown = [e for e in events if not e.hidden]
        plan = plan_pages(shown)  # where each event is: the same with the key dates
        finisher = PageFinisher(staging, config, events, [d.article for d in docs], plan=plan,
                                kept=kept)
        keep = finisher if kept is not None else None
        sources = SourcePages(docs, make_environment(config), None,
                              templates_fingerprint(config) if keep is not None else "",
                              ArticleDigests(docs) if keep is not None else {}, plan.page_of,
                              keep)
        workers = SourcePageWorkers(jobs, config, staging, finisher, lambda _rel: None)
        early = {k: v for k, v in site_context(config, shown, docs).items() if k not in LATER}
        workers.site = sources.site = early
        sources.workers = workers
        workers.early, workers.ahead = True, HEAD_START  # all of them wait: none is settled
        while workers.sent < HEAD_START and sources.step():
            pass
        workers.early, workers.ahead = False, AHEAD
    except BaseException:
        if workers is not None:
            workers.close()
        shutil.rmtree(staging, ignore_errors=True)
        os.close(in_use)
        raise
    return HeadStart(staging, in_use, docs, plan, finisher, workers, sources)
