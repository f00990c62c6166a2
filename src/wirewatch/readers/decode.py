"""Bytes to text: gzip, byte-order marks, UTF-8, legacy encodings, and clear errors for junk."""

from __future__ import annotations

import zlib

from charset_normalizer import from_bytes

from wirewatch.limits import MAX_DOCUMENT_BYTES

MAX_BYTES = MAX_DOCUMENT_BYTES
_CHUNK = 1 << 20


class DecodeError(ValueError):
    """Raised with a human reason; readers turn it into a DocError."""


def gunzip(data: bytes, budget: int = MAX_BYTES) -> bytes:
    """Decompress gzip data (by magic bytes), member after member, never more than ``budget`` bytes.

    The output is bounded while it is produced: a small bomb expanding to gigabytes stops at the
    budget instead of filling memory. A cut stream is an error, not silence.
    """
    if data[:2] != b"\x1f\x8b":
        return data
    out = bytearray()
    rest = data
    try:
        while rest:
            inflater = zlib.decompressobj(wbits=31)
            pending = rest
            while pending and not inflater.eof:
                out += inflater.decompress(pending, _CHUNK)
                pending = inflater.unconsumed_tail
                if len(out) > budget:
                    raise DecodeError(f"decompressed document too large (over {budget} bytes): a compression bomb?")
            if not inflater.eof:
                out += inflater.flush()
                raise DecodeError("truncated gzip stream (compressed file ended before the end-of-stream marker)")
            rest = inflater.unused_data.lstrip(b"\x00")  # members may be padded with zeros
    except zlib.error as exc:
        raise DecodeError(f"truncated gzip stream ({exc})") from exc
    return bytes(out)


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode document bytes; raises DecodeError for empty, binary or cut text."""
    if len(data) > MAX_BYTES:
        raise DecodeError(f"document too large ({len(data)} bytes > {MAX_BYTES})")
    data = gunzip(data)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _check_text(data.decode("utf-16"))
    if not data.strip():
        raise DecodeError("empty document")
    if declared:
        try:
            return _check_text(data.decode(declared))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return _check_text(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            raise DecodeError(f"truncated UTF-8 sequence at end of file (byte {exc.start})") from exc
        if b"\x00" in data:
            raise DecodeError("binary data, not text") from exc
    best = _likeliest(from_bytes(data))
    if best is None or best.chaos > 0.3:
        raise DecodeError("binary data, not text: not valid UTF-8 and no legacy encoding fits")
    return _check_text(str(best))


# Encodings news sites actually serve, most common first: on a short text several
# code pages decode equally cleanly (cp1251 and mac_cyrillic differ in a few letters),
# and the detector's tie-break then picks a rare one.
WEB_ENCODINGS = ("cp1251", "cp1252", "koi8_r", "iso8859_2", "cp1250", "iso8859_15", "cp1253", "cp1254",
                 "cp1256", "iso8859_7", "koi8_u", "iso8859_5")


def _likeliest(matches):
    """The detector's best match, or the most common web encoding that decodes as cleanly."""
    best = matches.best()
    if best is None:
        return None
    tied = [m for m in matches if m.chaos <= best.chaos + 0.01]
    common = [m for m in tied if m.encoding in WEB_ENCODINGS]
    return min(common, key=lambda m: WEB_ENCODINGS.index(m.encoding)) if common else best


def _check_text(text: str) -> str:
    if not text.strip():
        raise DecodeError("empty document")
    control = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f\v")
    nuls = text.count("\x00")
    if nuls > max(2, len(text) // 1000) or control > len(text) * 0.05:
        raise DecodeError("binary data, not text")
    # A stray NUL or two in an otherwise good page (crawl debris) must not cost the document;
    # a space keeps every offset.
    return text.replace("\x00", " ") if nuls else text
