// Scenarios (docs/scenarios.md): one node each, found by its unique name.
CREATE CONSTRAINT scenario_name_unique IF NOT EXISTS
FOR (s:Scenario) REQUIRE s.name IS UNIQUE;
