import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ChannelName } from './catalog.tables.js';

/**
 * Release channels (政务微信, 政务微博, 短信 …). The outbox (catalog_deliveries) calls one adapter per
 * channel; see CHANNELS.md. An adapter reports honestly what happened: `delivered` only when the gateway
 * confirmed, `recorded` when it merely wrote down what would be sent.
 */
export interface ChannelMessage {
  deliveryId: string;
  orgId: string;
  itemId: string;
  channel: ChannelName;
  title: string;
  summary: string;
  /** Public URL of the item on the portal. */
  url: string;
  publishedAt: string;
  indexNumber: string | null;
}

export type ChannelResult =
  | { outcome: 'delivered'; externalRef: string | null }
  | { outcome: 'recorded'; externalRef: string | null }
  /** retryable: the outbox retries with backoff; permanent failures stop at once. */
  | { outcome: 'failed'; error: string; retryable: boolean };

export interface ChannelAdapter {
  readonly channel: ChannelName;
  send(message: ChannelMessage): Promise<ChannelResult>;
}

/** Writes one JSON line per message to `<dir>/<channel>.jsonl`: what would be sent, for inspection. */
export class FileRecordingAdapter implements ChannelAdapter {
  constructor(
    readonly channel: ChannelName,
    private readonly dir: string,
  ) {}

  async send(message: ChannelMessage): Promise<ChannelResult> {
    await mkdir(this.dir, { recursive: true });
    const line = JSON.stringify({ recordedAt: new Date().toISOString(), ...message });
    await appendFile(path.join(this.dir, `${this.channel}.jsonl`), line + '\n', 'utf8');
    return { outcome: 'recorded', externalRef: null };
  }
}

const adapters = new Map<ChannelName, ChannelAdapter>();

/** Installs an adapter for a channel (replacing any previous one). */
export function registerChannelAdapter(adapter: ChannelAdapter): void {
  adapters.set(adapter.channel, adapter);
}

export function channelAdapter(channel: ChannelName): ChannelAdapter | undefined {
  return adapters.get(channel);
}

/** Default wiring: every non-portal channel records to DATA_DIR/outbox/<channel>.jsonl. */
export function installFileAdapters(dataDir: string, overwrite = false): void {
  for (const channel of ['wechat', 'weibo', 'sms'] as const)
    if (overwrite || !adapters.has(channel))
      registerChannelAdapter(new FileRecordingAdapter(channel, path.join(dataDir, 'outbox')));
}
