import { Button, Tooltip } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { HELP, helpHref } from './help-links';

/** The header's help button: the manual section of the page being shown, in a new tab. */
export function HelpLink({ entryKey }: { entryKey: string | undefined }) {
  const target = (entryKey && HELP[entryKey]) || HELP.manual!;
  return (
    <Tooltip title="本页帮助（使用手册）">
      <Button
        type="text"
        href={helpHref(target)}
        target="_blank"
        rel="noopener"
        icon={<QuestionCircleOutlined aria-hidden />}
        aria-label="本页帮助：打开使用手册的对应章节"
      >
        帮助
      </Button>
    </Tooltip>
  );
}
