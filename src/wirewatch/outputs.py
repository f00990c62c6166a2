"""Untrusted text made safe for where it goes, and output files that are whole or absent.

Article text, ids, titles and URLs come from whoever wrote the input. Each output
has its own hazard: a terminal runs escape codes, Markdown renders markup, a
spreadsheet runs a cell starting with ``=``, a browser runs a ``javascript:`` link.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

# OWASP "CSV injection": a cell starting with one of these is a formula to a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Inside a line of running text only these start markup: emphasis, code, links, HTML, entities, tables.
_URL_SAFE = ":/?#@!$&'*+,;=%~[]"  # parentheses, spaces and angle brackets get percent-encoded
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~])")


def link_url(url: str | None) -> str | None:
    """``url`` when it may become a link (http or https with a host), else None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def terminal_text(text: object) -> str:
    """``text`` with every non-printable character (escape codes, bidi overrides, newlines) shown escaped."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in str(text))


def markdown_text(text: object) -> str:
    """``text`` as literal Markdown: markup characters backslash-escaped, lines joined."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def markdown_link(label: str, url: str | None) -> str | None:
    """``[label](url)`` for an http(s) URL (percent-encoded so it cannot end the link early), else None."""
    target = link_url(url)
    if target is None:
        return None
    return f"[{label}]({quote(target, safe=_URL_SAFE)})"


def csv_cell(value: object) -> object:
    """A text cell that a spreadsheet would read as a formula gets a leading quote (OWASP rule)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; it replaces ``path`` only when the block succeeds.

    A full disk or a crash leaves the previous output as it was, and never a half-written file.
    Works for a file or a folder.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.partial")
    _remove(temporary)
    try:
        yield temporary
        if temporary.is_dir() and path.is_dir():  # a folder cannot replace a folder in one step
            old = path.with_name(f".{path.name}.{os.getpid()}.old")
            path.rename(old)
            temporary.rename(path)
            _remove(old)
        else:
            os.replace(temporary, path)
    finally:
        _remove(temporary)


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError:  # cleaning up must not hide the error that brought us here
        pass
