"""Read and check: YAML with positions, records, validation, cross-checks, messages."""
