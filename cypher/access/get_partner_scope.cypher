// The part of the graph a partner key of $organization sees (docs/security.md, "Partner scope").
// own: what it OWNS or what is PROVIDED_BY it; suppliers: its SUPPLIED_BY closure (tiers below it);
// offerings: the service packages that include its own elements, directly or through sub-packages
// (shown as context: id, name and type only); buyers: the organisations whose SUPPLIED_BY closure
// holds it, and the owners of those offerings (context too: who requires what of it); requirements: those it or a supplier ATTESTS, and
// those in force for it (it, its buyers, its offerings and its own elements REQUIRE them, or its
// own elements SATISFY them); agreements: those that COVER an element of the scope or name it as
// PROVIDER or CONSUMER. The variable-length patterns use distinct end nodes only, so they plan as
// pruning breadth-first searches (no path enumeration; cycles terminate).
MATCH (org:Element {id: $organization})
WHERE org:Organization
WITH org,
     COLLECT { MATCH (org)-[:OWNS]->(e:Element) RETURN e.id AS id
               UNION
               MATCH (e:Element)-[:PROVIDED_BY]->(org) RETURN e.id AS id } AS own,
     COLLECT { MATCH (org)-[:SUPPLIED_BY*1..]->(s) RETURN DISTINCT s.id } AS suppliers,
     COLLECT { MATCH (b)-[:SUPPLIED_BY*1..]->(org) RETURN DISTINCT b.id } AS supplied
WITH org, own, suppliers, supplied,
     COLLECT { UNWIND own AS id
               MATCH (:Element {id: id})<-[:INCLUDES*1..]-(p)
               RETURN DISTINCT p.id } AS offerings
WITH org, own, suppliers, offerings,
     supplied + COLLECT { UNWIND offerings AS id
                          MATCH (:Element {id: id})<-[:OWNS]-(o:Organization)
                          RETURN DISTINCT o.id } AS buyers
WITH org, own, suppliers, offerings, buyers,
     COLLECT { UNWIND [org.id] + suppliers AS id
               MATCH (:Element {id: id})-[:ATTESTS]->(r:Requirement) RETURN r.id AS id
               UNION
               UNWIND [org.id] + buyers + offerings + own AS id
               MATCH (:Element {id: id})-[:REQUIRES|SATISFIES]->(r:Requirement) RETURN r.id AS id } AS requirements
WITH org, own, suppliers, offerings, buyers, requirements, [org.id] + own + suppliers + requirements AS core
RETURN own, suppliers, offerings, buyers, requirements,
       COLLECT { UNWIND core AS id
                 MATCH (a:Agreement)-[:COVERS]->(:Element {id: id}) RETURN a.id AS id
                 UNION
                 MATCH (a:Agreement)-[:PROVIDER|CONSUMER]->(org) RETURN a.id AS id } AS agreements
