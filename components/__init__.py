"""Reusable UI pieces: the frame, forms, error pages."""
