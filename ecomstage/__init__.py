"""Alias."""
