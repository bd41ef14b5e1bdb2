"""What the tests share (no tests here): the page check, the services some tests start, and the steps of
each journey (a worker starting a Three Houses, a parent going through the chat)."""
