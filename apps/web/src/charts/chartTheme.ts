import { useEffect, useState } from 'react';

/** Chart colours follow the OS colour scheme, like the stylesheet (canvas cannot read CSS variables by itself). */
export interface ChartTheme {
  readonly text: string;
  readonly grid: string;
  readonly border: string;
  readonly up: string;
  readonly down: string;
  readonly accent: string;
}

const LIGHT: ChartTheme = { text: '#3b4351', grid: '#eceff3', border: '#d5dae1', up: '#15965a', down: '#d64545', accent: '#2f6fde' };
const DARK: ChartTheme = { text: '#b7c0cd', grid: '#1f2631', border: '#2c3544', up: '#2bbd7e', down: '#f0605d', accent: '#5b9cff' };

const query = () => window.matchMedia('(prefers-color-scheme: dark)');

export function useChartTheme(): ChartTheme {
  const [dark, setDark] = useState(() => query().matches);
  useEffect(() => {
    const mq = query();
    const onChange = () => setDark(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  return dark ? DARK : LIGHT;
}

export function baseChartOptions(theme: ChartTheme) {
  return {
    autoSize: true,
    layout: { background: { color: 'transparent' }, textColor: theme.text, fontSize: 11, attributionLogo: false },
    grid: { vertLines: { color: theme.grid }, horzLines: { color: theme.grid } },
    rightPriceScale: { borderColor: theme.border },
    timeScale: { borderColor: theme.border, timeVisible: true, secondsVisible: false },
  };
}
