// The elements $ids with every relationship leaving them, and the COVERS, OWNS and CONSUMES
// relationships that point at them (agreements, owners and customers give them context).
UNWIND $ids AS id
MATCH (n:Element {id: id})
RETURN properties(n) AS props,
       [(n)-[r]->(m:Element) | {type: type(r), to: m.id, props: properties(r)}] AS out,
       [(s:Element)-[r:COVERS|OWNS|CONSUMES]->(n) | s.id] AS context
