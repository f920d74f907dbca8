// How many elements the model holds.
MATCH (e:Element)
RETURN count(e) AS elements
