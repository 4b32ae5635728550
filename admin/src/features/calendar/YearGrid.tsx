import { Flex, Typography } from 'antd';
import {
  daysInMonth,
  isoOf,
  KIND_LABELS,
  kindOf,
  WEEKDAY_ZH,
  weekdayOf,
  type DayKind,
  type EditableSchedule,
} from './yearGrid';

const COLORS: Record<DayKind, { background: string; color: string; border: string }> = {
  workday: { background: '#fff', color: '#1f1f1f', border: '#d9d9d9' },
  weekend: { background: '#f0f0f0', color: '#595959', border: '#d9d9d9' },
  holiday: { background: '#fff1f0', color: '#a8071a', border: '#ffa39e' },
  adjusted_workday: { background: '#e6f4ff', color: '#0958d9', border: '#91caff' },
};

/** Colour legend shared by the grid and the page. */
export function Legend() {
  return (
    <Flex gap={12} wrap aria-label="图例">
      {(Object.keys(KIND_LABELS) as DayKind[]).map((k) => (
        <Flex key={k} gap={4} align="center">
          <span
            aria-hidden
            style={{
              display: 'inline-block',
              width: 14,
              height: 14,
              borderRadius: 3,
              background: COLORS[k].background,
              border: `1px solid ${COLORS[k].border}`,
            }}
          />
          <Typography.Text>{KIND_LABELS[k]}</Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}

/**
 * The twelve months of a year with each day coloured by kind. With `onToggle` each day is a button
 * (keyboard-operable, labelled with date, weekday and kind) that cycles its kind.
 */
export function YearGrid({
  year,
  schedule,
  onToggle,
}: {
  year: number;
  schedule: EditableSchedule;
  onToggle?: (iso: string) => void;
}) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(230px, 1fr))', gap: 16 }}>
      {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => {
        const first = weekdayOf(isoOf(year, month, 1));
        const cells: (string | null)[] = [
          ...Array<null>(first).fill(null),
          ...Array.from({ length: daysInMonth(year, month) }, (_, d) => isoOf(year, month, d + 1)),
        ];
        return (
          <section key={month} aria-label={`${year}年${month}月`}>
            <Typography.Text strong>{month}月</Typography.Text>
            <div
              role="grid"
              style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, marginTop: 4 }}
            >
              {WEEKDAY_ZH.map((w) => (
                <div
                  key={w}
                  role="columnheader"
                  style={{ fontSize: 11, textAlign: 'center', color: '#595959' }}
                >
                  {w.slice(1)}
                </div>
              ))}
              {cells.map((iso, idx) => {
                if (!iso) return <div key={`e${idx}`} />;
                const kind = kindOf(iso, schedule);
                const name = schedule.holidayNames[iso];
                const label = `${iso} ${WEEKDAY_ZH[weekdayOf(iso)]} ${KIND_LABELS[kind]}${name ? `（${name}）` : ''}`;
                const style = {
                  ...COLORS[kind],
                  border: `1px solid ${COLORS[kind].border}`,
                  borderRadius: 3,
                  fontSize: 12,
                  lineHeight: '24px',
                  height: 26,
                  padding: 0,
                  textAlign: 'center' as const,
                  fontWeight: kind === 'holiday' || kind === 'adjusted_workday' ? 600 : 400,
                };
                const text = iso.slice(8).replace(/^0/, '');
                return onToggle ? (
                  <button
                    key={iso}
                    type="button"
                    role="gridcell"
                    aria-label={label}
                    title={label}
                    data-kind={kind}
                    style={{ ...style, cursor: 'pointer' }}
                    onClick={() => onToggle(iso)}
                  >
                    {text}
                  </button>
                ) : (
                  <div
                    key={iso}
                    role="gridcell"
                    aria-label={label}
                    title={label}
                    data-kind={kind}
                    style={style}
                  >
                    {text}
                  </div>
                );
              })}
            </div>
          </section>
        );
      })}
    </div>
  );
}
