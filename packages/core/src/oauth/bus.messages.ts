import * as z from 'zod/mini';
import { text } from '../contract/schema-parts';
import type { MessageBus } from '../environment/environment.types';
import type { ParsedCallback } from './callback.parse';
import { constantTimeEqual } from './constant-time';

const param = /* @__PURE__ */ text(1, 2048);
const nullableParam = /* @__PURE__ */ z.nullable(param);

const parsedCallbackSchema = /* @__PURE__ */ z.union([
  /* @__PURE__ */ z.object({
    type: /* @__PURE__ */ z.literal('code'),
    kind: /* @__PURE__ */ z.literal('advertising'),
    code: param,
    state: param,
  }),
  /* @__PURE__ */ z.object({
    type: /* @__PURE__ */ z.literal('code'),
    kind: /* @__PURE__ */ z.literal('sellerCentral'),
    code: param,
    state: param,
    sellingPartnerId: param,
  }),
  /* @__PURE__ */ z.object({
    type: /* @__PURE__ */ z.literal('refused'),
    error: param,
    description: nullableParam,
    state: nullableParam,
  }),
  /* @__PURE__ */ z.object({
    type: /* @__PURE__ */ z.literal('malformed'),
    kind: /* @__PURE__ */ z.enum(['advertising', 'sellerCentral']),
    state: nullableParam,
  }),
]);

const busMessageSchema = /* @__PURE__ */ z.union([
  /* @__PURE__ */ z.object({
    type: /* @__PURE__ */ z.literal('smart-ads:callback'),
    origin: /* @__PURE__ */ z.string(),
    callback: parsedCallbackSchema,
  }),
  /* @__PURE__ */ z.object({
    type: /* @__PURE__ */ z.literal('smart-ads:callback-ack'),
    origin: /* @__PURE__ */ z.string(),
    state: param,
  }),
  /* @__PURE__ */ z.object({
    type: /* @__PURE__ */ z.literal('smart-ads:status-changed'),
    origin: /* @__PURE__ */ z.string(),
  }),
]);

/** A message between the engine's windows (tabs and the sign-in popup). */
export type BusMessage = z.infer<typeof busMessageSchema>;

/**
 * Validates a message from the bus: it must have our shape and come from `origin` (both the platform's origin, when
 * it reports one, and the origin written in the message). Anything else is ignored.
 *
 * @example
 * ```ts
 * bus.subscribe((data, from) => {
 *   const message = readBusMessage(data, from, 'https://app.example');
 *   if (message?.type === 'smart-ads:status-changed') refresh();
 * });
 * ```
 */
export function readBusMessage(data: unknown, senderOrigin: string, origin: string): BusMessage | null {
  if (senderOrigin !== '' && senderOrigin !== origin) return null;
  const parsed = busMessageSchema.safeParse(data);
  if (!parsed.success || parsed.data.origin !== origin) return null;
  return parsed.data;
}

/**
 * From the popup: hands the callback to the window that opened it and waits for its acknowledgement. Resolves
 * `true` when the opener took it (the popup can close), `false` after `timeoutMs` (the popup handles it itself).
 *
 * @example
 * ```ts
 * if (await handOffCallback(bus, origin, parsed, 1500, setTimer)) window.close();
 * ```
 */
export function handOffCallback(
  bus: MessageBus,
  origin: string,
  callback: ParsedCallback,
  timeoutMs: number,
  setTimer: (callback: () => void, ms: number) => () => void,
): Promise<boolean> {
  const state = callback.state;
  if (state === null) return Promise.resolve(false);
  return new Promise((resolve) => {
    let cancelTimer = () => {};
    const unsubscribe = bus.subscribe((data, from) => {
      const message = readBusMessage(data, from, origin);
      if (message?.type === 'smart-ads:callback-ack' && constantTimeEqual(message.state, state)) {
        unsubscribe();
        cancelTimer();
        resolve(true);
      }
    });
    cancelTimer = setTimer(() => {
      unsubscribe();
      resolve(false);
    }, timeoutMs);
    bus.post({ type: 'smart-ads:callback', origin, callback } satisfies BusMessage);
  });
}
