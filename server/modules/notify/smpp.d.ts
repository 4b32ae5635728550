/** The parts of the `smpp` package (no published types) that Gongkai uses. */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Socket } from 'node:net';

  export interface PDU {
    command: string;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    response(fields?: Record<string, unknown>): PDU;
  }
  export interface Session extends EventEmitter {
    socket: Socket;
    send(pdu: PDU, responseCb?: (pdu: PDU) => void, sendCb?: (pdu: PDU) => void): boolean;
    bind_transceiver(fields: Record<string, unknown>, cb: (pdu: PDU) => void): void;
    submit_sm(fields: Record<string, unknown>, cb: (pdu: PDU) => void): boolean;
    deliver_sm(fields: Record<string, unknown>, cb?: (pdu: PDU) => void): void;
    unbind(cb?: () => void): void;
    close(cb?: () => void): void;
    destroy(cb?: () => void): void;
    pause(): void;
    resume(): void;
  }
  export interface Server extends EventEmitter {
    listen(port: number, host: string, cb?: () => void): Server;
    close(cb?: () => void): void;
    address(): { port: number };
  }
  export function connect(options: Record<string, unknown>, listener?: () => void): Session;
  export function createServer(
    options: Record<string, unknown>,
    listener: (session: Session) => void,
  ): Server;
  export function createServer(listener: (session: Session) => void): Server;
  export const ESME_ROK: number;
  export const ESME_RBINDFAIL: number;
  export const ESME_RTHROTTLED: number;
  export const ESME_RMSGQFUL: number;
  export const ESME_RSYSERR: number;
  export const ESME_RINVDSTADR: number;
  const smpp: {
    connect: typeof connect;
    createServer: typeof createServer;
    ESME_ROK: number;
    ESME_RBINDFAIL: number;
    ESME_RTHROTTLED: number;
    ESME_RMSGQFUL: number;
    ESME_RSYSERR: number;
    ESME_RINVDSTADR: number;
  };
  export default smpp;
}
