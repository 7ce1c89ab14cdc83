"""The medical rules: warning signs and what to do, the day's stop, check-ins, the pain diary,
and every word about a pack on the skin."""
