/**
 * Protocol peers for tests and the benchmark, on loopback: an SMTP server that parses what it receives
 * (smtp-server + mailparser) and an SMSC that answers submit_sm and sends delivery receipts (the smpp
 * package's server). Both count what they got, so tests can tell lost from doubled.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import smpp, { type PDU, type Session } from 'smpp';

export interface SmtpPeer {
  url: string;
  mails: { raw: string; parsed: ParsedMail; rcpt: string[] }[];
  close(): Promise<void>;
}

/** An SMTP server on 127.0.0.1 that keeps every message; `reject` answers 550 for these recipients. */
export async function startSmtpPeer(options: { reject?: string[] } = {}): Promise<SmtpPeer> {
  const mails: SmtpPeer['mails'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // close() waits this long for clients still connected (a pooled transport keeps its connections open)
    // before cutting them; smtp-server's default of 30 s made each test that closed a peer wait 30 s.
    closeTimeout: 100,
    onRcptTo(address, _session, cb) {
      if (options.reject?.includes(address.address)) {
        const err = new Error('mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then((parsed) => {
          mails.push({ raw, parsed, rcpt: session.envelope.rcptTo.map((r) => r.address) });
          cb();
        }, cb);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise((r) => server.close(() => r())) };
}

export interface SmscPart {
  to: string;
  esmClass: number;
  dataCoding: number;
  /** the concatenation information element (00 03 ref total seq), when present */
  udh: Buffer | null;
  /** the part's text as the SMSC decoded it (UCS-2 for data_coding 8) */
  text: string;
  messageId: string;
}

export interface SmppPeer {
  url: string;
  parts: SmscPart[];
  binds: number;
  submits: number;
  sessions: Set<Session>;
  /** sends a mobile-originated SMS (a reply) to every bound client */
  reply(from: string, text: string): void;
  close(): Promise<void>;
}

/**
 * An SMSC on 127.0.0.1. mode: `ok` accepts and sends a DELIVRD receipt per part (or UNDELIV for
 * numbers in `undeliverable`); `refuse` refuses every bind; `drop` closes the connection on submit_sm
 * without answering. `delayMs` delays each submit_sm_resp.
 */
export async function startSmppPeer(
  options: {
    mode?: 'ok' | 'refuse' | 'drop';
    delayMs?: number;
    receipts?: boolean;
    undeliverable?: string[];
  } = {},
): Promise<SmppPeer> {
  const mode = options.mode ?? 'ok';
  const peer: SmppPeer = {
    url: '',
    parts: [],
    binds: 0,
    submits: 0,
    sessions: new Set(),
    reply: (from, text) => {
      for (const s of peer.sessions)
        s.deliver_sm({
          source_addr: from,
          destination_addr: '10690000',
          esm_class: 0,
          data_coding: 8,
          short_message: ucs2be(text),
        });
    },
    close: async () => {},
  };
  let seq = 0;
  const server = smpp.createServer({}, (session: Session) => {
    session.on('error', () => {});
    session.on('bind_transceiver', (pdu: PDU) => {
      peer.binds += 1;
      if (mode === 'refuse') {
        session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
        session.close();
        return;
      }
      peer.sessions.add(session);
      session.on('close', () => peer.sessions.delete(session));
      session.send(pdu.response());
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: PDU) => {
      peer.submits += 1;
      if (mode === 'drop') {
        session.destroy();
        return;
      }
      const messageId = `M${++seq}`;
      const sm = pdu.short_message as { message?: Buffer | string; udh?: Buffer[] };
      const text = Buffer.isBuffer(sm.message) ? sm.message.toString('latin1') : String(sm.message ?? '');
      const udh = sm.udh?.find((u) => u[0] === 0x00) ?? null;
      const respond = () => {
        peer.parts.push({
          to: String(pdu.destination_addr),
          esmClass: Number(pdu.esm_class),
          dataCoding: Number(pdu.data_coding),
          udh,
          text,
          messageId,
        });
        session.send(pdu.response({ message_id: messageId }));
        if (options.receipts !== false) {
          const to = String(pdu.destination_addr).replace(/^86/, '');
          const stat = options.undeliverable?.includes(to) ? 'UNDELIV' : 'DELIVRD';
          setTimeout(
            () =>
              session.deliver_sm({
                source_addr: String(pdu.destination_addr),
                destination_addr: String(pdu.source_addr),
                esm_class: 4,
                short_message: `id:${messageId} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:2607010800 done date:2607010800 stat:${stat} err:000 text:`,
              }),
            5,
          );
        }
      };
      if (options.delayMs) setTimeout(respond, options.delayMs);
      else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = server.address().port;
  peer.url = `smpp://gongkai:secret@127.0.0.1:${port}?from=10690000`;
  peer.close = () =>
    new Promise<void>((resolve) => {
      for (const s of peer.sessions) s.destroy();
      server.close(() => resolve());
    });
  return peer;
}

export function ucs2be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) {
    const a = le[i]!;
    le[i] = le[i + 1]!;
    le[i + 1] = a;
  }
  return le;
}

/** The concatenation header of a received part: reference, total parts, sequence number. */
export function concatOf(p: SmscPart): { ref: number | null; total: number; seq: number } {
  if (!p.udh || p.udh[1] !== 0x03) return { ref: null, total: 1, seq: 1 };
  return { ref: p.udh[2]!, total: p.udh[3]!, seq: p.udh[4]! };
}
