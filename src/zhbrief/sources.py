"""Find the input files and decode them into Documents (text, Markdown, HTML; legacy encodings)."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from zhbrief.errors import SourceError, UsageError
from zhbrief.model import Document

SOURCE_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_GB_FAMILY = ("gb2312", "gbk", "gb18030")
_BIG5_FAMILY = ("big5", "cp950", "big5hkscs")
_BOMS = (  # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_EUC_TW = re.compile(rb"\x8e[\xa1-\xb0][\xa1-\xfe]{2}|[\xa1-\xfe]{2}")
EUC_TW_HINT = (
    "looks like EUC-TW, which Python cannot decode; convert it to UTF-8 first, "
    "e.g. iconv -f EUC-TW -t UTF-8"
)


class NotChineseError(SourceError):
    """A readable file without Chinese text; the run skips it rather than failing it."""


def find_sources(input_dir: Path) -> list[Path]:
    """Return the article files under `input_dir`, recursively, sorted by relative POSIX path."""
    if not input_dir.is_dir():
        raise UsageError(
            f"Input folder not found: {input_dir}. "
            "Create it and put .txt, .md or .html articles in it."
        )
    found: dict[str, Path] = {}
    seen: set[tuple[int, int]] = set()
    # followlinks=True so linked folders count, but each real folder is walked once:
    # a symlink loop or a second link to the same folder adds nothing.
    for root, dirs, files in os.walk(input_dir, followlinks=True):
        try:
            st = os.stat(root)
        except OSError:  # removed while walking
            continue
        if (st.st_dev, st.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if not name.startswith(".") and name.lower().endswith(SOURCE_SUFFIXES):
                path = Path(root, name)
                found[path.relative_to(input_dir).as_posix()] = path
    return [found[rel] for rel in sorted(found)]


def read_source(path: Path, input_dir: Path, max_bytes: int = 5_000_000) -> Document:
    """Read and decode one input file; raise SourceError (no path in the message) if unusable."""
    raw = _read_bytes(path, max_bytes)
    text, encoding = decode_bytes(raw)
    kind, meta = "text", dict[str, str]()
    if path.suffix.lower() in HTML_SUFFIXES:
        kind = "html"
        text, meta = extract_html(text)
    else:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _CJK.search(text) and not _CJK.search(meta.get("title", "")):
        raise NotChineseError("no Chinese text found (English-only?); nothing to translate")
    return Document(
        rel=_relative(path, input_dir),
        sha256=hashlib.sha256(raw).hexdigest(),
        text=text,
        encoding=encoding,
        kind=kind,
        meta=meta,
    )


def _relative(path: Path, input_dir: Path) -> str:
    """The path relative to the input folder, POSIX separators; the path itself if outside it."""
    try:
        return path.relative_to(input_dir).as_posix()
    except ValueError:
        return path.as_posix()


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing files over `max_bytes` before reading them whole."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(max_bytes + 1)
    except PermissionError:
        raise SourceError("cannot be read: permission denied; check the file's permissions")
    except IsADirectoryError:
        raise SourceError("is a folder, not a file; rename it or move it out of the input folder")
    except FileNotFoundError:
        raise SourceError("cannot be read: it is a broken link or was removed during the run")
    except OSError as exc:
        raise SourceError(f"cannot be read: {exc.strerror or exc}")
    if len(raw) > max_bytes:
        raise SourceError(
            f"is larger than the {max_bytes:,}-byte limit; raise max_bytes in zhbrief.toml "
            "or pass --max-bytes to read it"
        )
    if not raw:
        raise SourceError("is empty; nothing to translate")
    return raw


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode `raw`, trusting byte evidence (BOM, valid UTF-8) over any declared charset."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return _checked(_strict(raw, codec), codec)
    if _looks_binary(raw):
        raise SourceError(
            "looks like a binary file, not text; if it is UTF-16 text without a BOM, "
            "save it again as UTF-8"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return _checked(*_decode_legacy(raw))
    return _checked(text, "utf-8")


def _strict(raw: bytes, codec: str) -> str:
    """`raw` decoded with `codec`, or a SourceError saying which encoding failed."""
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"is not valid {codec} (bad bytes at offset {exc.start}); save it again as UTF-8"
        )


def _checked(text: str, encoding: str) -> tuple[str, str]:
    """Refuse whitespace-only or visibly garbled text; drop a leading BOM."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise SourceError("contains only whitespace; nothing to translate")
    visible = sum(1 for c in text if not c.isspace())
    bad = sum(1 for c in text if c == "\ufffd" or "\ue000" <= c <= "\uf8ff")
    if bad > max(2, visible // 100):
        raise SourceError(
            f"decodes as {encoding} but {bad} characters are garbled (replacement or "
            "private-use characters); save it again as UTF-8"
        )
    return text, encoding


def _looks_binary(raw: bytes) -> bool:
    """NUL bytes, or many control characters text never has, in the first 64 KB."""
    head = raw[:65536]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\f\v\x1b")
    return controls > len(head) // 20


def _decode_legacy(raw: bytes) -> tuple[str, str]:
    """Decode non-UTF-8 bytes as GB18030 or Big5, as charset-normalizer's byte evidence says."""
    from charset_normalizer import from_bytes  # only needed for legacy files

    best = from_bytes(raw, cp_isolation=[*_GB_FAMILY, *_BIG5_FAMILY]).best()
    guess = best.encoding if best is not None else None
    if guess in _BIG5_FAMILY:
        return _first_strict(raw, _BIG5_FAMILY)
    if _looks_euc_tw(raw, guess):
        raise SourceError(EUC_TW_HINT)
    if guess in _GB_FAMILY:
        # GB18030 is a superset of GB2312 and GBK: decode with it whatever was detected
        return _strict(raw, "gb18030"), "gb18030"
    return _not_chinese_encoding(raw)


def _first_strict(raw: bytes, codecs: tuple[str, ...]) -> tuple[str, str]:
    """Decode with the first of `codecs` that takes every byte."""
    for codec in codecs:
        try:
            return raw.decode(codec), codec
        except UnicodeDecodeError:
            continue
    raise SourceError("looks like Big5 but has bytes Big5 cannot decode; save it again as UTF-8")


def _looks_euc_tw(raw: bytes, guess: str | None) -> bool:
    """EUC-structured bytes that read as rare or unassigned GB characters: EUC-TW, not GB2312."""
    high = [m.group() for m in _EUC_TW.finditer(raw)]
    stray = sum(1 for b in raw if b >= 0x80) - sum(map(len, high))
    if stray or len(high) < 4:
        return False  # bytes outside the EUC pattern: GBK/GB18030 or Big5, not EUC-TW
    if any(h.startswith(b"\x8e") for h in high) or guess is None:
        return True  # the 0x8E plane prefix, or GB and Big5 both rejected it
    # GB2312 prose is ~99% level-1 characters (lead bytes B0-D7); EUC-TW read as GB is not
    pairs = [h for h in high if len(h) == 2]
    common = sum(1 for h in pairs if 0xB0 <= h[0] <= 0xD7)
    return len(pairs) >= 20 and common < 0.8 * len(pairs)


def _not_chinese_encoding(raw: bytes) -> tuple[str, str]:
    """Bytes in no Chinese encoding: English in a Western code page, or undecodable."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is not None and not _CJK.search(str(best)):
        raise NotChineseError(
            f"no Chinese text found (decodes as {best.encoding}, English-only?); nothing to translate"
        )
    found = f" (it looks like {best.encoding})" if best is not None else ""
    raise SourceError(
        f"is not in an encoding zhbrief reads{found}; save it as UTF-8, GB18030 or Big5"
    )


def extract_html(page: str) -> tuple[str, dict[str, str]]:
    """The main article text of an HTML page, paragraphs separated by blank lines, and its meta."""
    from trafilatura import bare_extraction  # heavy import; only HTML inputs pay for it

    doc = bare_extraction(page, with_metadata=True, include_comments=False, include_tables=False)
    body = getattr(doc, "text", None) or ""
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    if not paragraphs:
        raise SourceError(
            "no article text found in the HTML page; save the article page itself, "
            "or its text as .txt"
        )
    names = {"title": "title", "date": "date", "author": "author", "site": "sitename"}
    meta = {key: str(v).strip() for key, attr in names.items() if (v := getattr(doc, attr, None))}
    return "\n\n".join(paragraphs), {k: v for k, v in meta.items() if v}
