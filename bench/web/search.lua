-- wrk script: each request searches one of the queries in $PAPERBOY_QUERIES (one a line), in turn,
-- so that the 1,000 distinct SciFact claims keep any cache from answering them all.
local queries = {}
local path = os.getenv("PAPERBOY_QUERIES")
for line in io.lines(path) do
  if #line > 0 then
    queries[#queries + 1] = line:gsub("([^%w%-%.%_%~ ])", function(c) return string.format("%%%02X", string.byte(c)) end):gsub(" ", "+")
  end
end
local prefix = os.getenv("PAPERBOY_SEARCH_PATH") or "/search?q="
local counter = 0

function setup(thread)
  thread:set("offset", counter * 337)
  counter = counter + 1
end

function request()
  offset = offset + 1
  return wrk.format("GET", prefix .. queries[(offset % #queries) + 1])
end
