"""A printable sheet of a routine: one self-contained HTML page.

Every step with its figure (inline SVG drawn from the same pose model as the braille), its
hold, reps and sides, then the routine's own warning signs and what to do in an emergency with
the number to call. Nothing is fetched: no scripts, no fonts, no images, no links. Every piece
of text from the routine is cleaned and HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from unknot.core.durations import format_duration
from unknot.core.figures.pose import Pose, Skeleton, skeleton
from unknot.core.format import routine as model
from unknot.core.safety.signs import NOT_ADVICE, EmergencyNumber, Sign, advice
from unknot.core.text import clean

MM_PER_UNIT = 3.5  # one head height on paper: a standing figure is about 26 mm tall
GAP = 1.6  # between the poses of a movement, in head heights

CSS = """
@page { margin: 12mm; }
* { box-sizing: border-box; }
body { font: 10pt/1.35 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial,
       sans-serif; color: #111; margin: 0 auto; max-width: 190mm; padding: 8mm 0; }
h1 { font-size: 17pt; margin: 0 0 1mm; }
.meta, .source { color: #444; margin: 0 0 1.5mm; }
.steps { list-style: none; padding: 0; margin: 3mm 0; display: grid;
         grid-template-columns: repeat(3, 1fr); gap: 3mm; }
.step { border: 0.3mm solid #999; border-radius: 2mm; padding: 2mm 2.5mm;
        break-inside: avoid; page-break-inside: avoid; }
.step h2 { font-size: 10.5pt; margin: 0 0 1mm; }
.step h2 .n { color: #666; font-weight: normal; }
.figure { display: flex; justify-content: center; align-items: flex-end; min-height: 14mm;
          margin: 1mm 0; }
.figure svg { max-width: 100%; height: auto; }
.dose { font-weight: 600; margin: 0 0 0.8mm; }
.how { white-space: pre-line; margin: 0; }
.stop { margin: 1mm 0 0; color: #8a1c00; }
.signs { border: 0.6mm solid #8a1c00; border-radius: 2mm; padding: 2.5mm 3.5mm; margin: 3mm 0;
         break-inside: avoid; page-break-inside: avoid; }
.signs h2 { font-size: 11pt; margin: 0 0 1mm; }
.signs ul { margin: 0.5mm 0 1.5mm; padding-left: 5mm; }
.call { font-size: 13pt; font-weight: 700; }
.small { color: #444; font-size: 8.5pt; }
@media print {
  body { padding: 0; max-width: none; }
  .steps { grid-template-columns: repeat(3, 1fr); }
}
@media screen and (max-width: 150mm) {
  .steps { grid-template-columns: 1fr; }
}
"""


def _text(value: str) -> str:
    """Text from a routine file, safe inside HTML."""
    return html.escape(clean(value), quote=True)


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def figure_svg(poses: Sequence[Pose], label: str) -> str:
    """The poses of a step side by side at one scale, as an inline SVG with a text label."""
    shapes = [skeleton(p) for p in poses]
    boxes = [s.bounds() for s in shapes]
    height = max(b[3] for b in boxes) - min(min(b[1] for b in boxes), 0.0)
    top = max(b[3] for b in boxes)
    parts: list[str] = []
    x = 0.0
    for i, (shape, box) in enumerate(zip(shapes, boxes, strict=True)):
        if i:
            parts.append(_arrow(x, top - height / 2))
            x += GAP
        parts.append(_figure(shape, x - box[0], top))
        x += box[2] - box[0]
    pad = 0.3
    width = x + 2 * pad
    total = height + 2 * pad
    return (
        f'<svg viewBox="{_n(-pad)} {_n(-pad)} {_n(width)} {_n(total)}" '
        f'width="{_n(width * MM_PER_UNIT)}mm" height="{_n(total * MM_PER_UNIT)}mm" '
        f'role="img" aria-label="{_text(label)}">'
        f"<title>{_text(label)}</title>"
        '<g fill="none" stroke="#111" stroke-width="0.2" stroke-linecap="round" '
        f'stroke-linejoin="round">{"".join(parts)}</g></svg>'
    )


def _figure(shape: Skeleton, dx: float, top: float) -> str:
    """One skeleton, moved right by `dx`, with y flipped so the floor is at the bottom."""

    def pt(p: tuple[float, float]) -> str:
        return f"{_n(p[0] + dx)},{_n(top - p[1])}"

    out = [f'<polyline points="{" ".join(pt(p) for p in s)}"/>' for s in shape.strokes]
    hx, hy = shape.head
    out.append(f'<circle cx="{_n(hx + dx)}" cy="{_n(top - hy)}" r="{_n(shape.head_radius)}"/>')
    if shape.floor:
        x0, _, x1, _ = shape.bounds()
        out.append(
            f'<line x1="{_n(x0 + dx - 0.2)}" y1="{_n(top)}" x2="{_n(x1 + dx + 0.2)}" '
            f'y2="{_n(top)}" stroke="#888" stroke-width="0.12" stroke-dasharray="0.3 0.25"/>'
        )
    return "".join(out)


def _arrow(x: float, y: float) -> str:
    """A two-way arrow between the poses of a movement: there and back."""
    a, b = x + 0.25, x + GAP - 0.25
    return (
        f'<path d="M{_n(a)},{_n(y)} H{_n(b)} M{_n(a + 0.35)},{_n(y - 0.3)} L{_n(a)},{_n(y)} '
        f"L{_n(a + 0.35)},{_n(y + 0.3)} M{_n(b - 0.35)},{_n(y - 0.3)} L{_n(b)},{_n(y)} "
        f'L{_n(b - 0.35)},{_n(y + 0.3)}" stroke="#666" stroke-width="0.12"/>'
    )


def dose(step: model.Step) -> str:
    """Hold, reps, sides and rest of a step, in a few words."""
    parts: list[str] = []
    if isinstance(step, model.Stretch):
        parts.append(f"hold {format_duration(step.hold)}")
        if step.reps > 1:
            parts.append(f"{step.reps} times")
    elif isinstance(step, model.Exercise):
        parts.append(f"{step.reps} reps")
        if step.pace:
            parts.append(f"{format_duration(step.pace)} each")
    elif isinstance(step, model.Rest):
        parts.append(f"rest {format_duration(step.duration)}")
    elif isinstance(step, model.Breathe):
        rhythm = f"in {format_duration(step.inhale)}"
        if step.pause:
            rhythm += f", hold {format_duration(step.pause)}"
        parts.append(
            f"{format_duration(step.duration)}: {rhythm}, out {format_duration(step.exhale)}"
        )
    elif isinstance(step, model.Therapy):
        word = "cold" if step.kind == "ice" else "heat"
        parts.append(f"{word} {format_duration(step.on)} on, {format_duration(step.off)} off")
        if step.cycles > 1:
            parts.append(f"{step.cycles} times")
    elif isinstance(step, model.Check):
        parts.append("check-in: pain 0-10 and warning signs")
    sides = getattr(step, "sides", ())
    if sides:
        parts.append("each side" if tuple(sides) == model.SIDE_NAMES else " then ".join(sides))
    # A stretch rests between its holds and sides; an exercise only between sides.
    rest = getattr(step, "rest", 0.0)
    rests = (isinstance(step, model.Stretch) and (step.reps > 1 or len(sides) > 1)) or (
        isinstance(step, model.Exercise) and len(sides) > 1
    )
    if rest and rests:
        parts.append(f"rest {format_duration(rest)} between")
    return " · ".join(parts)


def _title(step: model.Step) -> str:
    if isinstance(step, model.Rest):
        return "Rest"
    if isinstance(step, model.Note):
        return "Before you go on"
    return step.title


def _step(index: int, step: model.Step) -> str:
    title = _title(step)
    body = [f'<h2><span class="n">{index}.</span> {_text(title)}</h2>']
    if step.figure:
        label = f"Figure: {title}"
        body.append(f'<div class="figure">{figure_svg(step.figure, label)}</div>')
    words = dose(step)
    if words:
        body.append(f'<p class="dose">{_text(words)}</p>')
    how = step.title if isinstance(step, model.Note) else step.how
    if how:
        body.append(f'<p class="how">{_text(how.strip())}</p>')
    if step.stop_if:
        body.append(f'<p class="stop">Stop if: {_text("; ".join(step.stop_if))}</p>')
    return f'<li class="step">{"".join(body)}</li>'


def sheet_html(
    routine: model.Routine, number: EmergencyNumber, emergency_signs: Sequence[Sign] = ()
) -> str:
    """The whole page for `routine`: its steps, its warning signs and the emergency number."""
    meta = []
    if routine.description:
        meta.append(f'<p class="meta">{_text(routine.description)}</p>')
    if routine.source:
        meta.append(f'<p class="source">Source: {_text(routine.source)}</p>')
    if routine.rounds > 1:
        meta.append(f'<p class="meta">Do all the steps {routine.rounds} times.</p>')
    steps = "".join(_step(i, s) for i, s in enumerate(routine.steps, 1))
    own = [*routine.stop_if]
    for step in routine.steps:
        own += [s for s in step.stop_if if s not in own]
    emergency = advice("emergency", number, in_routine=False)
    signs = ['<section class="signs">']
    if own:
        signs.append("<h2>Stop this routine if you notice</h2><ul>")
        signs += [f"<li>{_text(s)}</li>" for s in own]
        signs.append("</ul>")
    signs.append(f'<p class="call">{_text(" ".join(emergency.actions))}</p>')
    if emergency_signs:
        signs.append("<p>Call at once if you have any of these:</p><ul>")
        signs += [f"<li>{_text(s.words)}</li>" for s in emergency_signs]
        signs.append("</ul>")
    signs.append(
        '<p class="small">Move slowly, only as far as is comfortable, and never bounce. '
        "<code>unknot signs</code> prints every warning sign with what to do.</p>"
    )
    signs.append(f'<p class="small">{_text(NOT_ADVICE)}</p></section>')
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_text(routine.name)}</title><style>{CSS}</style></head><body>"
        f"<h1>{_text(routine.name)}</h1>{''.join(meta)}"
        f'<ol class="steps">{steps}</ol>{"".join(signs)}</body></html>\n'
    )
