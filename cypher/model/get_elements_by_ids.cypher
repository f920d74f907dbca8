// The stored form of the elements among $ids that exist.
UNWIND $ids AS id
MATCH (e:Element {id: id})
RETURN e.id AS id, e.type AS type, properties(e) AS props
