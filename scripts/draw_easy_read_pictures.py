"""Draw the Easy Read pictures (familyguide/static/easy-read/*.svg) from a few shared shapes.

One style for the whole set: flat shapes, a dark outline 5 units thick, two colours (blue and yellow) with
white, friendly faces, people of several skin tones and hair styles. The SVG files are committed; run this
script again after changing a drawing: ``python scripts/draw_easy_read_pictures.py``.
"""

from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "familyguide" / "static" / "easy-read"
INK = "#1d2b4f"
BLUE = "#4f86c6"
YELLOW = "#f5c542"
WHITE = "#ffffff"
PALE = "#dce8f5"
SKINS = ("#f3cfae", "#c68642", "#8d5524", "#e0ac69")
HAIRS = ("#3b2a1a", "#1d2b4f", "#7a4a1e", "#b5651d")


def shape(tag, fill=WHITE, **attrs):
    attrs = " ".join(f'{k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<{tag} fill="{fill}" {attrs}/>'


def rect(x, y, w, h, fill=WHITE, r=4):
    return shape("rect", fill, x=x, y=y, width=w, height=h, rx=r)


def circle(x, y, r, fill=WHITE):
    return shape("circle", fill, cx=x, cy=y, r=r)


def path(d, fill=WHITE):
    return shape("path", fill, d=d)


def line(d, width=5):
    return f'<path fill="none" stroke-width="{width}" d="{d}"/>'


def dot(x, y, r=2.5):
    return f'<circle fill="{INK}" stroke="none" cx="{x}" cy="{y}" r="{r}"/>'


def face(x, y, s=1.0):
    e = 5 * s
    return [
        dot(x - e, y - 1 * s, 2.2 * s),
        dot(x + e, y - 1 * s, 2.2 * s),
        line(f"M{x - 5 * s},{y + 5 * s} q{5 * s},{5 * s} {10 * s},0", 3),
    ]


def person(x, y, s=1.0, skin=0, shirt=BLUE, hair="short", hair_colour=0):
    """A smiling person, head centred at (x, y); s scales them (a child is about 0.75)."""
    r = 13 * s
    skin, hc = SKINS[skin % 4], HAIRS[hair_colour % 4]
    top = y + r + 2 * s
    parts = []
    if hair == "long":
        parts.append(rect(x - r - 3 * s, y - r - 2 * s, 2 * r + 6 * s, 2 * r + 10 * s, hc, r))
    if hair == "scarf":
        parts.append(
            path(
                f"M{x - r - 5 * s},{y + r + 6 * s} v{-r - 4 * s} a{r + 5 * s},{r + 5 * s} 0 0 1 {2 * r + 10 * s},0 v{r + 4 * s} z",  # noqa: E501 - one SVG path
                YELLOW,
            )
        )
    parts.append(
        path(
            f"M{x - 24 * s},{top + 30 * s} v{-12 * s} q0,{-18 * s} {24 * s},{-18 * s} q{24 * s},0 {24 * s},{18 * s} v{12 * s} z",  # noqa: E501 - one SVG path
            shirt,
        )
    )
    parts.append(circle(x, y, r, skin))
    if hair == "short":
        parts.append(
            path(
                f"M{x - r},{y - 1 * s} a{r},{r} 0 0 1 {2 * r},0 q{-6 * s},{-7 * s} {-13 * s},{-6 * s} q{-7 * s},{1 * s} {-13 * s},{6 * s} z",  # noqa: E501 - one SVG path
                hc,
            )
        )
    elif hair == "long":
        parts.append(
            path(
                f"M{x - r},{y} a{r},{r} 0 0 1 {2 * r},0 q{-8 * s},{-4 * s} {-13 * s},{-10 * s} q{-5 * s},{6 * s} {-13 * s},{10 * s} z",  # noqa: E501 - one SVG path
                hc,
            )
        )
    elif hair == "curly":
        parts += [circle(x + dx * s, y - 11 * s, 6 * s, hc) for dx in (-9, 0, 9)]
    elif hair == "bun":
        parts.append(circle(x, y - r - 4 * s, 6 * s, hc))
        parts.append(path(f"M{x - r},{y - 1 * s} a{r},{r} 0 0 1 {2 * r},0 q{-13 * s},{-5 * s} {-26 * s},0 z", hc))
    return parts + face(x, y + 1 * s, s)


def bubble(x, y, w, h, fill=WHITE, tail="left"):
    tx = x + 12 if tail == "left" else x + w - 12
    dx = -8 if tail == "left" else 8
    return [
        path(f"M{tx},{y + h} l{dx},12 l{-dx + (10 if tail == 'left' else -10)},-12 z", fill),
        rect(x, y, w, h, fill, 10),
        line(f"M{tx - 1},{y + h} h{10 if tail == 'left' else -10}", 0),
    ]


def question_mark(x, y, s=1.0):
    return [
        line(
            f"M{x - 7 * s},{y - 6 * s} q0,{-9 * s} {8 * s},{-9 * s} q{8 * s},0 {8 * s},{8 * s} q0,{6 * s} {-8 * s},{9 * s} v{5 * s}",  # noqa: E501 - one SVG path
            5,
        ),
        dot(x + 1 * s, y + 16 * s, 3.5),
    ]


def tick(x, y, s=1.0, width=7):
    return line(f"M{x - 12 * s},{y} l{8 * s},{9 * s} l{16 * s},{-18 * s}", width)


def cross(x, y, s=1.0, width=7):
    return line(f"M{x - 10 * s},{y - 10 * s} l{20 * s},{20 * s} M{x + 10 * s},{y - 10 * s} l{-20 * s},{20 * s}", width)


def heart(x, y, s=1.0, fill=YELLOW):
    return path(
        f"M{x},{y + 14 * s} l{-14 * s},{-14 * s} a{7 * s},{7 * s} 0 0 1 {14 * s},{-10 * s} a{7 * s},{7 * s} 0 0 1 {14 * s},{10 * s} z",  # noqa: E501 - one SVG path
        fill,
    )


def star(x, y, r=20, fill=YELLOW):
    import math

    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = math.pi / 2 + i * math.pi / 5
        points.append(f"{x + radius * math.cos(angle):.1f},{y - radius * math.sin(angle):.1f}")
    return path("M" + " L".join(points) + " z", fill)


def paper(x, y, w, h, lines=4):
    parts = [rect(x, y, w, h, WHITE, 3)]
    parts += [line(f"M{x + 8},{y + 12 + i * 10} h{w - 16}", 3) for i in range(lines)]
    return parts


def table(x, y, w):
    return [rect(x, y, w, 12, YELLOW, 3), line(f"M{x + 10},{y + 12} v16 M{x + w - 10},{y + 12} v16", 5)]


def phone_shape(x, y, w=36, h=60):
    return [rect(x, y, w, h, BLUE, 7), rect(x + 5, y + 8, w - 10, h - 22, WHITE, 2), dot(x + w / 2, y + h - 7, 3)]


def sound_waves(x, y, side=1):
    return [line(f"M{x},{y - 8} q{6 * side},8 0,16", 4), line(f"M{x + 8 * side},{y - 15} q{11 * side},15 0,30", 4)]


def clock_shape(x, y, r=34):
    return [circle(x, y, r, WHITE), line(f"M{x},{y} v-{r * 0.6} M{x},{y} h{r * 0.45}", 5), dot(x, y, 4)] + [
        dot(x + dx, y + dy, 2.5) for dx, dy in ((0, -r + 8), (r - 8, 0), (0, r - 8), (-r + 8, 0))
    ]


def calendar_shape(x, y, w=80, h=70, mark=True):
    parts = [
        rect(x, y, w, h, WHITE, 6),
        path(f"M{x},{y + 18} v-12 a6,6 0 0 1 6,-6 h{w - 12} a6,6 0 0 1 6,6 v12 z", BLUE),
    ]
    parts += [line(f"M{x + 18},{y - 6} v12 M{x + w - 18},{y - 6} v12", 5)]
    for row in range(3):
        for col in range(4):
            cx, cy = x + 14 + col * (w - 28) / 3, y + 30 + row * 14
            if mark and (row, col) == (1, 2):
                parts.append(circle(cx, cy, 7, YELLOW))
            else:
                parts.append(dot(cx, cy, 3))
    return parts


def house_shape(x, y, w=80, fill=YELLOW):
    return [
        path(f"M{x},{y + 30} L{x + w / 2},{y} L{x + w},{y + 30} z", BLUE),
        rect(x + 8, y + 30, w - 16, 44, fill, 2),
        rect(x + w / 2 - 9, y + 50, 18, 24, WHITE, 2),
    ]


PICTURES = {
    "parent": lambda: person(60, 40, 1.6, skin=1, hair="short"),
    "mother": lambda: person(60, 40, 1.6, skin=0, hair="long", hair_colour=2, shirt=YELLOW),
    "father": lambda: person(60, 40, 1.6, skin=2, hair="curly", hair_colour=1),
    "family": lambda: (
        person(32, 40, 1.0, skin=3, hair="scarf", shirt=BLUE)
        + person(88, 40, 1.0, skin=3, hair="short", hair_colour=0, shirt=YELLOW)
        + person(60, 68, 0.75, skin=3, hair="bun", hair_colour=0, shirt=WHITE)
    ),
    "people": lambda: (
        person(24, 48, 0.85, skin=0, hair="short", hair_colour=3)
        + person(60, 40, 0.95, skin=2, hair="scarf", shirt=YELLOW)
        + person(96, 48, 0.85, skin=1, hair="long", hair_colour=1)
    ),
    "meeting-table": lambda: (
        person(28, 44, 0.8, skin=2, hair="curly")
        + person(60, 38, 0.8, skin=0, hair="bun", hair_colour=3, shirt=YELLOW)
        + person(92, 44, 0.8, skin=3, hair="short")
        + table(8, 76, 104)
    ),
    "chair-person": lambda: (
        person(60, 34, 1.1, skin=3, hair="long", hair_colour=0, shirt=BLUE) + [star(82, 62, 9)] + table(14, 82, 92)
    ),
    "social-worker": lambda: (
        person(54, 36, 1.3, skin=1, hair="bun", hair_colour=1, shirt=BLUE)
        + [line("M46,56 l8,14 l8,-14", 3), rect(48, 70, 12, 10, WHITE, 2), rect(80, 64, 26, 34, YELLOW, 3)]
    ),
    "interpreter": lambda: (
        person(60, 62, 1.0, skin=2, hair="scarf", shirt=BLUE)
        + bubble(4, 10, 40, 28, WHITE, "right")
        + [dot(16, 24), dot(24, 24), dot(32, 24)]
        + bubble(76, 10, 40, 28, YELLOW, "left")
        + [line("M84,24 q4,-6 8,0 q4,6 8,0 q4,-6 8,0", 3)]
    ),
    "child": lambda: person(60, 46, 1.25, skin=3, hair="bun", hair_colour=2, shirt=YELLOW),
    "children": lambda: (
        person(36, 50, 0.9, skin=1, hair="curly", shirt=YELLOW)
        + person(84, 50, 0.9, skin=0, hair="long", hair_colour=3, shirt=BLUE)
    ),
    "baby": lambda: (
        [path("M30,70 q0,-30 30,-30 q30,0 30,30 q0,24 -30,24 q-30,0 -30,-24 z", PALE), circle(60, 52, 17, SKINS[1])]
        + face(60, 54, 0.9)
        + [line("M30,72 q30,14 60,0", 5)]
    ),
    "school": lambda: [
        rect(14, 50, 92, 50, YELLOW, 2),
        path("M8,52 L60,22 L112,52 z", BLUE),
        line("M60,22 v-14", 4),
        path("M60,8 h16 l-4,5 l4,5 h-16 z", YELLOW),
        rect(50, 74, 20, 26, WHITE, 2),
        rect(22, 62, 18, 14, WHITE, 2),
        rect(80, 62, 18, 14, WHITE, 2),
    ],
    "teacher": lambda: (
        [rect(52, 14, 62, 44, PALE, 4), line("M62,28 h36 M62,40 h24", 4)]
        + person(34, 48, 1.0, skin=2, hair="short", shirt=YELLOW)
    ),
    "doctor": lambda: (
        person(56, 38, 1.4, skin=0, hair="short", hair_colour=2, shirt=WHITE)
        + [
            line("M44,64 q-4,18 10,20 q14,-2 10,-20", 4),
            circle(54, 86, 4, BLUE),
            rect(86, 16, 24, 24, WHITE, 4),
            line("M98,21 v14 M91,28 h14", 5),
        ]
    ),
    "nurse": lambda: (
        person(60, 40, 1.4, skin=2, hair="bun", hair_colour=0, shirt=PALE)
        + [rect(70, 76, 14, 14, WHITE, 2), line("M77,79 v8 M73,83 h8", 3)]
    ),
    "police": lambda: (
        person(60, 44, 1.4, skin=1, hair="none", shirt=BLUE)
        + [path("M38,32 q22,-22 44,0 v4 h-44 z", BLUE), rect(34, 32, 52, 7, INK, 2), circle(60, 24, 4, YELLOW)]
    ),
    "advocate": lambda: (
        person(40, 56, 1.1, skin=3, hair="long", hair_colour=2, shirt=YELLOW)
        + bubble(62, 10, 52, 34, WHITE, "left")
        + [tick(88, 27, 0.8, 6)]
    ),
    "lawyer": lambda: (
        person(44, 38, 1.25, skin=2, hair="short", hair_colour=1, shirt=INK)
        + [line("M44,58 l-6,20 l6,8 l6,-8 z", 3), rect(74, 74, 38, 28, YELLOW, 4), line("M86,74 v-6 h14 v6", 4)]
    ),
    "court": lambda: [
        path("M10,40 L60,12 L110,40 z", YELLOW),
        rect(14, 40, 92, 8, WHITE, 1),
        *[rect(x, 50, 10, 38, WHITE, 1) for x in (22, 44, 66, 88)],
        rect(8, 90, 104, 12, BLUE, 2),
    ],
    "judge": lambda: (
        person(60, 40, 1.3, skin=0, hair="none", shirt=INK)
        + [path("M43,30 q-6,24 2,32 M77,30 q6,24 -2,32", WHITE), path("M45,32 a15,15 0 0 1 30,0 z", WHITE)]
    ),
    "phone": lambda: phone_shape(38, 26, 40, 70) + sound_waves(88, 52),
    "helpline": lambda: (
        person(60, 44, 1.4, skin=3, hair="curly", hair_colour=0, shirt=YELLOW)
        + [
            line("M38,44 a22,22 0 0 1 44,0", 6),
            rect(32, 40, 10, 16, BLUE, 3),
            rect(78, 40, 10, 16, BLUE, 3),
            line("M84,56 q0,14 -16,14", 4),
            circle(66, 70, 4, BLUE),
        ]
    ),
    "letter": lambda: [rect(14, 30, 92, 62, WHITE, 6), line("M16,33 L60,66 L104,33", 5), heart(88, 64, 0.5)],
    "calendar": lambda: calendar_shape(20, 24),
    "review": lambda: (
        calendar_shape(10, 30, 66, 62, mark=False)
        + [line("M96,34 a18,18 0 1 1 -14,-4", 5), path("M80,22 l6,10 l-11,2 z", INK)]
    ),
    "house": lambda: house_shape(20, 18),
    "safe-place": lambda: house_shape(20, 18, fill=WHITE) + [heart(60, 46, 0.7)],
    "plan": lambda: (
        [rect(24, 16, 72, 90, YELLOW, 6), rect(32, 28, 56, 70, WHITE, 2), rect(46, 10, 28, 12, BLUE, 3)]
        + [
            tick(44, 44, 0.45, 4),
            line("M56,44 h24", 4),
            tick(44, 62, 0.45, 4),
            line("M56,62 h24", 4),
            tick(44, 80, 0.45, 4),
            line("M56,80 h24", 4),
        ]
    ),
    "report": lambda: (
        paper(24, 14, 72, 92, 2)
        + [rect(36, 72, 12, 22, BLUE, 1), rect(54, 58, 12, 36, YELLOW, 1), rect(72, 48, 12, 46, BLUE, 1)]
    ),
    "pen-paper": lambda: (
        paper(14, 14, 66, 88, 6) + [path("M100,30 l10,10 l-42,42 l-14,4 l4,-14 z", YELLOW), line("M92,38 l10,10", 4)]
    ),
    "book": lambda: (
        [
            path("M60,30 q-24,-12 -48,-4 v64 q24,-8 48,4 z", WHITE),
            path("M60,30 q24,-12 48,-4 v64 q-24,-8 -48,4 z", YELLOW),
        ]
        + [line("M20,40 q16,-4 32,2 M20,54 q16,-4 32,2 M68,42 q16,-6 32,-2 M68,56 q16,-6 32,-2", 3)]
    ),
    "key-words": lambda: [
        circle(38, 60, 20, YELLOW),
        circle(38, 60, 7, WHITE),
        path("M56,54 h52 v12 h-8 v10 h-10 v-10 h-10 v10 h-10 v-10 h-14 z", YELLOW),
    ],
    "clock": lambda: clock_shape(60, 60, 44),
    "door": lambda: [rect(28, 10, 64, 100, WHITE, 3), rect(36, 18, 48, 92, YELLOW, 2), circle(74, 64, 5, BLUE)],
    "leave-quickly": lambda: [
        rect(10, 14, 56, 92, YELLOW, 3),
        circle(54, 62, 4, BLUE),
        line("M70,60 h38 M94,46 l14,14 l-14,14", 7),
    ],
    "talking": lambda: (
        person(36, 58, 1.1, skin=1, hair="bun", hair_colour=0, shirt=BLUE)
        + bubble(58, 10, 56, 36, YELLOW, "left")
        + [line("M68,24 h36 M68,34 h24", 4)]
    ),
    "listening": lambda: (
        [
            path("M44,96 q-24,0 -24,-30 v-16 a32,32 0 0 1 64,0 q0,18 -14,26 q-10,6 -10,14 q0,6 -16,6 z", SKINS[2]),
            line("M40,52 a14,14 0 0 1 28,0 q0,10 -10,14", 5),
        ]
        + sound_waves(96, 50)
    ),
    "question": lambda: bubble(14, 14, 92, 70, YELLOW, "left") + question_mark(58, 48, 1.6),
    "hand-up": lambda: (
        person(48, 54, 1.2, skin=0, hair="curly", hair_colour=3, shirt=BLUE)
        + [line("M74,78 L86,20", 9), circle(87, 16, 8, SKINS[0])]
    ),
    "computer": lambda: [
        rect(20, 20, 80, 54, BLUE, 6),
        rect(28, 28, 64, 38, WHITE, 2),
        path("M8,84 h104 l-8,14 h-88 z", YELLOW),
    ],
    "video-call": lambda: (
        [rect(20, 16, 80, 58, BLUE, 6), rect(28, 24, 64, 42, PALE, 2), path("M8,84 h104 l-8,14 h-88 z", YELLOW)]
        + person(60, 38, 0.6, skin=2, hair="long", hair_colour=1, shirt=YELLOW)
    ),
    "lock": lambda: [
        line("M42,52 v-12 a18,18 0 0 1 36,0 v12", 7),
        rect(30, 50, 60, 50, YELLOW, 8),
        circle(60, 70, 6, INK),
        line("M60,74 v12", 5),
    ],
    "bin": lambda: [
        path("M30,34 h60 l-6,66 h-48 z", BLUE),
        rect(24, 24, 72, 10, WHITE, 3),
        line("M50,24 v-6 h20 v6 M48,46 v42 M60,46 v42 M72,46 v42", 4),
    ],
    "warning": lambda: [path("M60,12 L108,98 H12 z", YELLOW), line("M60,42 v28", 8), dot(60, 84, 5)],
    "friend": lambda: (
        person(38, 48, 1.0, skin=2, hair="long", hair_colour=0, shirt=YELLOW)
        + person(82, 48, 1.0, skin=0, hair="short", hair_colour=3, shirt=BLUE)
        + [heart(60, 10, 0.7)]
    ),
    "agree": lambda: [circle(60, 60, 44, BLUE), tick(60, 60, 1.6, 10)],
    "disagree": lambda: (
        person(36, 58, 1.1, skin=3, hair="short", hair_colour=0, shirt=YELLOW)
        + bubble(60, 12, 52, 38, WHITE, "left")
        + [cross(86, 31, 0.7, 6)]
    ),
    "heart": lambda: [heart(60, 40, 2.2)],
    "star": lambda: [star(60, 60, 48)],
    "scales": lambda: [
        line("M60,18 v74 M22,34 h76", 6),
        rect(40, 92, 40, 10, BLUE, 3),
        path("M8,62 l14,-28 l14,28 z", WHITE),
        path("M84,62 l14,-28 l14,28 z", WHITE),
        path("M6,62 h32 a16,10 0 0 1 -32,0 z", YELLOW),
        path("M82,62 h32 a16,10 0 0 1 -32,0 z", YELLOW),
    ],
    "steps": lambda: [path("M10,100 v-20 h26 v-20 h26 v-20 h26 v-20 h22 v80 z", YELLOW), star(28, 34, 12)],
    "bag": lambda: [
        rect(16, 40, 88, 60, BLUE, 10),
        line("M44,40 v-12 a6,6 0 0 1 6,-6 h20 a6,6 0 0 1 6,6 v12", 6),
        rect(16, 58, 88, 8, YELLOW, 0),
    ],
    "cup": lambda: [
        path("M24,40 h60 v34 a22,22 0 0 1 -22,22 h-16 a22,22 0 0 1 -22,-22 z", YELLOW),
        line("M84,50 h8 a10,10 0 0 1 0,20 h-8", 6),
        line("M44,30 q-6,-8 0,-16 M62,30 q-6,-8 0,-16", 4),
    ],
    "printer": lambda: [
        rect(34, 14, 52, 30, WHITE, 2),
        rect(14, 40, 92, 40, BLUE, 8),
        rect(30, 66, 60, 40, WHITE, 2),
        line("M40,80 h40 M40,92 h28", 3),
        dot(94, 52, 4),
    ],
    "eye": lambda: [path("M8,60 q52,-52 104,0 q-52,52 -104,0 z", WHITE), circle(60, 60, 18, BLUE), dot(60, 60, 7)],
    "magnifier": lambda: [circle(50, 50, 30, PALE), line("M72,72 l30,30", 12)],
    "notebook": lambda: (
        [rect(26, 12, 70, 96, YELLOW, 6), rect(36, 24, 50, 72, WHITE, 2), line("M44,40 h34 M44,54 h34 M44,68 h22", 4)]
        + [circle(26, y, 5, WHITE) for y in (30, 60, 90)]
    ),
    "signpost": lambda: [
        line("M60,18 v86", 8),
        path("M28,24 h58 l12,10 l-12,10 h-58 z", YELLOW),
        path("M92,54 h-58 l-12,10 l12,10 h58 z", BLUE),
    ],
    "handshake": lambda: [
        rect(4, 48, 30, 26, BLUE, 4),
        rect(86, 48, 30, 26, YELLOW, 4),
        rect(30, 46, 42, 30, SKINS[1], 14),
        rect(50, 42, 42, 30, SKINS[3], 14),
        line("M60,52 h22 M60,62 h22", 4),
    ],
    "map": lambda: [
        path("M12,24 l30,-10 l36,10 l30,-10 v80 l-30,10 l-36,-10 l-30,10 z", PALE),
        line("M42,14 v80 M78,24 v80", 4),
        circle(62, 50, 10, YELLOW),
        line("M62,60 v16", 5),
    ],
}


def svg(elements):
    body = "".join(elements)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="120" height="120">'
        f'<g stroke="{INK}" stroke-width="5" stroke-linecap="round" stroke-linejoin="round">{body}</g></svg>\n'
    )


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.svg"):
        if old.stem not in PICTURES:
            old.unlink()
    for name, draw in PICTURES.items():
        (OUT / f"{name}.svg").write_text(svg(draw()), encoding="utf-8")
    print(f"{len(PICTURES)} pictures in {OUT}")


if __name__ == "__main__":
    main()
