"""The engine and everything it knows, without a face: never imports Textual, a store or sound.

Its parts, each importing only those listed before it:
- the modules here: clocks, durations, limits, numbers, saved-state reading and safe text;
- `figures`: the stick-figure model and its drawing;
- `format`: the YAML files people write (routines, poses, programmes) and the typed model;
- `safety`: warning signs, the day's stop, check-ins, the diary and the words about skin;
- `engine`: the visit and what it runs (plans, sessions, cold/heat, reminders, prompts);
- `words`: what a person reads or hears of it (speech, titles, alerts, sheets, charts).
"""
