"""Search: the embedder, the faiss vector index and ranking."""
