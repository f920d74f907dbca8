// Every scenario, by name.
MATCH (s:Scenario)
RETURN properties(s) AS scenario
ORDER BY s.name
