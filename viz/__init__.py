"""Interactive pictures (pyvis) of the analyses' answers."""
