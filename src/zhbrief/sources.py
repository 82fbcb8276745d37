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
_AUTHOR_XPATH = '//meta[@name="author" or @property="article:author"]/@content'
# a web page saved under .txt (or .md) is still a page: read it as HTML, not its markup as prose
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
# "责任编辑：张申", "作者：李四": the label is page furniture, not part of the name
_PERSON_LABEL = re.compile(
    r"^[\[【(（]?\s*(?:责任编辑|责编|编辑|作者|记者|文|来源)\s*(?:[:：︱|]\s*|$)"
)
_SITE_NOISE = re.compile(r"版权所有|版權所有|Copyright|All Rights Reserved|©", re.I)
_UNICODE_CODECS = ("utf-8", "utf-8-sig", "utf-16", "utf-32")
EUC_TW_HINT = (
    "looks like EUC-TW, which Python cannot decode; convert it to UTF-8 first, "
    "e.g. iconv -f EUC-TW -t UTF-8"
)

NOT_CHINESE = "no Chinese text found (English-only?); nothing to translate"


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
    if path.suffix.lower() in HTML_SUFFIXES or _HTML_START.match(text):
        kind = "html"
        text, meta = extract_html(text)
    else:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _CJK.search(text) and not _CJK.search(meta.get("title", "")):
        raise NotChineseError(NOT_CHINESE)
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
        raise SourceError(
            "cannot be read: permission denied; check the file's permissions"
        ) from None
    except IsADirectoryError:
        raise SourceError(
            "is a folder, not a file; rename it or move it out of the input folder"
        ) from None
    except FileNotFoundError:
        raise SourceError(
            "cannot be read: it is a broken link or was removed during the run"
        ) from None
    except OSError as exc:
        raise SourceError(f"cannot be read: {exc.strerror or exc}") from None
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
        ) from None


def _checked(text: str, encoding: str) -> tuple[str, str]:
    """Refuse whitespace-only or visibly garbled text; drop a leading BOM."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise SourceError("contains only whitespace; nothing to translate")
    visible = sum(1 for c in text if not c.isspace())
    # private-use characters only betray a wrong legacy reading; in Unicode bytes they are
    # the writer's own (the Sogou news corpus marks its line breaks with U+E40C)
    private_ok = encoding in _UNICODE_CODECS
    bad = sum(1 for c in text if c == "\ufffd" or (not private_ok and "\ue000" <= c <= "\uf8ff"))
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
    """Decode non-UTF-8 bytes as GB18030 or Big5, whichever reads as common Chinese."""
    readings = _readings(raw)
    if not readings:
        return _not_chinese_encoding(raw)
    scores = {codec: _common_share(text) for codec, text in readings.items()}
    best = max(scores, key=lambda codec: scores[codec])
    guess = _detected_codec(raw, readings)
    # charset-normalizer alone misreads short texts; it only breaks near-ties
    if guess is not None and scores[guess] >= scores[best] - 0.05:
        best = guess
    if _looks_euc_tw(raw, scores):
        raise SourceError(EUC_TW_HINT)
    if scores[best] < 0.5:
        return _not_chinese_encoding(raw)
    return readings[best], best


def _readings(raw: bytes) -> dict[str, str]:
    """`raw` strictly decoded as GB18030 and as the first Big5 variant that takes it."""
    readings: dict[str, str] = {}
    # GB18030 is a superset of GB2312 and GBK; cp950 and big5hkscs extend Big5
    for family in (("gb18030",), _BIG5_FAMILY):
        for codec in family:
            try:
                readings[codec] = raw.decode(codec)
                break
            except UnicodeDecodeError:
                continue
    return readings


def _detected_codec(raw: bytes, readings: dict[str, str]) -> str | None:
    """The reading charset-normalizer prefers, if it settles on a Chinese encoding."""
    from charset_normalizer import from_bytes  # only legacy files need it

    match = from_bytes(raw, cp_isolation=[*_GB_FAMILY, *_BIG5_FAMILY]).best()
    if match is None:
        return None
    family = ("gb18030",) if match.encoding in _GB_FAMILY else _BIG5_FAMILY
    return next((codec for codec in family if codec in readings), None)


def _is_common(char: str) -> bool:
    """A GB2312 level-1 or Big5 level-1 character, or CJK punctuation: what news prose uses."""
    try:
        lead = char.encode("gb2312")[0]
        if 0xB0 <= lead <= 0xD7 or lead in (0xA1, 0xA3):
            return True
    except UnicodeEncodeError:
        pass
    try:
        code = int.from_bytes(char.encode("big5"), "big")
    except UnicodeEncodeError:
        return False
    return 0xA440 <= code <= 0xC67E or 0xA140 <= code <= 0xA3BF


def _common_share(text: str) -> float:
    """The share of common characters among the first 20,000 non-ASCII ones; mojibake is low."""
    chars = [c for c in text if ord(c) > 127 and not c.isspace()][:20000]
    return sum(map(_is_common, chars)) / len(chars) if chars else 0.0


def _looks_euc_tw(raw: bytes, scores: dict[str, float]) -> bool:
    """EUC-structured bytes that read as rare GB characters and not as Big5: EUC-TW."""
    high = [m.group() for m in _EUC_TW.finditer(raw)]
    stray = sum(1 for b in raw if b >= 0x80) - sum(map(len, high))
    if stray or not high or max(scores.values()) >= 0.95:
        return False  # bytes outside the EUC pattern, or a clean GB/Big5 reading
    if any(h.startswith(b"\x8e") for h in high):
        return True  # the EUC-TW plane prefix
    # GB2312 prose is ~99% level-1 characters (lead B0-D7) and punctuation (A1, A3)
    common = sum(1 for h in high if 0xB0 <= h[0] <= 0xD7 or h[0] in (0xA1, 0xA3))
    return len(high) >= 8 and common < 0.85 * len(high)


def _not_chinese_encoding(raw: bytes) -> tuple[str, str]:
    """Bytes in no Chinese encoding: English in a Western code page, or undecodable."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is not None and not _CJK.search(str(best)):
        raise NotChineseError(NOT_CHINESE)
    found = f" (it looks like {best.encoding})" if best is not None else ""
    raise SourceError(
        f"is not in an encoding zhbrief reads{found}; save it as UTF-8, GB18030 or Big5"
    )


def extract_html(page: str) -> tuple[str, dict[str, str]]:
    """The main article text of an HTML page, paragraphs separated by blank lines, and its meta."""
    from trafilatura import bare_extraction  # heavy import; only HTML inputs pay for it
    from trafilatura.utils import load_html

    tree = load_html(page)
    # trafilatura drops authors without a space, i.e. every Chinese name: read the tag first
    authors = tree.xpath(_AUTHOR_XPATH) if tree is not None else []
    doc = bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=False)
    body = getattr(doc, "text", None) or ""
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    # a menu of short links is what trafilatura falls back to on pages without an article
    if not any(len(re.findall(r"\w", p)) >= 10 for p in paragraphs):
        raise SourceError(
            "no article text found in the HTML page; save the article page itself, "
            "or its text as .txt"
        )
    names = {"title": "title", "date": "date", "author": "author", "site": "sitename"}
    meta = {key: str(getattr(doc, attr, None) or "").strip() for key, attr in names.items()}
    meta["author"] = _person(meta["author"]) or next(filter(None, map(_person, authors)), "")
    meta["site"] = " ".join(_SITE_NOISE.sub(" ", meta["site"]).split())
    return "\n\n".join(paragraphs), {k: v for k, v in meta.items() if v}


def _person(name: object) -> str:
    """An author name without its 责任编辑：/作者： label; "" when only the label is there."""
    return _PERSON_LABEL.sub("", str(name).strip()).strip(" ]】)）")
