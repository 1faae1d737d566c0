"""Which requests the preview answers, and where a URL path leads in the built site.

Pure functions of the request (``Host`` header, path) and the server's settings: loopback
names and addresses, the path the site is mounted under, and the mapping of a URL path to a
file of the site (never outside it).
"""

from __future__ import annotations

import ipaddress
import re
import urllib.parse
from http import HTTPStatus
from pathlib import Path


def is_loopback(host: str) -> bool:
    """Whether ``host`` is ``localhost`` or a loopback address (brackets allowed)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def mount_path(base_url: str) -> str:
    """The URL path the site lives under: ``/`` or e.g. ``/iraq/`` for https://x.org/iraq/."""
    path = urllib.parse.urlsplit(base_url).path if base_url else ""
    path = "/" + path.strip("/")
    return path if path == "/" else path + "/"


def resolve(site_dir: Path, mount: str,
            url_path: str) -> tuple[HTTPStatus, Path | str | None]:
    """Map a request path to a file: (200, file), (301/302, location), (403|404, None)."""
    decoded = urllib.parse.unquote(url_path)
    if "\\" in decoded or "\0" in decoded or ".." in decoded.split("/"):
        return HTTPStatus.FORBIDDEN, None
    if mount != "/":
        if decoded in ("/", mount.rstrip("/")):
            return HTTPStatus.FOUND, mount
        if not decoded.startswith(mount):
            return HTTPStatus.NOT_FOUND, None
    relative = decoded[len(mount):].lstrip("/")  # "//etc/passwd" must stay inside
    try:
        return _find(site_dir, relative, decoded)
    except (OSError, ValueError):  # a name over 255 bytes, a path the system refuses
        return HTTPStatus.NOT_FOUND, None


def _find(site_dir: Path, relative: str,
          decoded: str) -> tuple[HTTPStatus, Path | str | None]:
    site = site_dir.resolve()
    target = (site / relative).resolve()
    if target != site and site not in target.parents:
        return HTTPStatus.FORBIDDEN, None  # e.g. a symlink pointing out of the site
    if target.is_dir():
        if not decoded.endswith("/"):
            return HTTPStatus.MOVED_PERMANENTLY, urllib.parse.quote(decoded) + "/"
        target = target / "index.html"
    if target.is_file():
        return HTTPStatus.OK, target
    return HTTPStatus.NOT_FOUND, None


def accepts_host(bind_host: str, header: str | None) -> bool:
    """Whether a request's ``Host`` header names this server: a loopback name or address,
    the address it was asked to listen on, or (listening on every address) any address.
    A page of another site that rebinds its own name to 127.0.0.1 sends that name, and
    must not read the preview (DNS rebinding)."""
    if header is None:
        return True  # HTTP/1.0 clients; browsers always send one
    host = _host_name(header)
    if host is None:
        return False
    if host == "localhost" or host.endswith(".localhost") or is_loopback(host):
        return True
    bind = bind_host.strip("[]").lower()
    if host == bind:
        return True
    return bind in ("", "0.0.0.0", "::") and _is_address(host)


def _host_name(header: str) -> str | None:
    """The host of a ``Host`` header, lowercased, without port or brackets; None if malformed."""
    header = header.strip().lower()
    if header.startswith("["):
        end = header.find("]")
        rest = header[end + 1:]
        if end < 0 or (rest and not re.fullmatch(r":\d{1,5}", rest)):
            return None
        return header[1:end]
    name, _, port = header.partition(":")
    if port and not port.isdigit():
        return None
    return name.rstrip(".") or None


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
