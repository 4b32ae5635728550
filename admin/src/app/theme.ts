import type { ThemeConfig } from 'antd';

/** 政务蓝, system Chinese fonts, and a focus ring strong enough to see (keyboard users). */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1c4fa0',
    colorLink: '#1c4fa0',
    borderRadius: 4,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif',
  },
  components: {
    Layout: {
      headerBg: '#123a7a',
      headerHeight: 56,
      headerPadding: '0 20px',
      bodyBg: '#f3f5f8',
      siderBg: '#ffffff',
    },
  },
};
