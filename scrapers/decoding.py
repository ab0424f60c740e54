"""Bounded decoding of HTTP bodies: content-encodings with a size cap, and bytes -> text.

A body is decoded chunk by chunk and never allowed to grow past ``limit`` bytes, so a gzip/brotli/zstd bomb
costs at most ``limit`` plus one small chunk of memory.
"""
from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

import brotli
import zstandard

_STEP = 64 * 1024


class BodyTooLarge(Exception):
    """The (decoded) body went over the configured limit."""

    def __init__(self, limit: int, encoded: bool) -> None:
        self.limit = limit
        self.encoded = encoded
        what = "decompressed body" if encoded else "body"
        super().__init__(f"{what} exceeds {limit} bytes")


class UnsupportedEncoding(Exception):
    pass


class _Identity:
    def feed(self, data: bytes) -> Iterable[bytes]:
        yield data


class _Zlib:
    def __init__(self, wbits: int) -> None:
        self._d = zlib.decompressobj(wbits)

    def feed(self, data: bytes) -> Iterable[bytes]:
        pending = data
        while True:
            out = self._d.decompress(pending, _STEP)
            if out:
                yield out
            pending = self._d.unconsumed_tail
            if not pending:
                return


class _Brotli:
    def __init__(self) -> None:
        self._d = brotli.Decompressor()

    def feed(self, data: bytes) -> Iterable[bytes]:
        yield self._d.process(data, output_buffer_limit=_STEP)
        while not self._d.can_accept_more_data():
            yield self._d.process(b"", output_buffer_limit=_STEP)


class _Zstd:
    def __init__(self) -> None:
        self._d = zstandard.ZstdDecompressor().decompressobj(read_size=_STEP, write_size=_STEP)

    def feed(self, data: bytes) -> Iterable[bytes]:
        # the zstd decompressobj writes at most write_size per internal step but returns them joined;
        # feed the input in small slices so one call cannot explode.
        for start in range(0, len(data), 64):
            yield self._d.decompress(data[start:start + 64])


def _decoder_for(encoding: str):
    name = encoding.strip().lower()
    if name in ("", "identity"):
        return _Identity()
    if name in ("gzip", "x-gzip"):
        return _Zlib(zlib.MAX_WBITS | 16)
    if name == "deflate":
        return _Zlib(zlib.MAX_WBITS | 32)
    if name == "br":
        return _Brotli()
    if name == "zstd":
        return _Zstd()
    raise UnsupportedEncoding(f"unsupported content-encoding: {encoding}")


def read_bounded(raw_chunks: Iterable[bytes], content_encoding: str | None, limit: int) -> bytes:
    """Join ``raw_chunks`` decoded through the (possibly stacked) content-encodings; raise BodyTooLarge past limit."""
    encodings = [e for e in (content_encoding or "").split(",") if e.strip()]
    decoders = [_decoder_for(e) for e in reversed(encodings)]
    encoded = bool(decoders)
    out = bytearray()
    raw_total = 0
    for chunk in raw_chunks:
        raw_total += len(chunk)
        if raw_total > limit:
            raise BodyTooLarge(limit, encoded=False)
        for piece in _through(decoders, chunk):
            out += piece
            if len(out) > limit:
                raise BodyTooLarge(limit, encoded=encoded)
    return bytes(out)


def _through(decoders, chunk: bytes) -> Iterable[bytes]:
    if not decoders:
        yield chunk
        return
    first, rest = decoders[0], decoders[1:]
    for piece in first.feed(chunk):
        if piece:
            yield from _through(rest, piece)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)


def charset_from_content_type(content_type: str | None) -> str | None:
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1).lower() if match else None


def decode_html(body: bytes | str, content_type: str | None = None) -> str:
    """Bytes -> text: header charset, then <meta charset>, then UTF-8, then windows-1258; never raises."""
    if isinstance(body, str):
        return body
    meta = _META_CHARSET.search(body[:4096])
    # strict UTF-8 first: a wrong header charset (e.g. latin-1 on a UTF-8 page) is more common than a non-UTF-8
    # page that happens to be valid UTF-8.
    candidates = ["utf-8", charset_from_content_type(content_type)]
    candidates += [meta.group(1).decode("ascii").lower() if meta else None, "windows-1258"]
    for charset in candidates:
        if not charset:
            continue
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")
