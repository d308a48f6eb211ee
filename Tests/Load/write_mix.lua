-- The durable write mix for wrk, so that the client costs little CPU and the figure is the server's:
--
--     wrk -t2 -c16 -d10s -s write_mix.lua http://127.0.0.1:PORT -- PLAN THREADS [KINDS [LIMIT]]
--
-- PLAN is written by write_mix_plan.py (sessions with their CSRF tokens, and claims in the state each
-- action needs, with their versions); THREADS is wrk's -t. Each thread sends, in turn, the forms
-- write_mix.py sends for one claim: create a claim, edit a draft, comment, upload a 100 KB PDF
-- (multipart, as a browser sends it, with different bytes each time), submit a draft, start a review,
-- approve. Every claim is used once. KINDS (say `comment,upload`) sends only those kinds, and LIMIT
-- stops each thread after that many of each (for instruction counts; the first thread sends one
-- fewer of its first kind, since wrk calls request() once to look at it before the run).
--
-- An action counts when the server answers 303 with the redirect that action makes; anything else
-- is refused and the first few are printed. A thread whose kind runs out of claims stops, and the
-- rate is taken over the time from the first request to the last answer, not wrk's -d. Requests
-- still on the wire when wrk stops are neither counted nor refused. Prints:
--     write mix (wrk): N actions in S s (A actions/s), R refused
--     by kind: create N, edit N, ...
--     latency of all actions: p50 X ms, p99 Y ms, max Z ms; socket errors: E

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } cpor_timespec;
  int clock_gettime(int clock, cpor_timespec *time);
]]
local timespec = ffi.new("cpor_timespec")
-- Seconds on the monotonic clock: wrk's own duration is always -d, even when the threads stop early.
local function now()
  ffi.C.clock_gettime(1, timespec)
  return tonumber(timespec.tv_sec) + tonumber(timespec.tv_nsec) / 1e9
end

local kinds = { "create", "edit", "comment", "upload", "submit", "start", "approve" }
local limit = math.huge
-- The redirect each action answers with when it is done.
local redirects = {
  created = "create", saved = "edit", commented = "comment", uploaded = "upload", submitted = "submit",
  start = "start", approve = "approve",
}

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local partners, partnersByOrganization, starters, approvers = {}, {}, {}, {}
local pools, taken = {}, {}
local pdf
-- Globals, so that done() can read each thread's tallies with thread:get.
accepted, refused, refusals = {}, {}, {}
firstSent, lastAnswered = nil, nil

function init(args)
  local plan, threadCount = args[1], tonumber(args[2])
  if args[3] and args[3] ~= "all" then
    kinds = {}
    for kind in args[3]:gmatch("[^,]+") do table.insert(kinds, kind) end
  end
  limit = tonumber(args[4] or "") or limit
  for _, kind in ipairs(kinds) do pools[kind], taken[kind], accepted[kind] = {}, 0, 0 end
  local seen = {}
  for line in io.lines(plan) do
    local role, organization, location, cookie, csrf = line:match("^session (%S+) (%S+) (%S+) (%S+) (%S+)$")
    if role == "partner" then
      local session = { cookie = cookie, csrf = csrf, organization = organization, location = location }
      table.insert(partners, session)
      partnersByOrganization[organization] = partnersByOrganization[organization] or {}
      table.insert(partnersByOrganization[organization], session)
    elseif role == "start" then
      table.insert(starters, { cookie = cookie, csrf = csrf })
    elseif role == "approve" then
      table.insert(approvers, { cookie = cookie, csrf = csrf })
    else
      local kind, number, version, owner = line:match("^claim (%S+) (%d+) (%d+) (%S+)$")
      -- Each thread takes every THREADS-th claim of a kind, so no claim is sent twice.
      seen[kind] = (seen[kind] or 0) + 1
      if seen[kind] % threadCount == id and pools[kind] then
        table.insert(pools[kind], { id = "C-" .. number, version = version, organization = owner })
      end
    end
  end
  math.randomseed(1000 + id)
  local bytes = {}
  for i = 1, 100000 do bytes[i] = string.char(math.random(0, 255)) end
  pdf = table.concat(bytes) .. "\n%%EOF\n"
end

local function pick(list) return list[counter % #list + 1] end

local function encode(fields)
  local parts = {}
  for _, field in ipairs(fields) do
    table.insert(parts, field[1] .. "=" .. tostring(field[2]):gsub("[^%w%-%._~]", function(c)
      return string.format("%%%02X", string.byte(c))
    end))
  end
  return table.concat(parts, "&")
end

local function form(path, session, fields)
  return wrk.format("POST", path, {
    ["Cookie"] = session.cookie, ["Content-Type"] = "application/x-www-form-urlencoded",
  }, encode(fields))
end

local function claimFields(n, session, name)
  local tenant = string.format("%08x-0000-4000-8000-%012x", n, id)
  return {
    { "name", name }, { "partner_location_id", session.location }, { "tenant_id", tenant },
    { "customer_domain", "w" .. id .. "-" .. n .. ".example" }, { "customer_name", "Customer " .. n },
    { "solution_area", "microsoft_365" }, { "products", "teams" }, { "activity", "usage_deployment" },
    { "subscription_id", "" }, { "customer_contact_name", "Nora North" }, { "customer_contact_title", "CIO" },
    { "customer_contact_email", "nora@w" .. n .. ".example" }, { "customer_contact_language", "" },
    { "partner_contact_name", "Ivan Incentives" }, { "partner_contact_email", "ivan@contoso.example" },
  }
end

local function upload(path, session, claim, n)
  local boundary = "----cporbench" .. id .. "x" .. n
  local function field(name, value)
    return "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. name .. "\"\r\n\r\n" .. value .. "\r\n"
  end
  local body = field("_csrf", session.csrf) .. field("version", claim.version)
    .. "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"documents\"; filename=\"poe-" .. n .. ".pdf\"\r\n"
    .. "Content-Type: application/pdf\r\n\r\n"
    -- Documents are stored by their SHA-256, so every upload carries bytes of its own.
    .. "%PDF-1.4\n% upload " .. id .. "-" .. n .. "\n%" .. pdf .. "\r\n--" .. boundary .. "--\r\n"
  return wrk.format("POST", path, {
    ["Cookie"] = session.cookie, ["Content-Type"] = "multipart/form-data; boundary=" .. boundary,
  }, body)
end

local function take(kind)
  taken[kind] = taken[kind] + 1
  if taken[kind] > limit then return nil end
  return kind == "create" and {} or pools[kind][taken[kind]]
end

function request()
  firstSent = firstSent or now()
  counter = counter + 1
  local kind = kinds[(counter - 1) % #kinds + 1]
  local n = counter
  local claim = take(kind)
  if claim == nil then
    -- Out of claims for this kind: this thread stops.
    wrk.thread:stop()
    return wrk.format("GET", "/healthz")
  end
  if kind == "create" then
    local session = pick(partners)
    local fields = claimFields(n, session, "Write mix claim " .. id .. "-" .. n)
    table.insert(fields, 1, { "_csrf", session.csrf })
    return form("/claims/new", session, fields)
  end
  if kind == "start" or kind == "approve" then
    local session = pick(kind == "start" and starters or approvers)
    local fields = { { "_csrf", session.csrf }, { "version", claim.version } }
    if kind == "approve" then
      table.insert(fields, { "comment", "" })
      table.insert(fields, { "confirmed", "yes" })
    end
    return form("/review/" .. claim.id .. "/" .. kind, session, fields)
  end
  local session = pick(partnersByOrganization[claim.organization])
  local path = "/claims/" .. claim.id
  if kind == "edit" then
    local fields = claimFields(n, session, "Write mix claim " .. id .. "-" .. n .. ", edited")
    table.insert(fields, 1, { "version", claim.version })
    table.insert(fields, 1, { "_csrf", session.csrf })
    return form(path .. "/edit", session, fields)
  elseif kind == "comment" then
    return form(path .. "/comments", session, { { "_csrf", session.csrf }, { "version", claim.version }, { "text", "note " .. n } })
  elseif kind == "upload" then
    return upload(path .. "/documents", session, claim, n)
  else
    return form(path .. "/submit", session, { { "_csrf", session.csrf }, { "version", claim.version } })
  end
end

function response(status, headers, body)
  lastAnswered = now()
  local location = headers["Location"] or headers["location"] or ""
  local kind = status == 303 and redirects[location:match("[?&]done=(%a+)") or ""]
  if kind then
    accepted[kind] = accepted[kind] + 1
  elseif location ~= "" or body == nil or not body:match("^ok") then
    local key = tostring(status)
    refused[key] = (refused[key] or 0) + 1
    if #refusals < 3 then
      local title = body and body:match("<title>(.-)</title>") or ""
      local alert = body and body:match('role="alert"[^>]*>(.-)</') or ""
      table.insert(refusals, status .. " " .. location .. " " .. title .. " " .. alert)
    end
  end
end

function done(summary, latency, requests)
  local totals, refusedTotals, examples = {}, {}, {}
  local started, ended = math.huge, 0
  for _, thread in ipairs(threads) do
    started = math.min(started, thread:get("firstSent") or math.huge)
    ended = math.max(ended, thread:get("lastAnswered") or 0)
    for key, value in pairs(thread:get("accepted")) do totals[key] = (totals[key] or 0) + value end
    for key, value in pairs(thread:get("refused")) do refusedTotals[key] = (refusedTotals[key] or 0) + value end
    for _, example in ipairs(thread:get("refusals")) do table.insert(examples, example) end
  end
  local actions, refusedCount = 0, 0
  local byKind = {}
  for _, kind in ipairs(kinds) do
    actions = actions + (totals[kind] or 0)
    table.insert(byKind, kind .. " " .. (totals[kind] or 0))
  end
  local byStatus = {}
  for status, count in pairs(refusedTotals) do
    refusedCount = refusedCount + count
    table.insert(byStatus, status .. ": " .. count)
  end
  local seconds = math.max(ended - started, 1e-6)
  io.write(string.format("write mix (wrk): %d actions in %.1f s (%.0f actions/s), %d refused%s\n", actions, seconds,
    actions / seconds, refusedCount, #byStatus > 0 and " (" .. table.concat(byStatus, ", ") .. ")" or ""))
  io.write("by kind: " .. table.concat(byKind, ", ") .. "\n")
  io.write(string.format("latency of all actions: p50 %.1f ms, p99 %.1f ms, max %.1f ms; socket errors: %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for i = 1, math.min(#examples, 5) do io.write("refused: " .. examples[i] .. "\n") end
end
