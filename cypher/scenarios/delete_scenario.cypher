// Delete a scenario; answers its name when it existed.
MATCH (s:Scenario {name: $name})
WITH s, s.name AS name
DELETE s
RETURN name
