/** JSON API of the 考核 scorecards: schemas from contract/scorecards.ts, one service call per route. */
import type { FastifyReply } from 'fastify';
import * as api from '../../../contract/scorecards.js';
import { routeSchema } from '../../../contract/common.js';
import type { App } from '../../http/app.js';
import { needs } from '../../http/access.js';
import type { Container } from '../../container.js';
import * as sets from './scorecards.sets.js';
import * as cards from './scorecards.cards.js';

// The Word/Excel exports load docx and exceljs: loaded on the first export, not at start-up (issue 12).
const exporter = () => import('./scorecards.export.js');

const READ = needs('scorecards.manage', 'scorecards.view-own');
const MANAGE = needs('scorecards.manage');
const CONTEST = needs('scorecards.contest');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendFile(reply: FastifyReply, type: string, file: { fileName: string; content: Buffer }) {
  const ext = file.fileName.split('.').pop() ?? 'bin';
  return reply
    .type(type)
    .header(
      'content-disposition',
      `attachment; filename="scorecard.${ext}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('cache-control', 'no-store')
    .send(file.content);
}

export async function scorecardsRoutes(app: App, c: Container): Promise<void> {
  const ctx = c.ctx;
  app.get(
    '/api/scorecard-metrics',
    { config: { access: READ }, schema: routeSchema(api.metricCatalog) },
    (req) => sets.metricCatalog(req.actor),
  );
  app.get('/api/scorecard-sets', { config: { access: READ }, schema: routeSchema(api.listSets) }, (req) =>
    sets.listSets(ctx, req.actor),
  );
  app.post(
    '/api/scorecard-sets',
    { config: { access: MANAGE }, schema: routeSchema(api.createSet) },
    async (req, reply) => reply.status(201).send(await sets.createSet(ctx, req.actor, req.body)),
  );
  app.get('/api/scorecard-sets/:id', { config: { access: READ }, schema: routeSchema(api.getSet) }, (req) =>
    sets.getSet(ctx, req.actor, req.params.id),
  );
  app.put(
    '/api/scorecard-sets/:id',
    { config: { access: MANAGE }, schema: routeSchema(api.updateSet) },
    (req) => sets.updateSet(ctx, req.actor, req.params.id, req.body),
  );
  app.delete(
    '/api/scorecard-sets/:id',
    { config: { access: MANAGE }, schema: routeSchema(api.deleteSet) },
    (req) => sets.deleteSet(ctx, req.actor, req.params.id),
  );
  app.post(
    '/api/scorecard-sets/:id/compute',
    { config: { access: MANAGE }, schema: routeSchema(api.computeSet) },
    (req) =>
      cards.computeCards(ctx, req.actor, req.params.id, req.body.agencyId, undefined, {
        force: req.body.force === true,
      }),
  );
  app.get(
    '/api/scorecard-sets/:id/ranking',
    { config: { access: MANAGE }, schema: routeSchema(api.ranking) },
    (req) => cards.getRanking(ctx, req.actor, req.params.id),
  );
  app.get(
    '/api/scorecard-sets/:id/ranking.xlsx',
    { config: { access: MANAGE }, schema: routeSchema(api.rankingXlsx) },
    async (req, reply) =>
      sendFile(reply, XLSX, await (await exporter()).rankingXlsx(ctx, req.actor, req.params.id)),
  );
  app.get(
    '/api/scorecard-sets/:id/ranking.docx',
    { config: { access: MANAGE }, schema: routeSchema(api.rankingDocx) },
    async (req, reply) =>
      sendFile(reply, DOCX, await (await exporter()).rankingDocx(ctx, req.actor, req.params.id)),
  );
  app.put(
    '/api/scorecard-sets/:id/manual-scores',
    { config: { access: MANAGE }, schema: routeSchema(api.setManualScore), bodyLimit: 15 * 1024 * 1024 },
    (req) => cards.setManualScore(ctx, req.actor, req.params.id, req.body),
  );
  app.get(
    '/api/scorecard-manual-scores/:id/attachment',
    { config: { access: READ }, schema: routeSchema(api.manualAttachment) },
    async (req, reply) =>
      sendFile(
        reply,
        'application/octet-stream',
        await cards.manualAttachment(ctx, req.actor, req.params.id),
      ),
  );
  app.get('/api/scorecard-cards/:id', { config: { access: READ }, schema: routeSchema(api.getCard) }, (req) =>
    cards.cardView(ctx, req.actor, req.params.id),
  );
  app.get(
    '/api/scorecard-cards/:id/card.docx',
    { config: { access: READ }, schema: routeSchema(api.cardDocx) },
    async (req, reply) =>
      sendFile(reply, DOCX, await (await exporter()).cardDocx(ctx, req.actor, req.params.id)),
  );
  app.get(
    '/api/scorecard-cards/:id/card.xlsx',
    { config: { access: READ }, schema: routeSchema(api.cardXlsx) },
    async (req, reply) =>
      sendFile(reply, XLSX, await (await exporter()).cardXlsx(ctx, req.actor, req.params.id)),
  );
  app.post(
    '/api/scorecard-cards/:id/contests',
    { config: { access: CONTEST }, schema: routeSchema(api.contest) },
    (req) => cards.contestItem(ctx, req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/scorecard-contests/:id/answer',
    { config: { access: MANAGE }, schema: routeSchema(api.answerContest) },
    (req) => cards.answerContest(ctx, req.actor, req.params.id, req.body),
  );
}
