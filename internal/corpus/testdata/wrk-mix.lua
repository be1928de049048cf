-- wrk script of docs/PERFORMANCE.md: requests the searches of `mobilite bench search` in turn.
-- WRK_BASE=/offres (default) or /api/v1/jobs.
local paths = {}
local words = {"infirmier", "nurse", "chauffeur", "driver", "comptable", "accountant", "logistique", "developer",
  "soudeur", "welder", "agricole", "sante", "protection", "cuisinier", "electrician", "data", "macon", "teacher", "securite", "engineer"}
local pairs2 = {"chauffeur+poids", "data+analyst", "aide+soignant", "software+developer", "ouvrier+agricole",
  "protection+enfance", "chef+projet", "registered+nurse", "genie+civil", "hotel+receptionist"}
local filters = {"&country=FRA", "&country=CAN", "&region=europe", "&region=middle_east", "&isco=2", "&type=employment", "&lang=fr", "&deadline=30"}
local base = os.getenv("WRK_BASE") or "/offres"
for i, w in ipairs(words) do table.insert(paths, base .. "?q=" .. w) end
for i, w in ipairs(pairs2) do table.insert(paths, base .. "?q=" .. w) end
for i, w in ipairs(words) do table.insert(paths, base .. "?q=" .. w .. filters[(i % #filters) + 1]) end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
