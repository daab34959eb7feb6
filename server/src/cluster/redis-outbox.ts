import type { Redis } from 'ioredis';
import type { Delivery, NewDelivery, WebhookOutbox } from '../storage/webhook-outbox.js';
import { execMulti, guarded } from './redis-commands.js';

/**
 * The webhook outbox in Redis, shared by every instance (SPEC: Webhooks, Cluster mode).
 * All keys share the `{quire-wh}` hash tag:
 *
 *   {quire-wh}:seq          counter for delivery ids
 *   {quire-wh}:rows         hash: id → JSON delivery
 *   {quire-wh}:queues       set of queue names (target NUL docName) that may hold deliveries
 *   {quire-wh}:q:<queue>    list of ids, oldest first
 *   {quire-wh}:leases       hash: id → time (ms) until which an instance holds it
 *
 * Claiming is one Lua script, so two instances never claim the same delivery while a
 * lease holds; a lease that runs out (its instance died) makes the delivery claimable again.
 */
const SEQ = '{quire-wh}:seq';
const ROWS = '{quire-wh}:rows';
const QUEUES = '{quire-wh}:queues';
const QUEUE_PREFIX = '{quire-wh}:q:';
const LEASES = '{quire-wh}:leases';

/** KEYS: queues, rows, leases. ARGV: queue prefix, now, limit, lease ms. Returns JSON rows. */
const CLAIM_SCRIPT = `
local now, limit, leaseMs = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local claimed = {}
for _, queue in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if #claimed >= limit then break end
  local list = ARGV[1] .. queue
  local id = redis.call('LINDEX', list, 0)
  if not id then
    redis.call('SREM', KEYS[1], queue)
  else
    local row = redis.call('HGET', KEYS[2], id)
    if not row then
      redis.call('LPOP', list)
    else
      local lease = tonumber(redis.call('HGET', KEYS[3], id) or '0')
      if cjson.decode(row).dueAt <= now and lease <= now then
        redis.call('HSET', KEYS[3], id, now + leaseMs)
        claimed[#claimed + 1] = row
      end
    end
  end
end
return claimed
`;

export class RedisOutbox implements WebhookOutbox {
  constructor(private readonly redis: Redis) {}

  async enqueue(deliveries: NewDelivery[], now: number): Promise<void> {
    if (deliveries.length === 0) return;
    const last = await guarded(this.redis.incrby(SEQ, deliveries.length), 'cannot number webhook deliveries');
    const multi = this.redis.multi();
    deliveries.forEach((delivery, index) => {
      const id = (last - deliveries.length + 1 + index).toString(16).padStart(16, '0');
      const row: Delivery = { ...delivery, id, attempts: 0, dueAt: now };
      const queue = queueName(delivery);
      multi
        .hset(ROWS, id, JSON.stringify(row))
        .rpush(QUEUE_PREFIX + queue, id)
        .sadd(QUEUES, queue);
    });
    await execMulti(multi, 'cannot store webhook deliveries');
  }

  async claimDue(now: number, limit: number, leaseMs: number): Promise<Delivery[]> {
    const rows = (await guarded(
      this.redis.eval(CLAIM_SCRIPT, 3, QUEUES, ROWS, LEASES, QUEUE_PREFIX, now, limit, leaseMs),
      'cannot claim webhook deliveries',
    )) as string[];
    return rows.map((row) => JSON.parse(row) as Delivery).sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async complete(delivery: Delivery): Promise<void> {
    const multi = this.redis
      .multi()
      .lrem(QUEUE_PREFIX + queueName(delivery), 1, delivery.id)
      .hdel(ROWS, delivery.id)
      .hdel(LEASES, delivery.id);
    await execMulti(multi, 'cannot remove a webhook delivery');
  }

  async retry(delivery: Delivery, dueAt: number): Promise<void> {
    const row: Delivery = { ...delivery, attempts: delivery.attempts + 1, dueAt };
    const multi = this.redis.multi().hset(ROWS, delivery.id, JSON.stringify(row)).hdel(LEASES, delivery.id);
    await execMulti(multi, 'cannot reschedule a webhook delivery');
  }

  async pendingCount(): Promise<number> {
    return guarded(this.redis.hlen(ROWS), 'cannot count webhook deliveries');
  }
}

function queueName(delivery: NewDelivery): string {
  return `${delivery.target}\u0000${delivery.docName}`;
}
