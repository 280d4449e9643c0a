"""Click commands beyond the core ones, one module per command family."""
