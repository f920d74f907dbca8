// Tests only: a query that runs for many seconds in constant memory (a stream of numbers,
// counted), for the server-side timeout.
UNWIND range(1, $up_to) AS n
WITH n WHERE n % 7 = 0
RETURN count(n) AS found
