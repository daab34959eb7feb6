/**
 * Replaces a document's state and trims its stream in one atomic step, but only if no
 * other instance has compacted since this one read the log (optimistic concurrency: the
 * state id it read must still be current). Entries appended after the merged ones stay.
 *
 * KEYS: state, state-id, log, sizes hash. ARGV: merged state, new state id, expected old
 * state id, first stream id to keep, docName. Returns 1 if it compacted, 0 if it gave up.
 */
export const COMPACT_SCRIPT = `
local current = redis.call('GET', KEYS[2]) or '0-0'
if current ~= ARGV[3] then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[2])
redis.call('XTRIM', KEYS[3], 'MINID', ARGV[4])
local tail = 0
for _, entry in ipairs(redis.call('XRANGE', KEYS[3], '-', '+')) do
  tail = tail + string.len(entry[2][2])
end
redis.call('HSET', KEYS[4], ARGV[5], string.len(ARGV[1]) + tail)
return 1
`;
