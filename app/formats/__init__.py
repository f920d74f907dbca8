"""Models in and out of other tools: The Open Group's ArchiMate exchange format, Archi's own
file and CSV, GraphML (docs/archimate.md)."""
