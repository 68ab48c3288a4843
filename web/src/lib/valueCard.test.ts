import { describe, expect, it } from 'vitest';
import { format } from '../i18n/messages';
import { en } from '../i18n/en';
import type { MessageKey } from '../i18n/zh-CN';
import { bandText, scoreColor } from './valueCard';

const t = (key: MessageKey, vars?: Record<string, string | number>) => format(en[key], vars);
const band = (score: number, min: number, max: number, customers: number) => ({ score, min, max, customers });

describe('value card', () => {
  const bands = {
    recency_days: [band(1, 349, 922, 36), band(2, 169, 337, 35), band(3, 53, 161, 35), band(4, 17, 52, 35), band(5, 1, 16, 35)],
    frequency: [band(1, 1, 1, 58), band(2, 2, 2, 26), band(3, 3, 4, 23), band(4, 5, 9, 35), band(5, 10, 35, 34)],
    monetary: [band(1, 0, 100, 1), band(2, 0, 0, 0), band(3, 0, 0, 0), band(4, 0, 0, 0), band(5, 200, 50000, 2)],
  };
  const money = (fen: number) => `¥${fen / 100}`;

  it('explains a score by its band of the last run', () => {
    expect(bandText('r', 5, bands, t, money)).toBe('R5: last order 1–16 days ago (35 customers)');
    expect(bandText('f', 1, bands, t, money)).toBe('F1: orders on 1 days (58 customers)');
    expect(bandText('m', 5, bands, t, money)).toBe('M5: ¥2–¥500 in total (2 customers)');
  });

  it('says nothing for an empty band', () => {
    expect(bandText('m', 3, bands, t, money)).toBe('');
  });

  it('colours scores from red to green', () => {
    expect(scoreColor(1)).toBe('red');
    expect(scoreColor(5)).toBe('green');
    expect(scoreColor(0)).toBe('default');
  });
});
