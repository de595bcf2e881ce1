"""crosscase: cross-case comparative synthesis of case study research."""

__version__ = "0.1.0"
