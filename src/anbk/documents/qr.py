"""QR codes for login cards, built on ReportLab's own encoder (reportlab.graphics.barcode)
but fast enough for a national print run.

Measured (docs/decisions/0018-login-card-rendering.md): ReportLab's `QrCodeWidget` costs
about 5 ms a card and `QRCode.make()` 2.4 ms, mostly the search for the best of 8 mask
patterns and a Reed-Solomon division through polynomial objects. Here the parts that do not
depend on the text are made once per (version, level, mask) by ReportLab's encoder itself —
finder, timing and alignment patterns, format bits, the order data modules are placed in —
and each code only pays for its codewords (table-driven Reed-Solomon) and the XOR of its set
bits into row bitmasks: ~60 µs. The mask is fixed (every mask gives a valid, readable code;
the search only picks the one with the fewest look-alike patterns). Tests compare every
module with ReportLab's `makeImpl` for the same mask.

The result prints as one inline 1-bit image mask: about 250 bytes a code in the page,
instead of one rectangle per dark run.
"""

from dataclasses import dataclass
from functools import cache

from reportlab.graphics.barcode import qrencoder as rl

LEVEL = rl.QRErrorCorrectLevel.M
MASK = 0
QUIET = 4  # modules of white border a scanner needs around the code

_EXP = rl.EXP_TABLE
_LOG = rl.LOG_TABLE


@dataclass(frozen=True)
class QrMatrix:
    size: int
    rows: tuple[int, ...]  # one int per row; bit (size-1-col) set = dark module

    def dark(self, row: int, col: int) -> bool:
        return bool(self.rows[row] >> (self.size - 1 - col) & 1)


@dataclass(frozen=True)
class _Layout:
    size: int
    base: tuple[int, ...]  # every function pattern, data modules at "bit 0 under the mask"
    flips: tuple[tuple[int, int], ...]  # per data bit: (row, column bit) to XOR when set
    blocks: tuple[tuple[int, int], ...]  # (data codewords, total codewords) per RS block
    data_count: int


@cache
def _layout(version: int, level: int = LEVEL, mask: int = MASK) -> _Layout:
    code = rl.QRCode(version, level)
    code.dataCache = []  # no data: every data module becomes 0 XOR mask
    code.makeImpl(False, mask)
    size = code.getModuleCount()
    base = tuple(sum(1 << (size - 1 - c) for c, dark in enumerate(row) if dark)
                 for row in code.modules)
    flips = tuple((row, 1 << (size - 1 - col)) for col, row in code.dataPosIterator())
    blocks = tuple((b.dataCount, b.totalCount) for b in rl.QRRSBlock.getRSBlocks(version, level))
    return _Layout(size, base, flips, blocks, sum(d for d, _t in blocks))


@cache
def _generator(ec_count: int) -> tuple[int, ...]:
    """Logs of the coefficients (after the leading 1) of prod(x + a^i), i < ec_count."""
    poly = rl.QRUtil.getErrorCorrectPolynomial(ec_count)
    return tuple(_LOG[poly.get(i)] for i in range(1, poly.getLength()))


def _ec_codewords(data: list[int], ec_count: int) -> list[int]:
    gen = _generator(ec_count)
    remainder = [0] * ec_count
    for value in data:
        factor = value ^ remainder[0]
        del remainder[0]
        remainder.append(0)
        if factor:
            shift = _LOG[factor]
            for i, g in enumerate(gen):
                remainder[i] ^= _EXP[(shift + g) % 255]
    return remainder


def _segment(text: str):
    """The first mode that takes the whole text, in ReportLab's own order (addData)."""
    for kind in (rl.QRNumber, rl.QRAlphaNum, rl.QRKanji):
        try:
            return kind(text)
        except ValueError:
            continue
    return rl.QR8bitByte(text)


_VERSIONS: dict[tuple[type, int, int], int] = {}


def _version(segment, level: int) -> int:
    """The smallest version holding the segment: it depends only on its mode and length."""
    key = (type(segment), len(segment.data), level)
    version = _VERSIONS.get(key)
    if version is None:
        probe = rl.QRCode(None, level)
        probe.addData(segment)
        version = _VERSIONS[key] = probe.calculate_version()
    return version


class _Bits:
    """ReportLab's QRBitBuffer interface over one int: its bit-by-bit list was half the
    cost of a code."""

    def __init__(self):
        self.value = 0
        self.length = 0

    def put(self, num: int, length: int) -> None:
        self.value = (self.value << length) | (num & ((1 << length) - 1))
        self.length += length

    def putBit(self, bit: bool) -> None:  # noqa: N802 - ReportLab's name
        self.put(1 if bit else 0, 1)

    def getLengthInBits(self) -> int:  # noqa: N802 - ReportLab's name
        return self.length


def _bitstream(segment, version: int, capacity: int) -> list[int]:
    buffer = _Bits()
    segment.write(buffer, version)
    if buffer.length + 4 <= capacity * 8:
        buffer.put(0, 4)
    buffer.put(0, -buffer.length % 8)
    words = list(buffer.value.to_bytes(buffer.length // 8, "big"))
    pad = (rl.QRCode.PAD0, rl.QRCode.PAD1)
    words.extend(pad[i % 2] for i in range(capacity - len(words)))
    return words


def qr_matrix(text: str, *, level: int = LEVEL, mask: int = MASK) -> QrMatrix:
    segment = _segment(text)
    version = _version(segment, level)
    layout = _layout(version, level, mask)
    words = _bitstream(segment, version, layout.data_count)
    data_blocks, ec_blocks, offset = [], [], 0
    for data_count, total in layout.blocks:
        block = words[offset:offset + data_count]
        offset += data_count
        data_blocks.append(block)
        ec_blocks.append(_ec_codewords(block, total - data_count))
    # Interleave: the i-th codeword of every block in turn, data first, then EC.
    stream = [block[i] for i in range(max(map(len, data_blocks)))
              for block in data_blocks if i < len(block)]
    stream += [block[i] for i in range(len(ec_blocks[0])) for block in ec_blocks]
    rows = list(layout.base)
    flips = layout.flips
    position = 0
    for word in stream:
        if word:
            for bit in range(8):
                if word & (0x80 >> bit) and position + bit < len(flips):
                    row, column = flips[position + bit]
                    rows[row] ^= column
        position += 8
    return QrMatrix(layout.size, tuple(rows))


def pdf_image_mask(matrix: QrMatrix, x: float, y: float, side: float) -> str:
    """PDF operators painting the code (quiet zone included) as a side×side square whose
    lower-left corner is (x, y), in the current fill colour. For `canvas.addLiteral`."""
    total = matrix.size + 2 * QUIET
    row_bytes = (total + 7) // 8
    pad = row_bytes * 8 - total
    blank = "00" * row_bytes
    body = [blank] * QUIET
    body += [format(row << (QUIET + pad), f"0{row_bytes * 2}x") for row in matrix.rows]
    body += [blank] * QUIET
    return (f"q {side:.2f} 0 0 {side:.2f} {x:.2f} {y:.2f} cm\n"
            f"BI /W {total} /H {total} /IM true /BPC 1 /D [1 0] /F /AHx ID\n"
            f"{''.join(body)}>\nEI Q")
