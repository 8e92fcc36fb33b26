"""signpost: walk a YAML decision tree to a cited plan of next steps and contacts."""

__version__ = "0.1.0"
