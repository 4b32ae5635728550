import { lazy } from 'react';
import {
  ExperimentOutlined,
  FileProtectOutlined,
  ShopOutlined,
  SafetyOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { DashboardCard, MenuEntry } from '../registry';

const EnterprisesPage = lazy(() => import('./EnterprisesPage'));
const ImportPage = lazy(() => import('./ImportPage'));
const InspectionsPage = lazy(() => import('./InspectionsPage'));
const CreditPage = lazy(() => import('./CreditPage'));
const EnterpriseAreaPage = lazy(() => import('./EnterpriseAreaPage'));

/** 智慧安监 pages: the agency's registry, import, 双随机, credit; the enterprise users' own area. */
export const menu: MenuEntry[] = [
  {
    key: 'enterprises',
    path: '/enterprises',
    label: '企业名录与隐患',
    icon: <ShopOutlined />,
    anyOf: ['enterprises.manage', 'business.read'],
    element: <EnterprisesPage />,
    group: 'business',
    order: 60,
  },
  {
    key: 'enterprises-import',
    path: '/enterprises-import',
    label: '企业名录导入',
    icon: <UploadOutlined />,
    anyOf: ['enterprises.manage'],
    element: <ImportPage />,
    group: 'business',
    order: 61,
  },
  {
    key: 'inspections',
    path: '/inspections',
    label: '双随机抽查',
    icon: <ExperimentOutlined />,
    anyOf: ['enterprises.manage'],
    element: <InspectionsPage />,
    group: 'business',
    order: 62,
  },
  {
    key: 'credit',
    path: '/credit',
    label: '安全生产信用',
    icon: <FileProtectOutlined />,
    anyOf: ['enterprises.manage'],
    element: <CreditPage />,
    group: 'business',
    order: 63,
  },
  {
    key: 'enterprise-area',
    path: '/enterprise-area',
    label: '企业专区',
    icon: <SafetyOutlined />,
    anyOf: ['enterprise.self'],
    element: <EnterpriseAreaPage />,
    group: 'business',
    order: 1,
  },
];
export const cards: DashboardCard[] = [];
