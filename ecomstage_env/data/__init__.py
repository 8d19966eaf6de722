"""Scenario data: schemas, loaders and validation."""
