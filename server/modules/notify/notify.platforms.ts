import type { Ctx } from '../../platform/context.js';
import { enabledChannelAccount } from './notify.repository.js';
import { escapeHtml } from './notify.rules.js';
import {
  RecordingTransport,
  type OutgoingMessage,
  type SendOutcome,
  type Transport,
} from './notify.transports.js';

/**
 * Publishing to an agency's WeChat 公众号 and Weibo accounts through their documented APIs. A post
 * counts as published (`delivered`) only when the platform returned its id; agencies without an
 * account configured get the post recorded to DATA_DIR/outbox (`recorded`, 未发送（仅记录）).
 *
 * WeChat (公众号, developers.weixin.qq.com): GET /cgi-bin/token (client_credential) → access_token;
 * POST /cgi-bin/draft/add → media_id; POST /cgi-bin/freepublish/submit → publish_id; POST
 * /cgi-bin/freepublish/get → publish_status 0 with article_id (1 = still publishing, ≥2 = failed).
 * Weibo (open.weibo.com): POST /2/statuses/share.json (access_token, status with a link) → id / idstr.
 */
export interface PlatformAccount {
  org_id: string;
  channel: string;
  api_base: string;
  app_id: string | null;
  app_secret: string | null;
  access_token: string | null;
  thumb_media_id: string | null;
  enabled: number;
}

export interface Post {
  id: string;
  title: string;
  text: string;
  html: string | null;
  url?: string | null;
}

export type PostResult =
  | { outcome: 'delivered' | 'sent'; externalRef: string }
  | { outcome: 'recorded'; externalRef: null }
  | { outcome: 'failed'; error: string; retryable: boolean };

async function json(res: Response): Promise<Record<string, unknown>> {
  const text = await res.text();
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error(`平台返回了无法解析的内容（HTTP ${res.status}）`);
  }
}

const TIMEOUT_MS = 20_000;
const post = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });

export async function publishWechat(
  a: PlatformAccount,
  p: Post,
  pollMs = 1000,
  polls = 5,
): Promise<PostResult> {
  const base = a.api_base.replace(/\/$/, '');
  const tokenRes = await json(
    await fetch(
      `${base}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(a.app_id ?? '')}&secret=${encodeURIComponent(a.app_secret ?? '')}`,
      { signal: AbortSignal.timeout(TIMEOUT_MS) },
    ),
  );
  const token = tokenRes.access_token as string | undefined;
  if (!token)
    return {
      outcome: 'failed',
      error: `微信公众号获取凭证失败：${String(tokenRes.errmsg ?? tokenRes.errcode)}`,
      retryable: false,
    };
  const q = `access_token=${encodeURIComponent(token)}`;
  const draft = await json(
    await post(`${base}/cgi-bin/draft/add?${q}`, {
      articles: [
        {
          title: p.title.slice(0, 64),
          content: p.html ?? p.text,
          content_source_url: p.url ?? '',
          thumb_media_id: a.thumb_media_id ?? '',
          need_open_comment: 0,
        },
      ],
    }),
  );
  const mediaId = draft.media_id as string | undefined;
  if (!mediaId)
    return {
      outcome: 'failed',
      error: `微信公众号新建草稿失败：${String(draft.errmsg ?? draft.errcode)}`,
      retryable: false,
    };
  const submit = await json(await post(`${base}/cgi-bin/freepublish/submit?${q}`, { media_id: mediaId }));
  const publishId = submit.publish_id as string | number | undefined;
  if (submit.errcode !== 0 || publishId === undefined)
    return {
      outcome: 'failed',
      error: `微信公众号发布失败：${String(submit.errmsg ?? submit.errcode)}`,
      retryable: false,
    };
  for (let i = 0; i < polls; i++) {
    const st = await json(
      await post(`${base}/cgi-bin/freepublish/get?${q}`, { publish_id: String(publishId) }),
    );
    const status = Number(st.publish_status);
    const articleId = st.article_id as string | number | undefined;
    if (status === 0 && articleId !== undefined)
      return { outcome: 'delivered', externalRef: String(articleId) };
    if (status >= 2)
      return {
        outcome: 'failed',
        error: `微信公众号发布未通过（publish_status ${status}）`,
        retryable: false,
      };
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return { outcome: 'sent', externalRef: `publish_id:${String(publishId)}` };
}

export async function publishWeibo(a: PlatformAccount, p: Post): Promise<PostResult> {
  const base = a.api_base.replace(/\/$/, '');
  const status = `${p.title}${p.url ? ` ${p.url}` : ''}`.slice(0, 140);
  const res = await fetch(`${base}/2/statuses/share.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ access_token: a.access_token ?? '', status }).toString(),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const body = await json(res);
  const id = (body.idstr ?? body.id) as string | number | undefined;
  if (res.ok && id !== undefined) return { outcome: 'delivered', externalRef: String(id) };
  const retryable = res.status >= 500 || res.status === 429;
  return {
    outcome: 'failed',
    error: `微博发布失败：${String((body.error as string | undefined) ?? `HTTP ${res.status}`)}`,
    retryable,
  };
}

export async function accountOf(
  ctx: Ctx,
  orgId: string,
  channel: 'wechat' | 'weibo',
): Promise<PlatformAccount | undefined> {
  return enabledChannelAccount(ctx.db, orgId, channel);
}

/** Publishes a post for an agency: through its configured account, or `recorded` when it has none. */
export async function publishPost(
  ctx: Ctx,
  orgId: string,
  channel: 'wechat' | 'weibo',
  p: Post,
  record: () => Promise<void>,
): Promise<PostResult> {
  const a = await accountOf(ctx, orgId, channel);
  if (!a) {
    await record();
    return { outcome: 'recorded', externalRef: null };
  }
  try {
    return channel === 'wechat' ? await publishWechat(a, p) : await publishWeibo(a, p);
  } catch (e) {
    return {
      outcome: 'failed',
      error: `${channel === 'wechat' ? '微信公众号' : '微博'}接口不可用：${e instanceof Error ? e.message : String(e)}`,
      retryable: true,
    };
  }
}

/** The article body of a post: its text in paragraphs and the link to the full text on the portal. */
function postHtml(text: string, url: string | null): string {
  const paras = text
    .split(/\n+/)
    .filter((l) => l.trim())
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('');
  return url ? `${paras}<p><a href="${escapeHtml(url)}">阅读全文</a></p>` : paras;
}

/** The queue's transport for posts (channel wechat/weibo): the agency's account, else recording. */
export class PlatformTransport implements Transport {
  readonly concurrency = 2;
  readonly ratePerSecond = 2;
  readonly recordsOnly = false;
  private readonly recorder: RecordingTransport;
  constructor(
    private readonly ctx: Ctx,
    readonly channel: 'wechat' | 'weibo',
    outbox: string,
  ) {
    this.recorder = new RecordingTransport(channel, outbox);
  }
  async send(m: OutgoingMessage): Promise<SendOutcome> {
    const r = await publishPost(
      this.ctx,
      m.orgId,
      this.channel,
      {
        id: m.id,
        title: m.subject ?? m.text.slice(0, 30),
        text: m.text,
        html: m.html ?? postHtml(m.text, m.url),
        url: m.url,
      },
      async () => void (await this.recorder.send(m)),
    );
    return r;
  }
  async close(): Promise<void> {}
}
