import type { Webhook } from 'standardwebhooks';
import type { Delivery } from '../storage/webhook-outbox.js';
import type { Clock } from '../util/clock.js';

/**
 * One attempt at one delivery (SPEC: Webhooks): a POST of the event, signed as Standard
 * Webhooks define (`webhook-id`, `webhook-timestamp`, `webhook-signature`). Only a 2xx
 * answer counts; any other status, no answer within `timeoutMs` (on the server's clock)
 * or a connection error is a failure, and a redirect is not followed. The signature's
 * timestamp is the real time of sending, since receivers check it against their own clock.
 */
export const DELIVERY_TIMEOUT_MS = 10_000;

export type SendResult = { ok: true; status: number } | { ok: false; reason: string };

export async function sendDelivery(
  delivery: Delivery,
  signer: Webhook,
  clock: Clock,
  signal: AbortSignal,
): Promise<SendResult> {
  const timeout = new AbortController();
  const timer = clock.setTimeout(() => timeout.abort(), DELIVERY_TIMEOUT_MS);
  const sentAt = new Date();
  try {
    const response = await fetch(delivery.target, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.any([timeout.signal, signal]),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Quire-Webhooks',
        'webhook-id': delivery.msgId,
        'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
        'webhook-signature': signer.sign(delivery.msgId, sentAt, delivery.body),
      },
      body: delivery.body,
    });
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, reason: `answered ${response.status}` };
  } catch (err) {
    if (timeout.signal.aborted) return { ok: false, reason: `no answer within ${DELIVERY_TIMEOUT_MS} ms` };
    return { ok: false, reason: describeFetchError(err) };
  } finally {
    clock.clear(timer);
  }
}

function describeFetchError(err: unknown): string {
  const cause = err instanceof Error ? (err.cause as { code?: string } | undefined) : undefined;
  return cause?.code ?? (err instanceof Error ? err.message : String(err));
}
