"""Worlds: simulated shop state and the tools agents use on it."""
