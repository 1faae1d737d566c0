"""Turn a web page into an article: its main text without the page furniture, and metadata.

One job: HTML in, :class:`WebArticle` out, with no network access (saved pages work as well as
fetched ones). trafilatura finds the main text and the title, authors and site name; this
module prepares the page for it and cleans what it returns:

- Old CMSs write paragraphs as text separated by ``<br><br>``, which extractors read as one
  block of page; runs of two or more breaks become paragraph boundaries first (as Readability
  does), so the article text stands apart from navigation and comments.
- Comments, tables and images are left out (``include_comments=False``); what remains is
  scanned for paragraphs that are a link and little else ("Related: <a>...</a>", "Read more"),
  the inline promotions of news sites, which an extractor cannot tell from text by markup.
- A heading repeating the title at the top of the text is dropped; the title is in the front
  matter.
- The title falls back on the longest part of ``<title>`` ("Headline | Site"), not its first.

The publication date comes from :mod:`timeline.ingest.published`; the language from what the
page declares (``<html lang>``, Content-Language, ``og:locale``, JSON-LD ``inLanguage``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field

from lxml import etree

from timeline.ingest.published import PageDate, publication_date

#: Block kinds of the article text (the loader's kinds for Markdown).
PARAGRAPH, HEADING, QUOTE, LIST_ITEM = "paragraph", "heading", "quote", "list_item"
#: A paragraph whose text outside links is at most this long, and mostly link, is a promotion.
PROMO_MAX_OWN_TEXT = 25
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—·•:»]\s+")
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$", re.IGNORECASE)
# Inside these, breaks are line breaks of one paragraph (a <p> cannot hold paragraphs).
_PHRASING = frozenset({"p", "li", "a", "span", "b", "i", "em", "strong", "small", "h1", "h2",
                       "h3", "h4", "h5", "h6", "pre", "code", "label"})
_BYLINE_PREFIX = re.compile(r"^\s*(?:by|von|par|por|di)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TextBlock:
    """One block of article text: ``kind`` is paragraph, heading, quote or list_item."""

    kind: str
    text: str
    level: int = 0  # heading level (2-6), 0 for other kinds


@dataclass(slots=True)
class WebArticle:
    """An article extracted from a page, with what the page says about it."""

    title: str
    blocks: list[TextBlock]
    url: str | None = None
    source: str = ""  # site or publisher name
    authors: list[str] = field(default_factory=list)
    published: dt.date | dt.datetime | None = None
    published_from: str = ""  # where the date was found
    language: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(block.text for block in self.blocks)


class ExtractError(Exception):
    """The page has no article text that could be found."""


def extract_article(page: bytes | str, url: str | None = None, *, charset: str | None = None,
                    now: dt.datetime | None = None, favor: str = "precision") -> WebArticle:
    """The article in the HTML ``page`` found at ``url`` (None for a saved page that does not
    say where it came from), imported at ``now``. Raises :class:`ExtractError`.

    ``favor`` is trafilatura's trade-off: "precision" (the default: page furniture becomes
    false events, so less text is the safer error), "balanced" or "recall"."""
    now = now or dt.datetime.now(dt.UTC)
    tree = _parse(page, charset)
    url = url or saved_from(page) or None
    _split_double_breaks(tree)
    document = _trafilatura(tree, url, favor)
    if document is None and favor == "precision":
        # Precision mode gives up on some pages it cannot read with confidence (it found no
        # text at all in an old table layout before the <br> fix): less sure text is better
        # than no article.
        document = _trafilatura(tree, url, "balanced")
    if document is None or document.body is None:
        raise ExtractError("no article text found on the page")
    title = _title(document.title, tree, document.sitename)
    blocks = _drop_title_heading(_blocks(document.body), title)
    if not blocks:
        raise ExtractError("no article text found on the page")
    date = publication_date(tree, url or document.url, now)
    article = WebArticle(
        title=title or blocks[0].text[:80],
        blocks=blocks,
        url=url or document.url or None,
        source=_clean(document.sitename or ""),
        authors=split_authors(document.author or ""),
        published=date.value,
        published_from=date.found_in,
        language=page_language(tree),
    )
    article.warnings.extend(_date_warnings(date))
    return article


def _trafilatura(tree, url: str | None, favor: str):
    import trafilatura

    return trafilatura.bare_extraction(
        tree, url=url, favor_precision=favor == "precision", favor_recall=favor == "recall",
        include_comments=False, include_tables=False, include_images=False, include_links=True,
        with_metadata=True,
        # The date is decided in timeline.ingest.published; this keeps trafilatura's own
        # htmldate call to the cheap markup-only search.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def _parse(page: bytes | str, charset: str | None):
    from trafilatura.utils import load_html

    if isinstance(page, bytes) and charset:
        # The server's word on the encoding comes first; if it is wrong or unknown, the page's
        # own declaration decides.
        with contextlib.suppress(LookupError, UnicodeDecodeError):
            page = page.decode(charset)
    if isinstance(page, str):
        # lxml refuses text that still declares its byte encoding (<?xml encoding=...?>)
        page = re.sub(r"^\s*<\?xml[^>]*\?>", "", page)
    tree = load_html(page)
    if tree is None:
        raise ExtractError("not an HTML page")
    return tree


def saved_from(page: bytes | str) -> str | None:
    """The address a browser noted when saving the page (``<!-- saved from url=(0042)URL -->``)."""
    head = page[:2048].decode("latin-1") if isinstance(page, bytes) else page[:2048]
    match = re.search(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", head,
                      re.IGNORECASE)
    return match[1] if match else None


def _split_double_breaks(tree) -> None:
    """Turn text separated by two or more ``<br>`` into ``<p>`` paragraphs, in place."""
    parents = {br.getparent() for br in tree.iter("br") if br.getparent() is not None}
    for parent in parents:
        if parent.tag not in _PHRASING and _has_double_break(parent):
            _wrap_runs(parent)


def _has_double_break(parent) -> bool:
    return any(
        child.tag == "br" and not (child.tail or "").strip()
        and child.getnext() is not None and child.getnext().tag == "br"
        for child in parent
    )


def _wrap_runs(parent) -> None:
    """Rebuild ``parent``'s content as ``<p>`` elements split at runs of two or more breaks."""
    children = list(parent)
    paragraphs = [etree.Element("p")]
    paragraphs[0].text, parent.text = parent.text, None
    breaks = 0
    for child in children:
        parent.remove(child)
        if child.tag == "br":
            breaks += 1
            if breaks == 1:
                paragraphs[-1].append(child)  # a single break stays a line break
            else:
                if len(paragraphs[-1]) and paragraphs[-1][-1].tag == "br":
                    paragraphs[-1].remove(paragraphs[-1][-1])
                paragraphs.append(etree.Element("p"))
                paragraphs[-1].text, child.tail = child.tail, None
            if (child.tail or "").strip():
                breaks = 0
            continue
        breaks = 0
        paragraphs[-1].append(child)
    for paragraph in paragraphs:
        if len(paragraph) or (paragraph.text or "").strip():
            parent.append(paragraph)


# --- the extracted body ---------------------------------------------------------------------


def _blocks(body) -> list[TextBlock]:
    blocks: list[TextBlock] = []
    for element in body:
        blocks.extend(_element_blocks(element, quoted=False))
    return blocks


def _element_blocks(element, quoted: bool) -> list[TextBlock]:
    tag = element.tag
    if tag == "head":
        level = _heading_level(element.get("rend", ""))
        return _block(HEADING, element, level)
    if tag == "quote":
        inner = [b for child in element for b in _element_blocks(child, quoted=True)]
        return inner or _block(QUOTE, element)
    if tag == "list":
        return [b for item in element.iter("item") for b in _block(LIST_ITEM, item)]
    if tag in ("table", "graphic", "lb", "note"):
        return []
    if len(element) and any(child.tag in ("p", "head", "list", "quote") for child in element):
        return [b for child in element for b in _element_blocks(child, quoted)]
    return _block(QUOTE if quoted else PARAGRAPH, element)


def _block(kind: str, element, level: int = 0) -> list[TextBlock]:
    text, link_text = _text_and_links(element)
    if not text or is_promotion(text, link_text):
        return []
    return [TextBlock(kind, text, level if kind == HEADING else 0)]


def _text_and_links(element) -> tuple[str, str]:
    """The element's text (line breaks as spaces) and the part of it inside links."""
    pieces = []
    for node in element.iter():
        pieces.append(" " if node.tag == "lb" else node.text or "")
        if node is not element and node.tail:
            pieces.append(node.tail)
    links = ["".join(ref.itertext()) for ref in element.iter("ref")]
    return _clean("".join(pieces)), _clean(" ".join(links))


def is_promotion(text: str, link_text: str) -> bool:
    """Whether a paragraph is a link with at most a short label ("Related: ...", "Watch")."""
    own = len(text) - len(link_text)
    return bool(link_text) and own <= PROMO_MAX_OWN_TEXT and len(link_text) >= len(text) / 2


def _heading_level(rend: str) -> int:
    match = re.fullmatch(r"h([1-6])", rend.strip().lower())
    return min(max(int(match[1]), 2), 6) if match else 2


def _drop_title_heading(blocks: list[TextBlock], title: str) -> list[TextBlock]:
    if blocks and title and _same_words(blocks[0].text, title):
        return blocks[1:]
    return blocks


def _same_words(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().lower() == re.sub(r"\W+", " ", b).strip().lower()


# --- metadata -------------------------------------------------------------------------------


def _title(found: str | None, tree, site: str | None) -> str:
    """trafilatura's title, unless it took a short part of ``<title>`` (often the site name)
    where a longer part (the headline) is there."""
    found = _clean(found or "")
    parts = [_clean(p) for p in _TITLE_SEPARATORS.split(_clean(tree.findtext(".//title") or ""))]
    parts = [p for p in parts if p and not (site and _same_words(p, site))]
    longest = max(parts, key=len, default="")
    if not found or (found in parts and len(longest) > len(found)):
        return longest or found
    return found


def split_authors(raw: str) -> list[str]:
    """Names from a byline: "By A and B", "A; B", "A, B" (a name has no comma of its own)."""
    raw = _BYLINE_PREFIX.sub("", _clean(raw))
    names = re.split(r"\s*;\s*|\s*,\s*|\s+and\s+|\s*&\s*", raw)
    seen: dict[str, None] = {}
    for name in names:
        name = _BYLINE_PREFIX.sub("", name).strip(" .")
        if name and name.lower() not in (n.lower() for n in seen):
            seen[name] = None
    return list(seen)


def page_language(tree) -> str | None:
    """The language the page declares, as a BCP 47 tag ("en", "en-GB"), or None."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for meta in tree.iter("meta"):
        key = (meta.get("http-equiv") or meta.get("name") or meta.get("property") or "").lower()
        if key in ("content-language", "language", "dc.language", "og:locale"):
            candidates.append((meta.get("content") or "").split(",")[0])
    candidates += re.findall(r'"inLanguage"\s*:\s*"([^"]+)"',
                             " ".join(s.text or "" for s in tree.iter("script")))
    for candidate in candidates:
        tag = (candidate or "").strip().replace("_", "-")
        if _LANGUAGE_TAG.match(tag):
            primary, *rest = tag.split("-")
            return "-".join([primary.lower(), *(r.upper() if len(r) == 2 else r for r in rest)])
    return None


def _date_warnings(date: PageDate) -> list[str]:
    if date.value is not None:
        return []
    if date.refused:
        return [f"no publication date: {date.refused}"]
    return ["no publication date found on the page"]


def _clean(text: str) -> str:
    """Whitespace collapsed, control characters removed: text as one line."""
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]", " ", text)
    return " ".join(text.split())
