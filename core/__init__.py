"""scrutiny-graph: find what public bodies promised about children's services."""

__version__ = "0.1.0"
