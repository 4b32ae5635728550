/**
 * One load-generating process of the intake benchmark (bench/intake/run.ts forks several). It keeps
 * `connections` keep-alive HTTP/1.1 connections busy with submissions through node:http (no fetch:
 * the client must cost far less than the server) until the parent says stop, and reports each
 * submission's fate:
 *
 * - acknowledged: the server answered 201 (the case id / case number it returned);
 * - in doubt: the request was sent but no answer came (the server was killed meanwhile);
 * - refused: any other status (counted, first bodies kept).
 *
 * Every submission carries a unique marker (`压测<n>`, n = process index × 10^7 + counter) in the
 * applicant's name, so the parent can check afterwards that each acknowledged one is in the database
 * exactly once and nothing was stored twice.
 *
 * Modes: `api` — staff intake `POST /api/requests` (in person, session cookie + CSRF header, as the
 * console sends it); `apply` — the public form: `POST /apply` asking for the text captcha (the
 * accessible alternative, an arithmetic question in Chinese words), the client solves it like a
 * person reading it, then `POST /apply` with the form. Each simulated visitor has its own
 * X-Forwarded-For address (the server trusts the loopback proxy), so the per-visitor limit of 10
 * submissions a minute holds per visitor and is not what limits the run.
 */
import http from 'node:http';
import { residentId } from '../writes/writes.bench.js';
import { normaliseAnswer } from '../../server/modules/captcha/captcha.rules.js';

export interface ClientOptions {
  index: number;
  mode: 'api' | 'apply';
  host: string;
  port: number;
  connections: number;
  cookie?: string;
  csrf?: string;
}

export interface ClientReport {
  index: number;
  /** marker → case id (api) or case number (apply) */
  acknowledged: [number, string][];
  inDoubt: number[];
  refused: number;
  refusedSamples: string[];
  /** ack times (epoch ms), for per-segment rates */
  ackTimes: number[];
  latencies: number[];
  startedAt: number;
}

interface Answer {
  status: number;
  body: string;
}

function send(
  agent: http.Agent,
  o: ClientOptions,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: o.host,
        port: o.port,
        method: 'POST',
        path,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** The question of a text captcha on the rendered form: "七加三等于几？" → "10". */
export function solveCaptcha(html: string): { id: string; answer: string } | null {
  const id = /name="captchaId" value="([^"]+)"/.exec(html)?.[1];
  const q = /([零一二三四五六七八九十]+)(加|减)([零一二三四五六七八九十]+)等于几/.exec(html);
  if (!id || !q) return null;
  const a = Number(normaliseAnswer(q[1]!));
  const b = Number(normaliseAnswer(q[3]!));
  return { id, answer: String(q[2] === '加' ? a + b : a - b) };
}

export function runClient(o: ClientOptions): { stop(): Promise<ClientReport> } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const report: ClientReport = {
    index: o.index,
    acknowledged: [],
    inDoubt: [],
    refused: 0,
    refusedSamples: [],
    ackTimes: [],
    latencies: [],
    startedAt: Date.now(),
  };
  let counter = 0;
  let stopping = false;
  const submittedAt = new Date().toISOString();
  // Refused connections never carried the request; anything else may have reached the server.
  const inDoubt = (n: number, err: unknown) => {
    if ((err as { code?: string }).code !== 'ECONNREFUSED') report.inDoubt.push(n);
  };
  const refuse = (a: Answer) => {
    report.refused++;
    if (report.refusedSamples.length < 3) report.refusedSamples.push(`${a.status} ${a.body.slice(0, 300)}`);
  };

  async function apiOnce(n: number): Promise<void> {
    const body = JSON.stringify({
      channel: 'in_person',
      applicantType: 'natural',
      applicantName: `压测${n}`,
      idDocType: 'resident_id',
      idNumber: residentId(n),
      phone: '13800138000',
      description: `申请公开本市危险化学品重大危险源清单（压测 ${n}）`,
      requestedForm: 'electronic',
      deliveryMethod: 'online',
      submittedAt,
    });
    const t = performance.now();
    let a: Answer;
    try {
      a = await send(
        agent,
        o,
        '/api/requests',
        { 'content-type': 'application/json', cookie: o.cookie!, 'x-csrf-token': o.csrf! },
        body,
      );
    } catch (err) {
      inDoubt(n, err);
      throw new Error('connection');
    }
    if (a.status === 201) {
      const id = /"id":"([^"]+)"/.exec(a.body)?.[1] ?? '';
      report.acknowledged.push([n, id]);
      report.ackTimes.push(Date.now());
      report.latencies.push(performance.now() - t);
    } else refuse(a);
  }

  async function applyOnce(n: number): Promise<void> {
    // One visitor per submission: 10.x.y.z from the marker.
    const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip };
    let page: Answer;
    try {
      page = await send(agent, o, '/apply', headers, form({ captchaRefresh: 'text', captchaKind: 'text' }));
    } catch {
      throw new Error('connection'); // nothing submitted yet
    }
    const solved = page.status === 200 ? solveCaptcha(page.body) : null;
    if (!solved) return refuse(page);
    const t = performance.now();
    let a: Answer;
    try {
      a = await send(
        agent,
        o,
        '/apply',
        headers,
        form({
          applicantType: 'natural',
          applicantName: `压测${n}`,
          idDocType: 'resident_id',
          idNumber: residentId(n),
          phone: '13800138000',
          description: `申请公开本市危险化学品重大危险源清单（压测 ${n}）`,
          requestedForm: 'electronic',
          deliveryMethod: 'online',
          captchaKind: 'text',
          captchaId: solved.id,
          captcha: solved.answer,
        }),
      );
    } catch (err) {
      inDoubt(n, err);
      throw new Error('connection');
    }
    if (a.status === 201) {
      const number = /[A-Z0-9-]+-\d{4}-\d{5,}/.exec(a.body)?.[0] ?? '';
      report.acknowledged.push([n, number]);
      report.ackTimes.push(Date.now());
      report.latencies.push(performance.now() - t);
    } else refuse(a);
  }

  const once = o.mode === 'api' ? apiOnce : applyOnce;
  const loops = Array.from({ length: o.connections }, async () => {
    while (!stopping) {
      const n = o.index * 10_000_000 + ++counter;
      try {
        await once(n);
      } catch {
        // The server is down (killed): wait for it to come back.
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  });
  return {
    async stop() {
      stopping = true;
      await Promise.all(loops);
      agent.destroy();
      return report;
    },
  };
}

// Forked by run.ts: options in argv[2] (JSON); "ready" when loaded, "start" begins the load, "stop" ends
// it and sends the report back.
if (process.send && process.argv[2]) {
  const options = JSON.parse(process.argv[2]) as ClientOptions;
  let client: ReturnType<typeof runClient> | undefined;
  process.on('message', (m) => {
    if (m === 'start') client = runClient(options);
    if (m === 'stop' && client) void client.stop().then((r) => process.send!(r, () => process.exit(0)));
  });
  process.send('ready');
}
