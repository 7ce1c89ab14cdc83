"""The files people write: routines, poses and programmes in YAML, read into the typed model
with every problem located, and the schema and template that describe them."""
