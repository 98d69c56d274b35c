-- wrk script: publishes the seeded result files in turn, each kommun with its own token and a
-- new title every time, so every request stores a new current result (201) and keeps the old
-- one as history. Argument: a file of lines "TOKEN PATH".
local tokens, bodies = {}, {}
local counter = 0
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  local list = io.open(args[1])
  for line in list:lines() do
    local token, file = line:match("^(%S+) (%S+)$")
    local f = io.open(file)
    bodies[#bodies + 1] = f:read("*a")
    f:close()
    tokens[#tokens + 1] = token
  end
  list:close()
  counter = id * 100000
end

function request()
  counter = counter + 1
  local i = counter % #bodies + 1
  local body = bodies[i]:gsub('"title": "[^"]*"', '"title": "Last ' .. counter .. '"', 1)
  return wrk.format("POST", "/api/v1/published",
    { ["Authorization"] = "Bearer " .. tokens[i], ["Content-Type"] = "application/json" }, body)
end
