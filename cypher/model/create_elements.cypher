// Create elements known not to exist (checked in the same transaction, under the model's lock):
// no MERGE lookup. The uniqueness constraint on Element.id still refuses a duplicate.
UNWIND $rows AS row
CREATE (e:Element)
SET e = row.props
SET e:$(row.type)
RETURN count(e) AS written
