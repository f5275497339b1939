-- Cycles each wrk thread through the paths of a file, one path a line, so that no single cached answer serves them all.
-- Usage: wrk ... -s bench/wrk/cycle.lua http://127.0.0.1:5099 -- PATHS_FILE
local paths = {}
local next_index = 1

init = function(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  if #paths == 0 then
    error("no paths in " .. args[1])
  end
  -- Threads start at different places in the list.
  next_index = math.random(#paths)
end

request = function()
  next_index = next_index % #paths + 1
  return wrk.format("GET", paths[next_index])
end
