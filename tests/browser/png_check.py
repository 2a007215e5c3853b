#!/usr/bin/env python3
"""Checks that a PNG screenshot is not blank: decodes it (standard library only:
zlib + the five PNG row filters) and counts rows that are not one uniform colour.

usage: png_check.py FILE.png MIN_NONUNIFORM_ROWS
Exit 0 and prints "rows=… nonuniform=…" when at least MIN rows vary; exit 1 otherwise.
"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    pos, idat, width = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour not in (2, 6):
                sys.exit(f"{path}: unsupported PNG (depth {depth}, colour type {colour})")
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        f = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return rows, bpp


def main():
    path, need = sys.argv[1], int(sys.argv[2])
    rows, bpp = decode(path)
    nonuniform = sum(1 for r in rows if len(set(r[k:k + bpp] for k in range(0, len(r), bpp))) > 1)
    print(f"rows={len(rows)} nonuniform={nonuniform}")
    sys.exit(0 if nonuniform >= need else 1)


if __name__ == "__main__":
    main()
