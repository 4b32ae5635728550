import { matchPath, useRoute } from '../../app/router';
import { NotFoundPage } from '../../components/StatusPages';
import { BOARDS, type BoardKey } from './api';
import BoardPage from './BoardPage';
import DrillPage from './DrillPage';
import TaskPage from './TaskPage';
import TasksPage from './TasksPage';

/** 监督: every console page of the feature, routed on the path below /supervision. */
export default function SupervisionPage() {
  const { path } = useRoute();
  if (path === '/supervision') return <BoardPage />;
  if (path === '/supervision/requests') return <BoardPage focus="requests" />;
  if (path === '/supervision/tasks') return <TasksPage />;
  const task = matchPath('/supervision/tasks/:id', path);
  if (task?.id) return <TaskPage key={task.id} id={task.id} />;
  const drill = matchPath('/supervision/agencies/:orgId/:board', path);
  if (drill?.orgId && drill.board && drill.board in BOARDS)
    return (
      <DrillPage key={`${drill.orgId}/${drill.board}`} orgId={drill.orgId} board={drill.board as BoardKey} />
    );
  return <NotFoundPage />;
}
