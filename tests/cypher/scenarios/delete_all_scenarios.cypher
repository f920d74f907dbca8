// Tests only: every scenario removed, so each test starts without any.
MATCH (s:Scenario)
DELETE s
