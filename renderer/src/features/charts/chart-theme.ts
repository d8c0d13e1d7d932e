import { useEffect, useState } from 'react';

/**
 * Chart colours from the page's CSS variables (`charts.css` holds the series palette), so charts follow
 * the light and dark themes; read again whenever the theme changes (`<html data-theme>`).
 */
export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  border: string;
  font: string;
  /** One colour per dataset, in order (then again). */
  series: string[];
}

const SERIES_COLOURS = 8;

export function readChartTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const value = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: value('--text', '#18212d'),
    muted: value('--text-muted', '#5d6877'),
    grid: value('--border', '#e2e7ee'),
    surface: value('--surface', '#ffffff'),
    border: value('--border-strong', '#cfd6e0'),
    font: value('--font', 'system-ui, sans-serif'),
    series: Array.from({ length: SERIES_COLOURS }, (_, i) => value(`--chart-${i + 1}`, '#2f5bd3')),
  };
}

/** The theme's chart colours, current. */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readChartTheme);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(readChartTheme()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return theme;
}
