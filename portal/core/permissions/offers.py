"""Rules on offers."""
