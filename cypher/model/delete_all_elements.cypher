// Remove every model element and its relationships (never the migration chain).
MATCH (e:Element)
DETACH DELETE e
