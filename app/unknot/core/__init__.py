"""The engine: routines, plans, sessions and safety. Never imports Textual."""
