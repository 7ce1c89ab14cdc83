"""What a person reads or hears of the engine: speech, the terminal title, desktop alerts, the
glance at the timers, the printable sheet and the charts of weeks."""
