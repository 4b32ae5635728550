/** JSON API of events and proposals: schemas from contract/events.ts, one service call per route. */
import type { FastifyReply } from 'fastify';
import * as api from '../../../contract/events.js';
import { routeSchema } from '../../../contract/common.js';
import type { App } from '../../http/app.js';
import { needs } from '../../http/access.js';
import type { Container } from '../../container.js';
import * as events from './events.service.js';
import * as proposals from './proposals.service.js';
import * as templates from './proposals.templates.js';

const READ = needs('events.manage', 'business.read', 'supervise.read');
const WRITE = needs('events.manage');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function sendDocx(reply: FastifyReply, file: { fileName: string; content: Buffer }) {
  return reply
    .type(DOCX)
    .header(
      'content-disposition',
      `attachment; filename="reply.docx"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('cache-control', 'no-store')
    .send(file.content);
}

export async function eventsRoutes(app: App, c: Container): Promise<void> {
  const ctx = c.ctx;
  // ---------- events ----------
  app.get('/api/events', { config: { access: READ }, schema: routeSchema(api.listEvents) }, (req) =>
    events.listEvents(ctx, req.actor, req.query),
  );
  app.post(
    '/api/events',
    { config: { access: WRITE }, schema: routeSchema(api.createEvent) },
    async (req, reply) => reply.status(201).send(await events.createEvent(ctx, req.actor, req.body)),
  );
  app.get('/api/events/:id', { config: { access: READ }, schema: routeSchema(api.getEvent) }, (req) =>
    events.getEvent(ctx, req.actor, req.params.id),
  );
  app.put('/api/events/:id', { config: { access: WRITE }, schema: routeSchema(api.updateEvent) }, (req) =>
    events.updateEvent(ctx, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/events/:id/transition',
    { config: { access: WRITE }, schema: routeSchema(api.transitionEvent) },
    (req) => events.transitionEvent(ctx, req.actor, req.params.id, req.body),
  );
  app.put(
    '/api/events/:id/record',
    { config: { access: WRITE }, schema: routeSchema(api.saveEventRecord) },
    (req) => events.saveEventRecord(ctx, req.actor, req.params.id, req.body),
  );
  app.put(
    '/api/events/:id/filing',
    { config: { access: WRITE }, schema: routeSchema(api.fileEvent) },
    (req) => events.fileEvent(ctx, req.actor, req.params.id, req.body),
  );
  app.put(
    '/api/event-registrations/:id',
    { config: { access: WRITE }, schema: routeSchema(api.decideRegistration) },
    (req) => events.decideRegistration(ctx, req.actor, req.params.id, req.body.status),
  );
  app.get(
    '/api/event-press-plans/:year',
    { config: { access: READ }, schema: routeSchema(api.getPressPlan) },
    (req) => events.getPressPlan(ctx, req.actor, req.params.year),
  );
  app.put(
    '/api/event-press-plans/:year',
    { config: { access: WRITE }, schema: routeSchema(api.setPressPlan) },
    (req) => events.setPressPlan(ctx, req.actor, req.params.year, req.body),
  );

  // ---------- proposals ----------
  app.get('/api/proposals', { config: { access: READ }, schema: routeSchema(api.listProposals) }, (req) =>
    proposals.listProposals(ctx, req.actor, req.query),
  );
  app.get(
    '/api/proposal-board',
    { config: { access: READ }, schema: routeSchema(api.proposalBoard) },
    (req) => proposals.proposalBoard(ctx, req.actor),
  );
  app.post(
    '/api/proposals',
    { config: { access: WRITE }, schema: routeSchema(api.createProposal) },
    async (req, reply) => reply.status(201).send(await proposals.createProposal(ctx, req.actor, req.body)),
  );
  app.get('/api/proposals/:id', { config: { access: READ }, schema: routeSchema(api.getProposal) }, (req) =>
    proposals.getProposal(ctx, req.actor, req.params.id),
  );
  app.put(
    '/api/proposals/:id',
    { config: { access: WRITE }, schema: routeSchema(api.updateProposal) },
    (req) => proposals.updateProposal(ctx, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/proposals/:id/contacts',
    { config: { access: WRITE }, schema: routeSchema(api.addContact) },
    (req) => proposals.addContact(ctx, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/proposals/:id/co-opinions',
    { config: { access: WRITE }, schema: routeSchema(api.requestCoOpinion) },
    (req) => proposals.requestCoOpinion(ctx, req.actor, req.params.id, req.body.unit),
  );
  app.put(
    '/api/proposal-co-opinions/:id',
    { config: { access: WRITE }, schema: routeSchema(api.recordCoOpinion) },
    (req) => proposals.recordCoOpinion(ctx, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/proposals/:id/reply',
    { config: { access: WRITE }, schema: routeSchema(api.replyProposal) },
    (req) => proposals.replyProposal(ctx, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/proposals/:id/feedback',
    { config: { access: WRITE }, schema: routeSchema(api.recordFeedback) },
    (req) => proposals.recordFeedback(ctx, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/proposals/:id/publication',
    { config: { access: WRITE }, schema: routeSchema(api.setPublication) },
    (req) => proposals.setPublication(ctx, req.actor, req.params.id, req.body),
  );
  app.get(
    '/api/proposals/:id/letter.docx',
    { config: { access: READ }, schema: routeSchema(api.replyLetter) },
    async (req, reply) => sendDocx(reply, await templates.replyLetter(ctx, req.actor, req.params.id)),
  );
  app.get(
    '/api/proposal-settings',
    { config: { access: READ }, schema: routeSchema(api.getProposalSettings) },
    (req) => proposals.getSettings(ctx, req.actor),
  );
  app.put(
    '/api/proposal-settings',
    { config: { access: WRITE }, schema: routeSchema(api.setProposalSettings) },
    (req) => proposals.setSettings(ctx, req.actor, req.body),
  );
  app.get(
    '/api/proposal-template',
    { config: { access: READ }, schema: routeSchema(api.getReplyTemplate) },
    (req) => templates.templateInfo(ctx, req.actor),
  );
  app.put(
    '/api/proposal-template',
    { config: { access: WRITE }, schema: routeSchema(api.uploadReplyTemplate), bodyLimit: 6 * 1024 * 1024 },
    (req) => templates.uploadTemplate(ctx, req.actor, req.body),
  );
  app.delete(
    '/api/proposal-template',
    { config: { access: WRITE }, schema: routeSchema(api.deleteReplyTemplate) },
    (req) => templates.resetTemplate(ctx, req.actor),
  );
  app.get(
    '/api/proposal-template/file.docx',
    { config: { access: READ }, schema: routeSchema(api.downloadReplyTemplate) },
    async (req, reply) => sendDocx(reply, await templates.downloadTemplate(ctx, req.actor)),
  );
}
