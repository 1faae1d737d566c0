"""Render the site: pages from Jinja templates, host-ready metadata, machine-readable exports.

``render`` (pages), ``seo`` (metadata, 404, sitemap, fingerprinted assets), ``urls`` (where each
page lives), ``exports`` (events.json), ``feeds`` (TimelineJS, Atom, iCalendar, CSV), ``theme/``.
"""
