"""Read a content file's bytes and decode them to text.

One job: the bytes of an article, refused when the file is a link out of the content folder,
larger than ``max_article_mb`` or unreadable; then its text, decoded from UTF-8 (or UTF-16 with
a byte order mark) with newlines made ``\\n``. Also how a path and an OS error are shown in
messages.
"""

from __future__ import annotations

import errno
import functools
import os
from pathlib import Path

from timeline.config import Config
from timeline.errors import TimelineError


@functools.lru_cache(maxsize=16)
def _resolved(folder: Path) -> Path:
    """``folder.resolve()``, once per build rather than twice per article (system calls)."""
    return folder.resolve()


def display_path(path: Path, config: Config) -> str:
    """The path as the user knows it: relative to the project, symlinks not followed."""
    absolute = Path(path).absolute()
    for base in (config.root, _resolved(config.root)):
        try:
            return absolute.relative_to(base).as_posix()
        except ValueError:
            continue
    return str(path)


def _check_inside_content(path: Path, shown: str, config: Config) -> None:
    # A symlink may point anywhere; publishing /etc/passwd as an article must not happen.
    # Only files found in the content folder are checked: a caller may load any file it names.
    content = config.content_path.absolute()
    absolute = Path(path).absolute()
    if content not in absolute.parents:
        return
    if absolute.parent == content and not absolute.is_symlink():
        return  # the folder's own file, no link: its real path is the folder's and its name
    real, real_content = absolute.resolve(), content.resolve()
    if real_content not in real.parents:
        raise TimelineError("the file is a link to a file outside the content folder", shown,
                            hint="copy the article into the content folder instead")


def read_source(path: Path, config: Config) -> bytes:
    """The bytes of a content file, once it is known to be inside the content folder and not
    larger than ``max_article_mb``. Raises :class:`TimelineError` otherwise, or if unreadable."""
    shown = display_path(path, config)
    _check_inside_content(path, shown, config)
    return _read_bytes(Path(path), shown, limit=int(config.max_article_mb * 1_000_000))


def _read_bytes(path: Path, shown: str, limit: int | None = None) -> bytes:
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if limit is not None and size > limit:
                raise TimelineError(
                    f"the file is {size / 1e6:.1f} MB, more than the {limit / 1e6:g} MB an "
                    "article may hold", shown,
                    hint="split it into several articles, or raise max_article_mb in "
                         "timeline.toml")
            return handle.read()
    except OSError as exc:
        raise TimelineError(f"cannot read the file ({error_reason(exc)})", shown,
                            hint=_READ_HINTS.get(exc.errno)) from None


def decode_text(data: bytes, shown: str) -> str:
    """The text of a content file's bytes: UTF-8 (a byte order mark dropped) or UTF-16 with a
    byte order mark, newlines made ``\n``; a :class:`TimelineError` for anything else."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte order mark carries no text
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Windows editors save "Unicode" text as UTF-16 with a byte order mark: it says how to
        # read the file, so read it rather than send the editor off to re-save it.
        return _normalise_newlines(_decode_utf16(data, shown), shown)
    if b"\x00" in data[:4096]:
        raise TimelineError("the file is binary or UTF-16, not UTF-8 text", shown,
                            hint="save it as UTF-8 text, or move it out of the content folder")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TimelineError(f"the file is not UTF-8 (byte 0x{data[exc.start]:02x})", shown, line,
                            hint="re-save it as UTF-8") from None
    return _normalise_newlines(text, shown)


_READ_HINTS = {errno.EACCES: "check the file's permissions, e.g. chmod a+r FILE",
               errno.EPERM: "check the file's permissions, e.g. chmod a+r FILE",
               errno.EISDIR: "a folder whose name ends in an article's suffix: rename it"}


def error_reason(exc: OSError) -> str:
    """``permission denied``: the system's words for an error, as the rest of a message."""
    return (exc.strerror or type(exc).__name__).lower()


def _decode_utf16(data: bytes, shown: str) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise TimelineError(f"the file starts as UTF-16 but is not valid UTF-16 ({exc.reason})",
                            shown, hint="re-save it as UTF-8") from None


def _normalise_newlines(text: str, shown: str) -> str:
    if not text.strip():
        raise TimelineError("the file is empty", shown, hint="add the article text, or delete it")
    return text.replace("\r\n", "\n").replace("\r", "\n")
