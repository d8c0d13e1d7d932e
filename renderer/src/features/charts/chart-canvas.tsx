import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  TimeScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import { installUtcDateAdapter } from './date-adapter';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  TimeScale,
  Legend,
  Tooltip,
);
installUtcDateAdapter();

/**
 * A Chart.js chart on a canvas, which is an image for assistive technologies: `label` names it and
 * `describedBy` points at its summary; its data table is beside it (ChartView). A new configuration
 * updates the chart in place (no flicker while a live chart grows); a new chart type rebuilds it.
 */
export function ChartCanvas({
  config,
  label,
  describedBy,
  height,
}: {
  config: ChartConfiguration;
  label: string;
  describedBy?: string;
  /** Pixels; the stylesheet's height when omitted. */
  height?: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | undefined>(undefined);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const current = chart.current;
    if (current && (current.config as ChartConfiguration).type === config.type) {
      current.data = config.data;
      current.options = config.options ?? {};
      current.update('none');
      return;
    }
    current?.destroy();
    chart.current = new Chart(element, config);
  }, [config]);

  useEffect(
    () => () => {
      chart.current?.destroy();
      chart.current = undefined;
    },
    [],
  );

  return (
    <div className="chart-canvas" style={height ? { height } : undefined}>
      <canvas ref={canvas} role="img" aria-label={label} aria-describedby={describedBy} />
    </div>
  );
}
