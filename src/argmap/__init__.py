"""argmap: debate-prep argument maps as YAML trees of claims, premises and rebuttals."""

__version__ = "0.1.0"
