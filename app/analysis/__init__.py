"""Analyses of spec/analysis.md: pure Python over a subgraph fetched from Neo4j."""
