"""The model: documents, their validation, the import and export, elements one at a time."""
