// Create or overwrite elements: the properties become exactly the row's; the type is a second label
// (row.type comes from the schema's ElementType list, never from free text).
UNWIND $rows AS row
MERGE (e:Element {id: row.id})
SET e = row.props
SET e:$(row.type)
RETURN count(e) AS written
