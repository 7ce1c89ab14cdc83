"""The visit and what it runs: plans, sessions, cold/heat applications, reminders, and the
typed prompts, records and signals between it and the faces."""
