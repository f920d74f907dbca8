// Replace mode, for history: the stored properties of every element whose id is not in $keep
// (those the import removes).
MATCH (e:Element)
WHERE NOT e.id IN $keep
RETURN properties(e) AS props
