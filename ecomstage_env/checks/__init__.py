"""Checks of data and grading: ``validate`` and ``audit``.

``validate`` asks whether the data is sound; ``audit`` whether its scores mean
understanding. Both sit above the env and the runner, which they use.
"""
