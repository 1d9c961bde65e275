/**
 * The Lua scripts of the Redis index, and their loading: each is defined as a command on the
 * client (ioredis sends it as EVALSHA, and as EVAL after a NOSCRIPT reply).
 */
import type { Cluster, Redis } from 'ioredis';

/** The scripts as commands of a client they were defined on. */
export interface Scripts {
  reprintWrite(numKeys: number, ...args: (string | Buffer | number)[]): Promise<number>;
  reprintFindBuffer(numKeys: number, ...args: (string | Buffer | number)[]): Promise<Buffer[]>;
  reprintParams(meta: string, format: string, params: string, created: string): Promise<[string, string]>;
  reprintCommit(docs: string, refs: string, holders: string, stage: string, expected: number): Promise<[number, number, number]>;
  reprintRemove(docs: string, refs: string, holders: string, selector: string, ...locators: string[]): Promise<string[]>;
}

/** Records params on first use; returns what is stored: {'new'|'params', json} or {'format', f}. */
const PARAMS_LUA = `
local f = redis.call('HGET', KEYS[1], 'format')
if f and f ~= ARGV[1] then return {'format', f} end
local p = redis.call('HGET', KEYS[1], 'params')
if p then return {'params', p} end
redis.call('HSET', KEYS[1], 'format', ARGV[1], 'params', ARGV[2])
redis.call('HSETNX', KEYS[1], 'created', ARGV[3])
return {'new', ARGV[2]}
`;

/**
 * Writes content records, shingle sets and band members of one slot (or, standalone, any keys) in
 * one call, instead of one command each: the client's per-command cost dominated adding.
 * KEYS: n content keys, then one shingle set key per set, then one bucket key per member. ARGV:
 * n, record length, the records back to back, the 12-byte members back to back, then the sets,
 * one argument each (their lengths differ).
 */
const WRITE_LUA = `
local n, len = tonumber(ARGV[1]), tonumber(ARGV[2])
local recs, mems = ARGV[3], ARGV[4]
local sets = #ARGV - 4
for i = 1, n do
  redis.call('SET', KEYS[i], string.sub(recs, (i - 1) * len + 1, i * len))
end
for i = 1, sets do
  redis.call('SET', KEYS[n + i], ARGV[4 + i])
end
for j = n + sets + 1, #KEYS do
  local o = (j - n - sets - 1) * 12
  redis.call('ZADD', KEYS[j], 0, string.sub(mems, o + 1, o + 12))
end
return #KEYS
`;

/**
 * Band lookups in one call. KEYS: bucket keys. ARGV[1]: one 4-byte band key per bucket key.
 * Returns, per key, the 8-byte content hashes of its members with that band key, back to back.
 */
const FIND_LUA = `
local keys4 = ARGV[1]
local limit = tonumber(ARGV[2])
local tail = string.rep(string.char(255), 8)
local out = {}
for i = 1, #KEYS do
  local k4 = string.sub(keys4, (i - 1) * 4 + 1, i * 4)
  local found = redis.call('ZRANGEBYLEX', KEYS[i], '[' .. k4, '[' .. k4 .. tail, 'LIMIT', 0, limit)
  local hs = {}
  for j, m in ipairs(found) do hs[j] = string.sub(m, 5, 12) end
  out[i] = table.concat(hs)
end
return out
`;

/** Shared by commit and remove: a document at `loc` no longer holds content `h`. */
const RELEASE_LUA = `
local function release(refs, holders, h, loc)
  if redis.call('HINCRBY', refs, h, -1) <= 0 then redis.call('HDEL', refs, h) end
  redis.call('ZREM', holders, h .. ':' .. loc)
end
`;

/**
 * Moves every staged document into docs, keeping refs and holders right, in one atomic step.
 * Checks everything before writing anything (a Lua error does not undo earlier writes).
 */
const COMMIT_LUA = `${RELEASE_LUA}
local docs, refs, holders, stage = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local n = redis.call('LLEN', stage)
if n ~= tonumber(ARGV[1]) then
  redis.call('DEL', stage)
  return redis.error_reply('ERR reprint: ' .. n .. ' of ' .. ARGV[1] .. ' staged documents found (the stage expired?); nothing added')
end
local nullable = {'url', 'outlet', 'title', 'dateline', 'published', 'credit', 'label'}
local function check(v)
  local ok, d = pcall(cjson.decode, v)
  if not ok or type(d) ~= 'table' then return nil, 'is not JSON' end
  if type(d.locator) ~= 'string' or d.locator == '' then return nil, 'has no locator' end
  if type(d.path) ~= 'string' then return nil, 'has no path' end
  if type(d.contentHash) ~= 'string' or #d.contentHash ~= 16 or not string.find(d.contentHash, '^[0-9a-f]+$') then
    return nil, 'has no 16-digit content hash'
  end
  if type(d.addedAt) ~= 'string' then return nil, 'has no addedAt' end
  if d.id ~= nil and type(d.id) ~= 'string' then return nil, 'has a bad id' end
  for _, k in ipairs(nullable) do
    if d[k] ~= cjson.null and type(d[k]) ~= 'string' then return nil, 'has a bad ' .. k end
  end
  return d
end
local SLICE = 1000
for s = 0, n - 1, SLICE do
  local items = redis.call('LRANGE', stage, s, s + SLICE - 1)
  for i, v in ipairs(items) do
    local d, why = check(v)
    if not d then
      redis.call('DEL', stage)
      return redis.error_reply('ERR reprint: document ' .. (s + i) .. ' of the add ' .. why .. '; nothing added')
    end
  end
end
local added, replaced, unchanged = 0, 0, 0
for s = 0, n - 1, SLICE do
  local items = redis.call('LRANGE', stage, s, s + SLICE - 1)
  for _, v in ipairs(items) do
    local d = cjson.decode(v)
    local loc, h = d.locator, d.contentHash
    local old = redis.call('HGET', docs, loc)
    local oh = old and cjson.decode(old).contentHash
    if oh == h then
      unchanged = unchanged + 1
    else
      if oh then
        release(refs, holders, oh, loc)
        replaced = replaced + 1
      else
        added = added + 1
      end
      redis.call('HSET', docs, loc, v)
      redis.call('HINCRBY', refs, h, 1)
      redis.call('ZADD', holders, 0, h .. ':' .. loc)
    end
  end
end
redis.call('DEL', stage)
return {added, replaced, unchanged}
`;

/** Removes the given locators when they (still) match the selector; returns those removed. */
const REMOVE_LUA = `${RELEASE_LUA}
local docs, refs, holders = KEYS[1], KEYS[2], KEYS[3]
local sel = cjson.decode(ARGV[1])
local exact = {}
for _, e in ipairs(sel.exact) do exact[e] = true end
local removed = {}
for i = 2, #ARGV do
  local loc = ARGV[i]
  local v = redis.call('HGET', docs, loc)
  if v then
    local d = cjson.decode(v)
    local hit = exact[d.locator] or exact[d.path] or (type(d.url) == 'string' and exact[d.url])
    if not hit then
      for _, p in ipairs(sel.prefixes) do
        if string.sub(d.path, 1, #p) == p then hit = true break end
      end
    end
    if hit then
      redis.call('HDEL', docs, loc)
      release(refs, holders, d.contentHash, loc)
      removed[#removed + 1] = loc
    end
  end
end
return removed
`;

/** Defines the scripts on a client; returns it as their commands. */
export function defineScripts(client: Redis | Cluster): Scripts {
  client.defineCommand('reprintWrite', { lua: WRITE_LUA });
  client.defineCommand('reprintFind', { lua: FIND_LUA, readOnly: true });
  client.defineCommand('reprintParams', { numberOfKeys: 1, lua: PARAMS_LUA });
  client.defineCommand('reprintCommit', { numberOfKeys: 4, lua: COMMIT_LUA });
  client.defineCommand('reprintRemove', { numberOfKeys: 3, lua: REMOVE_LUA });
  return client as unknown as Scripts;
}
