"""Writes article.pdf: a minimal one-page PDF with a text layer, written by hand (no PDF library).

Run once from this folder; the output is committed. Text uses the standard Helvetica font with
WinAnsiEncoding, so curly quotes and the euro sign survive extraction.
"""

from pathlib import Path

TITLE = "Lunar rover team completes desert trials"
LINES = [
    "Engineers finished three weeks of rover trials in the Arizona desert on",
    "Friday, driving the prototype more than 40 kilometres over lava fields.",
    "",
    "\u201cThe rover did everything we asked of it,\u201d said Maria Lopez, the",
    "project\u2019s chief engineer. \u201cWe learned more in three weeks than in",
    "a year of simulations.\u201d",
    "",
    "The programme has cost \u20ac120 million so far, and a second prototype is due",
    "next spring. The critical unknown is whether the wheels will survive lunar",
    "dust for a full year.",
]


def main() -> None:
    ops = ["BT", "/F1 16 Tf", "72 740 Td", f"({TITLE}) Tj", "/F1 11 Tf", "0 -30 Td", "14 TL"]
    for line in LINES:
        text = (
            line.encode("cp1252")
            .decode("latin-1")
            .replace("\\", "\\\\")
            .replace("(", "\\(")
            .replace(")", "\\)")
        )
        ops.append(f"({text}) Tj T*" if text else "T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Title (" + TITLE.encode("latin-1") + b") /Author (Maria Lopez) >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n"
    out += f"{trailer}startxref\n{xref}\n%%EOF\n".encode()
    Path(__file__).with_name("article.pdf").write_bytes(bytes(out))


if __name__ == "__main__":
    main()
