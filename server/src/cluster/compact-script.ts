/**
 * Replaces a document's state and trims its stream in one atomic step, but only if the
 * new state covers more of the stream than the stored one (another instance may have
 * compacted further meanwhile; then this one gives up). Entries after the new state's
 * stream id stay.
 *
 * KEYS: state, state-id, log, sizes hash. ARGV: new state, its stream id (everything up
 * to it is in the state), the first stream id to keep, docName. Returns 1 if it
 * compacted, 0 if it gave up.
 */
export const COMPACT_SCRIPT = `
local function parse(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return tonumber(ms), tonumber(seq)
end
local cm, cs = parse(redis.call('GET', KEYS[2]) or '0-0')
local nm, ns = parse(ARGV[2])
if nm < cm or (nm == cm and ns <= cs) then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[2])
redis.call('XTRIM', KEYS[3], 'MINID', ARGV[3])
local tail = 0
for _, entry in ipairs(redis.call('XRANGE', KEYS[3], '-', '+')) do
  tail = tail + string.len(entry[2][2])
end
redis.call('HSET', KEYS[4], ARGV[4], string.len(ARGV[1]) + tail)
return 1
`;
