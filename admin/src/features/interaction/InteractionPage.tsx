import { matchPath, useRoute } from '../../app/router';
import BoardPage from './BoardPage';
import ConsultationsPage from './ConsultationsPage';
import ItemPage from './ItemPage';
import ItemsPage from './ItemsPage';
import NewItemPage from './NewItemPage';
import SettingsPage from './SettingsPage';

/** 互动交流: every console page of the feature, routed on the path below /interaction. */
export default function InteractionPage() {
  const { path } = useRoute();
  if (path === '/interaction/board') return <BoardPage />;
  if (path === '/interaction/new') return <NewItemPage />;
  if (path === '/interaction/settings') return <SettingsPage />;
  if (path.startsWith('/interaction/consultations')) return <ConsultationsPage />;
  const m = matchPath('/interaction/items/:id', path);
  if (m?.id) return <ItemPage key={m.id} id={m.id} />;
  return <ItemsPage />;
}
