// One scenario by name.
MATCH (s:Scenario {name: $name})
RETURN properties(s) AS scenario
