"""Decode the bytes of an input file: BOMs, UTF-8, then GB18030 or Big5 by what reads as Chinese."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from zhbrief.controls import drop_controls
from zhbrief.errors import NotChineseError, SourceError
from zhbrief.zh import HAN

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
_UNICODE_CODECS = ("utf-8", "utf-8-sig", "utf-16", "utf-32")
EUC_TW_HINT = (
    "looks like EUC-TW, which Python cannot decode; convert it to UTF-8 first, "
    "e.g. iconv -f EUC-TW -t UTF-8"
)
NOT_CHINESE = "no Chinese text found (English-only?); nothing to translate"
# Old pages often carry a stray invalid byte or two (a cut multibyte character, a bad edit):
# up to this many per thousand characters are read as U+FFFD and said in the brief.
TOLERATED_PER_MILLE = 5


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text of a file, the encoding it was read in, and how many bad sequences were replaced."""

    text: str
    encoding: str
    replaced: int = 0


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode `raw` (see decode_text); the text and the encoding used."""
    decoded = decode_text(raw)
    return decoded.text, decoded.encoding


def decode_text(raw: bytes) -> Decoded:
    """Decode `raw`, trusting byte evidence (BOM, valid UTF-8) over any declared charset.

    Control characters and bidi overrides are dropped here, where text enters (controls.py).
    """
    decoded = _decoded(raw)
    text = drop_controls(decoded.text)
    if not text.strip():
        raise SourceError("contains only whitespace or control characters; nothing to translate")
    return replace(decoded, text=text)


def _decoded(raw: bytes) -> Decoded:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return Decoded(*_checked(_strict(raw, codec), codec))
    if _looks_binary(raw):
        raise SourceError(
            "looks like a binary file, not text; if it is UTF-16 text without a BOM, "
            "save it again as UTF-8"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_legacy(raw)
    return Decoded(*_checked(text, "utf-8"))


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


def _decode_legacy(raw: bytes) -> Decoded:
    """Decode non-UTF-8 bytes as GB18030 or Big5, whichever reads as common Chinese."""
    readings = _readings(raw)
    if not readings:
        return _tolerant(raw)
    scores = {codec: _common_share(text) for codec, text in readings.items()}
    best = max(scores, key=lambda codec: scores[codec])
    guess = _detected_codec(raw, readings)
    # charset-normalizer alone misreads short texts; it only breaks near-ties
    if guess is not None and scores[guess] >= scores[best] - 0.05:
        best = guess
    if _looks_euc_tw(raw, scores):
        raise SourceError(EUC_TW_HINT)
    if scores[best] < 0.5:
        return _tolerant(raw)  # no strict reading is Chinese: perhaps one with a few bad bytes
    return Decoded(*_checked(readings[best], best))


def _tolerant(raw: bytes) -> Decoded:
    """The reading with the fewest invalid sequences, when they are a few per thousand."""
    readings = {c: raw.decode(c, errors="replace") for c in ("utf-8", "gb18030", "big5")}
    bad = {c: t.count("\ufffd") for c, t in readings.items()}
    codec = min(readings, key=lambda c: (bad[c], -_common_share(readings[c])))
    text = readings[codec]
    visible = sum(1 for c in text if not c.isspace())
    if bad[codec] * 1000 > TOLERATED_PER_MILLE * visible or _common_share(text) < 0.5:
        return _not_chinese_encoding(raw)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise SourceError("contains only whitespace; nothing to translate")
    return Decoded(text, codec, bad[codec])


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


def _not_chinese_encoding(raw: bytes) -> Decoded:
    """Bytes in no Chinese encoding: English in a Western code page, or undecodable."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is not None and not HAN.search(str(best)):
        raise NotChineseError(NOT_CHINESE)
    found = f" (it looks like {best.encoding})" if best is not None else ""
    raise SourceError(
        f"is not in an encoding zhbrief reads{found}; save it as UTF-8, GB18030 or Big5"
    )
