// Remove a whole migration chain (used by tests on their throwaway chains only).
MATCH (m:$($label))
DETACH DELETE m
