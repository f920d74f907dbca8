// Create relationships known not to exist (checked in the same transaction, under the model's
// lock): no MERGE lookup between the ends. Both ends must exist: the caller compares `written`.
UNWIND $rows AS row
MATCH (a:Element {id: row.from})
MATCH (b:Element {id: row.to})
FOREACH (_ IN CASE row.type WHEN 'INCLUDES' THEN [1] ELSE [] END | CREATE (a)-[r:INCLUDES]->(b) SET r = row.props)
FOREACH (_ IN CASE row.type WHEN 'PROVIDED_BY' THEN [1] ELSE [] END | CREATE (a)-[r:PROVIDED_BY]->(b) SET r = row.props)
FOREACH (_ IN CASE row.type WHEN 'SUPPLIED_BY' THEN [1] ELSE [] END | CREATE (a)-[r:SUPPLIED_BY]->(b) SET r = row.props)
FOREACH (_ IN CASE row.type WHEN 'RUNS_ON' THEN [1] ELSE [] END | CREATE (a)-[r:RUNS_ON]->(b) SET r = row.props)
FOREACH (_ IN CASE row.type WHEN 'DELIVERED_THROUGH' THEN [1] ELSE [] END | CREATE (a)-[r:DELIVERED_THROUGH]->(b) SET r = row.props)
FOREACH (_ IN CASE row.type WHEN 'USES' THEN [1] ELSE [] END | CREATE (a)-[r:USES]->(b) SET r = row.props)
FOREACH (_ IN CASE row.type WHEN 'MASTERED_IN' THEN [1] ELSE [] END | CREATE (a)-[r:MASTERED_IN]->(b) SET r = row.props)
FOREACH (_ IN CASE row.type WHEN 'CONNECTS' THEN [1] ELSE [] END | CREATE (a)-[r:CONNECTS]->(b) SET r = row.props)
FOREACH (_ IN CASE row.type WHEN 'INTERACTS_WITH' THEN [1] ELSE [] END | CREATE (a)-[r:INTERACTS_WITH]->(b) SET r = row.props)
FOREACH (_ IN CASE row.type WHEN 'CONSUMES' THEN [1] ELSE [] END | CREATE (a)-[r:CONSUMES]->(b) SET r = row.props)
FOREACH (_ IN CASE row.type WHEN 'OWNS' THEN [1] ELSE [] END | CREATE (a)-[r:OWNS]->(b) SET r = row.props)
FOREACH (_ IN CASE row.type WHEN 'REQUIRES' THEN [1] ELSE [] END | CREATE (a)-[r:REQUIRES]->(b) SET r = row.props)
FOREACH (_ IN CASE row.type WHEN 'ATTESTS' THEN [1] ELSE [] END | CREATE (a)-[r:ATTESTS]->(b) SET r = row.props)
FOREACH (_ IN CASE row.type WHEN 'COVERS' THEN [1] ELSE [] END | CREATE (a)-[r:COVERS]->(b) SET r = row.props)
FOREACH (_ IN CASE row.type WHEN 'PROVIDER' THEN [1] ELSE [] END | CREATE (a)-[r:PROVIDER]->(b) SET r = row.props)
FOREACH (_ IN CASE row.type WHEN 'CONSUMER' THEN [1] ELSE [] END | CREATE (a)-[r:CONSUMER]->(b) SET r = row.props)
FOREACH (_ IN CASE row.type WHEN 'SATISFIES' THEN [1] ELSE [] END | CREATE (a)-[r:SATISFIES]->(b) SET r = row.props)
FOREACH (_ IN CASE row.type WHEN 'REMEDIATES' THEN [1] ELSE [] END | CREATE (a)-[r:REMEDIATES]->(b) SET r = row.props)
RETURN count(*) AS written
