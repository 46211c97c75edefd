import { formatCount, formatShare, formatUtcMs } from '@/components/ui/format';
import { Stat } from '@/components/ui/stat';
import { SEVERITIES } from '@/lib/detect/types';
import type { OverviewResult, SuspectsResult } from '@/lib/worker/query-results';

const BY_RANK = [...SEVERITIES].reverse();

/** Events in view, NXDOMAIN share and suspects by severity. */
export function OverviewStats({ data, suspects }: { data: OverviewResult; suspects: SuspectsResult | null }) {
  const ready = suspects?.detection.status === 'ready';
  return (
    <div className="stats">
      <Stat
        id="stat-events"
        label="DNS events in view"
        value={formatCount(data.events)}
        detail={data.range ? `${formatUtcMs(data.range.first)} → ${formatUtcMs(data.range.last)}` : 'no events'}
      />
      <Stat id="stat-nxdomain" label="NXDOMAIN share" value={formatShare(data.nxdomain, data.events)} detail={`${formatCount(data.nxdomain)} of ${formatCount(data.events)} events`} />
      <Stat
        id="stat-suspects"
        label="Suspects by severity"
        value={!suspects ? '…' : ready ? formatCount(suspects.inView) : 'Looking…'}
        detail={
          suspects && ready ? (
            <span className="severity-counts">
              {BY_RANK.map((s) => (
                <span key={s} className={`severity-count sev-${s}`}>
                  {s} {formatCount(suspects.bySeverity[s])}
                </span>
              ))}
            </span>
          ) : (
            'detectors are running on the loaded data'
          )
        }
      />
    </div>
  );
}
