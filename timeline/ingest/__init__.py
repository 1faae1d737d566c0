"""Load articles: content files in, :class:`~timeline.model.Article` records out.

``content``: front matter, Markdown or plain-text body, publication date.
"""
