"""Extractors: find recommendations, responses, findings, commitments, meetings,
organisations, people, themes and named cases in a document's canonical text."""
