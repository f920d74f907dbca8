// Test only: the transactions writing a model import's rows right now (the import statements set
// each element and relationship from `row.props`).
SHOW TRANSACTIONS YIELD currentQuery
WHERE currentQuery CONTAINS 'row.props'
RETURN count(*) AS running
