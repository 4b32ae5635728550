import { matchPath, useRoute } from '../../app/router';
import BoardPage from './BoardPage';
import CaseListPage from './CaseListPage';
import CasePage from './CasePage';
import IntakePage from './IntakePage';
import { AppealsPage, FeesPage, PromotionsPage, RemindersPage } from './LedgerPages';
import { MetaProvider } from './common';
import TemplatesPage from './TemplatesPage';

/** 依申请公开: every console page of the feature, routed on the path below /requests. */
export default function RequestsPage() {
  const { path } = useRoute();
  const page = (() => {
    switch (path) {
      case '/requests/new':
        return <IntakePage />;
      case '/requests/board':
        return <BoardPage />;
      case '/requests/fees':
        return <FeesPage />;
      case '/requests/appeals':
        return <AppealsPage />;
      case '/requests/reminders':
        return <RemindersPage />;
      case '/requests/promotions':
        return <PromotionsPage />;
      case '/requests/templates':
        return <TemplatesPage />;
      default: {
        const m = matchPath('/requests/:id', path);
        return m?.id ? <CasePage key={m.id} id={m.id} /> : <CaseListPage />;
      }
    }
  })();
  return <MetaProvider>{page}</MetaProvider>;
}
