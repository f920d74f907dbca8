// Store a scenario, new or replaced: its base revision, change set (JSON) and who saved it when.
MERGE (s:Scenario {name: $name})
SET s.base = $base, s.description = $description, s.who = $who, s.changes_json = $changes_json,
    s.updated_at = toString(datetime())
RETURN properties(s) AS scenario
