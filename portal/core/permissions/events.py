"""Rules on events."""
