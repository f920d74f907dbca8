// Lookups and filters of the element list and the analyses.
CREATE INDEX element_type IF NOT EXISTS FOR (e:Element) ON (e.type);

CREATE INDEX element_pillar IF NOT EXISTS FOR (e:Element) ON (e.pillar);

CREATE INDEX element_name IF NOT EXISTS FOR (e:Element) ON (e.name);

CREATE INDEX element_lifecycle IF NOT EXISTS FOR (e:Element) ON (e.lifecycle);

// Search (`q`) over names and descriptions.
CREATE FULLTEXT INDEX element_text IF NOT EXISTS FOR (e:Element) ON EACH [e.name, e.description];
