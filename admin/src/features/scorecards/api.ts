/** Calls and shapes of the 考核 scorecards API (types from the contract, contract/scorecards.ts). */
import type { Static } from 'typebox';
import type * as C from '@contract/scorecards';
import { api } from '../../api/client';

export type SetSummary = Static<typeof C.SetSummary>;
export type SetDetail = Static<typeof C.SetDetail>;
export type SetList = Static<typeof C.SetList>;
export type IndicatorView = Static<typeof C.IndicatorView>;
export type IndicatorInput = Static<typeof C.IndicatorInput>;
export type MetricCatalog = Static<typeof C.MetricCatalog>;
export type Ranking = Static<typeof C.Ranking>;
export type RankingRow = Static<typeof C.RankingRow>;
export type CardView = Static<typeof C.CardView>;
export type CardItem = CardView['items'][number];
export type ContestView = Static<typeof C.ContestView>;
export type ScoringRule = IndicatorInput['rule'];

export const scorecardsApi = {
  metrics: (signal?: AbortSignal) => api.get<MetricCatalog>('/api/scorecard-metrics', undefined, signal),
  sets: (signal?: AbortSignal) => api.get<SetList>('/api/scorecard-sets', undefined, signal),
  set: (id: string, signal?: AbortSignal) =>
    api.get<SetDetail>(`/api/scorecard-sets/${id}`, undefined, signal),
  create: (body: { period: string; title?: string | null; copyFromPrevious?: boolean }) =>
    api.post<SetDetail>('/api/scorecard-sets', body),
  update: (id: string, body: { title: string; note?: string | null; indicators: IndicatorInput[] }) =>
    api.request<SetDetail>('PUT', `/api/scorecard-sets/${id}`, { body }),
  remove: (id: string) => api.delete<{ ok: boolean }>(`/api/scorecard-sets/${id}`),
  compute: (id: string, agencyId?: string) =>
    api.post<Ranking>(`/api/scorecard-sets/${id}/compute`, agencyId ? { agencyId } : {}),
  ranking: (id: string, signal?: AbortSignal) =>
    api.get<Ranking>(`/api/scorecard-sets/${id}/ranking`, undefined, signal),
  card: (id: string, signal?: AbortSignal) =>
    api.get<CardView>(`/api/scorecard-cards/${id}`, undefined, signal),
  manual: (
    setId: string,
    body: {
      indicatorId: string;
      agencyId: string;
      score: number;
      evidence: string;
      attachment?: { fileName: string; contentBase64: string } | null;
    },
  ) => api.request<CardView>('PUT', `/api/scorecard-sets/${setId}/manual-scores`, { body }),
  contest: (cardId: string, body: { indicatorId: string; reason: string }) =>
    api.post<CardView>(`/api/scorecard-cards/${cardId}/contests`, body),
  answer: (contestId: string, body: { accept: boolean; reply: string; score?: number | null }) =>
    api.post<CardView>(`/api/scorecard-contests/${contestId}/answer`, body),
  rankingXlsxUrl: (id: string) => `/api/scorecard-sets/${id}/ranking.xlsx`,
  rankingDocxUrl: (id: string) => `/api/scorecard-sets/${id}/ranking.docx`,
  cardDocxUrl: (id: string) => `/api/scorecard-cards/${id}/card.docx`,
  cardXlsxUrl: (id: string) => `/api/scorecard-cards/${id}/card.xlsx`,
  attachmentUrl: (manualId: string) => `/api/scorecard-manual-scores/${manualId}/attachment`,
};

/** The periods offered when creating a set: this and the next quarter, the last one, this and last year. */
export function periodChoices(today = new Date()): { value: string; label: string }[] {
  const y = today.getFullYear();
  const q = Math.floor(today.getMonth() / 3) + 1;
  const zh = ['一', '二', '三', '四'];
  const quarter = (yy: number, qq: number) => ({
    value: `${yy}-Q${qq}`,
    label: `${yy}年第${zh[qq - 1]}季度`,
  });
  const prev = q === 1 ? quarter(y - 1, 4) : quarter(y, q - 1);
  const next = q === 4 ? quarter(y + 1, 1) : quarter(y, q + 1);
  return [
    quarter(y, q),
    next,
    prev,
    { value: String(y), label: `${y}年度` },
    { value: String(y - 1), label: `${y - 1}年度` },
  ];
}

export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(typeof r.result === 'string' ? r.result.replace(/^data:[^,]*,/, '') : '');
    r.onerror = () => reject(new Error('读取文件失败'));
    r.readAsDataURL(file);
  });
}
