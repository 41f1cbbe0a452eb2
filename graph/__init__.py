"""The knowledge graph: schema, SQLite store, networkx view and linked-data export."""
