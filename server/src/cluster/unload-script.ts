/**
 * Removes an idle document's Redis keys once Postgres holds everything in its stream, in
 * one atomic step (SPEC: Cluster mode, `--postgres`), but only if nothing changed since
 * the offloading instance read the stream (its last entry is still the one folded into
 * Postgres) and no instance has held the document recently (a fresh heartbeat in its
 * holders set). Otherwise it leaves everything as it is and a later sweep tries again.
 *
 * KEYS: log, holders, docs index, sizes hash, active set, seed claim (done with by now). ARGV: the last stream id folded
 * into Postgres ('0-0' for an empty stream), the oldest heartbeat that still counts (ms),
 * docName. Returns 1 if it removed the keys, 0 if it left them.
 */
export const UNLOAD_SCRIPT = `
if redis.call('ZCOUNT', KEYS[2], ARGV[2], '+inf') > 0 then return 0 end
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local lastId = '0-0'
if #last > 0 then lastId = last[1][1] end
if lastId ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[6])
redis.call('ZREM', KEYS[3], ARGV[3])
redis.call('HDEL', KEYS[4], ARGV[3])
redis.call('ZREM', KEYS[5], ARGV[3])
return 1
`;
