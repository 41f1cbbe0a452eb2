"""Turn files into typed records: canonical text, passages with spans, extracted entities."""
